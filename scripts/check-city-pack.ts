/**
 * Checks a city pack beyond what the loader needs to start: every file against its schema,
 * category codes equal to the shared list, routing references and whole-city coverage,
 * and every gazetteer place inside one of the pack's finest areas (arrondissements).
 * Usage: `npx tsx scripts/check-city-pack.ts [slug=casablanca] [sharedCategories.json]`.
 * Exits 1 and lists every problem when the pack is not consistent.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { z } from "zod";
import {
  areasFile, authoritiesFile, categoriesFile, cityManifest, placesFile, routingFile,
} from "../src/cities/cities.schemas.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const slug = process.argv[2] ?? "casablanca";
const sharedCategoriesFile = process.argv[3] ?? process.env.SHARED_CATEGORIES ?? "/work/shared/data/categories.json";
const dir = path.join(root, "data/cities", slug);

const problems: string[] = [];
const problem = (msg: string) => problems.push(msg);

function load<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) { problem(`${file}: missing`); return undefined; }
  let json: unknown;
  try { json = JSON.parse(fs.readFileSync(full, "utf8")); } catch (e) { problem(`${file}: invalid JSON: ${(e as Error).message}`); return undefined; }
  const r = schema.safeParse(json);
  if (!r.success) { for (const i of r.error.issues) problem(`${file}: ${i.path.join(".") || "(root)"}: ${i.message}`); return undefined; }
  return r.data;
}

const manifest = load("city.json", cityManifest);
const areas = load("areas.geojson", areasFile)?.features ?? [];
const authorities = load("authorities.json", authoritiesFile)?.authorities ?? [];
const cats = load("categories.json", categoriesFile);
const rules = load("routing.json", routingFile)?.rules ?? [];
const places = load("places.json", placesFile)?.places ?? [];
const categories = cats?.categories ?? [];

function duplicates(what: string, codes: string[]): Set<string> {
  const seen = new Set<string>();
  for (const c of codes) { if (seen.has(c)) problem(`${what}: duplicate code "${c}"`); seen.add(c); }
  return seen;
}
const areaCodes = duplicates("areas", areas.map((a) => a.properties.code));
const authorityCodes = duplicates("authorities", authorities.map((a) => a.code));
const categoryCodes = duplicates("categories", categories.map((c) => c.code));
const groupCodes = duplicates("groups", (cats?.groups ?? []).map((g) => g.code));
duplicates("places", places.map((p) => p.code));

// city.json
if (manifest) {
  if (manifest.slug !== slug) problem(`city.json: slug "${manifest.slug}" ≠ folder "${slug}"`);
  if (!authorityCodes.has(manifest.defaultAuthority)) problem(`city.json: defaultAuthority "${manifest.defaultAuthority}" is not an authority`);
  const dataFiles = fs.readdirSync(dir).filter((f) => /\.(json|geojson)$/.test(f) && f !== "city.json");
  const listed = new Set(manifest.sources.map((s) => s.file));
  for (const f of dataFiles) if (!listed.has(f)) problem(`city.json: sources does not list ${f}`);
  for (const f of listed) if (!dataFiles.includes(f)) problem(`city.json: sources lists missing file ${f}`);
}

// areas: parents exist and are not leaves of themselves
for (const a of areas) {
  const p = a.properties.parent;
  if (p && !areaCodes.has(p)) problem(`areas: ${a.properties.code}: unknown parent "${p}"`);
}

// categories: exactly the shared codes, same groups and severity; groups used and declared
const shared = (JSON.parse(fs.readFileSync(sharedCategoriesFile, "utf8")) as { categories: { code: string; group: string; severity: number }[] }).categories;
const sharedCodes = new Set(shared.map((c) => c.code));
for (const c of sharedCodes) if (!categoryCodes.has(c)) problem(`categories: missing shared code "${c}"`);
for (const c of categoryCodes) if (!sharedCodes.has(c)) problem(`categories: "${c}" is not a shared code`);
for (const c of categories) {
  const s = shared.find((x) => x.code === c.code);
  if (s && s.group !== c.group) problem(`categories: ${c.code}: group "${c.group}" ≠ shared "${s.group}"`);
  if (!groupCodes.has(c.group)) problem(`categories: ${c.code}: undeclared group "${c.group}"`);
  for (const q of c.questions) {
    const isList = q.datatype === "singlevaluelist" || q.datatype === "multivaluelist";
    if (isList && !q.values?.length) problem(`categories: ${c.code}.${q.code}: list question without values`);
    if (!isList && q.values) problem(`categories: ${c.code}.${q.code}: values on a ${q.datatype} question`);
    if (q.values) duplicates(`categories: ${c.code}.${q.code} values`, q.values.map((v) => v.key));
  }
}
for (const g of groupCodes) if (!categories.some((c) => c.group === g)) problem(`categories: group "${g}" is not used`);

// routing: references exist, every category has a whole-city rule, no ambiguous duplicates
for (const [i, r] of rules.entries()) {
  if (!categoryCodes.has(r.category)) problem(`routing: rule ${i}: unknown category "${r.category}"`);
  if (!authorityCodes.has(r.authority)) problem(`routing: rule ${i}: unknown authority "${r.authority}"`);
  for (const a of r.areas ?? []) if (!areaCodes.has(a)) problem(`routing: rule ${i}: unknown area "${a}"`);
  if (r.areas && r.areas.length === 0) problem(`routing: rule ${i}: empty areas (omit it for a whole-city rule)`);
}
for (const c of categoryCodes) {
  const whole = rules.filter((r) => r.category === c && !r.areas);
  if (whole.length === 0) problem(`routing: category "${c}" has no whole-city rule`);
  if (whole.length > 1) problem(`routing: category "${c}" has ${whole.length} whole-city rules`);
  const seen = new Map<string, string>();
  for (const r of rules.filter((x) => x.category === c && x.areas)) for (const a of r.areas!) {
    if (seen.has(a) && seen.get(a) !== r.authority) problem(`routing: category "${c}", area "${a}" routed to both ${seen.get(a)} and ${r.authority}`);
    seen.set(a, r.authority);
  }
}

// places: inside a leaf area (one no other area names as parent)
const parents = new Set(areas.map((a) => a.properties.parent).filter(Boolean));
const leaves = areas.filter((a) => !parents.has(a.properties.code));
const placesByArea = new Map<string, number>();
for (const p of places) {
  const hit = leaves.find((a) => booleanPointInPolygon([p.lon, p.lat], a.geometry));
  if (!hit) problem(`places: ${p.code} (${p.lat}, ${p.lon}) is outside every ${leaves[0]?.properties.kind ?? "area"}`);
  else placesByArea.set(hit.properties.code, (placesByArea.get(hit.properties.code) ?? 0) + 1);
}

if (problems.length) {
  console.error(`City pack "${slug}": ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`City pack "${slug}" OK: ${areas.length} areas (${leaves.length} leaves), ${authorities.length} authorities, `
  + `${categories.length} categories in ${groupCodes.size} groups, ${rules.length} routing rules, ${places.length} places`);
console.log(`  places per area: ${[...placesByArea].map(([a, n]) => `${a} ${n}`).join(", ")}`);
