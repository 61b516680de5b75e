/** The only SQL over subscriptions. */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { subscriptions } from "../db/schema.ts";

export type SubscriptionRow = typeof subscriptions.$inferSelect;
type Handle = Db | Tx;

/** Creates the report subscription of this address, or returns the one that exists. */
export async function upsertReportSubscription(db: Handle, values: { cityId: string; reportId: string; email: string; userId: string | null; language: string; confirmed: boolean }): Promise<SubscriptionRow> {
  const [row] = await db.insert(subscriptions).values({
    cityId: values.cityId, kind: "report", reportId: values.reportId, email: values.email.toLowerCase(), userId: values.userId,
    language: values.language, confirmedAt: values.confirmed ? new Date() : null,
  }).onConflictDoUpdate({
    target: [subscriptions.reportId, subscriptions.email],
    targetWhere: sql`${subscriptions.kind} = 'report'`,
    // A signed-in subscriber with a verified address confirms an earlier, unconfirmed request.
    set: values.confirmed ? { confirmedAt: sql`coalesce(${subscriptions.confirmedAt}, now())`, userId: values.userId } : { language: values.language },
  }).returning();
  return row!;
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

export async function confirmedReportSubscribers(db: Handle, reportId: string): Promise<SubscriptionRow[]> {
  return db.select().from(subscriptions)
    .where(and(eq(subscriptions.kind, "report"), eq(subscriptions.reportId, reportId), isNotNull(subscriptions.confirmedAt)));
}
