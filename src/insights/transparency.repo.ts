/**
 * The SQL behind the public transparency figures. Every query reads published reports only
 * (state <> 'open') and only columns of the `reports_city_stats` covering index (city, date,
 * area, category, authority, state, confirmation, acknowledgement, fix, place), so PostgreSQL
 * answers from an index-only scan of the period; the fixed stories walk `reports_city_fixed`.
 * All values are bound parameters. Times come back as seconds, instants as epoch milliseconds.
 *
 * Definitions (the README's "Transparency and open data" repeats them):
 * - start of the clock: confirmation, else filing (as the due date of a report);
 * - acknowledged: a first staff state change or public update (acknowledged_at);
 * - fixed: in state fixed or closed with a fix date; time to fix = fixed_at − start;
 * - within target: fixed no later than the category's target days after the start;
 * - backlog: still to do now (confirmed, in progress, scheduled, reopened); age = now − start;
 * - medians and 90th percentiles: percentile_cont (linear interpolation between ranks).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { fixFeedback, reportPhotos, reports, reportUpdates } from "../db/schema.ts";

export interface StatsFilter {
  cityId: string;
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Leaf area codes (an arrondissement, or those of a préfecture). */
  areas?: string[];
  category?: string;
  /** Target days per category code. */
  targets: Record<string, number>;
  now: Date;
}

export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

export const inList = (values: string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** The filing-time condition of a filter: its period, unless `created` replaces it. */
const inPeriod = (f: StatsFilter) => sql`r.created_at >= ${f.from.toISOString()}::timestamptz and r.created_at < ${f.to.toISOString()}::timestamptz`;

/**
 * The filtered, published reports with the per-report measures every figure is made of;
 * `created` replaces the period's condition on the filing time (the stored figures read
 * several ranges at once).
 */
export function measured(f: StatsFilter, created: SQL = inPeriod(f)): SQL {
  const start = sql`coalesce(r.confirmed_at, r.created_at)`;
  const isFixed = sql`(r.state in ('fixed', 'closed') and r.fixed_at is not null)`;
  const isOpen = sql`r.state in ('confirmed', 'in_progress', 'action_scheduled', 'reopened')`;
  const target = sql`((${JSON.stringify(f.targets)}::jsonb ->> r.category_code)::float8 * 86400)`;
  return sql`
    select r.area_code, r.category_code, r.authority_id, r.lat, r.lon, r.created_at, r.fixed_at,
      extract(epoch from r.acknowledged_at - ${start})::float8 as ack_s,
      case when ${isFixed} then extract(epoch from r.fixed_at - ${start})::float8 end as fix_s,
      ${isFixed} as fixed,
      ${isOpen} as open,
      case when ${isOpen} then extract(epoch from ${f.now.toISOString()}::timestamptz - ${start})::float8 end as age_s,
      ${target} as target_s
    from ${reports} r
    where r.city_id = ${f.cityId} and r.state <> 'open' and (${created})
      ${f.areas ? sql`and r.area_code in (${inList(f.areas)})` : sql``}
      ${f.category ? sql`and r.category_code = ${f.category}` : sql``}`;
}

export interface FigureRow {
  /** Which grouping the row belongs to: the whole selection, one authority, one category or one area. */
  authority_id: string | null;
  category_code: string | null;
  area_code: string | null;
  grouping: "all" | "authority" | "category" | "area";
  received: number;
  acknowledged: number;
  fixed: number;
  ack_median_s: number | null;
  ack_p90_s: number | null;
  fix_median_s: number | null;
  fix_p90_s: number | null;
  within_target: number;
  backlog: number;
  backlog_overdue: number;
  backlog_age_median_s: number | null;
  backlog_age_max_s: number | null;
}

/** The figures of the whole selection and of each authority, category and area in it, in one pass. */
export async function figures(db: Db, f: StatsFilter): Promise<FigureRow[]> {
  return rows<FigureRow>(db, sql`
    with m as (${measured(f)})
    select authority_id, category_code, area_code,
      case grouping(authority_id, category_code, area_code)
        when 7 then 'all' when 3 then 'authority' when 5 then 'category' else 'area' end as grouping,
      count(*)::int as received,
      count(ack_s)::int as acknowledged,
      count(*) filter (where fixed)::int as fixed,
      percentile_cont(0.5) within group (order by ack_s) as ack_median_s,
      percentile_cont(0.9) within group (order by ack_s) as ack_p90_s,
      percentile_cont(0.5) within group (order by fix_s) as fix_median_s,
      percentile_cont(0.9) within group (order by fix_s) as fix_p90_s,
      count(*) filter (where fixed and fix_s <= target_s)::int as within_target,
      count(*) filter (where open)::int as backlog,
      count(*) filter (where open and age_s > target_s)::int as backlog_overdue,
      percentile_cont(0.5) within group (order by age_s) as backlog_age_median_s,
      max(age_s) as backlog_age_max_s
    from m
    group by grouping sets ((), (authority_id), (category_code), (area_code))`);
}

export interface SatisfactionRow {
  answers: number;
  confirmed_fixed: number;
  scored: number;
  score_mean: number | null;
}

/** The reporters' answers to "Is it really fixed?" about the selected reports (one per fix). */
export async function satisfaction(db: Db, f: StatsFilter): Promise<SatisfactionRow> {
  const [row] = await rows<SatisfactionRow>(db, sql`
    select count(*)::int as answers,
      count(*) filter (where ff.fixed)::int as confirmed_fixed,
      count(ff.score)::int as scored,
      avg(ff.score)::float8 as score_mean
    from ${fixFeedback} ff
    join ${reports} r on r.id = ff.report_id
    where ff.city_id = ${f.cityId} and r.city_id = ${f.cityId} and r.state <> 'open'
      and r.created_at >= ${f.from.toISOString()}::timestamptz and r.created_at < ${f.to.toISOString()}::timestamptz
      ${f.areas ? sql`and r.area_code in (${inList(f.areas)})` : sql``}
      ${f.category ? sql`and r.category_code = ${f.category}` : sql``}`);
  return row!;
}

export interface TimelineRow {
  /** Epoch ms of the bucket's first instant (UTC). */
  bucket: number;
  received: number;
  fixed: number;
}

/** Reports received, and fixes of them, per week or month (UTC) of the period. */
export async function timeline(db: Db, f: StatsFilter, unit: "week" | "month"): Promise<TimelineRow[]> {
  const bucket = (col: SQL) => sql`(extract(epoch from date_trunc(${unit}, ${col} at time zone 'UTC')) * 1000)::float8`;
  return rows<TimelineRow>(db, sql`
    with m as (${measured(f)}),
    received as (select ${bucket(sql`created_at`)} as bucket, count(*)::int as n from m group by 1),
    fixes as (select ${bucket(sql`fixed_at`)} as bucket, count(*)::int as n from m where fixed group by 1)
    select coalesce(received.bucket, fixes.bucket) as bucket, coalesce(received.n, 0) as received, coalesce(fixes.n, 0) as fixed
    from received full join fixes on fixes.bucket = received.bucket
    order by 1`);
}

export interface HeatRow { lat: number; lon: number; count: number }

/** Reports counted on a grid of `cell` degrees; each cell answers with the mean place of its reports. */
export async function heat(db: Db, f: StatsFilter, cell: number): Promise<HeatRow[]> {
  return rows<HeatRow>(db, sql`
    with m as (${measured(f)})
    select avg(lat)::float8 as lat, avg(lon)::float8 as lon, count(*)::int as count
    from m
    group by floor(lat / ${cell}::float8), floor(lon / ${cell}::float8)
    order by count desc
    limit 5000`);
}

export interface StoryRow {
  ref: string;
  title: string;
  category_code: string;
  area_code: string;
  authority_id: string;
  start_ms: number;
  fixed_ms: number;
  before_photo: string | null;
  after_photo: string | null;
}

/**
 * The latest fixes of the period: published reports in state fixed or closed, with the first
 * photo of the report ("before") and the latest photo of a public staff update ("after"),
 * preferring the update that marked it fixed. Photos of internal notes are never chosen.
 */
export async function stories(db: Db, f: StatsFilter, limit: number): Promise<StoryRow[]> {
  return rows<StoryRow>(db, sql`
    select r.ref, r.title, r.category_code, r.area_code, r.authority_id,
      (extract(epoch from coalesce(r.confirmed_at, r.created_at)) * 1000)::float8 as start_ms,
      (extract(epoch from r.fixed_at) * 1000)::float8 as fixed_ms,
      (select p.id::text from ${reportPhotos} p where p.report_id = r.id and p.update_id is null order by p.created_at, p.id limit 1) as before_photo,
      (select p.id::text from ${reportPhotos} p join ${reportUpdates} u on u.id = p.update_id
        where p.report_id = r.id and u.visibility = 'public' and u.author_role <> 'citizen'
        order by (u.state_to = 'fixed') desc nulls last, p.created_at desc, p.id limit 1) as after_photo
    from ${reports} r
    where r.city_id = ${f.cityId} and r.state in ('fixed', 'closed') and r.fixed_at is not null
      and r.fixed_at >= ${f.from.toISOString()}::timestamptz and r.fixed_at < ${f.to.toISOString()}::timestamptz
      ${f.areas ? sql`and r.area_code in (${inList(f.areas)})` : sql``}
      ${f.category ? sql`and r.category_code = ${f.category}` : sql``}
    order by r.fixed_at desc, r.id
    limit ${limit}`);
}
