/**
 * The city pack contract: the files under data/cities/<slug>/ and their zod schemas.
 * A pack is data (areas, authorities, categories, routing, places); behaviour a city
 * needs beyond data goes in a typed CityProfile hook (cities.profile.ts), never in core code.
 */
import { z } from "zod";

/** Text in each of the platform's languages; every pack must provide all three. */
export const localizedText = z.object({
  ar: z.string().min(1),
  fr: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof localizedText>;

export const languageCode = z.enum(["ar", "fr", "en"]);
export type LanguageCode = z.infer<typeof languageCode>;

/** Codes of areas, authorities, categories: stable identifiers used in URLs, the API and routing. */
export const code = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "lower-case code: letters, digits, _ and -");

/** city.json */
export const cityManifest = z.object({
  slug: code,
  /** Open311 jurisdiction_id and host names that select this city. */
  jurisdictionId: z.string().min(1),
  hosts: z.array(z.string()).default([]),
  name: localizedText,
  country: z.string().length(2),
  timezone: z.string().min(1),
  defaultLanguage: languageCode,
  /** Prefix of public report references, e.g. CAS → CAS-2026-000123. */
  referencePrefix: z.string().regex(/^[A-Z]{2,5}$/),
  center: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), zoom: z.number().int().min(1).max(19) }),
  /** Authority that triages reports whose category/area has no routing rule. */
  defaultAuthority: code,
  attribution: z.string().min(1),
  sources: z.array(z.object({ file: z.string(), source: z.string(), licence: z.string() })).min(1),
});
export type CityManifest = z.infer<typeof cityManifest>;

/** areas.geojson: Polygon / MultiPolygon features, WGS84, with these properties. */
export const areaProperties = z.object({
  code: code,
  kind: z.enum(["prefecture", "arrondissement", "district"]),
  /** Code of the enclosing area (an arrondissement's prefecture), if any. */
  parent: code.nullable().default(null),
  name: localizedText,
  population: z.number().int().positive().nullable().default(null),
  populationYear: z.number().int().nullable().default(null),
  households: z.number().int().positive().nullable().default(null),
  /** Official code (HCP for Morocco). */
  officialCode: z.string().nullable().default(null),
});
export type AreaProperties = z.infer<typeof areaProperties>;

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4);
export const areaGeometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Polygon"), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
export type AreaGeometry = z.infer<typeof areaGeometry>;

export const areasFile = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(z.object({ type: z.literal("Feature"), properties: areaProperties, geometry: areaGeometry })).min(1),
});

/** authorities.json */
export const authoritySchema = z.object({
  code: code,
  name: localizedText,
  /** Language the authority's staff read their e-mail in. */
  language: languageCode,
  email: z.string().email(),
  sendMethod: z.enum(["email", "open311", "noop"]).default("email"),
  description: localizedText.optional(),
});
export const authoritiesFile = z.object({ authorities: z.array(authoritySchema).min(1) });
export type AuthorityDef = z.infer<typeof authoritySchema>;

/** An extra question asked for a category (maps to Open311 service attributes). */
export const extraQuestion = z.object({
  code: code,
  datatype: z.enum(["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]),
  required: z.boolean().default(false),
  label: localizedText,
  values: z.array(z.object({ key: code, name: localizedText })).optional(),
});

/** categories.json: exactly the shared category codes. */
export const categorySchema = z.object({
  code: code,
  group: code,
  /** 1 (cosmetic) .. 5 (danger to life). */
  severity: z.number().int().min(1).max(5),
  /** Days within which the city aims to fix a report of this category. */
  targetDays: z.number().int().positive(),
  name: localizedText,
  description: localizedText,
  /** Keywords for the Open311 service definition. */
  keywords: z.array(z.string()).default([]),
  questions: z.array(extraQuestion).default([]),
});
export const categoriesFile = z.object({
  groups: z.array(z.object({ code: code, name: localizedText })).min(1),
  categories: z.array(categorySchema).min(1),
});
export type CategoryDef = z.infer<typeof categorySchema>;

/**
 * routing.json: which authority handles a category. `areas` narrows a rule to some areas
 * (arrondissement or prefecture codes); the most specific matching rule wins.
 */
export const routingFile = z.object({
  rules: z.array(z.object({
    category: code,
    authority: code,
    areas: z.array(code).optional(),
  })).min(1),
});
export type RoutingRule = z.infer<typeof routingFile>["rules"][number];

/** places.json: gazetteer of landmarks and sensitive places (approximate, ODbL-replaceable). */
export const placeSchema = z.object({
  code: code,
  kind: z.enum(["landmark", "school", "hospital", "market", "mosque", "station", "park", "square", "street"]),
  name: localizedText,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  approximate: z.boolean().default(true),
});
export const placesFile = z.object({ places: z.array(placeSchema) });
export type PlaceDef = z.infer<typeof placeSchema>;

/**
 * templates.json (optional): the public answers staff start with, per category (null: any) and
 * target state (null: a reply without a change of state). Seeded once, when the city is first
 * created; the state names are checked by the templates domain, which knows the lifecycle.
 */
export const responseTemplateSchema = z.object({
  category: code.nullable().default(null),
  state: code.nullable().default(null),
  title: localizedText,
  body: localizedText,
}).strict();
export const templatesFile = z.object({ templates: z.array(responseTemplateSchema) });
export type ResponseTemplateDef = z.infer<typeof responseTemplateSchema>;
