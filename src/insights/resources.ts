/**
 * Resource view: the backlog of each authority in each area weighted by priority, and how long
 * it would take to clear at the pace of the last four weeks.
 *
 * Weights follow the console's priority badges: high (priority ≥ 60) counts 3, medium (≥ 30) 2,
 * low 1, so a backlog of urgent reports weighs more than as many cosmetic ones. The fix rate is
 * the reports of that authority and area fixed in the last 28 days, per day; the time to clear
 * is the backlog (in reports) divided by it. No fix in 28 days and a backlog: no estimate (null).
 */
export const HIGH_PRIORITY = 60;
export const MEDIUM_PRIORITY = 30;
export const WEIGHTS = { high: 3, medium: 2, low: 1 } as const;
export const FIX_RATE_DAYS = 28;

export interface BacklogRow { authorityId: string; area: string; high: number; medium: number; low: number; fixedRecently: number }

export interface ResourceLine {
  authorityId: string;
  area: string;
  /** Open reports (confirmed, in progress, action scheduled, reopened). */
  backlog: number;
  high: number;
  medium: number;
  low: number;
  weightedBacklog: number;
  /** Reports fixed in the last 28 days. */
  fixedLast28Days: number;
  /** Fixed per week at that pace. */
  fixRatePerWeek: number;
  /** Days to clear the backlog at that pace; null when nothing was fixed lately (and something waits). */
  daysToClear: number | null;
}

export function resourceLine(r: BacklogRow): ResourceLine {
  const backlog = r.high + r.medium + r.low;
  const perDay = r.fixedRecently / FIX_RATE_DAYS;
  return {
    authorityId: r.authorityId, area: r.area, backlog, high: r.high, medium: r.medium, low: r.low,
    weightedBacklog: r.high * WEIGHTS.high + r.medium * WEIGHTS.medium + r.low * WEIGHTS.low,
    fixedLast28Days: r.fixedRecently,
    fixRatePerWeek: Math.round(perDay * 7 * 10) / 10,
    daysToClear: backlog === 0 ? 0 : perDay === 0 ? null : Math.round((backlog / perDay) * 10) / 10,
  };
}

/** One line per authority × area, and one per authority (all its areas), heaviest first. */
export function resourceView(rows: BacklogRow[]): { lines: ResourceLine[]; authorities: ResourceLine[] } {
  const totals = new Map<string, BacklogRow>();
  for (const r of rows) {
    const t = totals.get(r.authorityId) ?? { authorityId: r.authorityId, area: "", high: 0, medium: 0, low: 0, fixedRecently: 0 };
    t.high += r.high; t.medium += r.medium; t.low += r.low; t.fixedRecently += r.fixedRecently;
    totals.set(r.authorityId, t);
  }
  const heaviest = (a: ResourceLine, b: ResourceLine) => b.weightedBacklog - a.weightedBacklog || a.authorityId.localeCompare(b.authorityId) || a.area.localeCompare(b.area);
  return { lines: rows.map(resourceLine).sort(heaviest), authorities: [...totals.values()].map(resourceLine).sort(heaviest) };
}
