/**
 * Durations as log-binned histograms, so that medians and 90th percentiles of a year of a big
 * city add up from monthly pieces: bin 0 holds [0, 1 min), bin k ≥ 1 holds
 * [1 min × 1.1^(k−1), 1 min × 1.1^k) — 10% wide, about 160 bins up to five years. A
 * percentile read from it interpolates linearly inside its bin, so it is within 10% of the
 * exact value (typically 2–3%); counts stay exact. Written by hand: the one rule must be the
 * same in SQL (binning) and here (reading), and it is a few lines.
 */
import { sql, type SQL } from "drizzle-orm";

const FIRST_S = 60;
const RATIO = 1.1;

/** A histogram: bin number (as a JSON object key) → how many values fell in it. */
export type Histogram = Record<string, number>;

/** The SQL that bins a duration in seconds (null stays null). */
export function binSql(seconds: SQL): SQL {
  return sql`case when ${seconds} is null then null when ${seconds} < ${sql.raw(String(FIRST_S))} then 0
    else 1 + floor(ln(${seconds} / ${sql.raw(String(FIRST_S))}) / ln(${sql.raw(String(RATIO))}))::int end`;
}

/** The same rule in JavaScript (for tests and for values computed here). */
export function binOf(seconds: number): number {
  return seconds < FIRST_S ? 0 : 1 + Math.floor(Math.log(seconds / FIRST_S) / Math.log(RATIO));
}

function bounds(bin: number): [number, number] {
  return bin === 0 ? [0, FIRST_S] : [FIRST_S * RATIO ** (bin - 1), FIRST_S * RATIO ** bin];
}

/** Adds `from` into `into` (both bin → count). */
export function addInto(into: Histogram, from: Histogram): void {
  for (const [bin, n] of Object.entries(from)) into[bin] = (into[bin] ?? 0) + n;
}

export function countOf(h: Histogram): number {
  let n = 0;
  for (const c of Object.values(h)) n += c;
  return n;
}

/**
 * The p-th quantile (0–1) in the sense of percentile_cont: at rank p × (n − 1), linear between
 * the two values around it, the i-th of a bin's c values taken at the middle of its c-th of
 * the bin. Null for an empty histogram.
 */
export function quantile(h: Histogram, p: number): number | null {
  const bins = Object.entries(h).map(([b, n]) => [Number(b), n] as const).filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const valueAt = (rank: number) => {
    let before = 0;
    for (const [bin, n] of bins) {
      if (rank < before + n) {
        const [lo, hi] = bounds(bin);
        return lo + ((rank - before + 0.5) / n) * (hi - lo);
      }
      before += n;
    }
    return bounds(bins.at(-1)![0])[1];
  };
  const rank = p * (total - 1);
  const below = Math.floor(rank);
  const low = valueAt(below);
  return rank === below ? low : low + (rank - below) * (valueAt(below + 1) - low);
}
