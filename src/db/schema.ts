/**
 * The one Drizzle schema (pg-core) shared by PGlite and PostgreSQL.
 * Every table whose rows belong to a city carries city_id, even while one city is served.
 * Each domain's repo is the only writer of its tables; this file only declares them.
 */
import { sql } from "drizzle-orm";
import {
  bigserial, boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint,
  text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const cities = pgTable("cities", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  jurisdictionId: text("jurisdiction_id").notNull().unique(),
  referencePrefix: text("reference_prefix").notNull(),
  name: jsonb("name").$type<Record<string, string>>().notNull(),
  packHash: text("pack_hash").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const areas = pgTable("areas", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  code: text("code").notNull(),
  kind: text("kind").notNull(),
  parentCode: text("parent_code"),
  name: jsonb("name").$type<Record<string, string>>().notNull(),
  population: integer("population"),
  populationYear: smallint("population_year"),
  households: integer("households"),
  officialCode: text("official_code"),
  geometry: jsonb("geometry").notNull(),
}, (t) => [uniqueIndex("areas_city_code").on(t.cityId, t.code)]);

export const authorities = pgTable("authorities", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  code: text("code").notNull(),
  name: jsonb("name").$type<Record<string, string>>().notNull(),
  description: jsonb("description").$type<Record<string, string>>(),
  language: text("language").notNull(),
  email: text("email").notNull(),
  sendMethod: text("send_method").notNull().default("email"),
  /** Settings of the send method (Open311 endpoint, key, jurisdiction, service map). */
  sendConfig: jsonb("send_config").$type<Record<string, unknown>>().notNull().default({}),
  active: boolean("active").notNull().default(true),
}, (t) => [uniqueIndex("authorities_city_code").on(t.cityId, t.code)]);

export const categories = pgTable("categories", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  code: text("code").notNull(),
  groupCode: text("group_code").notNull(),
  severity: smallint("severity").notNull(),
  targetDays: integer("target_days").notNull(),
  name: jsonb("name").$type<Record<string, string>>().notNull(),
  description: jsonb("description").$type<Record<string, string>>().notNull(),
  keywords: jsonb("keywords").$type<string[]>().notNull().default([]),
  questions: jsonb("questions").$type<unknown[]>().notNull().default([]),
  active: boolean("active").notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
}, (t) => [uniqueIndex("categories_city_code").on(t.cityId, t.code)]);

export const categoryGroups = pgTable("category_groups", {
  cityId: uuid("city_id").notNull().references(() => cities.id),
  code: text("code").notNull(),
  name: jsonb("name").$type<Record<string, string>>().notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.cityId, t.code] })]);

/** Which authority handles a category, in the whole city (area_code null) or one area. */
export const routingRules = pgTable("routing_rules", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  categoryCode: text("category_code").notNull(),
  areaCode: text("area_code"),
  authorityId: uuid("authority_id").notNull().references(() => authorities.id),
}, (t) => [uniqueIndex("routing_rules_unique").on(t.cityId, t.categoryCode, sql`coalesce(${t.areaCode}, '')`)]);

export const places = pgTable("places", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  code: text("code").notNull(),
  kind: text("kind").notNull(),
  name: jsonb("name").$type<Record<string, string>>().notNull(),
  lat: doublePrecision("lat").notNull(),
  lon: doublePrecision("lon").notNull(),
  approximate: boolean("approximate").notNull().default(true),
}, (t) => [uniqueIndex("places_city_code").on(t.cityId, t.code)]);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  email: text("email").notNull(),
  name: text("name").notNull(),
  phone: text("phone"),
  passwordHash: text("password_hash"),
  role: text("role").notNull().default("citizen"),
  authorityId: uuid("authority_id").references(() => authorities.id),
  language: text("language").notNull().default("fr"),
  /** "Everything I reported": the reporter's mails for each of their reports (default on). */
  notifyOwnReports: boolean("notify_own_reports").notNull().default(true),
  emailVerifiedAt: ts("email_verified_at"),
  /** Bumped on password change and sign-out-everywhere: invalidates sessions and reset links. */
  securityStamp: integer("security_stamp").notNull().default(0),
  createdAt: ts("created_at").notNull().defaultNow(),
  disabledAt: ts("disabled_at"),
}, (t) => [uniqueIndex("users_city_email").on(t.cityId, sql`lower(${t.email})`)]);

export const sessions = pgTable("sessions", {
  /** sha256 of the token held in the cookie; the raw token is never stored. */
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  csrfToken: text("csrf_token").notNull(),
  securityStamp: integer("security_stamp").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  expiresAt: ts("expires_at").notNull(),
}, (t) => [index("sessions_user").on(t.userId)]);

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: ts("created_at").notNull().defaultNow(),
  lastUsedAt: ts("last_used_at"),
  revokedAt: ts("revoked_at"),
});

export const reports = pgTable("reports", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  ref: text("ref").notNull().unique(),
  categoryCode: text("category_code").notNull(),
  areaCode: text("area_code").notNull(),
  prefectureCode: text("prefecture_code"),
  authorityId: uuid("authority_id").notNull().references(() => authorities.id),
  lat: doublePrecision("lat").notNull(),
  lon: doublePrecision("lon").notNull(),
  title: text("title").notNull(),
  description: text("description").notNull(),
  language: text("language").notNull(),
  state: text("state").notNull(),
  priority: smallint("priority").notNull().default(0),
  /** Staff set the priority by hand: re-scoring (new supporters, age) leaves it alone. */
  priorityOverridden: boolean("priority_overridden").notNull().default(false),
  source: text("source").notNull().default("web"),
  attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
  reporterUserId: uuid("reporter_user_id").references(() => users.id, { onDelete: "set null" }),
  reporterName: text("reporter_name"),
  reporterEmail: text("reporter_email"),
  reporterPhone: text("reporter_phone"),
  showName: boolean("show_name").notNull().default(false),
  duplicateOfId: uuid("duplicate_of_id"),
  assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
  externalId: text("external_id"),
  /** Confirmed "me too"s (report_supporters), kept here for lists and urgency. */
  supporterCount: integer("supporter_count").notNull().default(0),
  /** The reporter hears of changes (one-click unsubscribe in the reporter's mails turns it off). */
  reporterNotify: boolean("reporter_notify").notNull().default(true),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  confirmedAt: ts("confirmed_at"),
  acknowledgedAt: ts("acknowledged_at"),
  fixedAt: ts("fixed_at"),
  closedAt: ts("closed_at"),
  search: tsvector("search"),
}, (t) => [
  index("reports_city_state_created").on(t.cityId, t.state, t.createdAt),
  // Newest-first and priority-first walks of the lists, which never show unconfirmed reports.
  index("reports_city_created").on(t.cityId, t.createdAt, t.id).where(sql`${t.state} <> 'open'`),
  index("reports_city_priority").on(t.cityId, t.priority, t.createdAt, t.id).where(sql`${t.state} <> 'open'`),
  index("reports_city_authority_state").on(t.cityId, t.authorityId, t.state, t.priority),
  index("reports_city_category").on(t.cityId, t.categoryCode, t.createdAt),
  index("reports_city_area").on(t.cityId, t.areaCode, t.createdAt),
  index("reports_reporter").on(t.reporterUserId),
  index("reports_location").using("gist", sql`point(${t.lon}, ${t.lat})`),
  index("reports_search").using("gin", t.search),
  // Insights: every public figure (counts, times, backlog, heat map) reads only these columns, so
  // PostgreSQL answers it with an index-only scan of the period instead of visiting the rows.
  index("reports_city_stats").on(t.cityId, t.createdAt, t.areaCode, t.categoryCode, t.authorityId, t.state,
    t.confirmedAt, t.acknowledgedAt, t.fixedAt, t.lat, t.lon).where(sql`${t.state} <> 'open'`),
  // Insights: the most recent fixes ("fixed" stories) and the fix rate per authority and area.
  index("reports_city_fixed").on(t.cityId, t.fixedAt, t.authorityId, t.areaCode).where(sql`${t.state} in ('fixed', 'closed') and ${t.fixedAt} is not null`),
  // Supporters of a report are also the reports marked duplicate of it (urgency counts them).
  index("reports_duplicate_of").on(t.duplicateOfId).where(sql`${t.duplicateOfId} is not null`),
  // Insights: the backlog (work still to do) of a period without reading the finished reports,
  // and the newest open reports' positions for the hotspots (ref, lat, lon: an index-only scan,
  // where visiting 20,000 rows took 0.7 s from disk on a million-report city).
  index("reports_city_backlog").on(t.cityId, t.createdAt, t.areaCode, t.categoryCode, t.authorityId, t.confirmedAt, t.priority, t.lat, t.lon, t.ref)
    .where(sql`${t.state} in ('confirmed', 'in_progress', 'action_scheduled', 'reopened')`),
  // Open311 client: the poller finds the report of each remote service_request_id.
  index("reports_external_id").on(t.cityId, t.authorityId, t.externalId).where(sql`${t.externalId} is not null`),
]);

/**
 * Insights at scale: the public figures of each day and of each calendar month (UTC, by filing
 * date) per area × category × authority, so that a year of a big city is read from a few
 * thousand rows instead of every report. Counts are exact; times are log-binned histograms
 * (bin → count), fixes are counted per month of the fix, the heat map per grid cell
 * ([count, Σlat, Σlon]). A month's day rows and its month rows are rewritten together by the
 * insights refresh job; see report_stats_dirty.
 */
export const reportStats = pgTable("report_stats", {
  cityId: uuid("city_id").notNull().references(() => cities.id),
  /** day or month: per area × category × authority; city-day or city-month: per grouping (see rollup.repo.ts). */
  grain: text("grain").$type<"day" | "month" | "city-day" | "city-month">().notNull(),
  /** First day of the day or month, YYYY-MM-DD. */
  period: date("period", { mode: "string" }).notNull(),
  areaCode: text("area_code").notNull(),
  categoryCode: text("category_code").notNull(),
  authorityId: uuid("authority_id").notNull(),
  received: integer("received").notNull(),
  acknowledged: integer("acknowledged").notNull(),
  fixed: integer("fixed").notNull(),
  withinTarget: integer("within_target").notNull(),
  ackHist: jsonb("ack_hist").$type<Record<string, number>>().notNull(),
  fixHist: jsonb("fix_hist").$type<Record<string, number>>().notNull(),
  fixedMonths: jsonb("fixed_months").$type<Record<string, number>>().notNull(),
  heat: jsonb("heat").$type<Record<string, [number, number, number]>>().notNull(),
}, (t) => [primaryKey({ columns: [t.cityId, t.grain, t.period, t.areaCode, t.categoryCode, t.authorityId] })]);

/**
 * The months whose figures (report_stats) no longer match their reports: a statement trigger on
 * reports (insert, delete, or a change of a column the figures read) and one on categories
 * (a new target time) append a row here in the writer's transaction. Until the refresh job
 * rewrites a month and deletes the rows it saw, the figures read that month from its reports.
 */
export const reportStatsDirty = pgTable("report_stats_dirty", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  cityId: uuid("city_id").notNull(),
  month: date("month", { mode: "string" }).notNull(),
}, (t) => [index("report_stats_dirty_city_month").on(t.cityId, t.month)]);

/** Per city and year counter behind references such as CAS-2026-000123. */
export const referenceCounters = pgTable("reference_counters", {
  cityId: uuid("city_id").notNull().references(() => cities.id),
  year: integer("year").notNull(),
  last: integer("last").notNull(),
}, (t) => [primaryKey({ columns: [t.cityId, t.year] })]);

export const idempotencyKeys = pgTable("idempotency_keys", {
  cityId: uuid("city_id").notNull().references(() => cities.id),
  key: text("key").notNull(),
  requestHash: text("request_hash").notNull(),
  reportId: uuid("report_id").notNull().references(() => reports.id, { onDelete: "cascade" }),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.cityId, t.key] })]);

export const reportPhotos = pgTable("report_photos", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  reportId: uuid("report_id").notNull().references(() => reports.id, { onDelete: "cascade" }),
  updateId: uuid("update_id"),
  storageKey: text("storage_key").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  bytes: integer("bytes").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [index("report_photos_report").on(t.reportId)]);

/** Public comments and internal notes; a state change made with a comment sits on the same row. */
export const reportUpdates = pgTable("report_updates", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  reportId: uuid("report_id").notNull().references(() => reports.id, { onDelete: "cascade" }),
  authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
  authorName: text("author_name"),
  authorRole: text("author_role").notNull(),
  visibility: text("visibility").notNull(),
  text: text("text").notNull(),
  stateFrom: text("state_from"),
  stateTo: text("state_to"),
  language: text("language"),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [index("report_updates_report").on(t.reportId, t.createdAt)]);

/** Every change to a report: who, when, which field, old and new value. */
export const reportHistory = pgTable("report_history", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  reportId: uuid("report_id").notNull().references(() => reports.id, { onDelete: "cascade" }),
  actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
  actorKind: text("actor_kind").notNull(),
  action: text("action").notNull(),
  field: text("field"),
  oldValue: text("old_value"),
  newValue: text("new_value"),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [index("report_history_report").on(t.reportId, t.id)]);

/**
 * Transactional outbox: rows written in the same transaction as the change they announce,
 * claimed by workers with FOR UPDATE SKIP LOCKED, retried with exponential back-off.
 */
export const outbox = pgTable("outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  cityId: uuid("city_id").references(() => cities.id),
  topic: text("topic").notNull(),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  status: text("status").notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  runAfter: ts("run_after").notNull().defaultNow(),
  lockedUntil: ts("locked_until"),
  lastError: text("last_error"),
  result: jsonb("result").$type<Record<string, unknown>>(),
  createdAt: ts("created_at").notNull().defaultNow(),
  doneAt: ts("done_at"),
  /** Set by producers that may run twice (an event handler retried): the second insert is a no-op. */
  dedupeKey: text("dedupe_key").unique(),
}, (t) => [
  // Workers walk pending rows oldest first; done rows (nearly all of them) stay out of this index.
  index("outbox_pending").on(t.id).where(sql`${t.status} = 'pending'`),
  index("outbox_city_status").on(t.cityId, t.status, t.id),
]);

/** Every e-mail handed to a transport (SMTP or .eml file), listed for admins. */
export const mailLog = pgTable("mail_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  cityId: uuid("city_id").references(() => cities.id),
  outboxId: integer("outbox_id").unique(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  messageId: text("message_id").notNull(),
  transport: text("transport").notNull(),
  file: text("file"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** Canned public responses staff pick from when they answer (per category and target state, in ar/fr/en). */
export const responseTemplates = pgTable("response_templates", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  /** null: offered for every category. */
  categoryCode: text("category_code"),
  /** The state the response goes with (e.g. fixed), or null for any. */
  stateTo: text("state_to"),
  title: jsonb("title").$type<Record<string, string>>().notNull(),
  body: jsonb("body").$type<Record<string, string>>().notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
}, (t) => [index("response_templates_city_category").on(t.cityId, t.categoryCode)]);

/**
 * Who wants to hear about what: a report's updates now; areas and categories later (the
 * alerts issue). Anonymous subscribers confirm by e-mail first; every mail carries an
 * unsubscribe link.
 */
/**
 * Who wants to hear of what, on which channel. kind: report (one report) | area (an
 * arrondissement) | radius (lat/lon/radius_m) | category (a category, in area_code or the
 * whole city when null). address is the e-mail address (lower-cased), the E.164 phone
 * number (sms, whatsapp) or the Web Push endpoint (push, with push_keys). Unconfirmed rows
 * (confirmed_at null) receive nothing.
 */
export const subscriptions = pgTable("subscriptions", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  kind: text("kind").notNull(),
  channel: text("channel").notNull().default("email"),
  reportId: uuid("report_id").references(() => reports.id, { onDelete: "cascade" }),
  areaCode: text("area_code"),
  categoryCode: text("category_code"),
  lat: doublePrecision("lat"),
  lon: doublePrecision("lon"),
  radiusM: integer("radius_m"),
  address: text("address").notNull(),
  pushKeys: jsonb("push_keys").$type<{ p256dh: string; auth: string }>(),
  userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
  language: text("language").notNull(),
  /** instant | daily (one digest a day). */
  frequency: text("frequency").notNull().default("instant"),
  confirmedAt: ts("confirmed_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [
  // Addresses are stored lower-cased (e-mail) or normalized (E.164, endpoint URL).
  uniqueIndex("subscriptions_report_channel_address").on(t.reportId, t.channel, t.address).where(sql`${t.kind} = 'report'`),
  index("subscriptions_city_kind").on(t.cityId, t.kind),
  index("subscriptions_address").on(t.channel, t.address),
]);

/**
 * One row per notification decided for a recipient: the unique event key makes fan-out
 * idempotent (a retried handler, or a person matching an area and a radius subscription,
 * yields one message), and the rows of the last hour are the per-recipient rate limit.
 * status: queued (instant, in the outbox) | digest (waiting for the daily digest) | sent
 * (digest mailed) | suppressed (bounced or over the limit, logged for admins).
 */
export const notifications = pgTable("notifications", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  subscriptionId: uuid("subscription_id").references(() => subscriptions.id, { onDelete: "cascade" }),
  channel: text("channel").notNull(),
  address: text("address").notNull(),
  language: text("language").notNull(),
  eventKey: text("event_key").notNull(),
  template: text("template").notNull(),
  params: jsonb("params").$type<Record<string, string | number>>().notNull(),
  status: text("status").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  sentAt: ts("sent_at"),
}, (t) => [
  uniqueIndex("notifications_event_recipient").on(t.eventKey, t.channel, t.address),
  index("notifications_recipient_created").on(t.channel, t.address, t.createdAt),
  index("notifications_digest").on(t.cityId, t.status, t.subscriptionId).where(sql`${t.status} = 'digest'`),
]);

/** Addresses nothing is sent to any more: hard bounces, complaints, "stop everything". */
export const suppressions = pgTable("suppressions", {
  cityId: uuid("city_id").notNull().references(() => cities.id),
  channel: text("channel").notNull(),
  address: text("address").notNull(),
  reason: text("reason").notNull(),
  detail: text("detail"),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.cityId, t.channel, t.address] })]);

/** Staff-edited wording of a notification in one language; the i18n catalog is the default. */
export const notificationTemplates = pgTable("notification_templates", {
  cityId: uuid("city_id").notNull().references(() => cities.id),
  template: text("template").notNull(),
  language: text("language").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: ts("updated_at").notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.cityId, t.template, t.language] })]);

/** A message from the city to the subscribers of chosen areas and categories (a planned water cut...). */
export const announcements = pgTable("announcements", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
  title: jsonb("title").$type<Record<string, string>>().notNull(),
  body: jsonb("body").$type<Record<string, string>>().notNull(),
  areaCodes: text("area_codes").array().notNull().default(sql`'{}'::text[]`),
  categoryCodes: text("category_codes").array().notNull().default(sql`'{}'::text[]`),
  recipients: integer("recipients"),
  createdAt: ts("created_at").notNull().defaultNow(),
  sentAt: ts("sent_at"),
}, (t) => [index("announcements_city_created").on(t.cityId, t.createdAt)]);

/** "Me too": citizens who have the same problem (signed in, or by a confirmed e-mail). */
export const reportSupporters = pgTable("report_supporters", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  reportId: uuid("report_id").notNull().references(() => reports.id, { onDelete: "cascade" }),
  userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
  email: text("email"),
  confirmedAt: ts("confirmed_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [
  uniqueIndex("report_supporters_user").on(t.reportId, t.userId).where(sql`${t.userId} is not null`),
  uniqueIndex("report_supporters_email").on(t.reportId, t.email).where(sql`${t.email} is not null`),
]);

/** The reporter's answer to "Is it really fixed?", one per fix (fixed_at names the fix answered). */
export const fixFeedback = pgTable("fix_feedback", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  reportId: uuid("report_id").notNull().references(() => reports.id, { onDelete: "cascade" }),
  fixedAt: ts("fixed_at").notNull(),
  fixed: boolean("fixed").notNull(),
  score: smallint("score"),
  comment: text("comment"),
  language: text("language"),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [
  uniqueIndex("fix_feedback_report_fix").on(t.reportId, t.fixedAt),
  index("fix_feedback_city_created").on(t.cityId, t.createdAt),
]);

/** Small process-wide settings shared by every instance (generated VAPID keys, ...). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<Record<string, unknown>>().notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/**
 * What AI triage made of a report when it was filed (and re-scored since): language,
 * category probabilities, urgency with its factors, probable duplicates, and the model
 * version that said so.
 */
export const reportTriage = pgTable("report_triage", {
  reportId: uuid("report_id").primaryKey().references(() => reports.id, { onDelete: "cascade" }),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  modelVersion: text("model_version").notNull(),
  language: text("language").notNull(),
  languageConfidence: doublePrecision("language_confidence").notNull(),
  categories: jsonb("categories").$type<{ code: string; p: number }[]>().notNull(),
  urgencyScore: smallint("urgency_score").notNull(),
  urgencyFactors: jsonb("urgency_factors").$type<unknown[]>().notNull(),
  duplicates: jsonb("duplicates").$type<{ ref: string; score: number; distance: number }[]>().notNull().default([]),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** A category staff corrected: a labelled example for the next `npm run train`. */
export const categoryCorrections = pgTable("category_corrections", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  reportId: uuid("report_id").references(() => reports.id, { onDelete: "set null" }),
  text: text("text").notNull(),
  language: text("language").notNull(),
  fromCategory: text("from_category").notNull(),
  toCategory: text("to_category").notNull(),
  /** What the model had said, and which model. */
  predictedCategory: text("predicted_category"),
  modelVersion: text("model_version"),
  correctedBy: uuid("corrected_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [index("category_corrections_city_created").on(t.cityId, t.createdAt)]);

/**
 * The log of public report events behind GET /api/events (owned by the events domain).
 * Rows are written in the transaction of the change, so an event exists iff the change
 * committed; ids follow commit order (writers serialize on an advisory lock), so a client's
 * Last-Event-ID is a cursor that neither skips nor repeats. Pruned after a few days.
 */
export const liveEvents = pgTable("live_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  type: text("type").notNull(),
  ref: text("ref").notNull(),
  category: text("category").notNull(),
  area: text("area").notNull(),
  lat: doublePrecision("lat").notNull(),
  lon: doublePrecision("lon").notNull(),
  state: text("state").notNull(),
  title: text("title").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [
  index("live_events_city_id").on(t.cityId, t.id),
  index("live_events_created_at").on(t.createdAt),
]);

/**
 * Open311 (GeoReport v2) clients: apps and back-offices that file reports over /open311/v2.
 * A city admin issues each its api_key, shown once: only its sha256 is kept (key_hint helps
 * an admin tell keys apart). Revoked clients are kept for the record of what they filed.
 */
export const open311Clients = pgTable("open311_clients", {
  id: uuid("id").primaryKey().defaultRandom(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  name: text("name").notNull(),
  contactEmail: text("contact_email"),
  keyHash: text("key_hash").notNull().unique(),
  /** The key's last four characters. */
  keyHint: text("key_hint").notNull(),
  /** POST requests allowed per minute with this key. */
  rateLimitPerMinute: integer("rate_limit_per_minute").notNull().default(60),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: ts("created_at").notNull().defaultNow(),
  lastUsedAt: ts("last_used_at"),
  revokedAt: ts("revoked_at"),
}, (t) => [index("open311_clients_city").on(t.cityId, t.createdAt)]);

/**
 * The token an Open311 POST answers with; GET tokens/{token} turns it into the
 * service_request_id (the report's ref) once the report is public. Also records which
 * client filed which report.
 */
export const open311Tokens = pgTable("open311_tokens", {
  token: text("token").primaryKey(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  clientId: uuid("client_id").notNull().references(() => open311Clients.id),
  reportId: uuid("report_id").notNull().references(() => reports.id, { onDelete: "cascade" }),
  createdAt: ts("created_at").notNull().defaultNow(),
}, (t) => [index("open311_tokens_report").on(t.reportId)]);

/**
 * Open311 client side (authorities whose send_method is open311): where the poller of an
 * authority's back-office stopped reading its servicerequestupdates, and why it last failed.
 * The external service_request_id of each report sent is reports.external_id.
 */
export const open311PollCursors = pgTable("open311_poll_cursors", {
  authorityId: uuid("authority_id").primaryKey().references(() => authorities.id, { onDelete: "cascade" }),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  /** updated_datetime of the last update applied: the next poll's start_date. */
  lastUpdateAt: ts("last_update_at"),
  polledAt: ts("polled_at"),
  lastError: text("last_error"),
});

/** Open311 client side: the back-office updates already applied as public updates, so none is applied twice. */
export const open311RemoteUpdates = pgTable("open311_remote_updates", {
  authorityId: uuid("authority_id").notNull().references(() => authorities.id, { onDelete: "cascade" }),
  updateId: text("update_id").notNull(),
  cityId: uuid("city_id").notNull().references(() => cities.id),
  reportId: uuid("report_id").notNull().references(() => reports.id, { onDelete: "cascade" }),
  appliedAt: ts("applied_at").notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.authorityId, t.updateId] }), index("open311_remote_updates_report").on(t.reportId)]);
