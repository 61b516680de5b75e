/** Request and response schemas of subscriptions (alerts), notification templates and announcements. */
import { z } from "zod";
import { languages } from "../i18n/index.ts";
import { NOTIFICATION_TEMPLATES } from "./render.ts";

const language = z.enum(languages);
const email = z.email().max(254).transform((e) => e.trim().toLowerCase());
/** E.164: a plus, a country code and up to 15 digits (spaces and dashes as people type them are dropped). */
const phone = z.string().max(30).transform((p) => p.replace(/[\s().-]/g, "")).pipe(z.string().regex(/^\+[1-9]\d{7,14}$/));
const base64url = z.string().min(16).max(200).regex(/^[A-Za-z0-9_-]+=*$/);
const push = z.object({
  endpoint: z.url({ protocol: /^https$/ }).max(1000),
  keys: z.object({ p256dh: base64url, auth: base64url }),
});

/** How to reach the subscriber: e-mail (default; the account's address when signed in), phone or this browser. */
const contact = {
  channel: z.enum(["email", "push", "sms", "whatsapp"]).default("email"),
  /** Required for e-mail unless signed in. */
  email: email.optional(),
  /** Required for sms and whatsapp, in international form (+212…). */
  phone: phone.optional(),
  /** Required for push: the browser's PushSubscription. */
  push: push.optional(),
  language: language.optional(),
  frequency: z.enum(["instant", "daily"]).default("instant"),
};

export const subscribeBody = z.object(contact).strict();
export type ContactInput = z.output<typeof subscribeBody>;

export const alertBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("area"), areaCode: z.string().min(1).max(50), ...contact }).strict(),
  z.object({ kind: z.literal("category"), categoryCode: z.string().min(1).max(50), areaCode: z.string().min(1).max(50).optional(), ...contact }).strict(),
  z.object({
    kind: z.literal("radius"), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), radiusM: z.number().int().min(50).max(5000), ...contact,
  }).strict(),
]);
export type AlertInput = z.output<typeof alertBody>;

export const subscribeReply = z.object({
  /** True when a confirmation was sent (the same answer whether or not the address was already subscribed). */
  confirmationRequired: z.boolean(),
});

export const tokenBody = z.object({ token: z.string().min(10).max(1000) });
export const tokenQuery = tokenBody;
export const confirmReply = z.object({ ref: z.string().nullable(), kind: z.string() });
export const unsubscribeReply = z.object({ ref: z.string().nullable() });

export const subscriptionView = z.object({
  id: z.uuid(),
  kind: z.enum(["report", "area", "category", "radius"]),
  channel: z.string(),
  /** Which alert, in the reader's language ("Maarif", "within 500 m of your point"). */
  label: z.string(),
  ref: z.string().nullable(),
  areaCode: z.string().nullable(),
  categoryCode: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  radiusM: z.number().nullable(),
  language: language,
  frequency: z.enum(["instant", "daily"]),
  confirmed: z.boolean(),
  createdAt: z.string(),
});
export type SubscriptionView = z.infer<typeof subscriptionView>;
export const subscriptionList = z.object({ items: z.array(subscriptionView) });

export const changeSubscriptionBody = z.object({
  language: language.optional(),
  frequency: z.enum(["instant", "daily"]).optional(),
}).strict();
export const manageChangeBody = changeSubscriptionBody.extend({ token: z.string().min(10).max(1000), id: z.uuid() }).strict();
export const manageDeleteBody = z.object({ token: z.string().min(10).max(1000), id: z.uuid() }).strict();

// --- staff: notification templates ---------------------------------------------------------

const templateName = z.enum(Object.keys(NOTIFICATION_TEMPLATES) as [keyof typeof NOTIFICATION_TEMPLATES, ...(keyof typeof NOTIFICATION_TEMPLATES)[]]);
export const templateParams = z.object({ template: templateName, language });
export const templateBody = z.object({ subject: z.string().trim().min(1).max(250), body: z.string().trim().min(1).max(5000) }).strict();
export const templateView = z.object({
  template: templateName,
  language,
  placeholders: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  edited: z.boolean(),
  updatedAt: z.string().nullable(),
});
export const templateList = z.object({ items: z.array(templateView) });
export const templatePreview = z.object({ subject: z.string(), text: z.string(), line: z.string() });

// --- staff: announcements ------------------------------------------------------------------

const perLanguage = (max: number) => z.object({ ar: z.string().trim().min(1).max(max), fr: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) }).strict();
export const announcementBody = z.object({
  title: perLanguage(200),
  body: perLanguage(4000),
  /** Subscribers of these areas (none: every area). */
  areaCodes: z.array(z.string().min(1).max(50)).max(100).default([]),
  /** Subscribers of these categories, in the areas or city-wide (none: the areas' area alerts). */
  categoryCodes: z.array(z.string().min(1).max(50)).max(100).default([]),
}).strict();
export type AnnouncementInput = z.output<typeof announcementBody>;
export const announcementPreview = z.object({
  recipients: z.number().int(),
  byLanguage: z.object({ ar: z.number().int(), fr: z.number().int(), en: z.number().int() }),
  byChannel: z.record(z.string(), z.number().int()),
  messages: z.object({ ar: templatePreview, fr: templatePreview, en: templatePreview }),
});
export const announcementView = z.object({
  id: z.uuid(),
  title: z.record(z.string(), z.string()),
  body: z.record(z.string(), z.string()),
  areaCodes: z.array(z.string()),
  categoryCodes: z.array(z.string()),
  recipients: z.number().int().nullable(),
  author: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const announcementList = z.object({ items: z.array(announcementView) });
