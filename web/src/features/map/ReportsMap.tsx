/**
 * The Leaflet map of the home: tiles when they load, the city's areas outlined (so the map is
 * readable without tiles), and the reports as clusters and markers. Markers are keyboard
 * buttons (Enter opens a report, or zooms into a cluster). The map reports its viewport on
 * every move; what to draw comes from the parent.
 */
import L, { type LeafletKeyboardEvent, type Map as LeafletMap } from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useMemo, useRef } from "react";
import { AttributionControl, GeoJSON, MapContainer, Marker, TileLayer, ZoomControl, useMap, useMapEvents } from "react-leaflet";
import type Supercluster from "supercluster";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { stateBucket } from "../../lib/states.ts";
import statesMessages from "../../lib/states.messages.ts";
import type { AreaFeature, Areas } from "../../lib/areas.ts";
import type { Bucket, MapPosition } from "./filters.ts";
import messages from "./map.messages.ts";
import type { MapFeature, MarkerProps, Viewport } from "./useMapReports.ts";

export interface ReportPin { ref: string; lat: number; lon: number }

interface Props {
  initial: MapPosition | null;
  areas: Areas | null;
  features: MapFeature[];
  index: Supercluster<MarkerProps, MarkerProps> | null;
  selected: string | null;
  onViewport(viewport: Viewport): void;
  onSelect(pin: ReportPin, viaKeyboard: boolean): void;
  onMap(map: LeafletMap | null): void;
}

const MAX_ZOOM = 19;

/** Flights are jumps for people who ask for less motion. */
export const motion = () => ({ animate: !window.matchMedia("(prefers-reduced-motion: reduce)").matches });
/** Pixels fetched beyond each edge of the view, before snapping the box to 256 px tiles. */
const FETCH_MARGIN_PX = 128;
const TILE_PX = 256;

/**
 * The view, and the box worth fetching for it: a little larger, snapped outward to tiles, so
 * small moves stay inside it and people looking at the same place ask the same (cached) box.
 */
function viewportOf(map: LeafletMap): Viewport {
  const zoom = map.getZoom();
  const b = map.getBounds();
  const pixels = map.getPixelBounds();
  const min = pixels.min!.subtract([FETCH_MARGIN_PX, FETCH_MARGIN_PX]).divideBy(TILE_PX).floor().multiplyBy(TILE_PX);
  const max = pixels.max!.add([FETCH_MARGIN_PX, FETCH_MARGIN_PX]).divideBy(TILE_PX).ceil().multiplyBy(TILE_PX);
  const sw = map.unproject([min.x, max.y], zoom);
  const ne = map.unproject([max.x, min.y], zoom);
  const lon = (x: number) => Math.round(Math.max(-180, Math.min(180, x)) * 1e5) / 1e5;
  const lat = (y: number) => Math.round(Math.max(-85, Math.min(85, y)) * 1e5) / 1e5;
  const center = map.getCenter();
  return {
    zoom,
    view: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    fetchBox: [lon(sw.lng), lat(sw.lat), lon(ne.lng), lat(ne.lat)],
    center: { lat: center.lat, lon: center.lng },
  };
}

function ViewportWatcher({ onViewport }: { onViewport(v: Viewport): void }) {
  const map = useMapEvents({ moveend: () => onViewport(viewportOf(map)) });
  // The first view is set before this listens.
  useEffect(() => onViewport(viewportOf(map)), [map, onViewport]);
  return null;
}

const areaStyle = { color: "#0b6e4f", weight: 1, opacity: 0.6, fillColor: "#0b6e4f", fillOpacity: 0.03 };
const prefectureStyle = { color: "#084c37", weight: 2.5, opacity: 0.5, fill: false };

/** Arrondissements (name on hover) and the préfectures they make up (thicker, not interactive). */
function AreaOutlines({ areas }: { areas: Areas }) {
  const { lang } = useLanguage();
  return (
    <>
      <GeoJSON
        key={lang}
        data={areas.leaves}
        style={areaStyle}
        onEachFeature={(f: AreaFeature, layer) => layer.bindTooltip(localized(f.properties.name, lang), { sticky: true, className: "area-tooltip" })}
      />
      <GeoJSON data={areas.parents} style={prefectureStyle} interactive={false} />
    </>
  );
}

const pointIcons = new Map<string, L.DivIcon>();
function pointIcon(bucket: Bucket, selected: boolean): L.DivIcon {
  const key = `${bucket}${selected ? ":selected" : ""}`;
  let icon = pointIcons.get(key);
  if (!icon) {
    icon = L.divIcon({ className: `map-point${selected ? " selected" : ""}`, html: `<span class="map-shape map-shape-${bucket}"></span>`, iconSize: [30, 30] });
    pointIcons.set(key, icon);
  }
  return icon;
}

function clusterIcon({ count, open, progress }: MarkerProps, text: string): L.DivIcon {
  const size = Math.round(34 + 9 * Math.log10(count));
  const openShare = (open / count) * 100;
  const progressEnd = openShare + (progress / count) * 100;
  return L.divIcon({
    className: "map-cluster",
    iconSize: [size, size],
    html: `<span class="map-cluster-ring" style="--open-end:${openShare}%;--progress-end:${progressEnd}%" aria-hidden="true"><span>${text}</span></span>`,
  });
}

/** Names a marker's element for screen readers and as a hover title (Leaflet builds the element itself). */
function useMarkerLabel(label: string) {
  const marker = useRef<L.Marker>(null);
  useEffect(() => {
    const el = marker.current?.getElement();
    el?.setAttribute("aria-label", label);
    el?.setAttribute("title", label);
  }, [label]);
  return marker;
}

const activated = (e: LeafletKeyboardEvent) => {
  const { key } = e.originalEvent;
  if (key !== "Enter" && key !== " ") return false;
  e.originalEvent.preventDefault();
  return true;
};

function ClusterMarker({ feature, index }: { feature: MapFeature; index: Supercluster<MarkerProps, MarkerProps> | null }) {
  const [m, f] = useMessages(messages);
  const map = useMap();
  const [lon, lat] = feature.geometry.coordinates as [number, number];
  const props = feature.properties;
  const text = f.number(props.count, { notation: "compact" });
  const icon = useMemo(() => clusterIcon(props, text), [props, text]);
  const marker = useMarkerLabel(f.plural(m.cluster, props.count, { open: props.open, progress: props.progress, done: props.done }));
  const zoomIn = () => {
    // A cluster knows where it splits; a server cell does not, so two levels closer.
    const next = "cluster_id" in props && index ? index.getClusterExpansionZoom(props.cluster_id) : map.getZoom() + 2;
    map.flyTo([lat, lon], Math.min(next, MAX_ZOOM), motion());
  };
  return <Marker ref={marker} position={[lat, lon]} icon={icon} eventHandlers={{ click: zoomIn, keypress: (e) => activated(e) && zoomIn() }} />;
}

function ReportMarker({ feature, selected, onSelect }: { feature: MapFeature; selected: boolean; onSelect: Props["onSelect"] }) {
  const [states] = useMessages(statesMessages);
  const city = useCity();
  const { lang } = useLanguage();
  const [lon, lat] = feature.geometry.coordinates as [number, number];
  const { ref, state, category } = feature.properties as Required<MarkerProps>;
  const categoryName = localized(city.categories.find((c) => c.code === category)?.name, lang);
  const marker = useMarkerLabel(`${categoryName} — ${states[state]}`);
  const open = (viaKeyboard: boolean) => onSelect({ ref, lat, lon }, viaKeyboard);
  return (
    <Marker
      ref={marker}
      position={[lat, lon]}
      icon={pointIcon(stateBucket(state), selected)}
      zIndexOffset={selected ? 1000 : 0}
      eventHandlers={{ click: () => open(false), keypress: (e) => activated(e) && open(true) }}
    />
  );
}

export function ReportsMap({ initial, areas, features, index, selected, onViewport, onSelect, onMap }: Props) {
  const [m] = useMessages(messages);
  const { dir } = useLanguage();
  const city = useCity();
  const [west, south, east, north] = city.bounds;
  // Room to look around the city, not to wander off it.
  const padLon = (east - west) / 2;
  const padLat = (north - south) / 2;
  const start = initial
    ? { center: [initial.lat, initial.lon] as [number, number], zoom: initial.zoom }
    : { bounds: [[south, west], [north, east]] as [[number, number], [number, number]] };
  // Controls sit on the reading side: top-left in French, top-right in Arabic; the map itself is never mirrored.
  const startSide = dir === "rtl" ? "right" : "left";
  const endSide = dir === "rtl" ? "left" : "right";
  return (
    <MapContainer
      {...start}
      ref={onMap}
      className="home-map-canvas"
      minZoom={10}
      maxZoom={MAX_ZOOM}
      // Half steps let the whole city fill a phone's screen; the keyboard and buttons still zoom by whole levels.
      zoomSnap={0.5}
      maxBounds={[[south - padLat, west - padLon], [north + padLat, east + padLon]]}
      zoomControl={false}
      attributionControl={false}
    >
      <TileLayer url={city.map.tileUrl} attribution={city.map.tileAttribution} />
      <ZoomControl key={`zoom-${dir}-${m.zoomIn}`} position={`top${startSide}`} zoomInTitle={m.zoomIn} zoomOutTitle={m.zoomOut} />
      <AttributionControl key={`attribution-${dir}`} position={`bottom${endSide}`} />
      {areas && <AreaOutlines areas={areas} />}
      <ViewportWatcher onViewport={onViewport} />
      {features.map((feature) => {
        const p = feature.properties;
        if (p.ref) return <ReportMarker key={p.ref} feature={feature} selected={p.ref === selected} onSelect={onSelect} />;
        const [lon, lat] = feature.geometry.coordinates;
        const key = "cluster_id" in p ? `cluster-${p.cluster_id}` : `cell-${lat}-${lon}`;
        return <ClusterMarker key={key} feature={feature} index={index} />;
      })}
    </MapContainer>
  );
}
