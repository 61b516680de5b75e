/** The triage tables (report_triage, category_corrections) and the reads triage makes of reports. */
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { categoryCorrections, reports, reportTriage, users } from "../db/schema.ts";

type Handle = Db | Tx;
export type TriageRow = typeof reportTriage.$inferSelect;
export type CorrectionRow = typeof categoryCorrections.$inferSelect;

/** Reports still being worked on (published, not closed): a new one may repeat them, and they can be overdue. */
export const OPEN_STATES = ["confirmed", "in_progress", "action_scheduled", "reopened"];

export interface CandidateRow { id: string; ref: string; title: string; description: string; categoryCode: string; state: string; lat: number; lon: number; createdAt: Date }

export async function findCandidates(db: Handle, cityId: string, box: { south: number; west: number; north: number; east: number }, since: Date, limit = 200): Promise<CandidateRow[]> {
  return db.select({
    id: reports.id, ref: reports.ref, title: reports.title, description: reports.description, categoryCode: reports.categoryCode,
    state: reports.state, lat: reports.lat, lon: reports.lon, createdAt: reports.createdAt,
  }).from(reports).where(and(
    eq(reports.cityId, cityId), inArray(reports.state, OPEN_STATES), gte(reports.createdAt, since),
    // The GiST index on point(lon, lat) answers this box.
    sql`point(${reports.lon}, ${reports.lat}) <@ box(point(${box.west}, ${box.south}), point(${box.east}, ${box.north}))`,
  )).orderBy(desc(reports.createdAt)).limit(limit);
}

export type ReportRow = typeof reports.$inferSelect;

/** A category's open reports filed before `before` whose priority triage still sets (not overridden by staff). */
export async function findOpenFiledBefore(db: Handle, cityId: string, category: string, before: Date, limit: number): Promise<ReportRow[]> {
  return db.select().from(reports).where(and(
    eq(reports.cityId, cityId), eq(reports.categoryCode, category), inArray(reports.state, OPEN_STATES),
    eq(reports.priorityOverridden, false), lt(reports.createdAt, before),
  )).limit(limit);
}

/**
 * The other citizens with the same problem: reports marked as its duplicates, plus its
 * confirmed "me too" supporters (kept on the report by the reports domain).
 */
export async function countSupportersOf(db: Handle, reportId: string): Promise<number> {
  const [row] = await db.select({
    n: sql<number>`(select count(*)::int from ${reports} d where d.duplicate_of_id = ${reportId}) + ${reports.supporterCount}`,
  }).from(reports).where(eq(reports.id, reportId));
  return row?.n ?? 0;
}

export async function upsertTriage(db: Handle, values: typeof reportTriage.$inferInsert): Promise<void> {
  await db.insert(reportTriage).values(values).onConflictDoUpdate({
    target: reportTriage.reportId,
    set: { ...values, createdAt: undefined, updatedAt: new Date() },
  });
}

export async function findTriage(db: Handle, reportId: string): Promise<TriageRow | undefined> {
  const [row] = await db.select().from(reportTriage).where(eq(reportTriage.reportId, reportId));
  return row;
}

export async function findTriages(db: Handle, reportIds: string[]): Promise<Map<string, TriageRow>> {
  if (!reportIds.length) return new Map();
  const rows = await db.select().from(reportTriage).where(inArray(reportTriage.reportId, reportIds));
  return new Map(rows.map((r) => [r.reportId, r]));
}

/** Sets the priority unless staff fixed it by hand. */
export async function setPriority(db: Handle, reportId: string, priority: number): Promise<void> {
  await db.update(reports).set({ priority }).where(and(eq(reports.id, reportId), eq(reports.priorityOverridden, false)));
}

export async function insertCorrection(db: Handle, values: typeof categoryCorrections.$inferInsert): Promise<void> {
  await db.insert(categoryCorrections).values(values);
}

export async function listCorrections(db: Handle, cityId: string, opts: { since?: Date; limit?: number } = {}) {
  return db.select({
    id: categoryCorrections.id, text: categoryCorrections.text, language: categoryCorrections.language,
    fromCategory: categoryCorrections.fromCategory, toCategory: categoryCorrections.toCategory,
    predictedCategory: categoryCorrections.predictedCategory, modelVersion: categoryCorrections.modelVersion,
    createdAt: categoryCorrections.createdAt, reportRef: reports.ref, correctedBy: users.name,
  }).from(categoryCorrections)
    .leftJoin(reports, eq(reports.id, categoryCorrections.reportId))
    .leftJoin(users, eq(users.id, categoryCorrections.correctedBy))
    .where(and(eq(categoryCorrections.cityId, cityId), opts.since ? gte(categoryCorrections.createdAt, opts.since) : undefined))
    .orderBy(desc(categoryCorrections.createdAt)).limit(opts.limit ?? 10_000);
}

export async function countCorrections(db: Handle, cityId: string, since?: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(categoryCorrections)
    .where(and(eq(categoryCorrections.cityId, cityId), since ? gte(categoryCorrections.createdAt, since) : undefined));
  return row?.n ?? 0;
}

/** Every correction of every city, oldest first: labelled examples for training. */
export async function allCorrections(db: Handle): Promise<CorrectionRow[]> {
  return db.select().from(categoryCorrections).orderBy(categoryCorrections.createdAt);
}
