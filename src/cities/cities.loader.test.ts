/** The city pack loader: the real Casablanca pack loads whole; a broken copy names the file and field at fault. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { CityPackError, loadCityPack } from "./cities.loader.ts";

const citiesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../data/cities");
const packDir = path.join(citiesDir, "casablanca");

/** The shared category codes every city pack starts from (fallback when the shared data is not mounted). */
const SHARED_CATEGORIES_FILE = "/work/shared/data/categories.json";
const FALLBACK_CODES = [
  "road_damage", "sidewalk", "street_lighting", "waste_collection", "illegal_dumping", "water_leak", "sewage_drainage",
  "traffic_signals", "public_transport", "green_spaces", "dangerous_structure", "stray_animals", "noise_nuisance",
  "graffiti_vandalism", "public_space_occupation", "other",
];
const sharedCodes: string[] = fs.existsSync(SHARED_CATEGORIES_FILE)
  ? (JSON.parse(fs.readFileSync(SHARED_CATEGORIES_FILE, "utf8")) as { categories: { code: string }[] }).categories.map((c) => c.code)
  : FALLBACK_CODES;

describe("the Casablanca pack", () => {
  const pack = loadCityPack(citiesDir, "casablanca");

  it("has the manifest the platform relies on", () => {
    expect(pack.manifest).toMatchObject({ slug: "casablanca", referencePrefix: "CAS", defaultLanguage: "fr", timezone: "Africa/Casablanca" });
    expect(pack.manifest.attribution).toContain("OpenStreetMap");
    expect(pack.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("has exactly the 16 shared category codes", () => {
    expect(sharedCodes).toHaveLength(16);
    expect(pack.categories).toHaveLength(16);
    expect(pack.categories.map((c) => c.code).sort()).toEqual([...sharedCodes].sort());
    for (const c of pack.categories) {
      expect(c.severity).toBeGreaterThanOrEqual(1);
      expect(c.severity).toBeLessThanOrEqual(5);
      expect(pack.groups.map((g) => g.code)).toContain(c.group);
      for (const lang of ["ar", "fr", "en"] as const) expect(c.name[lang].length).toBeGreaterThan(0);
    }
  });

  it("has 16 arrondissements in 8 préfectures", () => {
    const prefectures = pack.areas.filter((a) => a.properties.kind === "prefecture");
    const arrondissements = pack.areas.filter((a) => a.properties.kind === "arrondissement");
    expect(prefectures).toHaveLength(8);
    expect(arrondissements).toHaveLength(16);
    const prefectureCodes = new Set(prefectures.map((p) => p.properties.code));
    for (const a of arrondissements) expect(prefectureCodes).toContain(a.properties.parent);
    // Every préfecture holds at least one arrondissement (Casablanca-Anfa three, Hay Hassani one).
    for (const code of prefectureCodes) expect(arrondissements.some((a) => a.properties.parent === code), code).toBe(true);
    expect(arrondissements.filter((a) => a.properties.parent === "pref-casablanca-anfa").map((a) => a.properties.code).sort())
      .toEqual(["anfa", "maarif", "sidi-belyout"]);
  });

  it("gives every authority a fictitious example.org address", () => {
    expect(pack.authorities.length).toBeGreaterThan(0);
    for (const a of pack.authorities) expect(a.email).toMatch(/@([a-z0-9-]+\.)*example\.org$/);
    expect(pack.authorities.map((a) => a.code)).toContain(pack.manifest.defaultAuthority);
  });

  it("routes every category, to authorities and areas that exist", () => {
    const authorityCodes = new Set(pack.authorities.map((a) => a.code));
    const areaCodes = new Set(pack.areas.map((a) => a.properties.code));
    for (const c of pack.categories) {
      const cityWide = pack.rules.filter((r) => r.category === c.code && !r.areas);
      expect(cityWide, `whole-city rule for ${c.code}`).toHaveLength(1);
    }
    for (const r of pack.rules) {
      expect(authorityCodes).toContain(r.authority);
      for (const a of r.areas ?? []) expect(areaCodes).toContain(a);
    }
  });
});

describe("a broken pack", () => {
  const temps: string[] = [];
  afterEach(() => { for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true }); });

  /** A copy of the real pack in a temp cities dir, edited by `edit`. */
  function brokenCopy(edit: (dir: string) => void): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-pack-"));
    temps.push(root);
    const dir = path.join(root, "casablanca");
    fs.cpSync(packDir, dir, { recursive: true });
    edit(dir);
    return root;
  }
  function editJson(dir: string, file: string, fn: (json: any) => void) {
    const full = path.join(dir, file);
    const json = JSON.parse(fs.readFileSync(full, "utf8"));
    fn(json);
    fs.writeFileSync(full, JSON.stringify(json));
  }
  function loadError(root: string): CityPackError {
    try {
      loadCityPack(root, "casablanca");
    } catch (err) {
      expect(err).toBeInstanceOf(CityPackError);
      return err as CityPackError;
    }
    throw new Error("the broken pack loaded");
  }

  it("the unmodified copy loads (the failures below come from the edits)", () => {
    const root = brokenCopy(() => undefined);
    expect(loadCityPack(root, "casablanca").categories).toHaveLength(16);
  });

  it("a category with severity 9 names categories.json and the field", () => {
    const root = brokenCopy((dir) => editJson(dir, "categories.json", (j) => { j.categories[3].severity = 9; }));
    const err = loadError(root);
    expect(err.message).toContain(path.join(root, "casablanca", "categories.json"));
    expect(err.message).toContain("categories.3.severity");
  });

  it("a routing rule to an unknown authority names routing.json, the field and the code", () => {
    const root = brokenCopy((dir) => editJson(dir, "routing.json", (j) => { j.rules[2].authority = "ministry-of-magic"; }));
    const err = loadError(root);
    expect(err.message).toContain("routing.json");
    expect(err.message).toContain("rules.2.authority");
    expect(err.message).toContain("ministry-of-magic");
  });

  it("a routing rule for an unknown category or area is refused too", () => {
    const cat = loadError(brokenCopy((dir) => editJson(dir, "routing.json", (j) => { j.rules[0].category = "unicorns"; })));
    expect(cat.message).toMatch(/routing\.json: field rules\.0\.category: unknown category "unicorns"/);
    const area = loadError(brokenCopy((dir) => editJson(dir, "routing.json", (j) => { j.rules.push({ category: "other", authority: "voirie", areas: ["atlantis"] }); })));
    expect(area.message).toMatch(/routing\.json: field rules\.\d+\.areas\.0: unknown area "atlantis"/);
  });

  it("an unknown default authority names city.json and defaultAuthority", () => {
    const err = loadError(brokenCopy((dir) => editJson(dir, "city.json", (j) => { j.defaultAuthority = "nobody"; })));
    expect(err.message).toContain("city.json");
    expect(err.message).toContain("defaultAuthority");
  });

  it("an authority without an e-mail names authorities.json and the field", () => {
    const err = loadError(brokenCopy((dir) => editJson(dir, "authorities.json", (j) => { delete j.authorities[1].email; })));
    expect(err.message).toContain("authorities.json");
    expect(err.message).toContain("authorities.1.email");
  });

  it("invalid JSON names the file", () => {
    const root = brokenCopy((dir) => fs.writeFileSync(path.join(dir, "authorities.json"), "{ \"authorities\": [ { \"code\": \"x\", }"));
    const err = loadError(root);
    expect(err.message).toContain(path.join(root, "casablanca", "authorities.json"));
    expect(err.message).toMatch(/not valid JSON/);
  });

  it("a missing file names the file", () => {
    const root = brokenCopy((dir) => fs.rmSync(path.join(dir, "routing.json")));
    const err = loadError(root);
    expect(err.message).toContain("missing file routing.json");
  });

  it("the optional places.json may be missing", () => {
    const root = brokenCopy((dir) => fs.rmSync(path.join(dir, "places.json")));
    expect(loadCityPack(root, "casablanca").places).toEqual([]);
  });

  it("an unknown city names the slug", () => {
    expect(() => loadCityPack(citiesDir, "atlantis")).toThrow(/No city pack for "atlantis"/);
  });
});
