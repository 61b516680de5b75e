/**
 * Public statistics behind every chart of /transparency (`/api/stats/...`, JSON) and the open
 * data exports (`/api/open-data/reports.csv`, `.geojson`, and `/api/open-data` describing them).
 * Anonymous; the query (from, to, area, category) is validated by zod, a bad one is a 400
 * problem naming the field. Answers are cached a few seconds per city and query, dropped when
 * this process changes the city's reports.
 */
import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { csvChunks, fields, geojsonChunks, licences, openDataRecords } from "./open-data.ts";
import * as t from "./transparency.ts";
import * as s from "./transparency.schemas.ts";

export const transparencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = (request: FastifyRequest): t.InsightsContext => ({ db: app.ctx.database.db, city: request.city, publicUrl: app.ctx.config.publicUrl });

  async function cached<T>(request: FastifyRequest, reply: FastifyReply, name: string, schema: z.ZodType<T>, compute: () => Promise<T>) {
    // The targets are in the key: an admin's change of a category's target shows at once.
    const targets = [...request.city.categories.values()].map((c) => c.targetDays).join(",");
    const key = `stats:${name}:${targets}:${JSON.stringify(request.query)}`;
    let entry = app.ctx.listCache.get(request.city.id, key);
    if (!entry) entry = app.ctx.listCache.set(request.city.id, key, JSON.stringify(z.encode(schema, await compute())), "application/json; charset=utf-8");
    reply.header("etag", entry.etag).header("cache-control", "public, max-age=60");
    if (request.headers["if-none-match"] === entry.etag) return reply.code(304).send();
    // Serialized against the reply schema when it was cached.
    return reply.type(entry.contentType).send(entry.body as never);
  }

  // One route per chart; the answer's schema documents it in the OpenAPI and shapes the cached body.
  const stat = <T>(path: string, summary: string, schema: z.ZodType<T>, compute: (c: t.InsightsContext, q: s.StatsQuery) => Promise<T>) =>
    app.get(`/api/stats/${path}`, {
      schema: { tags: ["stats"], summary, querystring: s.statsQuery, response: { 200: schema as z.ZodType, 304: z.void().describe("Not modified") } },
    }, (async (request: FastifyRequest<{ Querystring: s.StatsQuery }>, reply: FastifyReply) =>
      cached(request, reply, path, schema, () => compute(ctx(request), request.query))) as never);

  stat("summary", "Reports received, acknowledged and fixed, times to acknowledge and to fix, target share, backlog and satisfaction", s.summaryReply, t.summary);
  stat("authorities", "The league table of authorities: the same figures per authority, fastest median fix first, then smallest backlog", s.authoritiesReply, t.authorities);
  stat("categories", "The same figures per category, with its target days", s.categoriesReply, t.categories);
  stat("areas", "Per arrondissement: received, fixed, backlog, median time to fix, reports per 10,000 inhabitants (the choropleth)", s.areasReply, t.areas);
  stat("heatmap", "Reports counted on a grid of about 500 m (the heat map)", s.heatmapReply, t.heatmap);
  stat("timeline", "Reports received and fixed per week (periods up to 92 days) or month", s.timelineReply, t.timeline);
  stat("fixed-stories", "The latest fixes of the period, with before and after photos and the time taken", s.storiesReply, t.fixedStories);
  stat("dashboard", "All of the above in one answer (what /transparency shows), each part as its own endpoint gives it", s.dashboardReply, t.dashboard);

  const licence = () => licences[app.ctx.config.openDataLicence];
  const licenceHeaders = (reply: FastifyReply, filename: string) => reply
    .header("link", `<${licence().url}>; rel="license"`)
    .header("x-licence", licence().id)
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "public, max-age=300");

  app.get("/api/open-data", {
    schema: {
      tags: ["open data"], summary: "What the open data exports hold: formats, fields and licence",
      response: { 200: z.object({ licence: z.object({ id: z.string(), name: z.string(), url: z.string() }), attribution: z.string(), formats: z.record(z.string(), z.string()), fields: z.array(z.object({ name: z.string(), description: z.string() })) }) },
    },
  }, async (request) => ({
    licence: licence(), attribution: request.city.manifest.attribution,
    formats: { csv: `${app.ctx.config.publicUrl}/api/open-data/reports.csv`, geojson: `${app.ctx.config.publicUrl}/api/open-data/reports.geojson` },
    fields: fields.map((f) => ({ ...f })),
  }));

  app.get("/api/open-data/reports.csv", {
    schema: { tags: ["open data"], summary: "Every published report as CSV (UTF-8, RFC 4180), oldest first; same filters as the stats, all dates by default", querystring: s.statsQuery },
  }, async (request, reply) => {
    const records = openDataRecords(ctx(request), request.query);
    licenceHeaders(reply, `${request.city.slug}-reports.csv`).type("text/csv; charset=utf-8; header=present");
    return reply.send(Readable.from(csvChunks(records)));
  });

  app.get("/api/open-data/reports.geojson", {
    schema: { tags: ["open data"], summary: "Every published report as a GeoJSON FeatureCollection (points), oldest first; same filters as the stats", querystring: s.statsQuery },
  }, async (request, reply) => {
    const records = openDataRecords(ctx(request), request.query);
    licenceHeaders(reply, `${request.city.slug}-reports.geojson`).type("application/geo+json; charset=utf-8");
    return reply.send(Readable.from(geojsonChunks(records, { licence: licence(), attribution: request.city.manifest.attribution, generatedAt: new Date() })));
  });
};
