/** Reports with known places and dates for the insights tests (imported, so dates can be in the past). */
import type { City } from "../../src/cities/index.ts";
import type { ImportedReport, ReportState } from "../../src/reports/index.ts";

export const DAY = 86_400_000;

/** A point inside an arrondissement, as near its bounding box's centre as the grid allows. */
export function pointIn(city: City, code: string): { lat: number; lon: number } {
  const [w, s, e, n] = city.areas.get(code)!.bbox;
  const candidates: { lat: number; lon: number; d: number }[] = [];
  for (let i = 1; i < 30; i++) for (let j = 1; j < 30; j++) {
    candidates.push({ lat: s + ((n - s) * i) / 30, lon: w + ((e - w) * j) / 30, d: Math.hypot(i - 15, j - 15) });
  }
  candidates.sort((a, b) => a.d - b.d);
  const found = candidates.find((c) => city.areas.locate(c.lat, c.lon)?.area.code === code);
  if (!found) throw new Error(`no point in ${code}`);
  return { lat: found.lat, lon: found.lon };
}

/** Moves a point by metres north and east. */
export const offset = (p: { lat: number; lon: number }, north: number, east: number) => ({
  lat: p.lat + north / 111_320, lon: p.lon + east / (111_320 * Math.cos((p.lat * Math.PI) / 180)),
});

let n = 0;
/** A closed report (unless said otherwise) of a category at a place and date. */
export function report(categoryCode: string, where: { lat: number; lon: number }, createdAt: Date, extra: Partial<ImportedReport> = {}): ImportedReport {
  n++;
  return {
    categoryCode, ...where, title: `Report ${n} (${categoryCode})`, description: "", language: "fr", state: "closed" as ReportState, priority: 20,
    createdAt, reporterName: null, reporterEmail: null, showName: false, source: "import", updates: [], ...extra,
  };
}

/** `counts[k]` reports in week k before `now` (k = 0: the last 7 days), in the middle of each week. */
export function weekly(city: City, now: number, categoryCode: string, area: string, counts: Record<number, number>): ImportedReport[] {
  const at = pointIn(city, area);
  return Object.entries(counts).flatMap(([k, c]) => Array.from({ length: c }, (_, i) =>
    report(categoryCode, offset(at, i * 7, 0), new Date(now - (Number(k) * 7 + 3.5) * DAY - i * 60_000))));
}

/** { from: values[0], from+1: values[1], … } */
export const weeks = (from: number, values: number[]) => Object.fromEntries(values.map((v, i) => [from + i, v]));
