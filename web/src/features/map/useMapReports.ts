/**
 * The reports the map shows, as a supercluster index. The server sends points when a box holds
 * few reports and grid cells with counts when it holds many; both go into one index, cells as
 * weighted points whose counts the clusters sum, so clusters look the same either way and stay
 * consistent while zooming. A box is fetched again only when the view leaves it, the filters
 * change, or (for cells, which depend on the zoom) the zoom changes; requests are debounced and
 * a newer one aborts the older. While shown, the map follows the live events of its box and
 * fetches the same box again quietly when a report in it changes (useLiveBox).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from "react";
import Supercluster from "supercluster";
import { api } from "../../lib/api.ts";
import { stateBucket } from "../../lib/states.ts";
import type { MapReports, ReportState } from "../../lib/types.ts";
import { useLiveEvents } from "../../lib/use-live-events.ts";
import type { Bucket } from "./filters.ts";
import type { BBox } from "./places.ts";

export interface Counts { count: number; open: number; progress: number; done: number }
export interface MarkerProps extends Counts { ref?: string; state?: ReportState; category?: string }
export type MapFeature = Supercluster.ClusterFeature<MarkerProps> | Supercluster.PointFeature<MarkerProps>;

/** What the map asks for: the visible box, the zoom, and the larger box worth fetching. */
export interface Viewport { view: BBox; zoom: number; fetchBox: BBox; center: { lat: number; lon: number } }

/** Cluster radius in pixels, about the server's cells (60 px), and the zoom from which points stand alone. */
const RADIUS_PX = 60;
export const CLUSTER_MAX_ZOOM = 17;
const DEBOUNCE_MS = 250;
/** Live events come in bursts (a state change and its response; a bulk change): one refetch per burst. */
const LIVE_DEBOUNCE_MS = 600;

interface Loaded { fetchBox: BBox; zoom: number; filterQuery: string; reply: MapReports }

const contains = (outer: BBox, inner: BBox) => outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

/** The server's grid is per whole zoom level; the map may stand between two. */
const serverZoom = (viewport: Viewport) => Math.round(viewport.zoom);

function answers(loaded: Loaded | null, viewport: Viewport, filterQuery: string): boolean {
  return !!loaded && loaded.filterQuery === filterQuery && contains(loaded.fetchBox, viewport.view)
    && (loaded.reply.kind === "points" || loaded.zoom === serverZoom(viewport));
}

function oneOf(bucket: Bucket): Counts {
  return { count: 1, open: bucket === "open" ? 1 : 0, progress: bucket === "progress" ? 1 : 0, done: bucket === "done" ? 1 : 0 };
}

function buildIndex(reply: MapReports): Supercluster<MarkerProps, MarkerProps> {
  const index = new Supercluster<MarkerProps, MarkerProps>({
    radius: RADIUS_PX,
    maxZoom: CLUSTER_MAX_ZOOM,
    map: ({ count, open, progress, done }) => ({ count, open, progress, done }),
    reduce: (sum, p) => {
      sum.count += p.count;
      sum.open += p.open;
      sum.progress += p.progress;
      sum.done += p.done;
    },
  });
  const point = (lat: number, lon: number, properties: MarkerProps): Supercluster.PointFeature<MarkerProps> =>
    ({ type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties });
  return index.load(reply.kind === "points"
    ? reply.points.map(([ref, lat, lon, state, category]) => point(lat, lon, { ...oneOf(stateBucket(state)), ref, state, category }))
    : reply.cells.map(([lat, lon, count, open, progress, done]) => point(lat, lon, { count, open, progress, done })));
}

export function useMapReports(viewport: Viewport | null, filterQuery: string) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");

  useEffect(() => {
    if (!viewport || answers(loaded, viewport, filterQuery)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setStatus("loading");
      const { fetchBox } = viewport;
      const zoom = serverZoom(viewport);
      api<MapReports>(mapPath(fetchBox, zoom, filterQuery), { signal: controller.signal })
        .then((reply) => {
          setLoaded({ fetchBox, zoom, filterQuery, reply });
          setStatus("idle");
        }, () => {
          if (!controller.signal.aborted) setStatus("error");
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [viewport, filterQuery, loaded]);
  useLiveBox(loaded, setLoaded);

  // Until a new answer comes, the last one stays on the map (with "Updating…" beside the count).
  const index = useMemo(() => (loaded ? buildIndex(loaded.reply) : null), [loaded]);
  return { index, status };
}

const mapPath = (box: BBox, zoom: number, filterQuery: string) =>
  `/api/reports/map?bbox=${box.join(",")}&zoom=${zoom}${filterQuery ? `&${filterQuery}` : ""}`;

/**
 * Follows the live events of the loaded box (and category filter; states and dates are checked by
 * the refetch itself): after a burst, and each time the stream (re)opens (covering what happened
 * before), the same box is fetched again with no "Updating…" and no move of the map; the answer
 * replaces the shown one only if the map still shows that box, and only if it differs.
 */
function useLiveBox(loaded: Loaded | null, setLoaded: Dispatch<SetStateAction<Loaded | null>>) {
  const latest = useRef(loaded);
  latest.current = loaded;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => { clearTimeout(timer.current); inFlight.current?.abort(); }, []);

  const refetch = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const shown = latest.current;
      if (!shown) return;
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      api<MapReports>(mapPath(shown.fetchBox, shown.zoom, shown.filterQuery), { signal: controller.signal }).then((reply) => {
        setLoaded((now) => (now && now.fetchBox === shown.fetchBox && now.zoom === shown.zoom && now.filterQuery === shown.filterQuery
          && JSON.stringify(now.reply) !== JSON.stringify(reply) ? { ...now, reply } : now));
      }, () => { /* Quiet: the next event, move or filter change tries again. */ });
    }, LIVE_DEBOUNCE_MS);
  }, [setLoaded]);

  const category = loaded ? new URLSearchParams(loaded.filterQuery).get("category") : null;
  useLiveEvents(loaded ? { bbox: loaded.fetchBox, ...(category ? { category: [category] } : {}) } : null, { onEvent: refetch, onOpen: refetch });
}

/** What the map draws for a view, and how many reports that is. */
export function featuresIn(index: Supercluster<MarkerProps, MarkerProps> | null, viewport: Viewport | null) {
  if (!index || !viewport) return { features: [] as MapFeature[], shown: 0 };
  const features = index.getClusters(viewport.view, Math.min(viewport.zoom, CLUSTER_MAX_ZOOM + 1));
  return { features, shown: features.reduce((sum, f) => sum + f.properties.count, 0) };
}
