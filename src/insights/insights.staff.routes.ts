/**
 * HTTP routes of the staff analytics and the staff CSV exports. Every service checks the
 * caller is staff (and scopes to their authority); a POST carries the session's CSRF token
 * like every other state-changing request.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { reportsContext } from "../server/context.ts";
import * as s from "./insights.staff.schemas.ts";
import { exportFile, exportJob, exportMode, exportSize, queueCsv, startExportJob, type ExportFilters } from "./staff-exports.ts";
import { staffAnomalies, staffEquity, staffHotspots, staffResources } from "./staff-insights.ts";
import fs from "node:fs";

const EXPORTS = "/api/staff/exports";

/** The filters again as the queue's query string (the direct download link). */
function queryString(filters: ExportFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return params.toString();
}

const csvName = () => `queue-${new Date().toISOString().slice(0, 10)}.csv`;

export const insightsStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = (city: Parameters<typeof reportsContext>[1]) => ({ db: app.ctx.database.db, city });

  app.get("/api/staff/insights/anomalies", {
    schema: {
      tags: ["staff"], summary: "Category × area pairs whose last 7 days depart from their seasonal baseline, with the reports behind them",
      querystring: s.scopeQuery, response: { 200: s.anomaliesReply },
    },
  }, async (request) => staffAnomalies(ctx(request.city), request.actor, request.query, request.lang));

  app.get("/api/staff/insights/hotspots", {
    schema: {
      tags: ["staff"], summary: "Density clusters (DBSCAN) of open reports, with size, main category and area",
      querystring: s.hotspotsQuery, response: { 200: s.hotspotsReply },
    },
  }, async (request) => staffHotspots(ctx(request.city), request.actor, request.query));

  app.get("/api/staff/insights/resources", {
    schema: {
      tags: ["staff"], summary: "Backlog weighted by priority per authority and area, and the days to clear it at the last 28 days' fix rate",
      querystring: s.scopeQuery, response: { 200: s.resourcesReply },
    },
  }, async (request) => staffResources(ctx(request.city), request.actor, request.query));

  app.get("/api/staff/insights/equity", {
    schema: {
      tags: ["staff"], summary: "Reports per 10,000 inhabitants per area against the city's rate; under-represented areas flagged",
      querystring: s.equityQuery, response: { 200: s.equityReply },
    },
  }, async (request) => staffEquity(ctx(request.city), request.actor, request.query));

  app.get(`${EXPORTS}/queue.csv`, {
    schema: { tags: ["staff"], summary: "The staff queue as CSV, with the queue's filters, streamed (any size, in bounded memory)", querystring: s.exportQuery },
  }, async (request, reply) => {
    const stream = await queueCsv(reportsContext(app, request.city), request.actor, request.query, request.lang);
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${csvName()}"`).send(stream);
  });

  app.post(EXPORTS, {
    schema: {
      tags: ["staff"], summary: "Export the queue with these filters: small sets are a direct link (200), large ones (or async: true) a job (202 and a status URL)",
      body: s.exportBody, response: { 200: s.exportStartReply, 202: s.exportStartReply },
    },
  }, async (request, reply) => {
    const { async: asked, ...filters } = request.body;
    const rctx = reportsContext(app, request.city);
    const total = await exportSize(rctx, request.actor, filters);
    if (exportMode(total, { async: asked }) === "direct") {
      return { mode: "direct" as const, total, downloadUrl: `${EXPORTS}/queue.csv?${queryString(filters)}`, id: null, statusUrl: null };
    }
    const id = await startExportJob(app.ctx.database.db, app.ctx.config.dataDir, request.actor, filters, request.lang, total);
    app.ctx.worker.poke();
    const statusUrl = `${EXPORTS}/${id}`;
    return reply.code(202).header("location", statusUrl).send({ mode: "job" as const, total, downloadUrl: null, id, statusUrl });
  });

  app.get(`${EXPORTS}/:id`, {
    schema: { tags: ["staff"], summary: "An export job's state; its download link once done", params: s.exportJobParams, response: { 200: s.exportJobReply } },
  }, async (request) => {
    const job = await exportJob(app.ctx.database.db, request.actor, request.params.id);
    return { ...job, statusUrl: `${EXPORTS}/${job.id}`, downloadUrl: job.status === "done" ? `${EXPORTS}/${job.id}/download` : null };
  });

  app.get(`${EXPORTS}/:id/download`, {
    schema: { tags: ["staff"], summary: "The CSV an export job wrote (its owner only)", params: s.exportJobParams },
  }, async (request, reply) => {
    const file = await exportFile(app.ctx.database.db, app.ctx.config.dataDir, request.actor, request.params.id);
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${csvName()}"`).send(fs.createReadStream(file));
  });
};
