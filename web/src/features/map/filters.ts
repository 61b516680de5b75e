/**
 * The home's state in the URL query, so a view can be shared and the back button works:
 * filters (`category`, `state` as buckets, `area`, `from`, `to`), the list view (`view=list`)
 * and the map's position (`at=zoom/lat/lon`).
 */
import { publicStates, stateBucket } from "../../lib/states.ts";
import type { ReportState } from "../../lib/types.ts";

export const buckets = ["open", "progress", "done"] as const;
export type Bucket = (typeof buckets)[number];

export interface Filters {
  category: string | null;
  buckets: Bucket[];
  area: string | null;
  from: string | null;
  to: string | null;
}

export interface MapPosition { zoom: number; lat: number; lon: number }

/** Commas and slashes are allowed in a query: keep them readable in a shared link. */
const readable = (q: URLSearchParams) => q.toString().replace(/%2C/gi, ",").replace(/%2F/gi, "/");

const isBucket = (v: string): v is Bucket => (buckets as readonly string[]).includes(v);
const isDay = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function readFilters(search: string): Filters {
  const q = new URLSearchParams(search);
  const from = q.get("from");
  const to = q.get("to");
  return {
    category: q.get("category") || null,
    buckets: (q.get("state") ?? "").split(",").filter(isBucket),
    area: q.get("area") || null,
    from: isDay(from) ? from : null,
    to: isDay(to) ? to : null,
  };
}

/** How many filters are set, for the button's label. */
export function activeFilterCount(f: Filters): number {
  return [f.category, f.buckets.length ? "state" : null, f.area, f.from, f.to].filter(Boolean).length;
}

/** The search string with these filters, keeping what else the query holds (view, position). */
export function withFilters(search: string, f: Filters): string {
  const q = new URLSearchParams(search);
  const set = (key: string, value: string | null) => (value ? q.set(key, value) : q.delete(key));
  set("category", f.category);
  set("state", f.buckets.join(","));
  set("area", f.area);
  set("from", f.from);
  set("to", f.to);
  return readable(q);
}

/** The API's query for these filters: buckets become the public states they hold. */
export function apiFilterQuery(f: Filters): URLSearchParams {
  const q = new URLSearchParams();
  if (f.category) q.set("category", f.category);
  if (f.buckets.length) q.set("state", statesOf(f.buckets).join(","));
  if (f.area) q.set("area", f.area);
  if (f.from) q.set("from", f.from);
  if (f.to) q.set("to", f.to);
  return q;
}

function statesOf(chosen: Bucket[]): ReportState[] {
  return publicStates.filter((s) => chosen.includes(stateBucket(s)));
}

export function readPosition(search: string): MapPosition | null {
  const [zoom, lat, lon] = (new URLSearchParams(search).get("at") ?? "").split("/").map(Number);
  if (zoom === undefined || lat === undefined || lon === undefined || ![zoom, lat, lon].every(Number.isFinite)) return null;
  return { zoom, lat, lon };
}

export function withPosition(search: string, p: MapPosition): string {
  const q = new URLSearchParams(search);
  q.set("at", `${p.zoom}/${p.lat.toFixed(5)}/${p.lon.toFixed(5)}`);
  return readable(q);
}

export function withView(search: string, list: boolean): string {
  const q = new URLSearchParams(search);
  if (list) q.set("view", "list");
  else q.delete("view");
  return readable(q);
}

export const isListView = (search: string) => new URLSearchParams(search).get("view") === "list";
