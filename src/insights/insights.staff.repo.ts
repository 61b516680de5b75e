/**
 * SQL of the staff analytics: weekly counts, open report positions, backlogs and fix counts,
 * reports per area. Read-only over `reports` (its non-personal columns), through the indexes
 * the insights domain keeps on it. Unconfirmed reports (`open`) never count.
 */
import { and, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { outbox, reports } from "../db/schema.ts";
import { rows } from "./transparency.repo.ts";
import { openStates } from "../reports/index.ts";
import type { WeeklyCount } from "./anomalies.ts";
import { WEEK_MS } from "./dates.ts";
import type { HotspotPoint } from "./hotspots.ts";
import { HIGH_PRIORITY, MEDIUM_PRIORITY, type BacklogRow } from "./resources.ts";

/** Whose reports a figure is about: the city's, or some authorities' only. */
export interface Scope { cityId: string; authorityIds?: string[] }

/** Reports filed in [from, to) (whole UTC days) and within some weeks' bounds (after, upTo]. */
export interface Span { from: Date; to: Date; after: Date; upTo: Date }

function scoped(scope: Scope, ...more: (SQL | undefined)[]): SQL {
  return and(
    eq(reports.cityId, scope.cityId), ne(reports.state, "open"),
    scope.authorityIds ? inArray(reports.authorityId, scope.authorityIds) : undefined, ...more,
  )!;
}

export async function firstReportAt(db: Db, scope: Scope): Promise<Date | null> {
  const [row] = await db.select({ at: sql<string | null>`min(${reports.createdAt})` }).from(reports).where(scoped(scope));
  return row?.at ? new Date(row.at) : null;
}

/**
 * Counts per category × area × week (0: the 7 days up to `now`) of the reports of some spans:
 * one index range scan each, side by side (an OR of ranges in one condition walked every
 * report in between).
 */
export async function weeklyCountsIn(db: Db, scope: Scope, now: Date, spans: Span[]): Promise<WeeklyCount[]> {
  if (spans.length === 0) return [];
  // A literal number, not a parameter: GROUP BY must see the very same expression as the select list.
  const nowSeconds = sql.raw(String(now.getTime() / 1000));
  const week = sql<number>`floor((${nowSeconds} - extract(epoch from created_at)) / ${sql.raw(String(WEEK_MS / 1000))})::int`;
  const scans = spans.map((s) => sql`select ${reports.categoryCode} as category, ${reports.areaCode} as area, ${reports.createdAt} as created_at
    from ${reports} where ${scoped(scope, gte(reports.createdAt, s.from), lt(reports.createdAt, s.to), gt(reports.createdAt, s.after), lte(reports.createdAt, s.upTo))}`);
  const found = await rows<WeeklyCount>(db, sql`select category, area, ${week} as week, count(*)::int as count
    from (${sql.join(scans, sql` union all `)}) x group by category, area, ${week}`);
  return found.map((r) => ({ ...r, count: Number(r.count), week: Number(r.week) }));
}

/** The reports of some category × area pairs filed since a date, newest first. */
export async function reportsOfSeries(db: Db, scope: Scope, pairs: { category: string; area: string }[], since: Date, until: Date) {
  if (pairs.length === 0) return [];
  return db.select({ ref: reports.ref, category: reports.categoryCode, area: reports.areaCode, title: reports.title, state: reports.state, createdAt: reports.createdAt })
    .from(reports)
    .where(scoped(scope, gt(reports.createdAt, since), lte(reports.createdAt, until),
      or(...pairs.map((p) => and(eq(reports.categoryCode, p.category), eq(reports.areaCode, p.area))))))
    .orderBy(desc(reports.createdAt)).limit(pairs.length * 50);
}

/** Open reports' positions, newest first (at most `limit`). */
export async function openPoints(db: Db, scope: Scope, limit: number): Promise<HotspotPoint[]> {
  return db.select({ ref: reports.ref, lat: reports.lat, lon: reports.lon, category: reports.categoryCode, area: reports.areaCode, priority: reports.priority })
    .from(reports).where(scoped(scope, inArray(reports.state, openStates)))
    .orderBy(desc(reports.createdAt)).limit(limit);
}

/** Open reports per authority × area by priority band, and the reports fixed there since a date. */
export async function backlogs(db: Db, scope: Scope, fixedSince: Date): Promise<BacklogRow[]> {
  const band = (cond: SQL) => sql<number>`(count(*) filter (where ${cond}))::int`;
  const [open, fixed] = await Promise.all([
    db.select({
      authorityId: reports.authorityId, area: reports.areaCode,
      high: band(sql`${reports.priority} >= ${HIGH_PRIORITY}`),
      medium: band(sql`${reports.priority} >= ${MEDIUM_PRIORITY} and ${reports.priority} < ${HIGH_PRIORITY}`),
      low: band(sql`${reports.priority} < ${MEDIUM_PRIORITY}`),
    }).from(reports).where(scoped(scope, inArray(reports.state, openStates))).groupBy(reports.authorityId, reports.areaCode),
    db.select({ authorityId: reports.authorityId, area: reports.areaCode, n: sql<number>`count(*)::int` })
      .from(reports).where(scoped(scope, inArray(reports.state, ["fixed", "closed"]), gte(reports.fixedAt, fixedSince)))
      .groupBy(reports.authorityId, reports.areaCode),
  ]);
  const rows = new Map<string, BacklogRow>();
  const key = (a: string, area: string) => `${a}\u0000${area}`;
  for (const r of open) rows.set(key(r.authorityId, r.area), { authorityId: r.authorityId, area: r.area, high: Number(r.high), medium: Number(r.medium), low: Number(r.low), fixedRecently: 0 });
  for (const r of fixed) {
    const row = rows.get(key(r.authorityId, r.area)) ?? { authorityId: r.authorityId, area: r.area, high: 0, medium: 0, low: 0, fixedRecently: 0 };
    row.fixedRecently = Number(r.n);
    rows.set(key(r.authorityId, r.area), row);
  }
  return [...rows.values()];
}

/** A staff export job: its outbox message (state, owner in the payload, rows in the result). */
export async function findExportJob(db: Db, cityId: string, jobId: string) {
  const [row] = await db.select().from(outbox).where(and(eq(outbox.cityId, cityId), eq(outbox.dedupeKey, `staff-export:${jobId}`)));
  return row;
}
