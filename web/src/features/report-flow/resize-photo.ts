/**
 * A photo redrawn on a canvas at most 2048 px on its long side, as a JPEG: a few hundred KB
 * instead of several MB on a 3G connection, and no hidden metadata (EXIF, GPS) left in it.
 * Used by the report flow and by updates on the report page.
 */
const LONG_SIDE = 2048;
const QUALITY = 0.85;
/** The server's limit per photo; a photo the browser cannot redraw is sent as it is, if under it. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export class UnreadablePhoto extends Error {}

export async function resizePhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    // HEIC on browsers that cannot draw it: the server converts it.
    if (file.size > 0 && file.size <= MAX_UPLOAD_BYTES && file.type.startsWith("image/")) return file;
    throw new UnreadablePhoto();
  }
  const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const context = canvas.getContext("2d")!;
  // JPEG has no transparency: a transparent PNG would turn black.
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new UnreadablePhoto())), "image/jpeg", QUALITY));
}
