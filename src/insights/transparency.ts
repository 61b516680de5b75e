/**
 * The public transparency figures: what the city received, acknowledged and fixed for a
 * period, area and category, how fast (median and 90th percentile, per authority), how often
 * within the category's target time, what is left to do and for how long, what reporters say
 * of the fixes, the league of authorities, the map layers and the latest fixed stories.
 * Anonymous and public: published reports only, no personal data.
 */
import type { Area, City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { fieldError } from "../errors.ts";
import { DAY_MS, isoDay, monthStart, nextMonth, WEEK_MS } from "./dates.ts";
import * as rollup from "./rollup.ts";
import * as repo from "./transparency.repo.ts";
import type { Figures, StatsQuery } from "./transparency.schemas.ts";

export interface InsightsContext {
  db: Db;
  city: City;
  publicUrl: string;
}

const HOUR_S = 3600;
/** ~500 m: fine enough to see a street's trouble, coarse enough to keep the answer small. */
export const HEAT_CELL_DEGREES = 0.005;
export const STORIES = 6;

/** The outbox job that keeps the stored figures (at the heat map's cell size) up to date. */
export const insightsRefreshHandler = (db: Db) => rollup.refreshHandler(db, HEAT_CELL_DEGREES);
/** Rewrites every marked month now (after a bulk import, and on the command line). */
export async function refreshAllMonthly(db: Db): Promise<number> {
  let months = 0;
  for (;;) {
    const done = await rollup.refreshMonthly(db, HEAT_CELL_DEGREES, Infinity);
    months += done.months;
    if (!done.more) return months;
  }
}

export interface Selection {
  filter: repo.StatsFilter;
  echo: { from: string; to: string; area: string | null; category: string | null };
}

/** The arrondissements (leaves) of the city; an area that others name as parent is a préfecture. */
export function leafAreas(city: City): Area[] {
  const parents = new Set(city.areas.all.map((a) => a.parent).filter(Boolean));
  return city.areas.all.filter((a) => !parents.has(a.code));
}

/** Turns the query into the repo's filter; unknown codes are 400s naming the field. */
export function select(ctx: InsightsContext, q: StatsQuery, now = new Date()): Selection {
  const today = new Date(`${isoDay(now)}T00:00:00Z`);
  const to = q.to ? new Date(`${q.to}T00:00:00Z`) : today;
  const from = q.from ? new Date(`${q.from}T00:00:00Z`) : new Date(to.getTime() - 364 * DAY_MS);
  let areas: string[] | undefined;
  if (q.area) {
    const area = ctx.city.areas.get(q.area);
    if (!area) throw fieldError("validation", "area", "invalid");
    areas = leafAreas(ctx.city).filter((a) => a.code === area.code || ctx.city.areas.parentsOf(a).some((p) => p.code === area.code)).map((a) => a.code);
  }
  if (q.category && !ctx.city.categories.has(q.category)) throw fieldError("validation", "category", "invalid");
  const targets = Object.fromEntries([...ctx.city.categories.values()].map((c) => [c.code, c.targetDays]));
  return {
    filter: { cityId: ctx.city.id, from, to: new Date(to.getTime() + DAY_MS), areas, category: q.category, targets, now },
    echo: { from: isoDay(from), to: isoDay(to), area: q.area ?? null, category: q.category ?? null },
  };
}

const toHours = (s: number | null) => (s === null ? null : Math.round((s / HOUR_S) * 100) / 100);
const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 10_000) / 10_000);

function figuresOf(r: repo.FigureRow | undefined): Figures {
  if (!r) {
    return {
      received: 0, acknowledged: 0, fixed: 0, timeToAcknowledge: { median: null, p90: null }, timeToFix: { median: null, p90: null },
      withinTarget: { count: 0, share: null }, backlog: { count: 0, overdue: 0, medianAge: null, maxAge: null },
    };
  }
  return {
    received: r.received, acknowledged: r.acknowledged, fixed: r.fixed,
    timeToAcknowledge: { median: toHours(r.ack_median_s), p90: toHours(r.ack_p90_s) },
    timeToFix: { median: toHours(r.fix_median_s), p90: toHours(r.fix_p90_s) },
    withinTarget: { count: r.within_target, share: share(r.within_target, r.fixed) },
    backlog: { count: r.backlog, overdue: r.backlog_overdue, medianAge: toHours(r.backlog_age_median_s), maxAge: toHours(r.backlog_age_max_s) },
  };
}

type Satisfaction = Awaited<ReturnType<typeof repo.satisfaction>>;

function summaryOf(s: Selection, figures: repo.FigureRow[], sat: Satisfaction) {
  return {
    selection: s.echo,
    figures: figuresOf(figures.find((r) => r.grouping === "all")),
    satisfaction: {
      answers: sat.answers, confirmedFixed: sat.confirmed_fixed, confirmedShare: share(sat.confirmed_fixed, sat.answers),
      scored: sat.scored, meanScore: sat.score_mean === null ? null : Math.round(sat.score_mean * 100) / 100,
    },
  };
}

/** Authorities of the selection ranked: fastest median fix first (none fixed last), then smallest backlog, then code. */
function leagueOf(ctx: InsightsContext, s: Selection, figures: repo.FigureRow[]) {
  const league = figures.filter((r) => r.grouping === "authority").map((r) => {
    const a = ctx.city.authorities.get(r.authority_id!);
    return { code: a?.code ?? "unknown", name: a?.name ?? {}, ...figuresOf(r) };
  }).sort((a, b) => (a.timeToFix.median ?? Infinity) - (b.timeToFix.median ?? Infinity)
    || a.backlog.count - b.backlog.count || a.code.localeCompare(b.code));
  return { selection: s.echo, authorities: league.map((a, i) => ({ rank: i + 1, ...a })) };
}

function categoriesOf(ctx: InsightsContext, s: Selection, figures: repo.FigureRow[]) {
  return {
    selection: s.echo,
    categories: figures.filter((r) => r.grouping === "category").map((r) => {
      const c = ctx.city.categories.get(r.category_code!);
      return { code: r.category_code!, name: c?.name ?? {}, targetDays: c?.targetDays ?? 0, ...figuresOf(r) };
    }).sort((a, b) => b.received - a.received || a.code.localeCompare(b.code)),
  };
}

function areasOf(ctx: InsightsContext, s: Selection, figures: repo.FigureRow[]) {
  const byArea = new Map(figures.filter((r) => r.grouping === "area").map((r) => [r.area_code!, r]));
  return {
    selection: s.echo,
    areas: leafAreas(ctx.city).filter((a) => !s.filter.areas || s.filter.areas.includes(a.code)).map((a) => {
      const r = byArea.get(a.code);
      const received = r?.received ?? 0;
      return {
        code: a.code, name: a.name as Record<string, string>, parent: a.parent, population: a.population,
        received, fixed: r?.fixed ?? 0, backlog: r?.backlog ?? 0, fixMedian: toHours(r?.fix_median_s ?? null),
        perTenThousand: a.population ? Math.round((received / a.population) * 10_000 * 100) / 100 : null,
      };
    }),
  };
}

function heatmapOf(s: Selection, points: repo.HeatRow[]) {
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return { selection: s.echo, cellDegrees: HEAT_CELL_DEGREES, points: points.map((p) => ({ lat: round(p.lat), lon: round(p.lon), count: p.count })) };
}

/** Weeks up to about three months, months beyond: a chart of a dozen or so bars either way. */
const unitOf = (s: Selection): "week" | "month" => (s.filter.to.getTime() - s.filter.from.getTime() <= 92 * DAY_MS ? "week" : "month");

function timelineOf(s: Selection, rows: repo.TimelineRow[]) {
  const unit = unitOf(s);
  const buckets = new Map(rows.map((r) => [isoDay(new Date(r.bucket)), { start: isoDay(new Date(r.bucket)), received: r.received, fixed: r.fixed }]));
  // A quiet week or month is a bar of zero, not a gap the chart would close up.
  for (let t = bucketStart(s.filter.from, unit); t < s.filter.to; t = nextBucket(t, unit)) {
    if (!buckets.has(isoDay(t))) buckets.set(isoDay(t), { start: isoDay(t), received: 0, fixed: 0 });
  }
  return { selection: s.echo, unit, buckets: [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start)) };
}

function storiesOf(ctx: InsightsContext, s: Selection, rows: Awaited<ReturnType<typeof repo.stories>>) {
  const photo = (id: string | null) => (id ? { url: `${ctx.publicUrl}/api/photos/${id}.jpg`, thumbnailUrl: `${ctx.publicUrl}/api/photos/${id}.thumb.jpg` } : null);
  return {
    selection: s.echo,
    stories: rows.map((r) => ({
      ref: r.ref, title: r.title, category: r.category_code, area: r.area_code, authority: ctx.city.authorities.get(r.authority_id)?.code ?? "unknown",
      url: `${ctx.publicUrl}/r/${r.ref}`, startedAt: new Date(r.start_ms).toISOString(), fixedAt: new Date(r.fixed_ms).toISOString(),
      hoursToFix: toHours((r.fixed_ms - r.start_ms) / 1000)!, before: photo(r.before_photo), after: photo(r.after_photo),
    })),
  };
}

const figuresOfSelection = (ctx: InsightsContext, s: Selection) => rollup.selectionFigures(ctx.db, s.filter, HEAT_CELL_DEGREES);

export async function summary(ctx: InsightsContext, q: StatsQuery) {
  const s = select(ctx, q);
  const [figures, sat] = await Promise.all([figuresOfSelection(ctx, s), repo.satisfaction(ctx.db, s.filter)]);
  return summaryOf(s, figures, sat);
}

export async function authorities(ctx: InsightsContext, q: StatsQuery) {
  const s = select(ctx, q);
  return leagueOf(ctx, s, await figuresOfSelection(ctx, s));
}

export async function categories(ctx: InsightsContext, q: StatsQuery) {
  const s = select(ctx, q);
  return categoriesOf(ctx, s, await figuresOfSelection(ctx, s));
}

export async function areas(ctx: InsightsContext, q: StatsQuery) {
  const s = select(ctx, q);
  return areasOf(ctx, s, await figuresOfSelection(ctx, s));
}

export async function heatmap(ctx: InsightsContext, q: StatsQuery) {
  const s = select(ctx, q);
  return heatmapOf(s, (await rollup.selectionParts(ctx.db, s.filter, ["heat"], unitOf(s), HEAT_CELL_DEGREES)).heat);
}

export async function timeline(ctx: InsightsContext, q: StatsQuery) {
  const s = select(ctx, q);
  return timelineOf(s, (await rollup.selectionParts(ctx.db, s.filter, ["timeline"], unitOf(s), HEAT_CELL_DEGREES)).timeline);
}

export async function fixedStories(ctx: InsightsContext, q: StatsQuery) {
  const s = select(ctx, q);
  return storiesOf(ctx, s, await repo.stories(ctx.db, s.filter, STORIES));
}

/**
 * Everything /transparency shows, in one answer: the page's first paint waits for one request
 * instead of seven, and the stored rows are read once for the figures, the heat map and the
 * timeline instead of three times.
 */
export async function dashboard(ctx: InsightsContext, q: StatsQuery) {
  const s = select(ctx, q);
  const [parts, sat, stories] = await Promise.all([
    rollup.selectionParts(ctx.db, s.filter, ["figures", "heat", "timeline"], unitOf(s), HEAT_CELL_DEGREES),
    repo.satisfaction(ctx.db, s.filter), repo.stories(ctx.db, s.filter, STORIES),
  ]);
  return {
    summary: summaryOf(s, parts.figures, sat), authorities: leagueOf(ctx, s, parts.figures), categories: categoriesOf(ctx, s, parts.figures),
    areas: areasOf(ctx, s, parts.figures), heatmap: heatmapOf(s, parts.heat), timeline: timelineOf(s, parts.timeline), stories: storiesOf(ctx, s, stories),
  };
}

/** The UTC start of the week (Monday, as date_trunc) or month holding `d`. */
function bucketStart(d: Date, unit: "week" | "month"): Date {
  return unit === "month" ? monthStart(d)
    : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
}

function nextBucket(d: Date, unit: "week" | "month"): Date {
  return unit === "month" ? nextMonth(d) : new Date(d.getTime() + WEEK_MS);
}

