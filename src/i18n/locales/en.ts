/** English server messages: problem titles, field messages, states, e-mails. The reference catalog. */
export const en = {
  problem: {
    validation: "The request is not valid",
    not_found: "Not found",
    outside_area: "This location is outside the area served",
    unknown_category: "Unknown category",
    unauthenticated: "Please sign in",
    forbidden: "You are not allowed to do this",
    csrf: "Missing or invalid security token: reload the page and try again",
    rate_limited: "Too many requests: please wait a moment and try again",
    payload_too_large: "The upload is too large",
    unsupported_media: "This file type is not supported",
    idempotency_conflict: "This Idempotency-Key was already used for a different request",
    invalid_transition: "This state change is not allowed",
    invalid_token: "This link is invalid or has expired",
    email_taken: "An account already exists with this e-mail address",
    invalid_credentials: "Wrong e-mail or password",
    email_not_verified: "Please confirm your e-mail address first",
    location_required: "Place the pin on the map or add a photo with its location",
    contact_required: "Give an e-mail address so that we can confirm your report, or sign in",
    internal: "Something went wrong on our side. Your request has been logged.",
    unavailable: "The service is temporarily unavailable",
  },
  field: {
    required: "This field is required",
    invalid: "This value is not valid",
    too_long: "This text is too long (at most {{max}} characters)",
    too_short: "This text is too short (at least {{min}} characters)",
    too_many_photos: "At most {{max}} photos",
    photo_too_large: "Each photo must be at most {{max}} MB",
    photo_type: "Photos must be JPEG, PNG, WebP or HEIC",
    photo_unreadable: "This photo could not be read",
    no_gps: "This photo has no location: place the pin on the map",
  },
  state: {
    open: "Awaiting confirmation",
    confirmed: "Open",
    in_progress: "In progress",
    action_scheduled: "Action scheduled",
    fixed: "Fixed",
    closed: "Closed",
    duplicate: "Duplicate",
    not_responsible: "Not the city's responsibility",
    referred: "Referred to another body",
    reopened: "Reopened",
  },
  page: {
    appName: "Baladiya {{city}}",
    title: "Report a problem in {{city}}",
    description: "Potholes, street lights, rubbish, leaks: report a problem in public space to the service in charge, and follow it until it is fixed.",
    shellHeading: "A problem in your street?",
    shellText: "Report it in a minute with a pin on the map and a photo. The responsible service receives it and you follow it until it is fixed.",
    shellCta: "Report a problem",
    reportTitle: "{{ref}}: {{title}}",
    noscript: "This service needs JavaScript. You can also use the API documented at /api/docs.",
  },
  mail: {
    footer: "Baladiya, the citizen reporting platform of {{city}}. This message was sent automatically.",
    confirmReport: {
      subject: "Confirm your report: {{title}}",
      body: "Hello {{name}},\n\nThank you for your report “{{title}}” (reference {{ref}}).\n\nTo publish it and send it to the service in charge, please confirm it by opening this link within 7 days:\n{{link}}\n\nIf you did not make this report, ignore this message and nothing will be published.",
    },
    reportConfirmed: {
      subject: "Your report {{ref}} has been sent to {{authority}}",
      body: "Hello {{name}},\n\nYour report “{{title}}” is now public and has been sent to {{authority}}.\nFollow it here: {{link}}",
    },
    newReport: {
      subject: "[{{ref}}] New report: {{category}} — {{area}}",
      body: "A citizen has reported a problem in your area of responsibility.\n\nReference: {{ref}}\nCategory: {{category}}\nArea: {{area}}\nTitle: {{title}}\n\n{{description}}\n\nLocation: {{lat}}, {{lon}}\nMap: {{mapLink}}\nPhotos: {{photos}}\nReported on: {{date}}\n\nManage this report: {{link}}",
      noPhotos: "none",
    },
    verifyEmail: {
      subject: "Confirm your e-mail address",
      body: "Hello {{name}},\n\nPlease confirm your e-mail address by opening this link within 7 days:\n{{link}}",
    },
    passwordReset: {
      subject: "Reset your password",
      body: "Hello {{name}},\n\nSomeone asked to reset the password of your account. To choose a new password, open this link within one hour:\n{{link}}\n\nIf it was not you, ignore this message: your password stays the same.",
    },
    confirmSubscription: {
      subject: "Confirm you want to follow report {{ref}}",
      body: "Hello,\n\nSomeone (probably you) asked to receive e-mails about the report “{{title}}” ({{ref}}).\n\nTo confirm, open this link within 7 days:\n{{link}}\n\nIf it was not you, ignore this message: nothing will be sent.",
    },
    subscriptionUpdate: {
      subject: "Report {{ref}}: {{state}}",
      body: "Hello,\n\nThere is news about the report “{{title}}” you follow.\nState: {{state}}\n\n{{text}}\n\nFollow it here: {{link}}\n\nStop these e-mails: {{unsubscribe}}",
    },
    reportUpdated: {
      subject: "Update on your report {{ref}}: {{state}}",
      body: "Hello {{name}},\n\nThere is news about your report “{{title}}”.\nState: {{state}}\n\n{{text}}\n\nFollow it here: {{link}}",
    },
  },
};

/** The shape every other catalog must have: the same keys, string values. */
type Catalog<T> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };
export type Messages = Catalog<typeof en>;
