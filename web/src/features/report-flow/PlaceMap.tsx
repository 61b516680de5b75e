/**
 * The map of the Place step: a tap or click puts the pin, the pin can be dragged, and with the
 * keyboard the focused pin moves with the arrow keys (Shift for bigger steps). Area outlines
 * come from the city's boundaries, so the map still shows the city when tiles cannot load.
 */
import L, { type LeafletKeyboardEvent, type Map as LeafletMap } from "leaflet";
import "leaflet/dist/leaflet.css";
import { useCallback, useEffect, useRef } from "react";
import { GeoJSON, MapContainer, Marker, TileLayer, useMapEvents } from "react-leaflet";
import { useCity } from "../../lib/city.tsx";
import type { Areas } from "../../lib/areas.ts";
import type { LatLon } from "./draft.ts";

const pinIcon = L.divIcon({
  className: "report-pin",
  html: '<svg viewBox="0 0 32 44" width="32" height="44" aria-hidden="true" focusable="false">'
    + '<path d="M16 1C7.7 1 1 7.6 1 15.8 1 27 16 43 16 43s15-16 15-27.2C31 7.6 24.3 1 16 1z" fill="#b91c1c" stroke="#fff" stroke-width="2"/>'
    + '<circle cx="16" cy="16" r="6" fill="#fff"/></svg>',
  iconSize: [32, 44],
  iconAnchor: [16, 43],
});

const areaStyle = { color: "#0b6e4f", weight: 1.5, opacity: 0.8, fillColor: "#0b6e4f", fillOpacity: 0.05 };

/** Pixels per arrow key press, and with Shift. */
const STEP_PX = 12;
const BIG_STEP_PX = 60;
const arrows: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

interface Props {
  start: LatLon & { zoom: number };
  pin: LatLon | null;
  areas: Areas | null;
  mapLabel: string;
  pinLabel: string;
  onPin(pin: LatLon): void;
  onMap(map: LeafletMap): void;
}

function PlaceOnTap({ onPin }: { onPin(pin: LatLon): void }) {
  useMapEvents({ click: (e) => onPin({ lat: e.latlng.lat, lon: e.latlng.lng }) });
  return null;
}

export function PlaceMap({ start, pin, areas, mapLabel, pinLabel, onPin, onMap }: Props) {
  const city = useCity();
  const marker = useRef<L.Marker>(null);
  const map = useRef<LeafletMap | null>(null);

  // Leaflet builds the pin's element itself when the pin is added: name it then for screen
  // readers, and again when the language changes.
  const nameThePin = useCallback(() => marker.current?.getElement()?.setAttribute("aria-label", pinLabel), [pinLabel]);
  useEffect(nameThePin, [nameThePin]);

  const mapReady = useCallback((instance: LeafletMap | null) => {
    map.current = instance;
    if (instance) onMap(instance);
  }, [onMap]);

  const moveWithKeys = (e: LeafletKeyboardEvent) => {
    const direction = arrows[e.originalEvent.key];
    if (!direction || !pin || !map.current) return;
    e.originalEvent.preventDefault();
    const step = e.originalEvent.shiftKey ? BIG_STEP_PX : STEP_PX;
    const point = map.current.latLngToContainerPoint([pin.lat, pin.lon]).add([direction[0] * step, direction[1] * step]);
    const next = map.current.containerPointToLatLng(point);
    map.current.panInside(next, { padding: [40, 40] });
    onPin({ lat: next.lat, lon: next.lng });
  };

  return (
    <div className="place-map" role="group" aria-label={mapLabel}>
      <MapContainer center={[start.lat, start.lon]} zoom={start.zoom} ref={mapReady} className="place-map-canvas">
        <TileLayer url={city.map.tileUrl} attribution={city.map.tileAttribution} />
        {areas && <GeoJSON data={areas.leaves} style={areaStyle} interactive={false} />}
        <PlaceOnTap onPin={onPin} />
        {pin && (
          <Marker
            ref={marker}
            position={[pin.lat, pin.lon]}
            icon={pinIcon}
            draggable
            keyboard
            autoPan
            eventHandlers={{
              dragend: (e) => { const p = (e.target as L.Marker).getLatLng(); onPin({ lat: p.lat, lon: p.lng }); },
              keydown: moveWithKeys,
              add: nameThePin,
            }}
          />
        )}
      </MapContainer>
    </div>
  );
}
