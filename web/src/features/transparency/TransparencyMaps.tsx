/**
 * The two maps of /transparency: a choropleth of reports received per arrondissement (the
 * city's own area outlines, no extra layer to download) and a heat map of where reports are
 * made (server-side grid counts drawn as circles sized and shaded by count, on a canvas). Both work
 * without tiles; a table with the same figures follows each.
 */
import "leaflet/dist/leaflet.css";
import type { Feature } from "geojson";
import { CircleMarker, GeoJSON, MapContainer, TileLayer } from "react-leaflet";
import { useAreas } from "../../lib/areas.ts";
import { useCity } from "../../lib/city.tsx";
import type { AreasReply, HeatmapReply } from "./transparency-types.ts";

/** Five shades of the city's green, light to dark. */
const SHADES = ["#e6f2ed", "#b3d9c9", "#66b396", "#2e8a66", "#0b5e40"];

function shadeOf(value: number, max: number): string {
  if (value <= 0 || max <= 0) return "#ffffff";
  return SHADES[Math.min(SHADES.length - 1, Math.floor((value / max) * SHADES.length))]!;
}

function CityMap({ label, children, canvas = false }: { label: string; children: React.ReactNode; canvas?: boolean }) {
  const city = useCity();
  return (
    <div className="transparency-map" role="region" aria-label={label}>
      <MapContainer center={[city.center.lat, city.center.lon]} zoom={city.center.zoom - 1} scrollWheelZoom={false} className="transparency-map-inner" preferCanvas={canvas}>
        <TileLayer url={city.map.tileUrl} attribution={city.map.tileAttribution} />
        {children}
      </MapContainer>
    </div>
  );
}

export function ChoroplethMap({ data, label }: { data: AreasReply; label: string }) {
  const areas = useAreas();
  const received = new Map(data.areas.map((a) => [a.code, a.received]));
  const max = Math.max(0, ...received.values());
  const style = (f?: Feature) => ({
    color: "#084c37", weight: 1, opacity: 0.8, fillOpacity: 0.75,
    fillColor: shadeOf(received.get((f?.properties as { code?: string } | undefined)?.code ?? "") ?? 0, max),
  });
  return (
    <CityMap label={label}>
      {/* Keyed by the figures: react-leaflet draws a GeoJSON layer's style once. */}
      {areas && <GeoJSON key={JSON.stringify([...received])} data={areas.leaves} style={style} interactive={false} />}
    </CityMap>
  );
}

export function HeatMap({ data, label }: { data: HeatmapReply; label: string }) {
  const areas = useAreas();
  const max = Math.max(1, ...data.points.map((p) => p.count));
  // Up to 5,000 circles: drawn on one canvas, not as 5,000 SVG elements (seconds on a phone).
  return (
    <CityMap label={label} canvas>
      {areas && <GeoJSON data={areas.leaves} style={{ color: "#4b5563", weight: 1, opacity: 0.5, fillOpacity: 0 }} interactive={false} />}
      {data.points.map((p) => (
        <CircleMarker key={`${p.lat},${p.lon}`} center={[p.lat, p.lon]} interactive={false} radius={6 + 14 * Math.sqrt(p.count / max)}
          pathOptions={{ stroke: false, fillColor: p.count / max > 0.66 ? "#b91c1c" : p.count / max > 0.33 ? "#e9730c" : "#e9a23b", fillOpacity: 0.55 }} />
      ))}
    </CityMap>
  );
}
