import { describe, expect, it } from "vitest";
import { categoriesRelated, distanceM, duplicateScore, DUPLICATE_THRESHOLD, radiusFor, textSimilarity } from "./duplicates.ts";

const at = new Date("2026-11-20T10:00:00Z");
const base = { category: "road_damage", lat: 33.5883, lon: -7.6325 };
const metresNorth = (m: number) => base.lat + m / 111_195;

describe("duplicates", () => {
  it("measures distance in metres", () => {
    expect(distanceM(base, { lat: metresNorth(100), lon: base.lon })).toBeCloseTo(100, 0);
  });

  it("finds the same words across spellings, accents and Arabizi variants", () => {
    expect(textSimilarity("Nid de poule énorme devant la pharmacie", "nid-de-poule enorme devant la pharmacie")).toBeGreaterThan(0.9);
    expect(textSimilarity("kayna 7afra kbira f zan9a", "kayna hfra kbira f zanqa")).toBeGreaterThan(0.4);
    expect(textSimilarity("Nid de poule énorme", "Lampadaire éteint depuis hier")).toBeLessThan(0.2);
  });

  it("scores a close, similar, recent report of the same category above the threshold", () => {
    const m = duplicateScore({ ...base, text: "Grosse crevasse sur le boulevard devant le café", at },
      { ...base, lat: metresNorth(15), text: "Crevasse dangereuse sur le boulevard devant le café Atlas", createdAt: new Date("2026-11-18T10:00:00Z") });
    expect(m.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(m.distance).toBe(15);
  });

  it("scores 0 beyond the category's radius or for an unrelated category", () => {
    const text = "Grosse crevasse sur le boulevard";
    expect(duplicateScore({ ...base, text, at }, { ...base, lat: metresNorth(radiusFor("road_damage") + 5), text, createdAt: at }).score).toBe(0);
    expect(duplicateScore({ ...base, text, at }, { ...base, category: "street_lighting", text, createdAt: at }).score).toBe(0);
  });

  it("relates categories citizens confuse, and stray animals reach further than potholes", () => {
    expect(categoriesRelated("road_damage", "sidewalk")).toBe(true);
    expect(categoriesRelated("waste_collection", "illegal_dumping")).toBe(true);
    expect(categoriesRelated("road_damage", "noise_nuisance")).toBe(false);
    expect(radiusFor("stray_animals")).toBeGreaterThan(radiusFor("road_damage"));
  });
});
