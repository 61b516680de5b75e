/** The only SQL over subscriptions, notifications, suppressions and notification templates. */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { announcements, notifications, notificationTemplates, subscriptions, suppressions } from "../db/schema.ts";

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type NewSubscription = typeof subscriptions.$inferInsert;
export type NotificationRow = typeof notifications.$inferSelect;
type Handle = Db | Tx;

/** Creates the report subscription of this address on this channel, or returns the one that exists. */
export async function upsertReportSubscription(db: Handle, values: { cityId: string; reportId: string; channel?: string; address: string; pushKeys?: NewSubscription["pushKeys"]; userId: string | null; language: string; confirmed: boolean }): Promise<SubscriptionRow> {
  const [row] = await db.insert(subscriptions).values({
    cityId: values.cityId, kind: "report", reportId: values.reportId, channel: values.channel ?? "email", address: values.address, pushKeys: values.pushKeys ?? null,
    userId: values.userId, language: values.language, confirmedAt: values.confirmed ? new Date() : null,
  }).onConflictDoUpdate({
    target: [subscriptions.reportId, subscriptions.channel, subscriptions.address],
    targetWhere: sql`${subscriptions.kind} = 'report'`,
    // A signed-in subscriber with a verified address confirms an earlier, unconfirmed request.
    set: values.confirmed ? { confirmedAt: sql`coalesce(${subscriptions.confirmedAt}, now())`, userId: values.userId } : { language: values.language },
  }).returning();
  return row!;
}

/** The same alert (kind, place, category, channel, address) if it exists already. */
export async function findSameSubscription(db: Handle, s: NewSubscription): Promise<SubscriptionRow | undefined> {
  const same = <T>(column: Parameters<typeof eq>[0], value: T | null | undefined) => value === null || value === undefined ? isNull(column) : eq(column, value);
  const [row] = await db.select().from(subscriptions).where(and(
    eq(subscriptions.cityId, s.cityId), eq(subscriptions.kind, s.kind), eq(subscriptions.channel, s.channel ?? "email"), eq(subscriptions.address, s.address),
    same(subscriptions.areaCode, s.areaCode), same(subscriptions.categoryCode, s.categoryCode),
    same(subscriptions.lat, s.lat), same(subscriptions.lon, s.lon), same(subscriptions.radiusM, s.radiusM),
  )).limit(1);
  return row;
}

export async function insertSubscription(db: Handle, s: NewSubscription): Promise<SubscriptionRow> {
  const [row] = await db.insert(subscriptions).values(s).returning();
  return row!;
}

export async function updateSubscription(db: Handle, id: string, values: Partial<Pick<SubscriptionRow, "language" | "frequency" | "pushKeys" | "userId">>): Promise<void> {
  await db.update(subscriptions).set(values).where(eq(subscriptions.id, id));
}

export async function findSubscription(db: Handle, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row;
}

export async function confirmSubscription(db: Handle, id: string): Promise<void> {
  await db.update(subscriptions).set({ confirmedAt: sql`coalesce(${subscriptions.confirmedAt}, now())` }).where(eq(subscriptions.id, id));
}

export async function deleteSubscription(db: Handle, id: string): Promise<boolean> {
  const rows = await db.delete(subscriptions).where(eq(subscriptions.id, id)).returning({ id: subscriptions.id });
  return rows.length > 0;
}

/** Every subscription of one address (the "manage my alerts" page reached from any message). */
export async function subscriptionsOf(db: Handle, cityId: string, channel: string, address: string): Promise<SubscriptionRow[]> {
  return db.select().from(subscriptions)
    .where(and(eq(subscriptions.cityId, cityId), eq(subscriptions.channel, channel), eq(subscriptions.address, address)))
    .orderBy(asc(subscriptions.createdAt));
}

export async function subscriptionsOfUser(db: Handle, cityId: string, userId: string): Promise<SubscriptionRow[]> {
  return db.select().from(subscriptions).where(and(eq(subscriptions.cityId, cityId), eq(subscriptions.userId, userId))).orderBy(asc(subscriptions.createdAt));
}

export async function confirmedReportSubscribers(db: Handle, reportId: string): Promise<SubscriptionRow[]> {
  return db.select().from(subscriptions)
    .where(and(eq(subscriptions.kind, "report"), eq(subscriptions.reportId, reportId), isNotNull(subscriptions.confirmedAt)));
}

/** Metres between two points on the sphere, in SQL (a few hundred alerts per city: no spatial index needed). */
const metresFrom = (lat: number, lon: number) => sql`(2 * 6371000 * asin(sqrt(
  power(sin(radians(${subscriptions.lat} - ${lat}) / 2), 2) +
  cos(radians(${lat})) * cos(radians(${subscriptions.lat})) * power(sin(radians(${subscriptions.lon} - ${lon}) / 2), 2))))`;

/** Confirmed area, category and radius alerts that a report at this place, of this category, falls in. */
export async function confirmedPlaceSubscribers(db: Handle, cityId: string, place: { areaCode: string; categoryCode: string; lat: number; lon: number }): Promise<SubscriptionRow[]> {
  return db.select().from(subscriptions).where(and(
    eq(subscriptions.cityId, cityId), isNotNull(subscriptions.confirmedAt),
    or(
      and(eq(subscriptions.kind, "area"), eq(subscriptions.areaCode, place.areaCode)),
      and(eq(subscriptions.kind, "category"), eq(subscriptions.categoryCode, place.categoryCode),
        or(isNull(subscriptions.areaCode), eq(subscriptions.areaCode, place.areaCode))),
      and(eq(subscriptions.kind, "radius"), sql`${metresFrom(place.lat, place.lon)} <= ${subscriptions.radiusM}`),
    ),
  ));
}

/**
 * Confirmed alerts an announcement to these areas (none: all) reaches by what they store: area
 * alerts there, and, when categories are chosen, alerts on those categories there or city-wide.
 * Radius alerts store a point, not an area: see confirmedRadiusSubscriptions.
 */
export async function confirmedAnnouncementSubscribers(db: Handle, cityId: string, areaCodes: string[], categoryCodes: string[]): Promise<SubscriptionRow[]> {
  const inAreas = areaCodes.length ? inArray(subscriptions.areaCode, areaCodes) : sql`true`;
  return db.select().from(subscriptions).where(and(
    eq(subscriptions.cityId, cityId), isNotNull(subscriptions.confirmedAt),
    categoryCodes.length
      ? and(eq(subscriptions.kind, "category"), inArray(subscriptions.categoryCode, categoryCodes), or(isNull(subscriptions.areaCode), inAreas))
      : and(eq(subscriptions.kind, "area"), inAreas),
  ));
}

/** A city's confirmed radius alerts (a few per citizen at most: their areas are found in memory). */
export async function confirmedRadiusSubscriptions(db: Handle, cityId: string): Promise<SubscriptionRow[]> {
  return db.select().from(subscriptions).where(and(eq(subscriptions.cityId, cityId), isNotNull(subscriptions.confirmedAt), eq(subscriptions.kind, "radius")));
}

// --- notifications -------------------------------------------------------------------------

/** Records the decision once per event and recipient; undefined when it was already taken (a retry, or a second matching alert). */
export async function insertNotification(db: Handle, row: typeof notifications.$inferInsert): Promise<NotificationRow | undefined> {
  const [inserted] = await db.insert(notifications).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findNotification(db: Handle, id: number): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

export async function setNotificationStatus(db: Handle, ids: number[], status: string): Promise<void> {
  if (!ids.length) return;
  await db.update(notifications).set({ status, ...(status === "sent" ? { sentAt: new Date() } : {}) }).where(inArray(notifications.id, ids));
}

/** Instant messages an address was sent (or queued) since a time: the per-recipient rate limit. */
export async function recentInstantCount(db: Handle, channel: string, address: string, since: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(
    eq(notifications.channel, channel), eq(notifications.address, address), gte(notifications.createdAt, since), inArray(notifications.status, ["queued", "sent"]),
  ));
  return row?.n ?? 0;
}

/** Notifications waiting for the daily digest, oldest first, grouped by the caller. */
export async function pendingDigestItems(db: Handle, cityId: string, limit: number): Promise<NotificationRow[]> {
  return db.select().from(notifications)
    .where(and(eq(notifications.cityId, cityId), eq(notifications.status, "digest")))
    .orderBy(asc(notifications.channel), asc(notifications.address), asc(notifications.id)).limit(limit);
}

export async function listNotifications(db: Handle, cityId: string, limit: number): Promise<NotificationRow[]> {
  return db.select().from(notifications).where(eq(notifications.cityId, cityId)).orderBy(desc(notifications.id)).limit(limit);
}

// --- suppressions --------------------------------------------------------------------------

export async function isSuppressed(db: Handle, cityId: string, channel: string, address: string): Promise<boolean> {
  const [row] = await db.select({ reason: suppressions.reason }).from(suppressions)
    .where(and(eq(suppressions.cityId, cityId), eq(suppressions.channel, channel), eq(suppressions.address, address)));
  return row !== undefined;
}

export async function suppress(db: Handle, row: typeof suppressions.$inferInsert): Promise<void> {
  await db.insert(suppressions).values(row).onConflictDoNothing();
}

export async function listSuppressions(db: Handle, cityId: string, limit: number) {
  return db.select().from(suppressions).where(eq(suppressions.cityId, cityId)).orderBy(desc(suppressions.createdAt)).limit(limit);
}

export async function deleteSuppression(db: Handle, cityId: string, channel: string, address: string): Promise<boolean> {
  const rows = await db.delete(suppressions).where(and(eq(suppressions.cityId, cityId), eq(suppressions.channel, channel), eq(suppressions.address, address))).returning();
  return rows.length > 0;
}

// --- editable templates --------------------------------------------------------------------

export type TemplateOverride = typeof notificationTemplates.$inferSelect;

export async function templateOverrides(db: Handle, cityId: string): Promise<TemplateOverride[]> {
  return db.select().from(notificationTemplates).where(eq(notificationTemplates.cityId, cityId));
}

export async function findTemplateOverride(db: Handle, cityId: string, template: string, language: string): Promise<TemplateOverride | undefined> {
  const [row] = await db.select().from(notificationTemplates).where(and(
    eq(notificationTemplates.cityId, cityId), eq(notificationTemplates.template, template), eq(notificationTemplates.language, language)));
  return row;
}

export async function saveTemplateOverride(db: Handle, row: typeof notificationTemplates.$inferInsert): Promise<void> {
  await db.insert(notificationTemplates).values(row).onConflictDoUpdate({
    target: [notificationTemplates.cityId, notificationTemplates.template, notificationTemplates.language],
    set: { subject: row.subject, body: row.body, updatedBy: row.updatedBy, updatedAt: new Date() },
  });
}

export async function deleteTemplateOverride(db: Handle, cityId: string, template: string, language: string): Promise<boolean> {
  const rows = await db.delete(notificationTemplates).where(and(
    eq(notificationTemplates.cityId, cityId), eq(notificationTemplates.template, template), eq(notificationTemplates.language, language))).returning();
  return rows.length > 0;
}

// --- announcements -------------------------------------------------------------------------

export type AnnouncementRow = typeof announcements.$inferSelect;

export async function insertAnnouncement(db: Handle, row: typeof announcements.$inferInsert): Promise<AnnouncementRow> {
  const [inserted] = await db.insert(announcements).values(row).returning();
  return inserted!;
}

export async function findAnnouncement(db: Handle, id: string): Promise<AnnouncementRow | undefined> {
  const [row] = await db.select().from(announcements).where(eq(announcements.id, id));
  return row;
}

export async function listAnnouncements(db: Handle, cityId: string, limit: number): Promise<AnnouncementRow[]> {
  return db.select().from(announcements).where(eq(announcements.cityId, cityId)).orderBy(desc(announcements.createdAt)).limit(limit);
}

export async function markAnnouncementSent(db: Handle, id: string, recipients: number): Promise<void> {
  await db.update(announcements).set({ recipients, sentAt: new Date() }).where(eq(announcements.id, id));
}
