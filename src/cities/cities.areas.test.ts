/** Point → area lookup on the real Casablanca pack: arrondissement and préfecture, edges, the Méchouar hole. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import { describe, expect, it } from "vitest";
import { AreaIndex } from "./cities.areas.ts";
import { loadCityPack } from "./cities.loader.ts";

const citiesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../data/cities");
const pack = loadCityPack(citiesDir, "casablanca");
const index = new AreaIndex(pack.areas);

/**
 * Well-known places, each checked against the pack's OpenStreetMap boundaries and at least
 * ~300 m from any arrondissement edge (so a re-generated pack with finer edges still agrees).
 */
const known: [place: string, lat: number, lon: number, arrondissement: string, prefecture: string][] = [
  ["Place Mohammed V", 33.5920, -7.6180, "sidi-belyout", "pref-casablanca-anfa"],
  ["Corniche d'Aïn Diab", 33.5930, -7.6700, "anfa", "pref-casablanca-anfa"],
  ["Twin Center", 33.5873, -7.6330, "maarif", "pref-casablanca-anfa"],
  ["Gare Casa-Voyageurs (Belvédère)", 33.5897, -7.5913, "roches-noires", "pref-ain-sebaa-hay-mohammadi"],
  ["Zoo d'Aïn Sebaâ", 33.6020, -7.5350, "ain-sebaa", "pref-ain-sebaa-hay-mohammadi"],
  ["Parc de l'Hermitage", 33.5790, -7.5980, "mers-sultan", "pref-al-fida-mers-sultan"],
  ["Hay Hassani", 33.5560, -7.6760, "hay-hassani", "pref-hay-hassani"],
  ["Faculté des sciences Aïn Chock", 33.5050, -7.6500, "ain-chock", "pref-ain-chock"],
  ["Sidi Bernoussi", 33.6100, -7.5000, "sidi-bernoussi", "pref-sidi-bernoussi"],
  ["Tramway terminus Sidi Moumen", 33.5850, -7.5100, "sidi-moumen", "pref-sidi-bernoussi"],
  ["Ben M'Sick", 33.5600, -7.5800, "ben-msick", "pref-ben-msick"],
  ["Sidi Othmane", 33.5620, -7.5560, "sidi-othmane", "pref-moulay-rachid"],
];

describe("AreaIndex.locate on the Casablanca pack", () => {
  it.each(known)("%s → %s in %s", (_place, lat, lon, arrondissement, prefecture) => {
    const location = index.locate(lat, lon);
    expect(location?.area.code).toBe(arrondissement);
    expect(location?.area.kind).toBe("arrondissement");
    expect(location?.parents.map((p) => p.code)).toEqual([prefecture]);
    expect(location?.parents[0]?.kind).toBe("prefecture");
  });

  it("covers every préfecture with the known points", () => {
    const prefectures = pack.areas.filter((a) => a.properties.kind === "prefecture").map((a) => a.properties.code);
    expect(new Set(known.map((k) => k.at(4)))).toEqual(new Set(prefectures));
  });

  it("maps a point in the Atlantic to nothing", () => {
    expect(index.locate(33.65, -7.70)).toBeUndefined();
    // Just off the corniche, still at sea.
    expect(index.locate(33.6120, -7.6700)).toBeUndefined();
  });

  it("maps Rabat (and a point inland of Casablanca's bounding box) to nothing", () => {
    expect(index.locate(34.0209, -6.8416)).toBeUndefined(); // Rabat, médina
    expect(index.locate(33.9950, -6.8500)).toBeUndefined(); // Rabat, Agdal
    const [west, south, east, north] = index.bounds();
    expect(index.locate((south + north) / 2, east + 0.05)).toBeUndefined();
    expect(index.locate(south - 0.05, (west + east) / 2)).toBeUndefined();
  });

  it("maps the Méchouar enclave, a hole inside Mers Sultan, to nothing", () => {
    const mersSultan = pack.areas.find((a) => a.properties.code === "mers-sultan")!;
    expect(mersSultan.geometry.type).toBe("Polygon");
    const rings = mersSultan.geometry.coordinates as [number, number][][];
    expect(rings).toHaveLength(2);
    // Inside the royal Méchouar, next to the Habous quarter.
    const point: [number, number] = [-7.6046, 33.5800];
    // The point is inside Mers Sultan's outer ring and inside its hole...
    expect(booleanPointInPolygon(point, { type: "Polygon", coordinates: [rings[0]!] })).toBe(true);
    expect(booleanPointInPolygon(point, { type: "Polygon", coordinates: [rings[1]!] })).toBe(true);
    // ...so it belongs to no area at all, not to Mers Sultan nor to a neighbour.
    expect(index.locate(point[1], point[0])).toBeUndefined();
    // A few hundred metres south, outside the hole, is Mers Sultan again.
    expect(booleanPointInPolygon([-7.6050, 33.5720], { type: "Polygon", coordinates: [rings[1]!] })).toBe(false);
    expect(index.locate(33.5720, -7.6050)?.area.code).toBe("mers-sultan");
  });

  it("indexes only the finest areas and finds préfectures by code", () => {
    expect(index.get("pref-ben-msick")?.kind).toBe("prefecture");
    expect(index.get("maarif")?.parent).toBe("pref-casablanca-anfa");
    expect(index.get("nowhere")).toBeUndefined();
    const [west, south, east, north] = index.bounds();
    expect(west).toBeGreaterThan(-7.80);
    expect(east).toBeLessThan(-7.40);
    expect(south).toBeGreaterThan(33.45);
    expect(north).toBeLessThan(33.70);
  });
});
