/**
 * A photo's GPS position, read in the browser with exifr's small JPEG-only build, loaded only
 * when the citizen picks a photo. Read it before resizing: the smaller copy made by
 * resize-photo.ts has no EXIF left.
 */
import type { LatLon } from "./draft.ts";

export const MAX_PHOTOS = 5;

export async function readGps(file: Blob): Promise<LatLon | null> {
  try {
    const { gps } = await import("exifr/dist/mini.esm.mjs");
    const position = await gps(await file.arrayBuffer());
    if (position && Number.isFinite(position.latitude) && Number.isFinite(position.longitude)) {
      return { lat: position.latitude, lon: position.longitude };
    }
  } catch { /* no EXIF, or not a JPEG: the pin is placed by hand */ }
  return null;
}
