/** Public description of the city: what the web app and integrators need to file a report. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const localized = z.record(z.string(), z.string());

const cityView = z.object({
  slug: z.string(),
  name: localized,
  timezone: z.string(),
  defaultLanguage: z.string(),
  center: z.object({ lat: z.number(), lon: z.number(), zoom: z.number() }),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  attribution: z.string(),
  groups: z.array(z.object({ code: z.string(), name: localized })),
  categories: z.array(z.object({
    code: z.string(), group: z.string(), severity: z.number(), targetDays: z.number(), name: localized, description: localized, questions: z.array(z.unknown()),
  })),
  areas: z.array(z.object({
    code: z.string(), kind: z.string(), parent: z.string().nullable(), name: localized, population: z.number().nullable(),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  })),
  authorities: z.array(z.object({ code: z.string(), name: localized })),
  /** The gazetteer: landmarks a citizen may search for (positions are approximate). */
  places: z.array(z.object({ code: z.string(), kind: z.string(), name: localized, lat: z.number(), lon: z.number() })),
  map: z.object({ tileUrl: z.string(), tileAttribution: z.string(), geocoderUrl: z.string().nullable() }),
});

export const citiesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  app.get("/api/city", { schema: { tags: ["city"], summary: "The city: categories, areas, authorities", response: { 200: cityView } } }, async (request, reply) => {
    const c = request.city;
    // Cacheable for a minute, so the page's preload of it is reused; admin edits show within that minute.
    reply.header("cache-control", "public, max-age=60");
    return {
      slug: c.slug, name: c.manifest.name, timezone: c.manifest.timezone, defaultLanguage: c.manifest.defaultLanguage, center: c.manifest.center,
      bounds: c.areas.bounds(), attribution: c.manifest.attribution,
      groups: c.groups.map((g) => ({ code: g.code, name: g.name })),
      categories: [...c.categories.values()].filter((x) => x.active).map((x) => ({
        code: x.code, group: x.groupCode, severity: x.severity, targetDays: x.targetDays, name: x.name, description: x.description, questions: x.questions,
      })),
      areas: c.areas.all.map((a) => ({ code: a.code, kind: a.kind, parent: a.parent, name: a.name, population: a.population, bbox: a.bbox })),
      authorities: [...c.authorities.values()].filter((a) => a.active).map((a) => ({ code: a.code, name: a.name })),
      places: c.places.map((p) => ({ code: p.code, kind: p.kind, name: p.name, lat: p.lat, lon: p.lon })),
      map: { tileUrl: config.mapTileUrl, tileAttribution: config.mapTileAttribution, geocoderUrl: config.geocoderUrl },
    };
  });

  app.get("/api/city/areas.geojson", { schema: { tags: ["city"], summary: "Area boundaries (© OpenStreetMap contributors, ODbL)" } }, async (request, reply) => {
    const c = request.city;
    return reply.type("application/geo+json").header("cache-control", "public, max-age=3600").send({
      type: "FeatureCollection",
      features: c.areas.all.map((a) => ({ type: "Feature", id: a.code, properties: { code: a.code, kind: a.kind, parent: a.parent, name: a.name, population: a.population }, geometry: a.geometry })),
    });
  });
};
