/**
 * Equity: reports per 10,000 inhabitants in each area (population from the city pack) against
 * the city's rate (all reports of the areas with a population over their total population, so
 * big areas weigh as much as they have people). An area whose rate is under half the city's is
 * under-represented: its people report less, and outreach can start there.
 */
export const UNDER_REPRESENTED_BELOW = 0.5;

export interface EquityArea { code: string; population: number | null }

export interface EquityLine {
  area: string;
  population: number | null;
  reports: number;
  /** Reports per 10,000 inhabitants; null without a population. */
  per10k: number | null;
  /** per10k / the city's; null without a population. */
  index: number | null;
  underRepresented: boolean;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

export function equityView(areas: EquityArea[], counts: Map<string, number>): { cityPer10k: number | null; areas: EquityLine[] } {
  const counted = areas.filter((a) => a.population && a.population > 0);
  const population = counted.reduce((s, a) => s + a.population!, 0);
  const reports = counted.reduce((s, a) => s + (counts.get(a.code) ?? 0), 0);
  const city = population > 0 ? (reports / population) * 10_000 : null;
  const lines = areas.map((a): EquityLine => {
    const n = counts.get(a.code) ?? 0;
    if (!a.population || city === null) return { area: a.code, population: a.population, reports: n, per10k: null, index: null, underRepresented: false };
    const rate = (n / a.population) * 10_000;
    const index = city > 0 ? rate / city : 1;
    return { area: a.code, population: a.population, reports: n, per10k: round2(rate), index: round2(index), underRepresented: index < UNDER_REPRESENTED_BELOW };
  });
  lines.sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity) || a.area.localeCompare(b.area));
  return { cityPer10k: city === null ? null : round2(city), areas: lines };
}
