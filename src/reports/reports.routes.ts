/** HTTP routes of the reports domain: validate, call one service, shape the reply. */
import fs from "node:fs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { collectMultipart } from "../server/multipart.ts";
import { reportsContext } from "../server/context.ts";
import { addUpdate } from "./add-update.ts";
import { confirmReport } from "./confirm-report.ts";
import { createReport } from "./create-report.ts";
import { manageReport } from "./manage-report.ts";
import { getReport, listMyReports, listPublicReports, photoFile } from "./query-reports.ts";
import * as s from "./reports.schemas.ts";

const idempotencyHeader = z.object({ "idempotency-key": z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/).optional() });

const geojson = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(z.object({
    type: z.literal("Feature"),
    id: z.string(),
    geometry: z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]) }),
    properties: s.reportListItem.omit({ lat: true, lon: true }),
  })),
  nextCursor: z.string().nullable(),
});

function toGeoJson(page: { items: z.infer<typeof s.reportListItem>[]; nextCursor: string | null }) {
  return {
    type: "FeatureCollection" as const,
    features: page.items.map(({ lat, lon, ...properties }) => ({
      type: "Feature" as const, id: properties.ref, geometry: { type: "Point" as const, coordinates: [lon, lat] as [number, number] }, properties,
    })),
    nextCursor: page.nextCursor,
  };
}

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = (city: Parameters<typeof reportsContext>[1]) => reportsContext(app, city);
  /** After a write: wake the outbox worker for what the write queued, and let list readers see it. */
  const written = (city: { id: string }) => {
    app.ctx.worker.poke();
    app.ctx.listCache.invalidate(city.id);
  };

  app.post("/api/reports", {
    preValidation: collectMultipart,
    config: { rateLimit: { max: app.ctx.config.rateLimit ? 20 : 1_000_000, timeWindow: "1 minute" } },
    schema: {
      tags: ["reports"],
      summary: "File a report (JSON, or multipart/form-data with the same fields and up to 5 `photos`)",
      headers: idempotencyHeader,
      body: s.createReportBody,
      response: { 201: s.createReportReply, 200: s.createReportReply },
    },
  }, async (request, reply) => {
    const result = await createReport(ctx(request.city), request.actor, request.body, request.uploads, {
      idempotencyKey: request.headers["idempotency-key"], source: "web",
    });
    written(request.city);
    if (result.replayed) reply.header("idempotent-replayed", "true");
    const { replayed: _r, ...body } = result;
    return reply.code(201).header("location", `/api/reports/${body.ref}`).send(body);
  });

  const listReply = z.union([s.listReportsReply, geojson]);
  app.get("/api/reports", {
    schema: { tags: ["reports"], summary: "List public reports (ETag; answers may be up to 5 s old when several instances share a database)", querystring: s.listReportsQuery, response: { 200: listReply, 304: z.void().describe("Not modified (If-None-Match)") } },
  }, async (request, reply) => {
    const key = JSON.stringify(request.query);
    let entry = app.ctx.listCache.get(request.city.id, key);
    if (!entry) {
      const page = await listPublicReports(ctx(request.city), request.query);
      const geo = request.query.format === "geojson";
      entry = app.ctx.listCache.set(request.city.id, key, JSON.stringify(z.encode(listReply, geo ? toGeoJson(page) : page)),
        geo ? "application/geo+json" : "application/json; charset=utf-8");
    }
    reply.header("etag", entry.etag).header("cache-control", "no-cache");
    if (request.headers["if-none-match"] === entry.etag) return reply.code(304).send();
    // The body was serialized against listReply when it was cached.
    return reply.type(entry.contentType).send(entry.body as never);
  });

  app.get("/api/reports/:ref", {
    schema: { tags: ["reports"], summary: "One report: public view, or staff view for its managers", params: s.refParams, querystring: s.reportQuery, response: { 200: s.reportDetail } },
  }, async (request) => getReport(ctx(request.city), request.actor, request.params.ref, request.lang, { feedbackToken: request.query.feedbackToken }));

  app.post("/api/reports/:ref/confirm", {
    schema: { tags: ["reports"], summary: "Confirm a report with the link sent by e-mail", params: s.refParams, body: s.confirmBody, response: { 200: z.object({ ref: z.string(), state: s.reportState }) } },
  }, async (request) => {
    const result = await confirmReport(ctx(request.city), request.body.token);
    if (result.ref !== request.params.ref) throw new AppError("invalid_token", { fields: [{ field: "token", message: "invalid" }] });
    written(request.city);
    return result as { ref: string; state: z.infer<typeof s.reportState> };
  });

  app.post("/api/reports/:ref/updates", {
    preValidation: collectMultipart,
    schema: {
      tags: ["reports"], summary: "Add a public update (optionally changing the state) or an internal note",
      params: s.refParams, body: s.addUpdateBody, response: { 201: s.updateView },
    },
  }, async (request, reply) => {
    const update = await addUpdate(ctx(request.city), request.actor, request.params.ref, request.body, request.uploads);
    written(request.city);
    return reply.code(201).send(update);
  });

  app.patch("/api/reports/:ref", {
    schema: { tags: ["staff"], summary: "Change category, authority, assignee, priority or mark as duplicate", params: s.refParams, body: s.staffPatchBody, response: { 200: s.reportDetail } },
  }, async (request) => {
    const c = ctx(request.city);
    await manageReport(c, request.actor, request.params.ref, request.body);
    written(request.city);
    return getReport(c, request.actor, request.params.ref, request.lang);
  });

  app.get("/api/me/reports", {
    schema: { tags: ["reports"], summary: "The signed-in citizen's own reports, in every state", querystring: s.listReportsQuery, response: { 200: s.listReportsReply } },
  }, async (request) => listMyReports(ctx(request.city), request.actor, { ...request.query, format: "json" }));

  app.get("/api/photos/:file", {
    schema: { tags: ["reports"], summary: "A report photo (EXIF removed)", params: z.object({ file: z.string().regex(/^[0-9a-f-]{36}(\.thumb)?\.jpg$/) }) },
  }, async (request, reply) => {
    const id = request.params.file.slice(0, 36);
    const variant = request.params.file.includes(".thumb") ? "thumb" : "full";
    const path = await photoFile(ctx(request.city), request.actor, id, variant);
    if (!fs.existsSync(path)) throw new AppError("not_found");
    return reply.type("image/jpeg").header("cache-control", "private, max-age=86400").header("x-content-type-options", "nosniff")
      .send(fs.createReadStream(path));
  });
};
