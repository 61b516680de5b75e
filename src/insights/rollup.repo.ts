/**
 * The SQL of the stored figures (report_stats, per day and per month): computing them from
 * reports for any filing-time ranges (used both to rewrite a month and, at query time, for
 * the months not rewritten yet and the partial days at a period's ends), reading the stored
 * ones, the marks of months to redo (report_stats_dirty), and the backlog of a selection as a
 * histogram of ages. Same definitions as transparency.repo.ts, which it builds on.
 */
import { and, asc, eq, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { categories, reportStats, reportStatsDirty } from "../db/schema.ts";
import { addInto, binSql, type Histogram } from "./histogram.ts";
import { inList, measured, rows, type StatsFilter } from "./transparency.repo.ts";

export type Grain = "day" | "month";

/**
 * Besides its rows per area × category × authority, a day or month is stored per grouping of
 * the whole city ("city-day", "city-month"): one row for all, one per authority, per category,
 * per area (~45 rows, not ~250), the heat map and the fixes per month on the "all" row only. A
 * selection of the whole city (the transparency page's first view) adds those up: half the
 * histogram bins, an eighth of the heat cells.
 */
export const ALL = "*";
export const NO_AUTHORITY = "00000000-0000-0000-0000-000000000000";
export type Grouping = "all" | "authority" | "category" | "area";

/** Which grouping a city-wide row is; null for a row of one area × category × authority (whose codes are never "*"). */
export function cityWideGrouping(r: Pick<StatsRow, "area_code" | "category_code" | "authority_id">): Grouping | null {
  if (r.area_code !== ALL && r.category_code !== ALL) return null;
  return r.area_code !== ALL ? "area" : r.category_code !== ALL ? "category" : r.authority_id !== NO_AUTHORITY ? "authority" : "all";
}

export interface StatsRow {
  /** First day of the day or month, YYYY-MM-DD. */
  period: string;
  area_code: string;
  category_code: string;
  authority_id: string;
  received: number;
  acknowledged: number;
  fixed: number;
  within_target: number;
  ack_hist: Histogram;
  fix_hist: Histogram;
  /** YYYY-MM of the fix → fixes. */
  fixed_months: Record<string, number>;
  /** Grid cell "i:j" (floor of lat and lon over the cell size) → [count, Σlat, Σlon]. */
  heat: Record<string, [number, number, number]>;
}

export type Range = { from: Date; to: Date };

const rangesSql = (ranges: Range[]) => sql.join(
  ranges.map((r) => sql`(r.created_at >= ${r.from.toISOString()}::timestamptz and r.created_at < ${r.to.toISOString()}::timestamptz)`), sql` or `,
);

/** The figures of the filter's reports filed in `ranges`, per day or month × area × category × authority. */
export async function computeStats(db: Db, f: StatsFilter, ranges: Range[], grain: Grain, cellDegrees: number): Promise<StatsRow[]> {
  if (ranges.length === 0) return [];
  const key = sql.raw("period, area_code, category_code, authority_id");
  const cell = sql.raw(String(cellDegrees));
  return rows<StatsRow>(db, sql`
    with b as (
      select to_char(date_trunc(${grain}, created_at at time zone 'UTC'), 'YYYY-MM-DD') as period, area_code, category_code, authority_id::text,
        ack_s, fix_s, fixed, target_s, lat, lon,
        ${binSql(sql`ack_s`)} as ack_bin, ${binSql(sql`fix_s`)} as fix_bin,
        case when fixed then to_char(fixed_at at time zone 'UTC', 'YYYY-MM') end as fixed_month,
        floor(lat / ${cell})::int || ':' || floor(lon / ${cell})::int as cell
      from (${measured(f, rangesSql(ranges))}) m),
    counts as (
      select ${key}, count(*)::int as received, count(ack_s)::int as acknowledged, count(*) filter (where fixed)::int as fixed,
        count(*) filter (where fixed and fix_s <= target_s)::int as within_target
      from b group by ${key}),
    ack as (select ${key}, jsonb_object_agg(ack_bin, n) as h
      from (select ${key}, ack_bin, count(*)::int as n from b where ack_bin is not null group by ${key}, ack_bin) x group by ${key}),
    fix as (select ${key}, jsonb_object_agg(fix_bin, n) as h
      from (select ${key}, fix_bin, count(*)::int as n from b where fixed group by ${key}, fix_bin) x group by ${key}),
    fm as (select ${key}, jsonb_object_agg(fixed_month, n) as h
      from (select ${key}, fixed_month, count(*)::int as n from b where fixed group by ${key}, fixed_month) x group by ${key}),
    heat as (select ${key}, jsonb_object_agg(cell, jsonb_build_array(n, slat, slon)) as h
      from (select ${key}, cell, count(*)::int as n, sum(lat) as slat, sum(lon) as slon from b group by ${key}, cell) x group by ${key})
    select c.*, coalesce(ack.h, '{}') as ack_hist, coalesce(fix.h, '{}') as fix_hist, coalesce(fm.h, '{}') as fixed_months, coalesce(heat.h, '{}') as heat
    from counts c
      left join ack using (period, area_code, category_code, authority_id)
      left join fix using (period, area_code, category_code, authority_id)
      left join fm using (period, area_code, category_code, authority_id)
      left join heat using (period, area_code, category_code, authority_id)`);
}

/** What a reader needs of the stored rows: the figures, the heat map, or the timeline. */
export type Needs = "figures" | "heat" | "timeline";

/** Consecutive days as [first, last] runs: a period's days are at most two runs (its two ends). */
function runsOf(days: string[]): [string, string][] {
  const runs: [string, string][] = [];
  for (const day of [...days].sort()) {
    const last = runs.at(-1);
    if (last && Date.parse(`${day}T00:00:00Z`) - Date.parse(`${last[1]}T00:00:00Z`) === 86_400_000) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/** Which stored rows: month rows of some months, day rows of some days (by runs, along the primary key), per key or city-wide. */
function storedWhere(cityId: string, months: string[], days: string[], cityWide = false) {
  const t = reportStats;
  const [month, day] = cityWide ? ["city-month", "city-day"] as const : ["month", "day"] as const;
  return and(eq(t.cityId, cityId), or(
    months.length ? and(eq(t.grain, month), inArray(t.period, months)) : undefined,
    ...runsOf(days).map(([first, last]) => and(eq(t.grain, day), gte(t.period, first), lte(t.period, last))),
  ));
}

/**
 * The stored figures of some months and days, restricted to the filter's areas and category,
 * added up in the database down to what `need` tells apart: per area × category × authority
 * for the figures, per month for the timeline, one row of grid cells for the heat map. A
 * year is ~10,000 stored rows; the answer is a few hundred, so Node parses little JSON and its
 * event loop stays free while PostgreSQL adds up (in another process, on another core).
 * Rows have the StatsRow shape, zero or empty where the need does not look.
 */
export async function storedSums(db: Db, f: Pick<StatsFilter, "cityId" | "areas" | "category">, months: string[], days: string[], need: Needs): Promise<StatsRow[]> {
  if (months.length === 0 && days.length === 0) return [];
  // Bins and cells of a year are ~100,000 rows to add up: hashed in memory, not sorted on disk.
  const sums = (part: Part) => db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return sumsOf(tx as unknown as Db, f, months, days, part);
  });
  if (need !== "figures") return sums(need);
  // The two histograms are most of the work: added up at once, on two connections (two cores).
  const [withAck, fixes] = await Promise.all([sums("figures"), sums("fixes")]);
  const keyOf = (r: StatsRow) => `${r.area_code}/${r.category_code}/${r.authority_id}`;
  const fixesOf = new Map(fixes.map((r) => [keyOf(r), r.fix_hist]));
  return withAck.map((r) => ({ ...r, fix_hist: fixesOf.get(keyOf(r)) ?? {} }));
}

/** One query's share of the sums: the figures without the fix times' histogram, which "fixes" adds up apart. */
type Part = Needs | "fixes";

async function sumsOf(db: Db, f: Pick<StatsFilter, "cityId" | "areas" | "category">, months: string[], days: string[], part: Part): Promise<StatsRow[]> {
  const t = reportStats;
  // Only the columns this part adds up: the others' JSON is most of a row's bytes.
  const columns = {
    figures: "area_code, category_code, authority_id, received, acknowledged, fixed, within_target, ack_hist",
    fixes: "area_code, category_code, authority_id, fix_hist",
    timeline: "period, received, fixed_months",
    heat: "heat",
  }[part];
  const cityWide = !f.areas && !f.category;
  const stored = sql`select ${sql.raw(columns)} from ${t} where ${and(
    storedWhere(f.cityId, months, days, cityWide),
    f.areas ? inArray(t.areaCode, f.areas) : undefined, f.category ? eq(t.categoryCode, f.category) : undefined,
    // Of the city-wide rows, the timeline and the map read the "all" row (the others count the same reports again).
    cityWide && (part === "timeline" || part === "heat") ? and(eq(t.areaCode, ALL), eq(t.categoryCode, ALL), eq(t.authorityId, NO_AUTHORITY)) : undefined,
  )}`;
  const key = sql.raw("area_code, category_code, authority_id");
  /** A histogram column summed per key: its bins taken apart, counted, put together again. */
  const histogram = (column: string) => sql`select ${key}, jsonb_object_agg(bin, n) as h from (
      select ${key}, e.key as bin, sum(e.value::int)::int as n from s, jsonb_each_text(s.${sql.raw(column)}) e group by ${key}, e.key) b
    group by ${key}`;
  if (part === "figures") {
    return rows<StatsRow>(db, sql`
      with s as materialized (${stored}),
      k as (select ${key}, sum(received)::int as received, sum(acknowledged)::int as acknowledged, sum(fixed)::int as fixed,
        sum(within_target)::int as within_target from s group by ${key}),
      ack as (${histogram("ack_hist")})
      select '' as period, k.area_code, k.category_code, k.authority_id::text, k.received, k.acknowledged, k.fixed, k.within_target,
        coalesce(ack.h, '{}') as ack_hist, '{}'::jsonb as fix_hist, '{}'::jsonb as fixed_months, '{}'::jsonb as heat
      from k left join ack using (${key})`);
  }
  if (part === "fixes") {
    return rows<StatsRow>(db, sql`
      with s as materialized (${stored})
      select area_code, category_code, authority_id::text, h as fix_hist from (${histogram("fix_hist")}) fix`);
  }
  const none = sql.raw(`'' as area_code, '' as category_code, '' as authority_id, 0 as acknowledged, 0 as fixed, 0 as within_target, '{}'::jsonb as ack_hist, '{}'::jsonb as fix_hist`);
  if (part === "timeline") {
    // Reports received per filing month; fixes per month of the fix, each a row of its own month.
    return rows<StatsRow>(db, sql`
      with s as materialized (${stored})
      select to_char(period, 'YYYY-MM-01') as period, sum(received)::int as received, '{}'::jsonb as fixed_months, '{}'::jsonb as heat, ${none}
        from s group by 1
      union all
      select e.key || '-01', 0, jsonb_build_object(e.key, sum(e.value::int)::int), '{}'::jsonb, ${none}
        from s, jsonb_each_text(s.fixed_months) e group by e.key`);
  }
  return rows<StatsRow>(db, sql`
    select '' as period, coalesce(sum(n), 0)::int as received, '{}'::jsonb as fixed_months,
      coalesce(jsonb_object_agg(cell, jsonb_build_array(n, lat, lon)), '{}') as heat, ${none}
    from (select e.key as cell, sum((e.value->>0)::int)::int as n, sum((e.value->>1)::float8) as lat, sum((e.value->>2)::float8) as lon
      from (${stored}) s, jsonb_each(s.heat) e group by e.key) c`);
}

/** Published reports per area: summed from stored months and days, and counted live in `ranges`. */
export async function receivedPerArea(db: Db, cityId: string, months: string[], days: string[], ranges: Range[]): Promise<Map<string, number>> {
  const t = reportStats;
  const [stored, live] = await Promise.all([
    months.length === 0 && days.length === 0 ? [] : db.select({ area: t.areaCode, n: sql<number>`sum(${t.received})::int` }).from(t)
      .where(storedWhere(cityId, months, days)).groupBy(t.areaCode),
    ranges.length === 0 ? [] : rows<{ area: string; n: number }>(db, sql`select r.area_code as area, count(*)::int as n from reports r
      where r.city_id = ${cityId} and r.state <> 'open' and (${rangesSql(ranges)}) group by r.area_code`),
  ]);
  const counts = new Map<string, number>();
  for (const r of [...stored, ...live]) counts.set(r.area, (counts.get(r.area) ?? 0) + Number(r.n));
  return counts;
}

/**
 * Published reports per week × category × area of some stored days (day → week), for some
 * authorities or all: added up by week in the database, so a few thousand rows come back, not
 * the ~27,000 day rows of 108 days (parsing those took Node 100 ms).
 */
export async function storedWeekCounts(db: Db, cityId: string, weekOfDay: Map<string, number>, authorityIds?: string[]): Promise<{ week: number; category: string; area: string; n: number }[]> {
  if (weekOfDay.size === 0) return [];
  const t = reportStats;
  const weeks = sql.join([...weekOfDay].map(([day, week]) => sql`(${day}::date, ${week}::int)`), sql`, `);
  const found = await rows<{ week: number; category: string; area: string; n: number }>(db, sql`
    select w.week, ${t.categoryCode} as category, ${t.areaCode} as area, sum(${t.received})::int as n
    from ${t} join (values ${weeks}) as w(day, week) on ${t.period} = w.day
    where ${and(storedWhere(cityId, [], [...weekOfDay.keys()]), authorityIds ? inArray(t.authorityId, authorityIds) : undefined)}
    group by w.week, ${t.categoryCode}, ${t.areaCode}`);
  return found.map((r) => ({ ...r, week: Number(r.week), n: Number(r.n) }));
}

/** The months between two dates that are marked to redo. */
export async function markedMonths(db: Db, cityId: string, fromMonth: string, toMonth: string): Promise<Set<string>> {
  const found = await db.selectDistinct({ month: reportStatsDirty.month }).from(reportStatsDirty)
    .where(and(eq(reportStatsDirty.cityId, cityId), gte(reportStatsDirty.month, fromMonth), lt(reportStatsDirty.month, toMonth)));
  return new Set(found.map((r) => r.month));
}

/** The oldest marks (up to `limit`), grouped by city and month, with the ids seen. */
export async function pendingMarks(db: Db, limit: number): Promise<{ cityId: string; month: string; ids: number[] }[]> {
  const marks = await db.select().from(reportStatsDirty).orderBy(asc(reportStatsDirty.id)).limit(limit);
  const groups = new Map<string, { cityId: string; month: string; ids: number[] }>();
  for (const m of marks) {
    const key = `${m.cityId}/${m.month}`;
    if (!groups.has(key)) groups.set(key, { cityId: m.cityId, month: m.month, ids: [] });
    groups.get(key)!.ids.push(m.id);
  }
  return [...groups.values()];
}

/** Each category's target days, as the database has them (the triggers' source too). */
export async function targetsOf(db: Db, cityId: string): Promise<Record<string, number>> {
  const found = await db.select({ code: categories.code, days: categories.targetDays }).from(categories).where(eq(categories.cityId, cityId));
  return Object.fromEntries(found.map((c) => [c.code, c.days]));
}

/** Adds heat cells ([count, Σlat, Σlon]) into others. */
export function addHeat(into: StatsRow["heat"], from: StatsRow["heat"]): void {
  for (const [k, [n, lat, lon]] of Object.entries(from)) {
    const c = into[k] ?? [0, 0, 0];
    into[k] = [c[0] + n, c[1] + lat, c[2] + lon];
  }
}

/** Adds stats rows of the same key into one (the month row of its days). */
function mergeRows(into: StatsRow, from: StatsRow): void {
  into.received += from.received; into.acknowledged += from.acknowledged; into.fixed += from.fixed; into.within_target += from.within_target;
  addInto(into.ack_hist, from.ack_hist);
  addInto(into.fix_hist, from.fix_hist);
  addInto(into.fixed_months, from.fixed_months);
  addHeat(into.heat, from.heat);
}

/** The city-wide rows (per grouping) of some rows per key, period by period. */
export function cityWideRows(rows: StatsRow[]): StatsRow[] {
  const groups = new Map<string, StatsRow>();
  for (const r of rows) {
    const keys: [string, string, string][] = [[ALL, ALL, NO_AUTHORITY], [ALL, ALL, r.authority_id], [ALL, r.category_code, NO_AUTHORITY], [r.area_code, ALL, NO_AUTHORITY]];
    keys.forEach(([area, category, authority], i) => {
      const key = `${r.period}/${area}/${category}/${authority}`;
      const g = groups.get(key) ?? groups.set(key, {
        period: r.period, area_code: area, category_code: category, authority_id: authority,
        received: 0, acknowledged: 0, fixed: 0, within_target: 0, ack_hist: {}, fix_hist: {}, fixed_months: {}, heat: {},
      }).get(key)!;
      // The map and the fixes per month only on the row for all: the others would repeat them.
      mergeRows(g, i === 0 ? r : { ...r, fixed_months: {}, heat: {} });
    });
  }
  return [...groups.values()];
}

/**
 * Rewrites one month (its day rows and its month rows, per key and city-wide) from its reports and deletes the
 * marks that were seen, in one transaction. A mark made by a writer that commits later is not
 * among them and stays, so the month is redone again: nothing is lost between reading the
 * marks and the rewrite.
 */
export async function rewriteMonth(db: Db, mark: { cityId: string; month: string; ids: number[] }, targets: Record<string, number>, cellDegrees: number): Promise<number> {
  const from = new Date(`${mark.month}T00:00:00Z`);
  const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  const filter: StatsFilter = { cityId: mark.cityId, from, to, targets, now: new Date() };
  return db.transaction(async (tx) => {
    // One rewrite at a time across instances: two would both insert the month's rows.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('insights.refresh'))`);
    const days = await computeStats(tx as unknown as Db, filter, [{ from, to }], "day", cellDegrees);
    const months = new Map<string, StatsRow>();
    for (const d of days) {
      const key = `${d.area_code}/${d.category_code}/${d.authority_id}`;
      const m = months.get(key) ?? months.set(key, { ...d, period: mark.month, received: 0, acknowledged: 0, fixed: 0, within_target: 0, ack_hist: {}, fix_hist: {}, fixed_months: {}, heat: {} }).get(key)!;
      mergeRows(m, d);
    }
    await tx.delete(reportStats).where(and(eq(reportStats.cityId, mark.cityId), gte(reportStats.period, mark.month), lt(reportStats.period, to.toISOString().slice(0, 10))));
    const rows = [
      ...days.map((r) => ({ r, grain: "day" as const })), ...[...months.values()].map((r) => ({ r, grain: "month" as const })),
      ...cityWideRows(days).map((r) => ({ r, grain: "city-day" as const })), ...cityWideRows([...months.values()]).map((r) => ({ r, grain: "city-month" as const })),
    ];
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(reportStats).values(rows.slice(i, i + 500).map(({ r, grain }) => ({
        cityId: mark.cityId, grain, period: r.period, areaCode: r.area_code, categoryCode: r.category_code, authorityId: r.authority_id,
        received: r.received, acknowledged: r.acknowledged, fixed: r.fixed, withinTarget: r.within_target,
        ackHist: r.ack_hist, fixHist: r.fix_hist, fixedMonths: r.fixed_months, heat: r.heat,
      })));
    }
    await tx.delete(reportStatsDirty).where(inArray(reportStatsDirty.id, mark.ids));
    return rows.length;
  });
}

export interface BacklogRow {
  area_code: string;
  category_code: string;
  authority_id: string;
  age_bin: number;
  n: number;
  overdue: number;
  max_age_s: number;
}

/** The selection's open work by area × category × authority × age bin (exact counts, ages binned). */
export async function backlogHistogram(db: Db, f: StatsFilter): Promise<BacklogRow[]> {
  const targets = Object.entries(f.targets);
  const targetDays = targets.length
    ? sql`(values ${sql.join(targets.map(([code, days]) => sql`(${code}, ${days}::float8)`), sql`, `)})`
    : sql`(select null::text, null::float8 where false)`;
  // Layered so that each report's age is computed once, its bin and its lateness from it.
  // A year of a big city's open work is ~100,000 rows: hashed in memory, not sorted on disk.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return rows<BacklogRow>(tx as unknown as Db, sql`
    select o.area_code, o.category_code, o.authority_id, ${binSql(sql`o.age_s`)} as age_bin, count(*)::int as n,
      count(*) filter (where o.age_s > t.days * 86400)::int as overdue, max(o.age_s) as max_age_s
    from (
      select r.area_code, r.category_code, r.authority_id,
        extract(epoch from ${f.now.toISOString()}::timestamptz - coalesce(r.confirmed_at, r.created_at))::float8 as age_s
      from reports r
      where r.city_id = ${f.cityId} and r.state in ('confirmed', 'in_progress', 'action_scheduled', 'reopened')
        and r.created_at >= ${f.from.toISOString()}::timestamptz and r.created_at < ${f.to.toISOString()}::timestamptz
        ${f.areas ? sql`and r.area_code in (${inList(f.areas)})` : sql``}
        ${f.category ? sql`and r.category_code = ${f.category}` : sql``}
      offset 0 -- a fence: inlined, the age would be computed once per use (four), not once per report
    ) o
    left join ${targetDays} as t(code, days) on t.code = o.category_code
    group by 1, 2, 3, 4`);
  });
}
