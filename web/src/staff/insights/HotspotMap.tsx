/**
 * The hotspots on a map over the city's area outlines (readable without tiles): one circle per
 * hotspot, sized by its number of reports. The table beside it says the same in words.
 */
import "leaflet/dist/leaflet.css";
import { CircleMarker, GeoJSON, MapContainer, TileLayer, Tooltip } from "react-leaflet";
import { useAreas } from "../../lib/areas.ts";
import { useCity } from "../../lib/city.tsx";

export interface HotspotMark { lat: number; lon: number; size: number; label: string }

const areaStyle = { color: "#0b6e4f", weight: 1.5, opacity: 0.8, fillOpacity: 0.04 };

export function HotspotMap({ hotspots, label }: { hotspots: HotspotMark[]; label: string }) {
  const city = useCity();
  const areas = useAreas();
  const [w, s, e, n] = city.bounds;
  return (
    <div role="region" aria-label={label} className="insights-map-wrap">
      <MapContainer bounds={[[s, w], [n, e]]} scrollWheelZoom={false} className="insights-map">
        <TileLayer url={city.map.tileUrl} attribution={city.map.tileAttribution} />
        {areas && <GeoJSON data={areas.leaves} style={areaStyle} interactive={false} />}
        {hotspots.map((h) => (
          <CircleMarker key={`${h.lat},${h.lon}`} center={[h.lat, h.lon]} radius={Math.min(30, 6 + Math.sqrt(h.size) * 3)}
            pathOptions={{ color: "#7f1d1d", weight: 2, fillColor: "#dc2626", fillOpacity: 0.55 }}>
            <Tooltip>{h.label}</Tooltip>
          </CircleMarker>
        ))}
      </MapContainer>
    </div>
  );
}
