/**
 * "Around a place": the report flow's pin map (tap, drag, arrow keys) with the alert's circle
 * drawn around the pin, a "use my location" button and the distance. The circle is drawn on
 * the Leaflet map PlaceMap hands over, so the pin behaves exactly as when reporting.
 */
import L, { type Map as LeafletMap } from "leaflet";
import { useEffect, useState } from "react";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { areaAt, useAreas } from "../../lib/areas.ts";
import type { LatLon } from "../report-flow/draft.ts";
import { LocateIcon } from "../report-flow/icons.tsx";
import { PlaceMap } from "../report-flow/PlaceMap.tsx";
import messages from "./alerts.messages.ts";

export const RADII = [250, 500, 1000, 2000] as const;
export type Radius = (typeof RADII)[number];

type GeoNotice = "locating" | "geoDenied" | "geoUnavailable" | "geoTimeout" | "geoUnsupported";

interface Props {
  pin: LatLon | null;
  radius: Radius;
  onPin(pin: LatLon): void;
  onRadius(radius: Radius): void;
  /** The server's or the form's word on the pin (required, outside the city). */
  error?: string;
}

export function RadiusPicker({ pin, radius, onPin, onRadius, error }: Props) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const areas = useAreas();
  const [map, setMap] = useState<LeafletMap | null>(null);
  const [notice, setNotice] = useState<GeoNotice | null>(null);
  const outside = pin !== null && areas !== null && !areaAt(areas, pin);

  // The circle follows the pin and the distance; the view widens to show all of it.
  useEffect(() => {
    if (!map || !pin) return;
    const circle = L.circle([pin.lat, pin.lon], { radius, color: "#0b6e4f", weight: 2, fillOpacity: 0.12, interactive: false }).addTo(map);
    if (!map.getBounds().contains(circle.getBounds())) map.fitBounds(circle.getBounds(), { padding: [24, 24] });
    return () => { circle.remove(); };
  }, [map, pin, radius]);

  const useMyLocation = () => {
    if (!("geolocation" in navigator)) return setNotice("geoUnsupported");
    setNotice("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setNotice(null);
        const next = { lat: position.coords.latitude, lon: position.coords.longitude };
        onPin(next);
        map?.setView([next.lat, next.lon], Math.max(map.getZoom(), 15));
      },
      (err) => setNotice(err.code === err.PERMISSION_DENIED ? "geoDenied" : err.code === err.TIMEOUT ? "geoTimeout" : "geoUnavailable"),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const problem = error ?? (outside ? f.fill(m.pinOutside, { city: localized(city.name, lang) }) : undefined);
  return (
    <div className="alerts-radius">
      <p className="hint" id="alerts-map-hint">{m.mapHint}</p>
      <div className="alerts-radius-tools">
        <button type="button" className="button secondary" onClick={useMyLocation}><LocateIcon /> {m.useMyLocation}</button>
        <div className="field">
          <label htmlFor="alerts-radius">{m.radius}</label>
          <select id="alerts-radius" value={radius} onChange={(e) => onRadius(Number(e.target.value) as Radius)}>
            {RADII.map((r) => <option key={r} value={r}>{f.number(r, { style: "unit", unit: "meter" })}</option>)}
          </select>
        </div>
      </div>
      {notice && <p className={notice === "locating" ? "muted" : "form-error"} role={notice === "locating" ? "status" : "alert"}>{m[notice]}</p>}
      <div className="alerts-map">
        <PlaceMap start={city.center} pin={pin} areas={areas} mapLabel={m.mapLabel} pinLabel={m.pinLabel} onPin={onPin} onMap={setMap} />
      </div>
      <div aria-live="polite">{problem && <p className="form-error" id="alerts-pin-error">{problem}</p>}</div>
    </div>
  );
}
