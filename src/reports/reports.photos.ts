/**
 * Photo intake: the type is read from the bytes (never the file name or the client's
 * Content-Type), the image is re-encoded by sharp — which drops EXIF, GPS and every other
 * metadata — auto-rotated, bounded to 2048 px on its long side, with a 400 px thumbnail.
 * GPS is read before re-encoding so a photo can place the pin when none was given.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import exifr from "exifr";
import { fileTypeFromBuffer } from "file-type";
import decodeHeic from "heic-decode";
import sharp from "sharp";
import { fieldError } from "../errors.ts";
import { MAX_PHOTO_MB } from "./reports.schemas.ts";

const ACCEPTED = new Set(["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "image/avif"]);
const LONG_SIDE = 2048;
const THUMB_SIDE = 400;

export interface ProcessedPhoto {
  id: string;
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  gps: { lat: number; lon: number } | null;
}

export async function processPhoto(input: Buffer, field: string): Promise<ProcessedPhoto> {
  if (input.length > MAX_PHOTO_MB * 1024 * 1024) throw fieldError("payload_too_large", field, "photo_too_large", { max: MAX_PHOTO_MB });
  const type = await fileTypeFromBuffer(input);
  if (!type || !ACCEPTED.has(type.mime)) throw fieldError("unsupported_media", field, "photo_type");
  const gps = await readGps(input);
  try {
    const source = type.mime === "image/heic" || type.mime === "image/heif" ? await heicToSharp(input) : sharp(input, { failOn: "error" });
    const base = source.rotate().resize({ width: LONG_SIDE, height: LONG_SIDE, fit: "inside", withoutEnlargement: true });
    const { data: image, info } = await base.clone().jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(image).resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: "inside" }).jpeg({ quality: 75 }).toBuffer();
    return { id: randomUUID(), image, thumbnail, width: info.width, height: info.height, gps };
  } catch {
    throw fieldError("validation", field, "photo_unreadable");
  }
}

/** Debian/npm's libvips cannot decode HEVC (patents): iPhone HEIC goes through libheif's wasm build. */
async function heicToSharp(input: Buffer) {
  const { width, height, data } = await decodeHeic({ buffer: input });
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } });
}

async function readGps(input: Buffer): Promise<ProcessedPhoto["gps"]> {
  try {
    const gps = await exifr.gps(input);
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) return { lat: gps.latitude, lon: gps.longitude };
  } catch { /* no readable EXIF: not an error, the pin is then required */ }
  return null;
}

/** Files live under UPLOAD_DIR/<city>/<first two hex of id>/; names are ids, never user input. */
export class PhotoStore {
  constructor(private readonly root: string) {}

  private paths(cityId: string, id: string) {
    const dir = path.join(this.root, cityId, id.slice(0, 2));
    return { dir, image: path.join(dir, `${id}.jpg`), thumbnail: path.join(dir, `${id}.thumb.jpg`) };
  }

  async save(cityId: string, photo: ProcessedPhoto): Promise<string> {
    const p = this.paths(cityId, photo.id);
    await fs.mkdir(p.dir, { recursive: true });
    await Promise.all([fs.writeFile(p.image, photo.image), fs.writeFile(p.thumbnail, photo.thumbnail)]);
    return path.relative(this.root, p.image);
  }

  async remove(cityId: string, id: string): Promise<void> {
    const p = this.paths(cityId, id);
    await Promise.all([fs.rm(p.image, { force: true }), fs.rm(p.thumbnail, { force: true })]);
  }

  filePath(cityId: string, id: string, variant: "full" | "thumb"): string {
    const p = this.paths(cityId, id);
    return variant === "full" ? p.image : p.thumbnail;
  }
}
