/**
 * Hotspots: density clusters of open reports, found with DBSCAN. A cluster is a set of reports
 * each within `radiusM` of another, with at least `minReports` reports (itself included)
 * around its core points; isolated reports are noise and never a hotspot. By default the
 * minimum grows with the city's density (minReportsFor).
 *
 * DBSCAN is written here on a grid of radius-sized cells (neighbours are in the 3×3 cells
 * around a point) over positions projected to metres around the points' mean latitude (off by
 * under 0.1% across a city). @turf/clusters-dbscan, used before, took 3.0 s for the 20,000
 * newest open reports of a million-report city; this takes a few tens of milliseconds.
 */

export const DEFAULT_RADIUS_M = 150;
export const DEFAULT_MIN_REPORTS = 5;
/**
 * Unless staff set the minimum, a core point needs this many times the reports a disc of the
 * radius holds when the open reports are spread evenly over the city. A hotspot is
 * "denser than usual": in a city with 20,000 open reports, 5 within 150 m is everywhere, and
 * DBSCAN chained a whole district into one 10,000-report, 9 km "hotspot".
 */
export const DENSITY_FACTOR = 3;

export interface HotspotPoint { ref: string; lat: number; lon: number; category: string; area: string; priority: number }

export interface Hotspot {
  /** Reports in the cluster. */
  size: number;
  /** The commonest category and how many of the cluster's reports are of it. */
  mainCategory: string;
  mainCategoryCount: number;
  /** The area most of its reports are in. */
  area: string;
  /** Mean position and the distance from it to the farthest report, in metres. */
  lat: number;
  lon: number;
  radiusM: number;
  categories: { category: string; count: number }[];
  /** Its reports, highest priority first (at most 20). */
  refs: string[];
}

const EARTH_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;
function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = rad(b.lat - a.lat), dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The most frequent value (ties: the first in alphabetical order, so results are stable). */
function tally(values: string[]): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Cluster number of each point (−1: noise), by DBSCAN with the neighbourhood counting the point itself. */
export function dbscan(points: { lat: number; lon: number }[], radiusM: number, minPoints: number): number[] {
  const lat0 = rad(points.reduce((sum, p) => sum + p.lat, 0) / points.length);
  const xs = points.map((p) => EARTH_M * rad(p.lon) * Math.cos(lat0));
  const ys = points.map((p) => EARTH_M * rad(p.lat));
  // A cell's key as one number (cells are metres / radius: far below 2^20 either way).
  const cellKey = (cx: number, cy: number) => cx * 2 ** 21 + cy;
  const cxs = xs.map((x) => Math.floor(x / radiusM));
  const cys = ys.map((y) => Math.floor(y / radiusM));
  const grid = new Map<number, number[]>();
  for (let i = 0; i < points.length; i++) {
    const key = cellKey(cxs[i]!, cys[i]!);
    (grid.get(key) ?? grid.set(key, []).get(key)!).push(i);
  }
  const r2 = radiusM * radiusM;
  const neighbours = (i: number): number[] => {
    const out: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(cellKey(cxs[i]! + dx, cys[i]! + dy)) ?? []) {
          if ((xs[i]! - xs[j]!) ** 2 + (ys[i]! - ys[j]!) ** 2 <= r2) out.push(j);
        }
      }
    }
    return out;
  };
  const UNSEEN = -2, NOISE = -1;
  const cluster = new Array<number>(points.length).fill(UNSEEN);
  let next = 0;
  for (let i = 0; i < points.length; i++) {
    if (cluster[i] !== UNSEEN) continue;
    const around = neighbours(i);
    if (around.length < minPoints) { cluster[i] = NOISE; continue; }
    const id = next++;
    cluster[i] = id;
    const queue = around.filter((j) => j !== i);
    while (queue.length) {
      const j = queue.pop()!;
      if (cluster[j] === NOISE) cluster[j] = id; // a border point
      if (cluster[j] !== UNSEEN) continue;
      cluster[j] = id;
      const more = neighbours(j);
      // Only points not yet in a cluster: in a dense city each has hundreds of neighbours, most already taken.
      if (more.length >= minPoints) for (const k of more) if (cluster[k]! < 0) queue.push(k);
    }
  }
  return cluster;
}

/**
 * The minimum reports around a core point: the floor, or DENSITY_FACTOR × what a disc of the
 * radius holds when `count` reports are spread evenly over the city's extent
 * ([west, south, east, north], its areas' bounding box).
 */
export function minReportsFor(count: number, radiusM: number, extent: [number, number, number, number], floor = DEFAULT_MIN_REPORTS): number {
  const [west, south, east, north] = extent;
  const height = metres({ lat: south, lon: west }, { lat: north, lon: west });
  const width = metres({ lat: (south + north) / 2, lon: west }, { lat: (south + north) / 2, lon: east });
  const even = (count * Math.PI * radiusM ** 2) / (height * width);
  return Number.isFinite(even) ? Math.max(floor, Math.ceil(DENSITY_FACTOR * even)) : floor;
}

export function findHotspots(points: HotspotPoint[], opts: { radiusM?: number; minReports?: number } = {}): Hotspot[] {
  if (points.length === 0) return [];
  const radiusM = opts.radiusM ?? DEFAULT_RADIUS_M;
  const clusters = dbscan(points, radiusM, opts.minReports ?? DEFAULT_MIN_REPORTS);
  const members = new Map<number, HotspotPoint[]>();
  clusters.forEach((id, i) => {
    if (id < 0) return;
    (members.get(id) ?? members.set(id, []).get(id)!).push(points[i]!);
  });
  return [...members.values()].map((list): Hotspot => {
    const lat = list.reduce((s, p) => s + p.lat, 0) / list.length;
    const lon = list.reduce((s, p) => s + p.lon, 0) / list.length;
    const categories = tally(list.map((p) => p.category));
    return {
      size: list.length,
      mainCategory: categories[0]!.value,
      mainCategoryCount: categories[0]!.count,
      area: tally(list.map((p) => p.area))[0]!.value,
      lat: Math.round(lat * 1e5) / 1e5,
      lon: Math.round(lon * 1e5) / 1e5,
      radiusM: Math.round(Math.max(...list.map((p) => metres({ lat, lon }, p)))),
      categories: categories.map((c) => ({ category: c.value, count: c.count })),
      refs: [...list].sort((a, b) => b.priority - a.priority || a.ref.localeCompare(b.ref)).slice(0, 20).map((p) => p.ref),
    };
  }).sort((a, b) => b.size - a.size || a.area.localeCompare(b.area));
}
