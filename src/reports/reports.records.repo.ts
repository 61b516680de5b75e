/**
 * The SQL behind the public records other systems read (Open311's requests and
 * servicerequestupdates): published reports with their latest public note and first photo,
 * and the public updates of a time window. Public columns only, never the reporter's contacts.
 */
import { and, asc, desc, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { reportHistory, reportPhotos, reports, reportUpdates } from "../db/schema.ts";

export interface RecordFilter {
  cityId: string;
  refs?: string[];
  ids?: string[];
  categories?: string[];
  states?: string[];
  from?: Date;
  to?: Date;
}

export interface RecordRow {
  id: string; ref: string; categoryCode: string; areaCode: string; authorityId: string; state: string;
  title: string; description: string; lat: number; lon: number;
  createdAt: Date; updatedAt: Date; confirmedAt: Date | null; closedAt: Date | null;
  note: string | null; photoId: string | null;
}

export async function listRecords(db: Db, f: RecordFilter, limit: number): Promise<RecordRow[]> {
  const where: (SQL | undefined)[] = [
    eq(reports.cityId, f.cityId), ne(reports.state, "open"),
    f.refs ? inArray(reports.ref, f.refs) : undefined,
    f.ids ? inArray(reports.id, f.ids) : undefined,
    f.categories ? inArray(reports.categoryCode, f.categories) : undefined,
    f.states ? inArray(reports.state, f.states) : undefined,
    f.from ? sql`${reports.createdAt} >= ${f.from.toISOString()}` : undefined,
    f.to ? sql`${reports.createdAt} <= ${f.to.toISOString()}` : undefined,
  ];
  // Drizzle writes a single table's columns unqualified: the subqueries name the outer row's id in full.
  return db.select({
    id: reports.id, ref: reports.ref, categoryCode: reports.categoryCode, areaCode: reports.areaCode, authorityId: reports.authorityId,
    state: reports.state, title: reports.title, description: reports.description, lat: reports.lat, lon: reports.lon,
    createdAt: reports.createdAt, updatedAt: reports.updatedAt, confirmedAt: reports.confirmedAt, closedAt: reports.closedAt,
    note: sql<string | null>`(select u.text from ${reportUpdates} u where u.report_id = "reports"."id" and u.visibility = 'public' order by u.created_at desc limit 1)`,
    photoId: sql<string | null>`(select p.id from ${reportPhotos} p where p.report_id = "reports"."id" and p.update_id is null order by p.created_at, p.id limit 1)`,
  }).from(reports).where(and(...where)).orderBy(desc(reports.createdAt), desc(reports.id)).limit(limit);
}

export interface UpdateRecordRow {
  /** "u<uuid>" for a public update, "h<id>" for a state change made without one. */
  key: string; ref: string; text: string; stateTo: string | null; state: string; at: Date; photoId: string | null;
}

/** Public updates and bare state changes of published reports in [from, to], oldest first. */
export async function listUpdateRecords(db: Db, f: { cityId: string; from: Date; to: Date }, limit: number): Promise<UpdateRecordRow[]> {
  const window = (col: typeof reportUpdates.createdAt | typeof reportHistory.createdAt) =>
    and(sql`${col} >= ${f.from.toISOString()}`, sql`${col} <= ${f.to.toISOString()}`);
  const updates = await db.select({
    key: sql<string>`'u' || ${reportUpdates.id}::text`, ref: reports.ref, text: reportUpdates.text, stateTo: reportUpdates.stateTo,
    state: reports.state, at: reportUpdates.createdAt,
    photoId: sql<string | null>`(select p.id from ${reportPhotos} p where p.update_id = "report_updates"."id" order by p.created_at, p.id limit 1)`,
  }).from(reportUpdates).innerJoin(reports, eq(reports.id, reportUpdates.reportId))
    .where(and(eq(reportUpdates.cityId, f.cityId), eq(reportUpdates.visibility, "public"), ne(reports.state, "open"), window(reportUpdates.createdAt)))
    .orderBy(asc(reportUpdates.createdAt)).limit(limit);
  // A state change with no public update on the same report at the same instant (the update's own transaction).
  const bare = await db.select({
    key: sql<string>`'h' || ${reportHistory.id}::text`, ref: reports.ref, text: sql<string>`''`, stateTo: reportHistory.newValue,
    state: reports.state, at: reportHistory.createdAt, photoId: sql<string | null>`null`,
  }).from(reportHistory).innerJoin(reports, eq(reports.id, reportHistory.reportId))
    .leftJoin(reportUpdates, and(eq(reportUpdates.reportId, reportHistory.reportId), eq(reportUpdates.visibility, "public"),
      eq(reportUpdates.createdAt, reportHistory.createdAt)))
    .where(and(eq(reportHistory.cityId, f.cityId), eq(reportHistory.field, "state"), sql`${reportHistory.oldValue} is not null`,
      ne(reportHistory.oldValue, "open"), ne(reports.state, "open"), isNull(reportUpdates.id), window(reportHistory.createdAt)))
    .orderBy(asc(reportHistory.createdAt)).limit(limit);
  return [...updates, ...bare].sort((a, b) => a.at.getTime() - b.at.getTime()).slice(0, limit);
}
