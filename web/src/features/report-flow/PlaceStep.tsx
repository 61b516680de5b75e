/** Step 1: where the problem is — a pin on the map, the phone's position, or a photo's GPS. */
import type { Map as LeafletMap } from "leaflet";
import { useState } from "react";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { areaAt, type Areas } from "../../lib/areas.ts";
import type { Draft, LatLon } from "./draft.ts";
import { StepForm } from "./fields.tsx";
import { CameraIcon, LocateIcon } from "./icons.tsx";
import { MAX_PHOTOS } from "./photos.ts";
import { PlaceMap } from "./PlaceMap.tsx";
import messages from "./report-flow.messages.ts";

type Notice = "locating" | "readingPhoto" | "geoDenied" | "geoUnavailable" | "geoTimeout" | "geoUnsupported" | "photoNoGps" | "photoAdded" | "photoUnreadable" | "photosFull";
const errorNotices = new Set<Notice>(["geoDenied", "geoUnavailable", "geoTimeout", "geoUnsupported", "photoNoGps", "photoUnreadable", "photosFull"]);
const ZOOM_ON_PIN = 17;

interface Props {
  draft: Draft;
  update(patch: Partial<Draft>): void;
  areas: Areas | null;
  /** From the server (422 outside_area), shown until the pin moves. */
  error?: string;
  start: LatLon & { zoom: number };
  /** Adds the photo to the report and gives its GPS position, if it has one. */
  addPhotoForPlace(file: File): Promise<"full" | "unreadable" | LatLon | null>;
  onNext(): void;
}

export function PlaceStep({ draft, update, areas, error, start, addPhotoForPlace, onNext }: Props) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const [map, setMap] = useState<LeafletMap | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [problem, setProblem] = useState<string | undefined>(error);

  const pin = draft.pin;
  const area = pin && areas ? areaAt(areas, pin) : undefined;
  const outside = pin !== null && areas !== null && !area;
  const cityName = localized(city.name, lang);

  const placePin = (next: LatLon, zoomIn = false) => {
    update({ pin: next });
    setProblem(undefined);
    if (zoomIn) map?.setView([next.lat, next.lon], Math.max(map.getZoom(), ZOOM_ON_PIN));
  };

  const useMyLocation = () => {
    if (!("geolocation" in navigator)) return setNotice("geoUnsupported");
    setNotice("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setNotice(null);
        placePin({ lat: position.coords.latitude, lon: position.coords.longitude }, true);
      },
      (err) => setNotice(err.code === err.PERMISSION_DENIED ? "geoDenied" : err.code === err.TIMEOUT ? "geoTimeout" : "geoUnavailable"),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const usePhoto = async (file: File | undefined) => {
    if (!file) return;
    setNotice("readingPhoto");
    const result = await addPhotoForPlace(file);
    if (result === "full") return setNotice("photosFull");
    if (result === "unreadable") return setNotice("photoUnreadable");
    if (!result) return setNotice("photoNoGps");
    setNotice("photoAdded");
    placePin(result, true);
  };

  const pinAtCentre = () => {
    if (!map) return;
    const centre = map.getCenter();
    placePin({ lat: centre.lat, lon: centre.lng });
  };

  const submit = () => {
    if (!pin) return setProblem(m.pinRequired);
    if (outside) return setProblem(f.fill(m.outside, { city: cityName }));
    onNext();
  };

  const areaName = area ? localized(city.areas.find((a) => a.code === area.properties.code)?.name ?? area.properties.name, lang) : "";
  const noticeText = notice && (notice === "photosFull" ? f.fill(m.photosFull, { max: MAX_PHOTOS }) : m[notice]);

  return (
    <StepForm heading={m.placeHeading} submitLabel={m.next} onSubmit={submit}>
      <p className="hint" id="place-help">{m.placeHelp}</p>
      <div className="place-tools">
        <button type="button" className="button secondary" onClick={useMyLocation}>
          <LocateIcon /> {m.useMyLocation}
        </button>
        <label className="button file-button">
          <input type="file" accept="image/*" className="visually-hidden" aria-describedby="photo-place-hint"
            onChange={(e) => { void usePhoto(e.currentTarget.files?.[0]); e.currentTarget.value = ""; }} />
          <CameraIcon /> <span>{m.photoLocation}</span>
        </label>
        <button type="button" className="button" onClick={pinAtCentre} disabled={!map}>{m.pinAtCentre}</button>
      </div>
      <p className="hint" id="photo-place-hint">{m.photoLocationHint}</p>
      {noticeText && <p className={errorNotices.has(notice!) ? "form-error" : "notice-inline"} role={errorNotices.has(notice!) ? "alert" : "status"}>{noticeText}</p>}

      <PlaceMap start={start} pin={pin} areas={areas} mapLabel={m.mapLabel} pinLabel={m.pinLabel} onPin={placePin} onMap={setMap} />

      <div className="pin-status" aria-live="polite">
        {problem || outside
          ? <p className="form-error" id="place-error">{problem ?? f.fill(m.outside, { city: cityName })}</p>
          : pin
            ? <p><strong>{area ? f.fill(m.pinIn, { area: areaName }) : m.pinPlaced}</strong></p>
            : <p>{m.noPin}</p>}
        {pin && <p className="muted coordinates">{f.fill(m.coordinates, { lat: pin.lat.toFixed(5), lon: pin.lon.toFixed(5) })}</p>}
      </div>
    </StepForm>
  );
}
