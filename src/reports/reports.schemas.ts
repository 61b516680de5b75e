/**
 * Request and response schemas of the reports API. The single source of truth for
 * validation, TypeScript types and the OpenAPI document; the web app imports them too.
 */
import { z } from "zod";
import { states } from "./reports.lifecycle.ts";

export const MAX_PHOTOS = 5;
export const MAX_PHOTO_MB = 10;

/** Multipart sends every field as text: accept "33.58" as well as 33.58, "true" as well as true. */
const numberish = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const booleanish = z.union([z.boolean(), z.enum(["true", "false", "on", "1", "0"]).transform((v) => v === "true" || v === "on" || v === "1")]);
const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);

export const reportState = z.enum(states);
export const uiLanguage = z.enum(["ar", "fr", "en"]);

export const createReportBody = z.object({
  lat: numberish.pipe(z.number().min(-90).max(90)).optional(),
  lon: numberish.pipe(z.number().min(-180).max(180)).optional(),
  category: code,
  title: z.string().trim().min(3).max(120),
  description: z.string().trim().max(5000).default(""),
  language: uiLanguage.default("fr"),
  attributes: z.record(code, z.union([z.string().max(500), z.number(), z.array(z.string().max(100)).max(20)])).default({}),
  reporter: z.object({
    name: z.string().trim().min(1).max(100).optional(),
    email: z.email().max(254).transform((e) => e.trim().toLowerCase()).optional(),
    phone: z.string().trim().regex(/^\+?[0-9 ().-]{6,30}$/).optional(),
    showName: booleanish.default(false),
  }).strict().default({ showName: false }),
}).strict().refine((b) => (b.lat === undefined) === (b.lon === undefined), { message: "lat and lon go together", path: ["lon"] });
export type CreateReportInput = z.infer<typeof createReportBody>;

export const authorityRef = z.object({ id: z.uuid(), code: z.string(), name: z.record(z.string(), z.string()) });

export const createReportReply = z.object({
  id: z.uuid(),
  ref: z.string(),
  state: reportState,
  area: z.string(),
  authority: authorityRef,
  trackingUrl: z.url(),
  /** True when the reporter must confirm by e-mail before the report is published. */
  confirmationRequired: z.boolean(),
});

export const photoView = z.object({ id: z.uuid(), url: z.string(), thumbnailUrl: z.string(), width: z.number(), height: z.number() });

export const updateView = z.object({
  id: z.uuid(),
  createdAt: z.date(),
  authorName: z.string().nullable(),
  authorRole: z.string(),
  visibility: z.enum(["public", "internal"]),
  text: z.string(),
  stateFrom: reportState.nullable(),
  stateTo: reportState.nullable(),
  photos: z.array(photoView),
});

/** What anyone may see: no e-mail, no phone, the name only if the reporter chose to show it. */
export const publicReport = z.object({
  id: z.uuid(),
  ref: z.string(),
  category: z.string(),
  area: z.string(),
  prefecture: z.string().nullable(),
  authority: authorityRef,
  lat: z.number(),
  lon: z.number(),
  title: z.string(),
  description: z.string(),
  language: z.string(),
  state: reportState,
  priority: z.number(),
  reporterName: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  confirmedAt: z.date().nullable(),
  fixedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  photos: z.array(photoView),
  trackingUrl: z.string(),
  /** Citizens who confirmed they have the same problem ("me too"). */
  supporterCount: z.number().int(),
});

export const staffReport = publicReport.extend({
  reporter: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), showName: z.boolean(), userId: z.uuid().nullable() }),
  source: z.string(),
  /** The id the authority's own system (Open311) gave the report, once sent there. */
  externalId: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  assigneeId: z.uuid().nullable(),
  /** When staff first responded publicly (or changed the state). */
  acknowledgedAt: z.date().nullable(),
  /** Confirmation (or filing) plus the category's target days. */
  dueAt: z.date().nullable(),
  /** Still to do and past due. */
  overdue: z.boolean(),
  /** Staff set the priority by hand; triage no longer changes it. */
  priorityOverridden: z.boolean(),
  /** The reporters' answers to "Is it really fixed?" for this report (one per fix). */
  fixFeedback: z.object({
    answers: z.number().int(),
    notFixed: z.number().int(),
    averageScore: z.number().nullable().describe("mean satisfaction, 1 to 5, of the answers that gave one"),
  }),
  triage: z.object({
    modelVersion: z.string(),
    language: z.string().describe("detected: ary, ary-Latn, ar, fr, en, es, zgh or und"),
    languageConfidence: z.number(),
    categories: z.array(z.object({ code: z.string(), p: z.number() })),
    urgency: z.object({ score: z.number(), factors: z.array(z.object({ kind: z.string(), points: z.number(), text: z.string() })) }),
    duplicates: z.array(z.object({ ref: z.string(), score: z.number(), distance: z.number() })).describe("probable duplicates found when it was filed: merge suggestions"),
  }).nullable().describe("what AI triage made of the report"),
});

export const reportDetail = z.object({
  report: z.union([staffReport, publicReport]),
  updates: z.array(updateView),
  history: z.array(z.object({ at: z.date(), action: z.string(), field: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable(), actor: z.string(), actorId: z.uuid().nullable() })).optional(),
  /** What this viewer may do on the report page. */
  viewer: z.object({
    reporter: z.boolean().describe("the signed-in viewer filed it"),
    supporting: z.boolean().describe("the signed-in viewer said \"me too\""),
    feedbackAwaited: z.boolean().describe("the report is fixed and this viewer (the signed-in reporter, or the holder of the e-mailed feedback link) may answer \"Is it really fixed?\""),
  }),
});

/** GET /api/reports/:ref: the token of the e-mailed "Is it really fixed?" link, if the page was opened from it. */
export const reportQuery = z.object({ feedbackToken: z.string().min(10).max(1000).optional() });

const csv = <T extends z.ZodType<string, string>>(item: T) => z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)).pipe(z.array(item).min(1).max(50));

export const listReportsQuery = z.object({
  bbox: z.string().transform((s) => s.split(",").map(Number)).pipe(z.tuple([
    z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90),
  ]).refine(([west, south, east, north]) => west <= east && south <= north, "west ≤ east and south ≤ north")).optional().describe("west,south,east,north"),
  area: csv(code).optional(),
  category: csv(code).optional(),
  state: csv(reportState).optional(),
  authority: csv(code).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  sort: z.enum(["newest", "priority"]).default("newest"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
  format: z.enum(["json", "geojson"]).default("json"),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;

/**
 * A list row carries what a map marker and a list line show, nothing more: a map view asks for
 * hundreds at a time. The authority is its code (names are in GET /api/city), the tracking page is /r/{ref}.
 */
export const reportListItem = z.object({
  ref: z.string(),
  category: z.string(),
  area: z.string(),
  authority: z.string(),
  lat: z.number(),
  lon: z.number(),
  title: z.string(),
  language: z.string(),
  state: reportState,
  priority: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  thumbnailUrl: z.string().nullable(),
  supporterCount: z.number().int(),
});
export const listReportsReply = z.object({ items: z.array(reportListItem), nextCursor: z.string().nullable() });

export const refParams = z.object({ ref: z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{3,9}$/) });

export const addUpdateBody = z.object({
  text: z.string().trim().min(1).max(5000),
  state: reportState.optional(),
  visibility: z.enum(["public", "internal"]).default("public"),
}).strict();

export const staffPatchBody = z.object({
  category: code.optional(),
  authority: code.optional(),
  assigneeId: z.uuid().nullable().optional(),
  priority: z.number().int().min(0).max(100).optional(),
  duplicateOf: z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{3,9}$/).optional(),
}).strict().refine((b) => Object.keys(b).length > 0, { message: "nothing to change" });

export const confirmBody = z.object({ token: z.string().min(10).max(1000) });

// ---- The reporter loop: "Is it really fixed?", the reporter's mails, "me too" ----

export const fixFeedbackBody = z.object({
  fixed: z.boolean(),
  score: z.number().int().min(1).max(5).optional().describe("satisfaction, 1 (not at all) to 5 (very)"),
  comment: z.string().trim().max(2000).optional(),
  language: uiLanguage.optional(),
  /** The e-mailed link's token; a signed-in reporter needs none. */
  token: z.string().min(10).max(1000).optional(),
}).strict();
export type FixFeedbackInput = z.infer<typeof fixFeedbackBody>;
export const fixFeedbackReply = z.object({ ref: z.string(), fixed: z.boolean(), state: reportState });

const flag = z.union([z.boolean(), z.enum(["1", "true", "0", "false"]).transform((v) => v === "1" || v === "true")]);
/**
 * JSON {token, all?} from the web page, or the mail client's one-click POST (RFC 8058): the
 * token in the query string and the form body `List-Unsubscribe=One-Click`.
 */
export const reporterMailsOffBody = z.object({ token: z.string().min(10).max(1000).optional(), all: flag.optional() }).optional();
export const reporterMailsOffQuery = z.object({ token: z.string().min(10).max(1000).optional(), all: flag.optional() });
export const reporterMailsOffReply = z.object({
  ref: z.string(),
  /** Mails about this report are off. */
  reportMails: z.literal(false),
  /** Mails about all the account's own reports are off too. */
  allOwnReports: z.boolean(),
});

export const supportBody = z.object({
  email: z.email().max(254).transform((e) => e.trim().toLowerCase()).optional().describe("anonymous supporters: confirmed by an e-mailed link"),
  language: uiLanguage.optional(),
}).strict();
export const supportReply = z.object({
  /** The e-mail must be confirmed before the supporter counts. */
  confirmationRequired: z.boolean(),
  supporterCount: z.number().int(),
});
export const supporterConfirmBody = z.object({ token: z.string().min(10).max(1000) });
export const supporterConfirmReply = z.object({ ref: z.string(), supporterCount: z.number().int() });

/** GET /api/reports/map: the public list's filters, a box (required) and the map's zoom. */
export const mapReportsQuery = listReportsQuery.pick({ area: true, category: true, state: true, from: true, to: true }).extend({
  bbox: listReportsQuery.shape.bbox.unwrap(),
  zoom: z.coerce.number().int().min(0).max(22),
});
export type MapReportsQuery = z.infer<typeof mapReportsQuery>;

/** The three buckets of states a map colours by: to do, being done, done with. */
export const mapBucket = z.enum(["open", "progress", "done"]);

export const mapPoint = z.tuple([z.string(), z.number(), z.number(), reportState, z.string()])
  .describe("[ref, lat, lon, state, category]");
export const mapCell = z.tuple([z.number(), z.number(), z.number().int(), z.number().int(), z.number().int(), z.number().int()])
  .describe("[lat, lon, count, open, progress, done]: the centroid of the cell's reports, their number, and how many in each bucket");

/**
 * Every report of the box as a compact point when there are few enough; otherwise a grid of
 * counts (`cellSize` pixels at the asked zoom), so that a dense view stays a few kilobytes.
 */
export const mapReportsReply = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("points"), total: z.number().int(), points: z.array(mapPoint) }),
  z.object({
    kind: z.literal("cells"), total: z.number().int(), cellSize: z.number().int(),
    buckets: z.record(mapBucket, z.array(reportState)).describe("the states counted in each bucket"),
    cells: z.array(mapCell),
  }),
]);
export type MapReportsReply = z.infer<typeof mapReportsReply>;

// ---- The staff console: queue, counts, bulk changes, colleagues ----

/** The public list's filters, plus the staff's own; sorted as a queue unless asked otherwise. */
export const staffListQuery = listReportsQuery.omit({ sort: true, format: true }).extend({
  sort: z.enum(["queue", "priority", "newest"]).default("queue")
    .describe("queue: highest priority first, then the longest waiting; priority: then the newest; newest"),
  assignee: z.union([z.enum(["me", "none"]), z.uuid()]).optional().describe("me, none (unassigned) or a staff member's id"),
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional().describe("true: only reports past their category's target days"),
});
export type StaffListQuery = z.infer<typeof staffListQuery>;

export const staffListItem = reportListItem.extend({
  assigneeId: z.uuid().nullable(),
  /** When staff first answered publicly or changed the state. */
  acknowledgedAt: z.date().nullable(),
  /** Confirmation (or filing) plus the category's target days. */
  dueAt: z.date().nullable(),
  /** Still to do and past due. */
  overdue: z.boolean(),
  /** Why the priority is what it is, in plain words (triage factors, most points first). */
  reasons: z.array(z.string()),
});
export const staffListReply = z.object({ items: z.array(staffListItem), nextCursor: z.string().nullable() });

/** Counts ignore `state`: they are what the state tabs show. */
export const staffCountsQuery = staffListQuery.omit({ sort: true, limit: true, cursor: true, state: true });
export type StaffCountsQuery = z.infer<typeof staffCountsQuery>;
export const staffCountsReply = z.object({
  total: z.number().int(),
  overdue: z.number().int(),
  states: z.partialRecord(reportState, z.number().int()).describe("every state of the queue, 0 included"),
});

export const bulkUpdateBody = z.object({
  refs: z.array(refParams.shape.ref).min(1).max(100),
  state: reportState,
  /** The public response sent with the change (the same for every report). */
  text: z.string().trim().max(5000).optional(),
  visibility: z.enum(["public", "internal"]).default("public").describe("a change of state is public: internal is refused"),
}).strict().refine((b) => b.visibility === "public", { message: "a change of state is public", path: ["visibility"] });
export type BulkUpdateInput = z.infer<typeof bulkUpdateBody>;

export const bulkResult = z.object({
  ref: z.string(),
  ok: z.boolean(),
  /** The report's state after the change (null when the report is not the caller's to see). */
  state: reportState.nullable(),
  /** Why this report was not changed: a problem type (forbidden, not_found, invalid_transition…) and its title. */
  problem: z.object({ type: z.string(), title: z.string(), status: z.number().int() }).nullable(),
});
export const bulkUpdateReply = z.object({ results: z.array(bulkResult) });

export const staffMembersQuery = z.object({ authority: code.optional().describe("city admins: only this authority's staff") });
export const staffMember = z.object({ id: z.uuid(), name: z.string(), role: z.enum(["staff", "city_admin"]), authority: z.string().nullable() });
export const staffMembersReply = z.object({ items: z.array(staffMember) });
