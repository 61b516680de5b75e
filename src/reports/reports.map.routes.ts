/** The map's view of public reports: points or grid counts for a box, cached with an ETag like the list. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { reportsContext } from "../server/context.ts";
import { mapReports } from "./map-reports.ts";
import * as s from "./reports.schemas.ts";

export const reportsMapRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/api/reports/map", {
    schema: {
      tags: ["reports"],
      summary: "Public reports of a box for a map: compact points when at most 3,000 match, else counts per grid cell (ETag)",
      querystring: s.mapReportsQuery,
      response: { 200: s.mapReportsReply, 304: z.void().describe("Not modified (If-None-Match)") },
    },
  }, async (request, reply) => {
    // Its own prefix: list keys are bare JSON objects, so the two never collide in the shared cache.
    const key = `map:${JSON.stringify(request.query)}`;
    let entry = app.ctx.listCache.get(request.city.id, key);
    if (!entry) {
      const answer = await mapReports(reportsContext(app, request.city), request.query);
      entry = app.ctx.listCache.set(request.city.id, key, JSON.stringify(z.encode(s.mapReportsReply, answer)), "application/json; charset=utf-8");
    }
    reply.header("etag", entry.etag).header("cache-control", "no-cache");
    if (request.headers["if-none-match"] === entry.etag) return reply.code(304).send();
    // The body was serialized against mapReportsReply when it was cached.
    return reply.type(entry.contentType).send(entry.body as never);
  });
};
