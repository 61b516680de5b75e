/**
 * The SQL behind the RSS/Atom feeds: what happened to public reports, newest first. Three
 * kinds of entry, each read with only public columns (never the reporter's contacts or the
 * authors' names): a report became public, a public report changed state, a public comment.
 */
import { and, desc, eq, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { reportHistory, reports, reportUpdates } from "../db/schema.ts";

export interface FeedFilter {
  cityId: string;
  /** An arrondissement or a préfecture (matched on either column, as the lists do). */
  areaCode?: string;
  categoryCode?: string;
  reportId?: string;
}

const reportColumns = {
  ref: reports.ref, title: reports.title, categoryCode: reports.categoryCode, areaCode: reports.areaCode, authorityId: reports.authorityId,
};

function reportConditions(f: FeedFilter): (SQL | undefined)[] {
  return [
    eq(reports.cityId, f.cityId),
    ne(reports.state, "open"),
    f.areaCode ? or(eq(reports.areaCode, f.areaCode), eq(reports.prefectureCode, f.areaCode)) : undefined,
    f.categoryCode ? eq(reports.categoryCode, f.categoryCode) : undefined,
    f.reportId ? eq(reports.id, f.reportId) : undefined,
  ];
}

export interface FeedReportRow { ref: string; title: string; categoryCode: string; areaCode: string; authorityId: string; description: string; state: string; at: Date }

/**
 * Reports as they became public, newest first. The walk follows created_at (the indexed
 * newest-first order); an entry is dated by its confirmation, minutes later at most for nearly all.
 */
export async function listPublishedReports(db: Db, f: FeedFilter, limit: number): Promise<FeedReportRow[]> {
  const rows = await db.select({ ...reportColumns, description: reports.description, state: reports.state, confirmedAt: reports.confirmedAt, createdAt: reports.createdAt })
    .from(reports).where(and(...reportConditions(f))).orderBy(desc(reports.createdAt), desc(reports.id)).limit(limit);
  return rows.map(({ confirmedAt, createdAt, ...r }) => ({ ...r, at: confirmedAt ?? createdAt }));
}

export interface FeedStateChangeRow { id: number; ref: string; title: string; categoryCode: string; areaCode: string; authorityId: string; from: string; to: string; text: string | null; at: Date }

/**
 * State changes of published reports (every state change writes a history row, whichever
 * use-case made it), with the text of the public update that made the change, if one did.
 * That update was written in the same transaction as its history row, so both carry the same
 * now() as created_at; imports give both the same date too.
 */
export async function listStateChanges(db: Db, f: FeedFilter, limit: number): Promise<FeedStateChangeRow[]> {
  const rows = await db.select({
    id: reportHistory.id, ...reportColumns, from: reportHistory.oldValue, to: reportHistory.newValue, text: reportUpdates.text, at: reportHistory.createdAt,
  }).from(reportHistory)
    .innerJoin(reports, eq(reports.id, reportHistory.reportId))
    .leftJoin(reportUpdates, and(
      eq(reportUpdates.reportId, reportHistory.reportId), eq(reportUpdates.visibility, "public"),
      eq(reportUpdates.stateTo, reportHistory.newValue), eq(reportUpdates.createdAt, reportHistory.createdAt),
    ))
    // From an unconfirmed report's first state (open) is its publication, an entry of its own.
    .where(and(eq(reportHistory.cityId, f.cityId), eq(reportHistory.field, "state"), sql`${reportHistory.oldValue} is not null`,
      ne(reportHistory.oldValue, "open"), sql`${reportHistory.newValue} is not null`, ...reportConditions(f)))
    .orderBy(desc(reportHistory.createdAt), desc(reportHistory.id)).limit(limit);
  return rows as FeedStateChangeRow[];
}

export interface FeedCommentRow { id: string; ref: string; title: string; categoryCode: string; areaCode: string; authorityId: string; text: string; at: Date }

/** Public updates that did not change the state (those come with their state change). */
export async function listComments(db: Db, f: FeedFilter, limit: number): Promise<FeedCommentRow[]> {
  return db.select({ id: reportUpdates.id, ...reportColumns, text: reportUpdates.text, at: reportUpdates.createdAt })
    .from(reportUpdates).innerJoin(reports, eq(reports.id, reportUpdates.reportId))
    .where(and(eq(reportUpdates.cityId, f.cityId), eq(reportUpdates.visibility, "public"), isNull(reportUpdates.stateTo), ...reportConditions(f)))
    .orderBy(desc(reportUpdates.createdAt), desc(reportUpdates.id)).limit(limit);
}
