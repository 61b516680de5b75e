/**
 * The only SQL over fix_feedback: the reporter's answers to "Is it really fixed?", one per
 * fix (report_id + fixed_at unique). Kept as they are so the insights can read them later.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { fixFeedback } from "../db/schema.ts";

type Handle = Db | Tx;
export type FixFeedbackRow = typeof fixFeedback.$inferSelect;

/** Stores an answer; false when this fix was already answered (a second click, a race). */
export async function insertFixFeedback(tx: Handle, values: typeof fixFeedback.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(fixFeedback).values(values).onConflictDoNothing().returning({ id: fixFeedback.id });
  return rows.length > 0;
}

export async function hasFixFeedback(db: Handle, reportId: string, fixedAt: Date): Promise<boolean> {
  const [row] = await db.select({ id: fixFeedback.id }).from(fixFeedback)
    .where(and(eq(fixFeedback.reportId, reportId), eq(fixFeedback.fixedAt, fixedAt))).limit(1);
  return row !== undefined;
}

/** What staff see of a report's answers: how many, how many said "not fixed", the mean score. */
export async function summarizeFixFeedback(db: Handle, reportId: string): Promise<{ answers: number; notFixed: number; averageScore: number | null }> {
  const [row] = await db.select({
    answers: sql<number>`count(*)::int`,
    notFixed: sql<number>`(count(*) filter (where not ${fixFeedback.fixed}))::int`,
    averageScore: sql<string | null>`avg(${fixFeedback.score})`,
  }).from(fixFeedback).where(eq(fixFeedback.reportId, reportId));
  return {
    answers: row?.answers ?? 0, notFixed: row?.notFixed ?? 0,
    averageScore: row?.averageScore == null ? null : Math.round(Number(row.averageScore) * 100) / 100,
  };
}
