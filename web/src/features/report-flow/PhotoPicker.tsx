/** Up to five photos with previews and remove buttons; each is shrunk on the phone before it is kept. */
import { useEffect, useState } from "react";
import { useMessages } from "../../lib/i18n.tsx";
import type { DraftPhoto } from "./draft.ts";
import { CameraIcon } from "./icons.tsx";
import { MAX_PHOTOS } from "./photos.ts";
import messages from "./report-flow.messages.ts";

export interface AddedPhotos { gps: { lat: number; lon: number } | null; unreadable: number; skipped: number }

/** A blob shown as an image: its object URL lives as long as the element. */
export function useObjectUrl(blob: Blob): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const objectUrl = URL.createObjectURL(blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob]);
  return url;
}

export function PhotoThumb({ blob, alt }: { blob: Blob; alt: string }) {
  const url = useObjectUrl(blob);
  return url ? <img src={url} alt={alt} className="photo-thumb" /> : <span className="photo-thumb" />;
}

interface Props {
  photos: DraftPhoto[];
  error?: string;
  addPhotos(files: File[]): Promise<AddedPhotos>;
  removePhoto(id: string): void;
}

export function PhotoPicker({ photos, error, addPhotos, removePhoto }: Props) {
  const [m, f] = useMessages(messages);
  const [busy, setBusy] = useState(false);
  // undefined: nothing happened here yet, so the server's message (if any) shows; null: cleared since.
  const [problem, setProblem] = useState<string | null>();
  const shown = problem === undefined ? error : problem ?? undefined;

  const add = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    const result = await addPhotos(files);
    setBusy(false);
    setProblem(result.unreadable ? m.photoUnreadable : result.skipped ? f.fill(m.photosFull, { max: MAX_PHOTOS }) : null);
  };

  return (
    <fieldset className="field photos" aria-describedby="photos-hint">
      <legend>{f.fill(m.photosLabel, { max: MAX_PHOTOS })}</legend>
      <p className="hint" id="photos-hint">{m.photosHint}</p>
      {photos.length > 0 && (
        <ul className="photo-previews">
          {photos.map((p, i) => (
            <li key={p.id}>
              <PhotoThumb blob={p.blob} alt={f.fill(m.photoAlt, { n: i + 1 })} />
              <button type="button" className="remove-photo" onClick={() => { removePhoto(p.id); setProblem(null); }}>
                <span aria-hidden="true">×</span>
                <span className="visually-hidden">{f.fill(m.removePhoto, { n: i + 1 })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {photos.length < MAX_PHOTOS && (
        <label className="button file-button">
          <input id="photos" type="file" accept="image/*" capture="environment" multiple className="visually-hidden"
            aria-invalid={shown ? true : undefined} aria-describedby={shown ? "photos-error" : undefined}
            onChange={(e) => { void add([...(e.currentTarget.files ?? [])]); e.currentTarget.value = ""; }} />
          <CameraIcon /> <span>{m.addPhotos}</span>
        </label>
      )}
      <p className="hint" aria-live="polite">{busy ? m.preparingPhotos : f.plural(m.photoCount, photos.length, { max: MAX_PHOTOS })}</p>
      {shown && <p className="error" id="photos-error">{shown}</p>}
    </fieldset>
  );
}
