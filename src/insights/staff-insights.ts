/**
 * Staff analytics (/staff/insights): anomalies in weekly counts, hotspots of open reports, the
 * resource view and equity. Staff see their authority's reports (as in their queue), city
 * admins the whole city or the authorities they pick; equity is about the people of each area,
 * so it counts every public report of the city for everyone.
 */
import type { City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { AppError, fieldError } from "../errors.ts";
import { translator, type Language } from "../i18n/index.ts";
import { requireStaff, type Actor } from "../people/index.ts";
import { detectAnomalies, observedBaselineWeeks, RECENT_WEEKS, SEASONAL_WEEKS, weekOf, type Anomaly } from "./anomalies.ts";
import { equityView, UNDER_REPRESENTED_BELOW } from "./equity.ts";
import { DEFAULT_RADIUS_M, findHotspots, minReportsFor } from "./hotspots.ts";
import * as repo from "./insights.staff.repo.ts";
import { FIX_RATE_DAYS, HIGH_PRIORITY, MEDIUM_PRIORITY, resourceView, WEIGHTS } from "./resources.ts";
import { reportsPerArea } from "./rollup.ts";
import { weeklyCounts } from "./weekly-counts.ts";

export interface StaffInsightsContext { db: Db; city: City }

const DAY = 86_400_000;
/** Hotspots look at the newest open reports only: DBSCAN runs in memory. */
export const HOTSPOT_MAX_REPORTS = 20_000;

/** Staff: their authority only (asking for another is refused); admins: the city, or the authorities asked for. */
export function scopeOf(ctx: StaffInsightsContext, actor: Actor, authorityCodes?: string[]): repo.Scope {
  const staff = requireStaff(actor);
  const ids = authorityCodes?.map((code) => {
    const a = ctx.city.authorityByCode.get(code);
    if (!a) throw fieldError("validation", "authority", "invalid");
    return a.id;
  });
  if (staff.role === "staff") {
    if (ids && !ids.every((id) => id === staff.authorityId)) throw new AppError("forbidden");
    return { cityId: ctx.city.id, authorityIds: [staff.authorityId!] };
  }
  return { cityId: ctx.city.id, ...(ids ? { authorityIds: ids } : {}) };
}

const nameOf = (names: Record<string, string> | undefined, lang: Language, fallback: string) => names?.[lang] ?? names?.fr ?? fallback;

/** "road_damage in Hay Hassani: 3.1× the usual this week", in the reader's language. */
export function anomalySentence(city: City, a: Pick<Anomaly, "category" | "area" | "ratio" | "direction">, lang: Language): string {
  const locale = lang === "ar" ? "ar-MA-u-nu-latn" : lang === "fr" ? "fr-MA" : "en-GB";
  const ratio = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(a.ratio);
  return translator(lang)(a.direction === "up" ? "staffInsights.anomalyUp" : "staffInsights.anomalyDown", {
    category: nameOf(city.categories.get(a.category)?.name, lang, a.category),
    area: nameOf(city.areas.get(a.area)?.name, lang, a.area),
    ratio,
  });
}

export async function staffAnomalies(ctx: StaffInsightsContext, actor: Actor, q: { authority?: string[] }, lang: Language, now = new Date()) {
  const scope = scopeOf(ctx, actor, q.authority);
  const first = await repo.firstReportAt(ctx.db, scope);
  const observed = observedBaselineWeeks(first, now);
  const counts = first ? await weeklyCounts(ctx.db, scope, now, [[0, RECENT_WEEKS.at(-1)!], [SEASONAL_WEEKS[0]!, SEASONAL_WEEKS.at(-1)!]]) : [];
  const found = detectAnomalies(counts, observed).slice(0, 50);
  const weekStart = new Date(now.getTime() - 7 * DAY);
  const behind = await repo.reportsOfSeries(ctx.db, scope, found, weekStart, now);
  return {
    weekStart, weekEnd: now,
    baselineWeeks: observed.filter((k) => k > 0).length,
    items: found.map((a) => ({
      ...a,
      summary: anomalySentence(ctx.city, a, lang),
      reports: behind.filter((r) => r.category === a.category && r.area === a.area && weekOf(r.createdAt, now) === 0).slice(0, 20),
    })),
  };
}

export async function staffHotspots(ctx: StaffInsightsContext, actor: Actor, q: { authority?: string[]; radius?: number; minReports?: number }) {
  const scope = scopeOf(ctx, actor, q.authority);
  const points = await repo.openPoints(ctx.db, scope, HOTSPOT_MAX_REPORTS + 1);
  const truncated = points.length > HOTSPOT_MAX_REPORTS;
  const considered = truncated ? points.slice(0, HOTSPOT_MAX_REPORTS) : points;
  const radiusM = q.radius ?? DEFAULT_RADIUS_M;
  const minReports = q.minReports ?? minReportsFor(considered.length, radiusM, ctx.city.areas.bounds());
  return { radiusM, minReports, openReports: considered.length, truncated, items: findHotspots(considered, { radiusM, minReports }) };
}

export async function staffResources(ctx: StaffInsightsContext, actor: Actor, q: { authority?: string[] }, now = new Date()) {
  const scope = scopeOf(ctx, actor, q.authority);
  const view = resourceView(await repo.backlogs(ctx.db, scope, new Date(now.getTime() - FIX_RATE_DAYS * DAY)));
  const code = (id: string) => ctx.city.authorities.get(id)?.code ?? id;
  return {
    fixRateDays: FIX_RATE_DAYS, weights: WEIGHTS, bands: { high: HIGH_PRIORITY, medium: MEDIUM_PRIORITY },
    lines: view.lines.map(({ authorityId, ...line }) => ({ authority: code(authorityId), ...line })),
    authorities: view.authorities.map(({ authorityId, area: _area, ...line }) => ({ authority: code(authorityId), ...line })),
  };
}

export async function staffEquity(ctx: StaffInsightsContext, actor: Actor, q: { from?: string; to?: string }, now = new Date()) {
  requireStaff(actor);
  const to = q.to ? new Date(q.to.length === 10 ? `${q.to}T00:00:00Z` : q.to) : now;
  if (q.to?.length === 10) to.setUTCDate(to.getUTCDate() + 1);
  const from = q.from ? new Date(q.from.length === 10 ? `${q.from}T00:00:00Z` : q.from) : new Date(to.getTime() - 365 * DAY);
  if (!(from < to)) throw fieldError("validation", "from", "invalid");
  const counts = await reportsPerArea(ctx.db, ctx.city.id, from, to);
  const parents = new Set(ctx.city.areas.all.map((a) => a.parent).filter(Boolean));
  const leaves = ctx.city.areas.all.filter((a) => !parents.has(a.code));
  return { from, to, threshold: UNDER_REPRESENTED_BELOW, ...equityView(leaves.map((a) => ({ code: a.code, population: a.population })), counts) };
}
