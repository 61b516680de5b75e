/**
 * SQL of the staff analytics: weekly counts, open report positions, backlogs and fix counts,
 * reports per area. Read-only over `reports` (its non-personal columns), through the indexes
 * the insights domain keeps on it. Unconfirmed reports (`open`) never count.
 */
import { and, desc, eq, gt, gte, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { outbox, reports } from "../db/schema.ts";
import { openStates } from "../reports/index.ts";
import type { WeeklyCount } from "./anomalies.ts";
import type { HotspotPoint } from "./hotspots.ts";
import { HIGH_PRIORITY, MEDIUM_PRIORITY, type BacklogRow } from "./resources.ts";

/** Whose reports a figure is about: the city's, or some authorities' only. */
export interface Scope { cityId: string; authorityIds?: string[] }

const WEEK_MS = 7 * 86_400_000;

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

/** Counts per category × area × week for the weeks a baseline reads (this week, the 8 before, last year's ±4). */
export async function weeklyCounts(db: Db, scope: Scope, now: Date, weeks: { recent: number; seasonalFrom: number; seasonalTo: number }): Promise<WeeklyCount[]> {
  const at = (k: number) => new Date(now.getTime() - k * WEEK_MS);
  // A literal number, not a parameter: GROUP BY must see the very same expression as the select list.
  const nowSeconds = sql.raw(String(Math.floor(now.getTime() / 1000)));
  const week = sql<number>`floor((${nowSeconds} - extract(epoch from ${reports.createdAt})) / ${sql.raw(String(WEEK_MS / 1000))})::int`;
  const span = (after: Date, upTo: Date) => db.select({ category: reports.categoryCode, area: reports.areaCode, week, count: sql<number>`count(*)::int` })
    .from(reports).where(scoped(scope, gt(reports.createdAt, after), lte(reports.createdAt, upTo)))
    .groupBy(reports.categoryCode, reports.areaCode, week);
  // Two range scans of the index side by side: one query with OR walked every report in between.
  const [recent, seasonal] = await Promise.all([span(at(weeks.recent + 1), now), span(at(weeks.seasonalTo + 1), at(weeks.seasonalFrom))]);
  return [...recent, ...seasonal].map((r) => ({ ...r, count: Number(r.count), week: Number(r.week) }));
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
