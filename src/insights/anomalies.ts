/**
 * Anomaly detection on weekly report counts per category × area (staff analytics).
 *
 * Weeks are rolling 7-day windows ending now: week 0 is the last 7 days (always complete, so
 * "this week" is never compared half-finished), week k the 7 days before week k-1.
 *
 * The baseline of a series is seasonal and robust:
 * - its samples are the 8 weeks before this one (k = 1…8) and, once the city has a year of
 *   history, the same time last year (k = 48…56: last year's week ± 4 weeks), so a rainy
 *   season's water leaks are compared with last winter as well as with the dry weeks before;
 * - only weeks the data covers count (a week before the first report of the scope is unknown,
 *   not zero), and at least 4 are needed, or nothing is said about the series;
 * - "the usual" is the median of those samples (one odd week does not move it), and the
 *   spread the median absolute deviation scaled to a standard deviation (× 1.4826), floored
 *   at √median (Poisson noise: with 3 reports a week, MAD is often 0 yet 5 is not unusual)
 *   and at 1.
 * A week is flagged "up" when it has at least 5 reports, is at least twice the usual (the
 * usual floored at 1 report, so a category that never happened there still gets a ratio) and
 * lies at least 3 spreads above it; "down" when the usual is at least 10 reports, the week at
 * most half of it and at least 3 spreads below (a quiet week in a busy series: a broken
 * channel, an area cut off). The score (distance in spreads) ranks them.
 */

import { WEEK_MS } from "./dates.ts";

export const RECENT_WEEKS = [1, 2, 3, 4, 5, 6, 7, 8];
export const SEASONAL_WEEKS = [48, 49, 50, 51, 52, 53, 54, 55, 56];
export const BASELINE_WEEKS = [...RECENT_WEEKS, ...SEASONAL_WEEKS];
export const MIN_BASELINE_WEEKS = 4;
export const MIN_COUNT_UP = 5;
export const MIN_USUAL_DOWN = 10;
export const MIN_RATIO_UP = 2;
export const MAX_RATIO_DOWN = 0.5;
export const MIN_SCORE = 3;

export interface WeeklyCount { category: string; area: string; week: number; count: number }

export interface Anomaly {
  category: string;
  area: string;
  direction: "up" | "down";
  /** Reports of this category in this area in the last 7 days. */
  count: number;
  /** The baseline's median. */
  usual: number;
  /** count / max(usual, 1). */
  ratio: number;
  /** The robust spread the score is measured in. */
  spread: number;
  /** (count − usual) / spread: how unusual, in spreads (negative for drops). */
  score: number;
  /** How many baseline weeks were known. */
  baselineWeeks: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The week index (0 = the last 7 days) of a date, seen from now. */
export function weekOf(date: Date, now: Date): number {
  return Math.floor((now.getTime() - date.getTime()) / WEEK_MS);
}

/** Baseline weeks the data covers: those that ended after the scope's first report. */
export function observedBaselineWeeks(firstReportAt: Date | null, now: Date): number[] {
  if (!firstReportAt) return [];
  // Week k spans [now − (k+1)·7d, now − k·7d): it is known if the first report came before its end.
  const first = weekOf(firstReportAt, now);
  return BASELINE_WEEKS.filter((k) => first >= k);
}

export function detectAnomalies(counts: WeeklyCount[], observedWeeks: number[]): Anomaly[] {
  const series = new Map<string, { category: string; area: string; weeks: Map<number, number> }>();
  for (const c of counts) {
    const key = `${c.category}\u0000${c.area}`;
    let s = series.get(key);
    if (!s) series.set(key, s = { category: c.category, area: c.area, weeks: new Map() });
    s.weeks.set(c.week, (s.weeks.get(c.week) ?? 0) + c.count);
  }
  const baseline = observedWeeks.filter((k) => k > 0);
  if (baseline.length < MIN_BASELINE_WEEKS) return [];
  const found: Anomaly[] = [];
  for (const s of series.values()) {
    const count = s.weeks.get(0) ?? 0;
    const samples = baseline.map((k) => s.weeks.get(k) ?? 0);
    const usual = median(samples);
    const mad = median(samples.map((v) => Math.abs(v - usual)));
    const spread = Math.max(1.4826 * mad, Math.sqrt(usual), 1);
    const score = (count - usual) / spread;
    const ratio = count / Math.max(usual, 1);
    const up = count >= MIN_COUNT_UP && ratio >= MIN_RATIO_UP && score >= MIN_SCORE;
    const down = usual >= MIN_USUAL_DOWN && ratio <= MAX_RATIO_DOWN && score <= -MIN_SCORE;
    if (up || down) {
      found.push({
        category: s.category, area: s.area, direction: up ? "up" : "down", count, usual, ratio: Math.round(ratio * 100) / 100,
        spread: Math.round(spread * 100) / 100, score: Math.round(score * 100) / 100, baselineWeeks: baseline.length,
      });
    }
  }
  return found.sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
}
