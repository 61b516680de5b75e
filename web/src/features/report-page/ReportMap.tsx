/**
 * A small map with the report's place, coloured by its state, over the city's area outlines:
 * the spot still makes sense when tiles cannot load.
 */
import "leaflet/dist/leaflet.css";
import { CircleMarker, GeoJSON, MapContainer, TileLayer } from "react-leaflet";
import { useCity } from "../../lib/city.tsx";
import { stateColor } from "../../lib/states.ts";
import type { ReportState } from "../../lib/types.ts";
import { useAreas } from "../../lib/areas.ts";

const ZOOM = 16;
const areaStyle = { color: "#0b6e4f", weight: 1.5, opacity: 0.8, fillOpacity: 0.04 };

export function ReportMap({ lat, lon, state }: { lat: number; lon: number; state: ReportState }) {
  const city = useCity();
  const areas = useAreas();
  return (
    <MapContainer center={[lat, lon]} zoom={ZOOM} scrollWheelZoom={false} className="report-map">
      <TileLayer url={city.map.tileUrl} attribution={city.map.tileAttribution} />
      {areas && <GeoJSON data={areas.leaves} style={areaStyle} interactive={false} />}
      <CircleMarker center={[lat, lon]} radius={11} interactive={false}
        pathOptions={{ color: "#fff", weight: 3, fillColor: stateColor[state], fillOpacity: 1 }} />
    </MapContainer>
  );
}
