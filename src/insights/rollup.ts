/**
 * The public figures at scale. A selection of fewer than ROLLUP_MIN_REPORTS stored reports is
 * measured exactly from its reports (transparency.repo.ts). A bigger one adds up stored rows
 * (report_stats): month rows for its whole months, day rows for the days of its partial
 * months, and computes from reports, in the same shape, the months marked to redo and any
 * partial day (so a figure is never stale); a selection of the whole city reads the city-wide
 * rows (per grouping, not per key: rollup.repo.ts). Counts stay exact; medians and 90th percentiles
 * come from the summed histograms (within 10%, see histogram.ts); the backlog is read from
 * the open reports alone, through their own index.
 *
 * The refresh job rewrites the marked months every few minutes (an outbox job, so one
 * instance does it); `refresh-insights` on the command line does it at once.
 */
import type { Db } from "../db/client.ts";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import { dayStart, isoDay, monthStart, nextDay, nextMonth } from "./dates.ts";
import { addInto, quantile, type Histogram } from "./histogram.ts";
import * as monthly from "./rollup.repo.ts";
import * as repo from "./transparency.repo.ts";

/**
 * Below this many reports in the stored rows of a selection, its figures are computed exactly.
 * Not higher: an exact figure of one area or category still walks the whole period's index
 * (1.9 s for 27,000 reports of one arrondissement among a million), stored rows do not.
 */
export const ROLLUP_MIN_REPORTS = 10_000;
export const REFRESH_TOPIC = "insights.refresh";
const REFRESH_EVERY_MS = 5 * 60_000;
/** Marks read per refresh run: a run ends well within the outbox lease, the next one goes on. */
const MARKS_PER_RUN = 20_000;
const RUN_BUDGET_MS = 60_000;

export interface Plan { months: string[]; days: string[]; ranges: monthly.Range[] }

/**
 * How to read a period: its whole months as month rows, the whole days of its partial months
 * as day rows, and from reports (`ranges`) the months marked to redo and any partial day.
 */
export function plan(f: Pick<repo.StatsFilter, "from" | "to">, marked: Set<string>): Plan {
  const out: Plan = { months: [], days: [], ranges: [] };
  const compute = (from: Date, to: Date) => {
    const last = out.ranges.at(-1);
    if (last && last.to.getTime() === from.getTime()) last.to = to;
    else out.ranges.push({ from, to });
  };
  /** [from, to) within one month, not all of it. */
  const partial = (from: Date, to: Date) => {
    if (marked.has(isoDay(monthStart(from)))) return compute(from, to);
    const firstDay = from.getTime() === dayStart(from).getTime() ? from : nextDay(dayStart(from));
    const endDay = dayStart(to);
    if (firstDay >= endDay) return compute(from, to);
    if (from < firstDay) compute(from, firstDay);
    for (let d = firstDay; d < endDay; d = nextDay(d)) out.days.push(isoDay(d));
    if (endDay < to) compute(endDay, to);
  };
  for (let m = monthStart(f.from); m < f.to; m = nextMonth(m)) {
    const from = m < f.from ? f.from : m;
    const to = nextMonth(m) > f.to ? f.to : nextMonth(m);
    if (from.getTime() === m.getTime() && to.getTime() === nextMonth(m).getTime()) {
      if (marked.has(isoDay(m))) compute(from, to);
      else out.months.push(isoDay(m));
    } else {
      partial(from, to);
    }
  }
  return out;
}

/**
 * The rows of a big selection for each need: the stored figures summed in the database for that
 * need, and the rows computed from reports for the months marked to redo and any partial day;
 * null when the selection is small enough to measure exactly.
 */
async function statsRows<N extends monthly.Needs>(db: Db, f: repo.StatsFilter, needs: N[], cellDegrees: number, minReports: number): Promise<Record<N, monthly.StatsRow[]> | null> {
  const marked = await monthly.markedMonths(db, f.cityId, isoDay(monthStart(f.from)), isoDay(nextMonth(f.to)));
  const { months, days, ranges } = plan(f, marked);
  const stored = await Promise.all(needs.map((need) => monthly.storedSums(db, f, months, days, need)));
  // Every need's rows add up to the same count of reports (city-wide figures: on the row for all).
  const counted = stored[0]!.filter((r) => (monthly.cityWideGrouping(r) ?? "all") === "all");
  if (counted.reduce((n, r) => n + r.received, 0) < minReports) return null;
  const live = await monthly.computeStats(db, f, ranges, "month", cellDegrees);
  return Object.fromEntries(needs.map((need, i) => [need, [...stored[i]!, ...live]])) as Record<N, monthly.StatsRow[]>;
}

/** Published reports filed per area in [from, to): exact, from stored months and days where it can. */
export async function reportsPerArea(db: Db, cityId: string, from: Date, to: Date): Promise<Map<string, number>> {
  const marked = await monthly.markedMonths(db, cityId, isoDay(monthStart(from)), isoDay(nextMonth(to)));
  const { months, days, ranges } = plan({ from, to }, marked);
  return monthly.receivedPerArea(db, cityId, months, days, ranges);
}

interface Totals {
  received: number; acknowledged: number; fixed: number; within_target: number; ack: Histogram; fix: Histogram;
  backlog: number; overdue: number; age: Histogram; max_age_s: number | null;
}

/** The figure rows (all, per authority, category, area) of monthly rows (per key or city-wide) and the backlog histogram. */
export function figuresFromStats(rows: monthly.StatsRow[], backlog: monthly.BacklogRow[]): repo.FigureRow[] {
  const groups = new Map<string, { row: Pick<repo.FigureRow, "grouping" | "authority_id" | "category_code" | "area_code">; t: Totals }>();
  type Key = Pick<repo.FigureRow, "grouping" | "authority_id" | "category_code" | "area_code">;
  const keysOf = (r: { authority_id: string; category_code: string; area_code: string }): Key[] => [
    { grouping: "all", authority_id: null, category_code: null, area_code: null },
    { grouping: "authority", authority_id: r.authority_id, category_code: null, area_code: null },
    { grouping: "category", authority_id: null, category_code: r.category_code, area_code: null },
    { grouping: "area", authority_id: null, category_code: null, area_code: r.area_code },
  ];
  const totalsOf = (row: Key) => {
    const key = `${row.grouping}/${row.authority_id ?? row.category_code ?? row.area_code ?? ""}`;
    if (!groups.has(key)) {
      groups.set(key, { row, t: { received: 0, acknowledged: 0, fixed: 0, within_target: 0, ack: {}, fix: {}, backlog: 0, overdue: 0, age: {}, max_age_s: null } });
    }
    return groups.get(key)!.t;
  };
  /** The four groups a row of one area × category × authority counts in; the one a city-wide row is. */
  const groupsOf = (r: { authority_id: string; category_code: string; area_code: string }) => {
    const grouping = monthly.cityWideGrouping(r);
    return keysOf(r).filter((k) => grouping === null || k.grouping === grouping).map(totalsOf);
  };
  for (const r of rows) {
    for (const t of groupsOf(r)) {
      t.received += r.received; t.acknowledged += r.acknowledged; t.fixed += r.fixed; t.within_target += r.within_target;
      addInto(t.ack, r.ack_hist); addInto(t.fix, r.fix_hist);
    }
  }
  for (const b of backlog) {
    for (const t of groupsOf(b)) {
      t.backlog += b.n; t.overdue += b.overdue;
      t.age[b.age_bin] = (t.age[b.age_bin] ?? 0) + b.n;
      t.max_age_s = Math.max(t.max_age_s ?? -Infinity, b.max_age_s);
    }
  }
  return [...groups.values()].map(({ row, t }) => ({
    ...row,
    received: t.received, acknowledged: t.acknowledged, fixed: t.fixed, within_target: t.within_target,
    ack_median_s: quantile(t.ack, 0.5), ack_p90_s: quantile(t.ack, 0.9),
    fix_median_s: quantile(t.fix, 0.5), fix_p90_s: quantile(t.fix, 0.9),
    backlog: t.backlog, backlog_overdue: t.overdue,
    backlog_age_median_s: quantile(t.age, 0.5), backlog_age_max_s: t.max_age_s,
  }));
}

/** What a chart can ask of a selection. */
export interface Parts { figures: repo.FigureRow[]; heat: repo.HeatRow[]; timeline: repo.TimelineRow[] }
export type Part = keyof Parts;

function heatFromStats(rows: monthly.StatsRow[]): repo.HeatRow[] {
  const cells: monthly.StatsRow["heat"] = {};
  for (const r of rows) monthly.addHeat(cells, r.heat);
  return Object.values(cells).map(([count, lat, lon]) => ({ lat: lat / count, lon: lon / count, count }))
    .sort((a, b) => b.count - a.count).slice(0, 5000);
}

/** Per month: reports received (by filing month) and fixes of them (by month of the fix). */
function timelineFromStats(rows: monthly.StatsRow[]): repo.TimelineRow[] {
  const buckets = new Map<number, repo.TimelineRow>();
  const bucket = (t: number) => buckets.get(t) ?? buckets.set(t, { bucket: t, received: 0, fixed: 0 }).get(t)!;
  for (const r of rows) {
    bucket(Date.parse(`${r.period.slice(0, 7)}-01T00:00:00Z`)).received += r.received;
    for (const [month, n] of Object.entries(r.fixed_months)) bucket(Date.parse(`${month}-01T00:00:00Z`)).fixed += n;
  }
  return [...buckets.values()].sort((a, b) => a.bucket - b.bucket);
}

/**
 * The parts asked for of a selection (the dashboard asks for all three at once), each from its
 * stored rows summed in the database, or measured exactly when the selection is small. A timeline by
 * week is always exact: the stored rows are per month.
 */
export async function selectionParts<P extends Part>(
  db: Db, f: repo.StatsFilter, parts: P[], unit: "week" | "month", cellDegrees: number, minReports = ROLLUP_MIN_REPORTS,
): Promise<Pick<Parts, P>> {
  const wants = (part: Part) => (parts as Part[]).includes(part);
  // Stored rows are per month: a timeline by week never reads them.
  const needs = (["figures", "heat", "timeline"] as const).filter((part) => wants(part) && (part !== "timeline" || unit === "month"));
  // The backlog does not depend on the stored rows: read both at once.
  const [rows, backlog] = await Promise.all([
    needs.length ? statsRows(db, f, needs, cellDegrees, minReports) : null,
    wants("figures") ? monthly.backlogHistogram(db, f) : [],
  ]);
  const [figures, heat, timeline] = await Promise.all([
    !wants("figures") ? undefined : rows ? figuresFromStats(rows.figures, backlog) : repo.figures(db, f),
    !wants("heat") ? undefined : rows ? heatFromStats(rows.heat) : repo.heat(db, f, cellDegrees),
    !wants("timeline") ? undefined : rows && unit === "month" ? timelineFromStats(rows.timeline) : repo.timeline(db, f, unit),
  ]);
  return { ...(figures && { figures }), ...(heat && { heat }), ...(timeline && { timeline }) } as Pick<Parts, P>;
}

/**
 * The figures of a selection. Their four views (summary, league, categories, areas) are four
 * endpoints a page may ask for at once: concurrent requests share one computation.
 */
const inFlight = new Map<string, Promise<repo.FigureRow[]>>();
export function selectionFigures(db: Db, f: repo.StatsFilter, cellDegrees: number, minReports = ROLLUP_MIN_REPORTS): Promise<repo.FigureRow[]> {
  const key = JSON.stringify([f.cityId, f.from, f.to, f.areas, f.category, f.targets, minReports]);
  let pending = inFlight.get(key);
  if (!pending) {
    pending = selectionParts(db, f, ["figures"], "month", cellDegrees, minReports).then((p) => p.figures).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/** Rewrites marked months, oldest marks first, for up to `budgetMs`; true when marks are left. */
export async function refreshMonthly(db: Db, cellDegrees: number, budgetMs = RUN_BUDGET_MS): Promise<{ months: number; rows: number; more: boolean }> {
  const started = Date.now();
  const targets = new Map<string, Record<string, number>>();
  let months = 0, written = 0;
  for (const mark of await monthly.pendingMarks(db, MARKS_PER_RUN)) {
    if (Date.now() - started > budgetMs) return { months, rows: written, more: true };
    if (!targets.has(mark.cityId)) targets.set(mark.cityId, await monthly.targetsOf(db, mark.cityId));
    written += await monthly.rewriteMonth(db, mark, targets.get(mark.cityId)!, cellDegrees);
    months++;
  }
  return { months, rows: written, more: (await monthly.pendingMarks(db, 1)).length > 0 };
}

/**
 * The next run. Keyed by its minute, so instances starting together enqueue it once; a
 * continuation (marks left) is keyed to the millisecond, as it may fall in the same minute.
 */
export async function scheduleRefresh(db: Db, at = new Date(), continuation = false): Promise<void> {
  const slot = continuation ? at.toISOString() : at.toISOString().slice(0, 16);
  await enqueue(db, { topic: REFRESH_TOPIC, cityId: null, payload: {}, runAfter: at, dedupeKey: `${REFRESH_TOPIC}:${slot}` });
}

export function refreshHandler(db: Db, cellDegrees: number): OutboxHandler {
  return async () => {
    const done = await refreshMonthly(db, cellDegrees);
    // Marks left (a big import): go on at once; else come back in a few minutes.
    await scheduleRefresh(db, new Date(Date.now() + (done.more ? 0 : REFRESH_EVERY_MS)), done.more);
    return { ok: true, result: done };
  };
}

