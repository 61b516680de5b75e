/** The staff insights API's answers as the page reads them (JSON: dates are strings). */
export interface Anomalies {
  weekStart: string;
  weekEnd: string;
  baselineWeeks: number;
  items: {
    category: string; area: string; direction: "up" | "down"; count: number; usual: number; ratio: number; score: number; summary: string;
    reports: { ref: string; title: string; state: string; createdAt: string }[];
  }[];
}
export interface Hotspots {
  radiusM: number;
  minReports: number;
  openReports: number;
  truncated: boolean;
  items: { size: number; mainCategory: string; mainCategoryCount: number; area: string; lat: number; lon: number; radiusM: number; refs: string[] }[];
}
interface ResourceFigures { backlog: number; high: number; medium: number; low: number; weightedBacklog: number; fixedLast28Days: number; fixRatePerWeek: number; daysToClear: number | null }
export interface Resources {
  fixRateDays: number;
  lines: (ResourceFigures & { authority: string; area: string })[];
  authorities: (ResourceFigures & { authority: string })[];
}
export interface Equity {
  from: string;
  to: string;
  threshold: number;
  cityPer10k: number | null;
  areas: { area: string; population: number | null; reports: number; per10k: number | null; index: number | null; underRepresented: boolean }[];
}
