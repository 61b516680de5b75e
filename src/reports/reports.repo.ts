/** The only SQL over reports and their photos, updates, history, references and idempotency keys. */
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { idempotencyKeys, referenceCounters, reportHistory, reportPhotos, reports, reportUpdates } from "../db/schema.ts";

/** Every column but the search vector: it is only ever matched in SQL, and it is the largest column. */
const { search: _search, ...reportColumns } = getTableColumns(reports);
export type ReportRow = Omit<typeof reports.$inferSelect, "search">;
export type PhotoRow = typeof reportPhotos.$inferSelect;
export type UpdateRow = typeof reportUpdates.$inferSelect;
export type HistoryRow = typeof reportHistory.$inferSelect;
type Handle = Db | Tx;

/**
 * Reserves `count` consecutive numbers of the city's yearly sequence; returns the first.
 * Called outside the report's transaction (its own statement), so the counter row is locked
 * for one short statement, not for a whole report insert: creations do not queue behind each
 * other. A report transaction that then fails leaves its number unused, never reused.
 */
export async function reserveReferenceNumbers(db: Handle, cityId: string, year: number, count: number): Promise<number> {
  const [row] = await db.insert(referenceCounters).values({ cityId, year, last: count })
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
  const [row] = await tx.insert(reports).values(values).returning(reportColumns);
  return row!;
}

export async function insertReports(tx: Tx, values: (typeof reports.$inferInsert)[]): Promise<ReportRow[]> {
  return values.length ? tx.insert(reports).values(values).returning(reportColumns) : [];
}

/** Refreshes the planner's statistics of the report tables. */
export async function analyzeReports(db: Handle): Promise<void> {
  await db.execute(sql`analyze ${reports}, ${reportUpdates}, ${reportHistory}`);
}

export async function insertUpdates(tx: Handle, values: (typeof reportUpdates.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(reportUpdates).values(values);
}

export async function updateReport(tx: Handle, id: string, values: Partial<typeof reports.$inferInsert>): Promise<ReportRow> {
  const [row] = await tx.update(reports).set({ ...values, updatedAt: new Date() }).where(eq(reports.id, id)).returning(reportColumns);
  return row!;
}

/** The reporter's mails about this report on or off: not a change of the report itself (updated_at stays). */
export async function setReporterNotify(tx: Handle, id: string, on: boolean): Promise<void> {
  await tx.update(reports).set({ reporterNotify: on }).where(eq(reports.id, id));
}

export async function findReportByRef(db: Handle, cityId: string, ref: string, opts: { forUpdate?: boolean } = {}): Promise<ReportRow | undefined> {
  const q = db.select(reportColumns).from(reports).where(and(eq(reports.cityId, cityId), eq(reports.ref, ref)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row;
}

/** The report an authority's own system knows by its id (reports.external_id). */
export async function findReportByExternalId(db: Handle, cityId: string, authorityId: string, externalId: string, opts: { forUpdate?: boolean } = {}): Promise<ReportRow | undefined> {
  const q = db.select(reportColumns).from(reports)
    .where(and(eq(reports.cityId, cityId), eq(reports.authorityId, authorityId), eq(reports.externalId, externalId)))
    .orderBy(desc(reports.createdAt)).limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row;
}

/** Keeps the id the authority's system gave the report; not a change the public sees (updated_at stays). */
export async function setExternalId(db: Handle, id: string, externalId: string): Promise<void> {
  await db.update(reports).set({ externalId }).where(eq(reports.id, id));
}

/** Reports of an authority that its system knows (external id set), in the given states, oldest first. */
export async function listExternalIds(db: Handle, cityId: string, authorityId: string, states: string[], limit: number): Promise<{ externalId: string; state: string }[]> {
  const rows = await db.select({ externalId: reports.externalId, state: reports.state }).from(reports)
    .where(and(eq(reports.cityId, cityId), eq(reports.authorityId, authorityId), isNotNull(reports.externalId), inArray(reports.state, states)))
    .orderBy(asc(reports.createdAt)).limit(limit);
  return rows.map((r) => ({ externalId: r.externalId!, state: r.state }));
}

export async function findReportById(db: Handle, id: string, opts: { forUpdate?: boolean } = {}): Promise<ReportRow | undefined> {
  const q = db.select(reportColumns).from(reports).where(eq(reports.id, id));
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
  reporterUserId?: string;
  /** The staff queue's filters: one assignee (null: nobody), overdue reports only. */
  assigneeId?: string | null;
  overdue?: DueCutoffs;
}

export type ListCursor = { p?: number; c: string; i: string };
/** "newest"; "priority": highest first, newest first within; "queue": highest first, longest waiting first within. */
export type ListSort = "newest" | "priority" | "queue";

/**
 * A report is overdue when it is still to do and was confirmed (or filed) before its category's
 * cutoff, now minus the category's target days. Target days live in the city configuration,
 * so the caller gives each category's cutoff; the report keeps only its category code.
 */
export type DueCutoffs = { category: string; before: Date }[];
function overdueCondition(cutoffs: DueCutoffs): SQL {
  if (cutoffs.length === 0) return sql`false`;
  return or(...cutoffs.map((c) =>
    and(eq(reports.categoryCode, c.category), sql`coalesce(${reports.confirmedAt}, ${reports.createdAt}) < ${c.before.toISOString()}`)))!;
}

/** The conditions of a filter but its box: lists and maps apply the box each their own way. */
function filterConditions(f: ReportFilter): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [eq(reports.cityId, f.cityId)];
  if (f.states) where.push(inArray(reports.state, f.states));
  if (f.authorityIds) where.push(inArray(reports.authorityId, f.authorityIds));
  if (f.categories) where.push(inArray(reports.categoryCode, f.categories));
  if (f.areaCodes) where.push(or(inArray(reports.areaCode, f.areaCodes), inArray(reports.prefectureCode, f.areaCodes)));
  if (f.search) where.push(sql`${reports.search} @@ ${searchQuery(f.search)}`);
  if (f.reporterUserId) where.push(eq(reports.reporterUserId, f.reporterUserId));
  if (f.from) where.push(sql`${reports.createdAt} >= ${f.from.toISOString()}`);
  if (f.to) where.push(sql`${reports.createdAt} < ${f.to.toISOString()}`);
  if (f.assigneeId !== undefined) where.push(f.assigneeId === null ? isNull(reports.assigneeId) : eq(reports.assigneeId, f.assigneeId));
  if (f.overdue) where.push(overdueCondition(f.overdue));
  return where;
}

/** The columns a list row needs; never the search vector, the description or the reporter's contacts. */
const plainListColumns = {
  id: reports.id, ref: reports.ref, categoryCode: reports.categoryCode, areaCode: reports.areaCode, authorityId: reports.authorityId,
  lat: reports.lat, lon: reports.lon, title: reports.title, language: reports.language, state: reports.state,
  priority: reports.priority, createdAt: reports.createdAt, updatedAt: reports.updatedAt,
  /** What the staff queue shows for triage (who has it, since when it is due, whether it was answered). */
  assigneeId: reports.assigneeId, confirmedAt: reports.confirmedAt, acknowledgedAt: reports.acknowledgedAt,
  /** "Me too"s: shown on list items and map popups. */
  supporterCount: reports.supporterCount,
};

/**
 * The first photo attached to the report itself (not to an update), fetched in the same round
 * trip. The row source is named by hand: drizzle renders a column of the only source of a
 * select unqualified, which inside this subquery would bind to p.
 */
const thumbnailOf = (source: string) => sql<string | null>`(select p.id from ${reportPhotos} p where p.report_id = ${sql.identifier(source)}.id
    and p.update_id is null order by p.created_at, p.id limit 1)`.as("thumbnail_id");

const listColumns = { ...plainListColumns, thumbnailId: thumbnailOf("reports") };
export type ListRow = { [K in keyof typeof listColumns]: K extends "thumbnailId" ? string | null : ReportRow[K & keyof ReportRow] };

/** A wide box looks for its page among this many newest (or highest-priority) reports first. */
const RECENT_WINDOW = 5000;
/** Boxes wider than this many square degrees (about a phone screen at zoom 12) are probably dense. */
const WIDE_BOX = 0.002;

/**
 * PostgreSQL cannot estimate how many points a box holds (it assumes very few), so through
 * the GiST index it always finds and sorts every match: fine for a street, slow for a whole
 * city. A wide box therefore first takes the RECENT_WINDOW first reports in the list's order
 * (an ordered index walk, in a subquery the planner cannot turn into a join) and keeps those
 * inside the box: if that fills the page, it is exactly the page, since any match before them
 * would have been among them. Otherwise, and for small boxes, the spatial index answers.
 */
export async function listReports(db: Handle, f: ReportFilter,
  opts: { sort: ListSort; limit: number; cursor?: ListCursor; strategy?: "spatial" | "recent-first"; recentWindow?: number }): Promise<ListRow[]> {
  const where = filterConditions(f);
  const c = opts.cursor;
  if (c && opts.sort === "priority") where.push(sql`(${reports.priority}, ${reports.createdAt}, ${reports.id}) < (${c.p ?? 0}, ${c.c}, ${c.i})`);
  if (c && opts.sort === "newest") where.push(sql`(${reports.createdAt}, ${reports.id}) < (${c.c}, ${c.i})`);
  if (c && opts.sort === "queue") {
    where.push(sql`(${reports.priority} < ${c.p ?? 0} or (${reports.priority} = ${c.p ?? 0} and (${reports.createdAt}, ${reports.id}) > (${c.c}, ${c.i})))`);
  }
  const order = {
    priority: [desc(reports.priority), desc(reports.createdAt), desc(reports.id)],
    queue: [desc(reports.priority), asc(reports.createdAt), asc(reports.id)],
    newest: [desc(reports.createdAt), desc(reports.id)],
  }[opts.sort];
  if (f.bbox) {
    const [west, south, east, north] = f.bbox;
    const wide = (east - west) * (north - south) > WIDE_BOX;
    if ((opts.strategy ?? (wide ? "recent-first" : "spatial")) === "recent-first") {
      const recent = db.select(plainListColumns).from(reports).where(and(...where)).orderBy(...order).limit(opts.recentWindow ?? RECENT_WINDOW).as("recent");
      const fields = Object.fromEntries(Object.keys(plainListColumns).map((k) => [k, recent[k as keyof typeof plainListColumns]])) as unknown as typeof plainListColumns;
      const recentOrder = {
        priority: [desc(recent.priority), desc(recent.createdAt), desc(recent.id)],
        queue: [desc(recent.priority), asc(recent.createdAt), asc(recent.id)],
        newest: [desc(recent.createdAt), desc(recent.id)],
      }[opts.sort];
      const rows = await db.select({ ...fields, thumbnailId: thumbnailOf("recent") }).from(recent)
        .where(sql`${recent.lon} between ${west} and ${east} and ${recent.lat} between ${south} and ${north}`)
        .orderBy(...recentOrder).limit(opts.limit);
      if (rows.length === opts.limit) return rows;
    }
    // point(lon, lat) <@ box uses the GiST expression index reports_location.
    where.push(sql`point(${reports.lon}, ${reports.lat}) <@ box(point(${west}, ${south}), point(${east}, ${north}))`);
  }
  return db.select(listColumns).from(reports).where(and(...where)).orderBy(...order).limit(opts.limit);
}

/** The GiST expression index reports_location answers `point(lon, lat) <@ box`. */
function inBox([west, south, east, north]: [number, number, number, number]): SQL {
  return sql`point(${reports.lon}, ${reports.lat}) <@ box(point(${west}, ${south}), point(${east}, ${north}))`;
}

export type MapFilter = ReportFilter & { bbox: [number, number, number, number] };
export interface MapPointRow { ref: string; lat: number; lon: number; state: string; category: string }

/** Up to `limit` reports of a box, with only what a map marker needs. */
export async function listMapPoints(db: Handle, f: MapFilter, limit: number): Promise<MapPointRow[]> {
  return db.select({ ref: reports.ref, lat: reports.lat, lon: reports.lon, state: reports.state, category: reports.categoryCode })
    .from(reports).where(and(...filterConditions(f), inBox(f.bbox))).limit(limit);
}

export type MapCellRow<B extends string> = { lat: number; lon: number; count: number } & Record<B, number>;

/**
 * The reports of a box counted per cell of a square grid in Web Mercator (the map's own
 * projection, so cells look square at every latitude), `cell` being the side as a fraction of
 * the world's width. The grid is the world's, not the box's: the same place falls in the same
 * cell whichever box asks. Each cell gives its reports' centroid, their number, and how many
 * are in each bucket of states.
 */
export async function countMapCells<B extends string>(db: Handle, f: MapFilter, cell: number, buckets: Record<B, string[]>): Promise<MapCellRow<B>[]> {
  const x = sql`floor((${reports.lon} + 180) / 360 / ${cell})`;
  const y = sql`floor((1 - ln(tan(radians(${reports.lat})) + 1 / cos(radians(${reports.lat}))) / pi()) / 2 / ${cell})`;
  const perBucket = Object.fromEntries(Object.entries<string[]>(buckets).map(([bucket, states]) =>
    [bucket, sql<number>`(count(*) filter (where ${inArray(reports.state, states)}))::int`]));
  const rows = await db.select({
    lat: sql<number>`avg(${reports.lat})`, lon: sql<number>`avg(${reports.lon})`, count: sql<number>`count(*)::int`, ...perBucket,
  }).from(reports).where(and(...filterConditions(f), inBox(f.bbox))).groupBy(x, y);
  return rows as MapCellRow<B>[];
}

/** How many reports of a filter are in each state, and how many of them are overdue. */
export async function countReportsByState(db: Handle, f: ReportFilter, overdue: DueCutoffs): Promise<{ state: string; count: number; overdue: number }[]> {
  return db.select({
    state: reports.state, count: sql<number>`count(*)::int`, overdue: sql<number>`(count(*) filter (where ${overdueCondition(overdue)}))::int`,
  }).from(reports).where(and(...filterConditions(f))).groupBy(reports.state);
}
