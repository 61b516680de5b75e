/** The only SQL over reports and their photos, updates, history, references and idempotency keys. */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { idempotencyKeys, referenceCounters, reportHistory, reportPhotos, reports, reportUpdates } from "../db/schema.ts";

export type ReportRow = typeof reports.$inferSelect;
export type PhotoRow = typeof reportPhotos.$inferSelect;
export type UpdateRow = typeof reportUpdates.$inferSelect;
export type HistoryRow = typeof reportHistory.$inferSelect;
type Handle = Db | Tx;

/** Reserves `count` consecutive numbers of the city's yearly sequence; returns the first. The row lock keeps references gapless. */
export async function reserveReferenceNumbers(tx: Tx, cityId: string, year: number, count: number): Promise<number> {
  const [row] = await tx.insert(referenceCounters).values({ cityId, year, last: count })
    .onConflictDoUpdate({ target: [referenceCounters.cityId, referenceCounters.year], set: { last: sql`${referenceCounters.last} + ${count}` } })
    .returning({ last: referenceCounters.last });
  return row!.last - count + 1;
}

/**
 * One tsvector over several configurations: 'simple' keeps every word as typed (Darija,
 * names), the snowball stemmers add French, English and Arabic stems. Text is normalized
 * in TypeScript first so "éclairage"/"eclairage" and "أ"/"ا" meet.
 */
export function searchVector(normalizedTitle: string, normalizedBody: string): SQL {
  const all = `${normalizedTitle} ${normalizedBody}`;
  return sql`setweight(to_tsvector('simple', ${normalizedTitle}), 'A') || to_tsvector('simple', ${normalizedBody})
    || to_tsvector('french', ${all}) || to_tsvector('english', ${all}) || to_tsvector('arabic', ${forArabicStemmer(all)})`;
}

/**
 * Normalization folds ة into ه, but the Arabic stemmer drops a final ه (a pronoun) only
 * when there is no article, so "الإشارة" would stem to "اشاره" and miss "الإشارات" ("اشار").
 * Giving the stemmer ة back at word ends (both sides alike) lets it strip it.
 */
function forArabicStemmer(normalized: string): string {
  return normalized.replace(/ه(?![\p{L}\p{M}])/gu, "ة");
}

export function searchQuery(normalizedQuery: string): SQL {
  return sql`(websearch_to_tsquery('simple', ${normalizedQuery}) || websearch_to_tsquery('french', ${normalizedQuery})
    || websearch_to_tsquery('english', ${normalizedQuery}) || websearch_to_tsquery('arabic', ${forArabicStemmer(normalizedQuery)}))`;
}

export async function insertReport(tx: Tx, values: typeof reports.$inferInsert): Promise<ReportRow> {
  const [row] = await tx.insert(reports).values(values).returning();
  return row!;
}

export async function insertReports(tx: Tx, values: (typeof reports.$inferInsert)[]): Promise<ReportRow[]> {
  return values.length ? tx.insert(reports).values(values).returning() : [];
}

export async function insertUpdates(tx: Handle, values: (typeof reportUpdates.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(reportUpdates).values(values);
}

export async function updateReport(tx: Handle, id: string, values: Partial<typeof reports.$inferInsert>): Promise<ReportRow> {
  const [row] = await tx.update(reports).set({ ...values, updatedAt: new Date() }).where(eq(reports.id, id)).returning();
  return row!;
}

export async function findReportByRef(db: Handle, cityId: string, ref: string, opts: { forUpdate?: boolean } = {}): Promise<ReportRow | undefined> {
  const q = db.select().from(reports).where(and(eq(reports.cityId, cityId), eq(reports.ref, ref)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row;
}

export async function findReportById(db: Handle, id: string, opts: { forUpdate?: boolean } = {}): Promise<ReportRow | undefined> {
  const q = db.select().from(reports).where(eq(reports.id, id));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row;
}

export async function findRefsByIds(db: Handle, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: reports.id, ref: reports.ref }).from(reports).where(inArray(reports.id, ids));
  return new Map(rows.map((r) => [r.id, r.ref]));
}

export async function insertHistory(tx: Handle, rows: (typeof reportHistory.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(reportHistory).values(rows);
}

export async function listHistory(db: Handle, reportId: string): Promise<HistoryRow[]> {
  return db.select().from(reportHistory).where(eq(reportHistory.reportId, reportId)).orderBy(asc(reportHistory.id));
}

export async function insertPhotos(tx: Handle, rows: (typeof reportPhotos.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(reportPhotos).values(rows);
}

export async function listPhotos(db: Handle, reportIds: string[]): Promise<PhotoRow[]> {
  if (reportIds.length === 0) return [];
  return db.select().from(reportPhotos).where(inArray(reportPhotos.reportId, reportIds)).orderBy(asc(reportPhotos.createdAt), asc(reportPhotos.id));
}

/** The first photo of each report that was attached to the report itself (not to an update). */
export async function firstPhotoIds(db: Handle, reportIds: string[]): Promise<Map<string, string>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db.selectDistinctOn([reportPhotos.reportId], { reportId: reportPhotos.reportId, id: reportPhotos.id })
    .from(reportPhotos).where(and(inArray(reportPhotos.reportId, reportIds), sql`${reportPhotos.updateId} is null`))
    .orderBy(reportPhotos.reportId, asc(reportPhotos.createdAt), asc(reportPhotos.id));
  return new Map(rows.map((r) => [r.reportId, r.id]));
}

export async function findPhoto(db: Handle, id: string) {
  const [row] = await db.select({ photo: reportPhotos, state: reports.state, authorityId: reports.authorityId, updateVisibility: reportUpdates.visibility })
    .from(reportPhotos)
    .innerJoin(reports, eq(reports.id, reportPhotos.reportId))
    .leftJoin(reportUpdates, eq(reportUpdates.id, reportPhotos.updateId))
    .where(eq(reportPhotos.id, id));
  return row ? { ...row.photo, state: row.state, authorityId: row.authorityId, internal: row.updateVisibility === "internal" } : undefined;
}

export async function insertUpdate(tx: Handle, values: typeof reportUpdates.$inferInsert): Promise<UpdateRow> {
  const [row] = await tx.insert(reportUpdates).values(values).returning();
  return row!;
}

export async function listUpdates(db: Handle, reportId: string, includeInternal: boolean): Promise<UpdateRow[]> {
  return db.select().from(reportUpdates)
    .where(and(eq(reportUpdates.reportId, reportId), includeInternal ? undefined : eq(reportUpdates.visibility, "public")))
    .orderBy(asc(reportUpdates.createdAt), asc(reportUpdates.id));
}

export async function findIdempotencyKey(db: Handle, cityId: string, key: string) {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.cityId, cityId), eq(idempotencyKeys.key, key)));
  return row;
}

export async function insertIdempotencyKey(tx: Tx, values: typeof idempotencyKeys.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(idempotencyKeys).values(values).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export interface ReportFilter {
  cityId: string;
  states?: string[];
  authorityIds?: string[];
  areaCodes?: string[];
  categories?: string[];
  bbox?: [number, number, number, number];
  search?: string;
  from?: Date;
  to?: Date;
}

export type ListCursor = { p?: number; c: string; i: string };

export async function listReports(db: Handle, f: ReportFilter, opts: { sort: "newest" | "priority"; limit: number; cursor?: ListCursor }): Promise<ReportRow[]> {
  const where: (SQL | undefined)[] = [eq(reports.cityId, f.cityId)];
  if (f.states) where.push(inArray(reports.state, f.states));
  if (f.authorityIds) where.push(inArray(reports.authorityId, f.authorityIds));
  if (f.categories) where.push(inArray(reports.categoryCode, f.categories));
  if (f.areaCodes) where.push(or(inArray(reports.areaCode, f.areaCodes), inArray(reports.prefectureCode, f.areaCodes)));
  // point(lon, lat) <@ box uses the GiST expression index reports_location.
  if (f.bbox) where.push(sql`point(${reports.lon}, ${reports.lat}) <@ box(point(${f.bbox[0]}, ${f.bbox[1]}), point(${f.bbox[2]}, ${f.bbox[3]}))`);
  if (f.search) where.push(sql`${reports.search} @@ ${searchQuery(f.search)}`);
  if (f.from) where.push(sql`${reports.createdAt} >= ${f.from.toISOString()}`);
  if (f.to) where.push(sql`${reports.createdAt} < ${f.to.toISOString()}`);
  const c = opts.cursor;
  if (opts.sort === "priority") {
    if (c) where.push(sql`(${reports.priority}, ${reports.createdAt}, ${reports.id}) < (${c.p ?? 0}, ${c.c}, ${c.i})`);
    return db.select().from(reports).where(and(...where)).orderBy(desc(reports.priority), desc(reports.createdAt), desc(reports.id)).limit(opts.limit);
  }
  if (c) where.push(sql`(${reports.createdAt}, ${reports.id}) < (${c.c}, ${c.i})`);
  return db.select().from(reports).where(and(...where)).orderBy(desc(reports.createdAt), desc(reports.id)).limit(opts.limit);
}
