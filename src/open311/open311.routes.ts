/**
 * GeoReport v2 at /open311/v2 (one Fastify plugin under that prefix). Each path ends in
 * .xml or .json; bodies and errors follow the spec, never problem+json or an HTML page: the
 * plugin has its own error and not-found handlers. jurisdiction_id, when given, chooses
 * the city.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.ts";
import { translator } from "../i18n/index.ts";
import { MAX_PHOTO_MB, type ReportsContext } from "../reports/index.ts";
import { reportsContext } from "../server/context.ts";
import { fileRequest, type Fields } from "./file-request.ts";
import { KeyRateLimiter } from "./open311.clients.ts";
import { CONTENT_TYPE, isoWithOffset, render, splitFormat, type Format, type Value } from "./open311.format.ts";
import { serviceDefinition, serviceList, findService } from "./open311.services.ts";
import { getRequest, listRequests, listRequestUpdates, tokenRequest } from "./query-requests.ts";

export const OPEN311_PREFIX = "/open311/v2";
/** At most one photo, the spec's `media` file. */
const MAX_MEDIA = 1;

type Query = Record<string, string | undefined>;

function formatOf(request: FastifyRequest): Format {
  const path = request.url.split("?")[0]!;
  return path.endsWith(".json") ? "json" : "xml";
}

function send(reply: FastifyReply, format: Format, status: number, root: string, body: Value) {
  return reply.code(status).type(CONTENT_TYPE[format]).header("cache-control", "no-store").send(render(format, root, body));
}

/** The spec's error list: one error, its code the HTTP status, its description translated. */
function sendErrors(request: FastifyRequest, reply: FastifyReply, status: number, description: string) {
  return send(reply, formatOf(request), status, "errors", [{ code: status, description }]);
}

function statusOf(err: AppError): number {
  if (err.status === 403 || err.status === 404 || err.status === 429) return err.status;
  return err.status >= 500 ? 500 : 400;
}

/** Fields of a form body and the query string, repeated names kept. */
function fieldsOf(entries: Iterable<[string, string]>, into: Fields = new Map()): Fields {
  for (const [k, v] of entries) into.set(k, [...(into.get(k) ?? []), v]);
  return into;
}

export async function open311Routes(app: FastifyInstance) {
  const limiter = new KeyRateLimiter();

  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, fieldsOf(new URLSearchParams(body as string)));
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const t = translator(request.lang);
    if (error instanceof AppError) {
      const status = statusOf(error);
      if (status === 500) request.log.error({ err: error }, "open311 error");
      const f = error.fields[0];
      const detail = f ? `${f.field}: ${t(`field.${f.message}`, f.params ?? {})}` : "";
      return sendErrors(request, reply, status, [t(`problem.${error.code}`), detail].filter(Boolean).join(" — "));
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return sendErrors(request, reply, 429, t("problem.rate_limited"));
    if (error.code === "FST_REQ_FILE_TOO_LARGE" || error.code === "FST_FILES_LIMIT" || status === 413) {
      return sendErrors(request, reply, 400, `${t("problem.payload_too_large")} — media: ${t("field.photo_too_large", { max: MAX_PHOTO_MB })}`);
    }
    if (status >= 400 && status < 500) return sendErrors(request, reply, status === 404 || status === 403 ? status : 400, t("problem.validation"));
    request.log.error({ err: error }, "open311 unhandled error");
    return sendErrors(request, reply, 500, t("problem.internal"));
  });
  app.setNotFoundHandler((request, reply) => sendErrors(request, reply, 404, translator(request.lang)("problem.not_found")));

  /** The city: the request's, or the one jurisdiction_id names (404 when it names none). */
  const context = (request: FastifyRequest, jurisdiction: string | undefined): ReportsContext => {
    if (!jurisdiction) return reportsContext(app, request.city);
    const city = app.ctx.cities.byJurisdictionId(jurisdiction);
    if (!city) throw new AppError("not_found", { fields: [{ field: "jurisdiction_id", message: "invalid" }] });
    return reportsContext(app, city);
  };

  /** Resolves "<name>.<format>" or answers 404. */
  const fileParam = (request: FastifyRequest) => {
    const split = splitFormat((request.params as { file: string }).file);
    if (!split) throw new AppError("not_found");
    return split;
  };

  app.get("/:file", async (request, reply) => {
    const [name, format] = fileParam(request);
    const q = request.query as Query;
    const ctx = context(request, q.jurisdiction_id);
    const lang = request.lang;
    switch (name) {
      case "discovery": {
        const { config } = app.ctx;
        const changeset = isoWithOffset(new Date(Date.UTC(2026, 11, 1)), ctx.city.manifest.timezone);
        return send(reply, format, 200, "discovery", {
          changeset,
          contact: `${ctx.city.manifest.name[lang] ?? ctx.city.manifest.name.fr} — ${config.publicUrl}`,
          key_service: `${config.publicUrl}/staff/admin/open311`,
          endpoints: [{
            specification: "http://wiki.open311.org/GeoReport_v2", url: `${config.publicUrl}${OPEN311_PREFIX}`, changeset, type: "production",
            formats: ["text/xml", "application/json"],
          }],
        });
      }
      case "services":
        return send(reply, format, 200, "services", serviceList(ctx.city, lang));
      case "requests":
        return send(reply, format, 200, "service_requests", await listRequests(ctx, lang, q));
      case "servicerequestupdates":
        return send(reply, format, 200, "service_request_updates", await listRequestUpdates(ctx, q));
      default:
        throw new AppError("not_found");
    }
  });

  app.get("/services/:file", async (request, reply) => {
    const [code, format] = fileParam(request);
    const ctx = context(request, (request.query as Query).jurisdiction_id);
    return send(reply, format, 200, "service_definition", serviceDefinition(findService(ctx.city, code), request.lang));
  });

  app.get("/requests/:file", async (request, reply) => {
    const [ref, format] = fileParam(request);
    const ctx = context(request, (request.query as Query).jurisdiction_id);
    return send(reply, format, 200, "service_requests", await getRequest(ctx, request.lang, ref));
  });

  app.get("/tokens/:file", async (request, reply) => {
    const [token, format] = fileParam(request);
    const ctx = context(request, (request.query as Query).jurisdiction_id);
    return send(reply, format, 200, "service_requests", await tokenRequest(ctx, token));
  });

  app.post("/:file", async (request, reply) => {
    const [name, format] = fileParam(request);
    if (name !== "requests") throw new AppError("not_found");
    // Fields from the query string too (some clients send api_key there), the body's win.
    const fields = fieldsOf(Object.entries(request.query as Record<string, string | string[]>)
      .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]])));
    const media: Buffer[] = [];
    if (request.isMultipart()) {
      const form: Fields = new Map();
      for await (const part of request.parts({ limits: { files: MAX_MEDIA, fileSize: MAX_PHOTO_MB * 1024 * 1024, fields: 100, fieldSize: 20_000 } })) {
        if (part.type === "file") {
          const buffer = await part.toBuffer();
          if (part.fieldname !== "media") throw new AppError("validation", { fields: [{ field: part.fieldname, message: "invalid" }] });
          if (part.file.truncated) throw new AppError("payload_too_large", { fields: [{ field: "media", message: "photo_too_large", params: { max: MAX_PHOTO_MB } }] });
          if (buffer.length) media.push(buffer);
        } else {
          fieldsOf([[part.fieldname, String(part.value)]], form);
        }
      }
      for (const [k, v] of form) fields.set(k, v);
    } else if (request.body instanceof Map) {
      for (const [k, v] of request.body as Fields) fields.set(k, v);
    } else if (request.body !== undefined) {
      throw new AppError("unsupported_media");
    }
    const ctx = context(request, fields.get("jurisdiction_id")?.[0]);
    const filed = await fileRequest(ctx, limiter, request.lang, fields, media);
    app.ctx.worker.poke();
    app.ctx.listCache.invalidate(ctx.city.id);
    // 200, as the spec's examples (clients written against them check it).
    return send(reply, format, 200, "service_requests", [{ service_request_id: filed.ref, token: filed.token }]);
  });
}
