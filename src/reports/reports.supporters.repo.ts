/**
 * The only SQL over report_supporters ("me too"), and the supporter count kept on the report
 * for lists and urgency. A person counts once per report: by account (user_id) or by address.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { reports, reportSupporters } from "../db/schema.ts";

type Handle = Db | Tx;
export type SupporterRow = typeof reportSupporters.$inferSelect;

/** Adds a supporter; undefined when this account or address is already one (either unique index). */
export async function insertSupporter(tx: Handle, values: typeof reportSupporters.$inferInsert): Promise<SupporterRow | undefined> {
  const [row] = await tx.insert(reportSupporters).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findSupporterById(db: Handle, id: string): Promise<SupporterRow | undefined> {
  const [row] = await db.select().from(reportSupporters).where(eq(reportSupporters.id, id));
  return row;
}

export async function findSupporterByEmail(db: Handle, reportId: string, email: string): Promise<SupporterRow | undefined> {
  const [row] = await db.select().from(reportSupporters).where(and(eq(reportSupporters.reportId, reportId), eq(reportSupporters.email, email)));
  return row;
}

export async function isConfirmedSupporter(db: Handle, reportId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: reportSupporters.id }).from(reportSupporters)
    .where(and(eq(reportSupporters.reportId, reportId), eq(reportSupporters.userId, userId), isNotNull(reportSupporters.confirmedAt)));
  return row !== undefined;
}

/** Counts the supporter from `at`; a signed-in person confirming their own address also gives their account. */
export async function confirmSupporter(tx: Handle, id: string, at: Date, userId?: string): Promise<void> {
  await tx.update(reportSupporters).set({ confirmedAt: at, ...(userId ? { userId } : {}) }).where(eq(reportSupporters.id, id));
}

/** Counts the report's confirmed supporters again and keeps the number on the report (idempotent, unlike +1). */
export async function recountSupporters(tx: Handle, reportId: string): Promise<number> {
  const [row] = await tx.update(reports).set({
    supporterCount: sql`(select count(*)::int from ${reportSupporters} where ${reportSupporters.reportId} = ${reportId} and ${reportSupporters.confirmedAt} is not null)`,
  }).where(eq(reports.id, reportId)).returning({ n: reports.supporterCount });
  return row?.n ?? 0;
}
