/**
 * RSS and Atom feeds of public reports: /feeds/city, /feeds/areas/:code, /feeds/categories/:code
 * (?area=), /feeds/reports/:ref, each as .rss or .atom, in the asked language (?lang=, else
 * Accept-Language). Feed readers poll: answers are cached a few minutes and carry an ETag
 * and Last-Modified, so most polls end in 304.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { reportsContext } from "../server/context.ts";
import { reportFeed, type FeedFormat, type FeedScope } from "./report-feeds.ts";

const format = z.enum(["rss", "atom"]);
const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);
const langQuery = z.object({ lang: z.enum(["ar", "fr", "en"]).optional().describe("else Accept-Language") });
const feedReply = { 200: z.string().describe("application/rss+xml or application/atom+xml"), 304: z.void().describe("Not modified") };
/** Five minutes: a feed reader needs no fresher news, and a busy feed costs one query per period. */
const CACHE_CONTROL = "public, max-age=300";

export const reportsFeedsRoutes: FastifyPluginAsyncZod = async (app) => {
  async function send(request: FastifyRequest, reply: FastifyReply, scope: FeedScope, fmt: FeedFormat) {
    const city = request.city;
    // Shared with the public list: dropped on each change of the city's reports, so a feed is never staler than its cache.
    const key = `feed:${request.lang}:${fmt}:${JSON.stringify(scope)}`;
    let entry = app.ctx.listCache.get(city.id, key);
    if (!entry) {
      const feed = await reportFeed(reportsContext(app, city), scope, request.lang, fmt);
      entry = app.ctx.listCache.set(city.id, key, feed.body, feed.contentType, feed.updated.toUTCString());
    }
    const lastModified = entry.lastModified!;
    reply.header("etag", entry.etag).header("cache-control", CACHE_CONTROL).header("last-modified", lastModified).header("vary", "accept-language");
    const since = request.headers["if-modified-since"];
    if (request.headers["if-none-match"] === entry.etag
      || (request.headers["if-none-match"] === undefined && since && Date.parse(since) >= Date.parse(lastModified))) return reply.code(304).send();
    return reply.type(entry.contentType).send(entry.body);
  }

  app.get("/feeds/city.:format", {
    schema: { tags: ["feeds"], summary: "New reports and state changes in the whole city (newest 50)", params: z.object({ format }), querystring: langQuery, response: feedReply },
  }, async (request, reply) => send(request, reply, { kind: "city" }, request.params.format));

  app.get("/feeds/areas/:code.:format", {
    schema: { tags: ["feeds"], summary: "New reports and state changes in an area (arrondissement or préfecture; newest 50)", params: z.object({ code, format }), querystring: langQuery, response: feedReply },
  }, async (request, reply) => send(request, reply, { kind: "area", code: request.params.code }, request.params.format));

  app.get("/feeds/categories/:code.:format", {
    schema: {
      tags: ["feeds"], summary: "New reports and state changes of a category, in the city or in one area (newest 50)",
      params: z.object({ code, format }), querystring: langQuery.extend({ area: code.optional() }), response: feedReply,
    },
  }, async (request, reply) => send(request, reply, { kind: "category", code: request.params.code, ...(request.query.area ? { area: request.query.area } : {}) }, request.params.format));

  app.get("/feeds/reports/:ref.:format", {
    schema: { tags: ["feeds"], summary: "One public report: its publication, public updates and state changes", params: z.object({ ref: z.string().min(1).max(40), format }), querystring: langQuery, response: feedReply },
  }, async (request, reply) => send(request, reply, { kind: "report", ref: request.params.ref }, request.params.format));
};
