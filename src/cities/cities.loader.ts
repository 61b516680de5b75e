/**
 * Reads a city pack from data/cities/<slug>/ and validates every file against its schema.
 * A broken pack stops the start with the file and the field at fault.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import {
  areasFile, authoritiesFile, categoriesFile, cityManifest, placesFile, routingFile, templatesFile,
  type AreaGeometry, type AreaProperties, type AuthorityDef, type CategoryDef, type CityManifest, type PlaceDef,
  type ResponseTemplateDef, type RoutingRule,
} from "./cities.schemas.ts";

export interface CityPack {
  manifest: CityManifest;
  areas: { properties: AreaProperties; geometry: AreaGeometry }[];
  authorities: AuthorityDef[];
  groups: z.infer<typeof categoriesFile>["groups"];
  categories: CategoryDef[];
  rules: RoutingRule[];
  places: PlaceDef[];
  /** Default response templates, seeded when the city is first created. */
  templates: ResponseTemplateDef[];
  /** Hash of all files: the database re-syncs the pack when it changes. */
  hash: string;
}

export class CityPackError extends Error {}

function readFile<S extends z.ZodType>(dir: string, file: string, schema: S, optional = false): z.infer<S> | undefined {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    if (optional) return undefined;
    throw new CityPackError(`City pack ${dir}: missing file ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(full, "utf8"));
  } catch (err) {
    throw new CityPackError(`City pack ${full}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `  ${full}: field ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new CityPackError(`Invalid city pack:\n${issues.join("\n")}`);
  }
  return parsed.data;
}

export function loadCityPack(citiesDir: string, slug: string): CityPack {
  const dir = path.join(citiesDir, slug);
  if (!fs.existsSync(dir)) throw new CityPackError(`No city pack for "${slug}" in ${citiesDir}`);
  const manifest = readFile(dir, "city.json", cityManifest)!;
  const areas = readFile(dir, "areas.geojson", areasFile)!.features;
  const { authorities } = readFile(dir, "authorities.json", authoritiesFile)!;
  const { groups, categories } = readFile(dir, "categories.json", categoriesFile)!;
  const { rules } = readFile(dir, "routing.json", routingFile)!;
  const places = readFile(dir, "places.json", placesFile, true)?.places ?? [];
  const templates = readFile(dir, "templates.json", templatesFile, true)?.templates ?? [];
  checkReferences(dir, { manifest, areas, authorities, groups, categories, rules, templates });
  const hash = createHash("sha256");
  for (const f of fs.readdirSync(dir).sort()) if (/\.(json|geojson)$/.test(f)) hash.update(fs.readFileSync(path.join(dir, f)));
  return { manifest, areas, authorities, groups, categories, rules, places, templates, hash: hash.digest("hex") };
}

/** Cross-file checks the schemas cannot express. */
function checkReferences(dir: string, p: Omit<CityPack, "hash" | "places">): void {
  const fail = (file: string, field: string, msg: string) => {
    throw new CityPackError(`Invalid city pack:\n  ${path.join(dir, file)}: field ${field}: ${msg}`);
  };
  const unique = (file: string, field: string, codes: string[]) => {
    const seen = new Set<string>();
    codes.forEach((c, i) => { if (seen.has(c)) fail(file, `${field}.${i}.code`, `duplicate code "${c}"`); seen.add(c); });
    return seen;
  };
  const authorityCodes = unique("authorities.json", "authorities", p.authorities.map((a) => a.code));
  const categoryCodes = unique("categories.json", "categories", p.categories.map((c) => c.code));
  const groupCodes = unique("categories.json", "groups", p.groups.map((g) => g.code));
  const areaCodes = unique("areas.geojson", "features", p.areas.map((a) => a.properties.code));
  if (!authorityCodes.has(p.manifest.defaultAuthority)) fail("city.json", "defaultAuthority", `unknown authority "${p.manifest.defaultAuthority}"`);
  p.categories.forEach((c, i) => { if (!groupCodes.has(c.group)) fail("categories.json", `categories.${i}.group`, `unknown group "${c.group}"`); });
  p.areas.forEach((a, i) => {
    if (a.properties.parent && !areaCodes.has(a.properties.parent)) fail("areas.geojson", `features.${i}.properties.parent`, `unknown area "${a.properties.parent}"`);
  });
  p.rules.forEach((r, i) => {
    if (!categoryCodes.has(r.category)) fail("routing.json", `rules.${i}.category`, `unknown category "${r.category}"`);
    if (!authorityCodes.has(r.authority)) fail("routing.json", `rules.${i}.authority`, `unknown authority "${r.authority}"`);
    r.areas?.forEach((a, j) => { if (!areaCodes.has(a)) fail("routing.json", `rules.${i}.areas.${j}`, `unknown area "${a}"`); });
  });
  p.templates.forEach((t, i) => {
    if (t.category && !categoryCodes.has(t.category)) fail("templates.json", `templates.${i}.category`, `unknown category "${t.category}"`);
  });
}
