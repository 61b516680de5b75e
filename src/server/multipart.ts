/**
 * Multipart requests carry the same fields as JSON plus `photos`. A preValidation hook
 * turns the parts into the JSON-shaped body ("reporter.name" → { reporter: { name } })
 * and keeps the photo bytes aside, so one zod schema validates both forms.
 */
import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import { MAX_PHOTO_MB, MAX_PHOTOS } from "../reports/index.ts";

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

function setPath(target: Record<string, unknown>, dotted: string, value: unknown) {
  const keys = dotted.replace(/\[(\w+)\]/g, ".$1").split(".");
  if (keys.some((k) => FORBIDDEN_KEYS.has(k) || k === "")) return;
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

export async function collectMultipart(request: FastifyRequest): Promise<void> {
  request.uploads = [];
  if (!request.isMultipart()) return;
  const body: Record<string, unknown> = {};
  for await (const part of request.parts({ limits: { files: MAX_PHOTOS, fileSize: MAX_PHOTO_MB * 1024 * 1024, fields: 40, fieldSize: 20_000 } })) {
    if (part.type === "file") {
      if (part.fieldname !== "photos" && part.fieldname !== "photo" && part.fieldname !== "media") {
        await part.toBuffer();
        throw new AppError("validation", { fields: [{ field: part.fieldname, message: "invalid" }] });
      }
      const tooLarge = () => new AppError("payload_too_large", { fields: [{ field: `photos[${request.uploads.length}]`, message: "photo_too_large", params: { max: MAX_PHOTO_MB } }] });
      // toBuffer() throws FST_REQ_FILE_TOO_LARGE itself on a truncated file: name the photo and the size limit, not the count.
      const buffer = await part.toBuffer().catch((err: { code?: string }) => { throw err?.code === "FST_REQ_FILE_TOO_LARGE" ? tooLarge() : err; });
      if (part.file.truncated) throw tooLarge();
      if (buffer.length > 0) request.uploads.push(buffer);
    } else {
      setPath(body, part.fieldname, part.value);
    }
  }
  request.body = body;
}
