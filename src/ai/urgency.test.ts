import { describe, expect, it } from "vitest";
import { scoreUrgency } from "./urgency.ts";

const school = { kind: "school" as const, name: { fr: "École Al Massira" }, distance: 120 };

describe("scoreUrgency", () => {
  it("adds one plain reason per fact, and the score is their sum", () => {
    const u = scoreUrgency({ text: "Fils électriques dénudés depuis 3 semaines", severity: 2, nearby: [school], supporters: 2 });
    expect(u.factors).toEqual([
      { kind: "severity", severity: 2, points: 20 },
      { kind: "hazard", hazard: "exposed_wires", points: 30 },
      { kind: "duration", days: 21, points: 5 },
      { kind: "near", place: "school", name: { fr: "École Al Massira" }, distance: 120, points: 10 },
      { kind: "supporters", count: 2, points: 8 },
    ]);
    expect(u.score).toBe(73);
  });

  it("caps hazards, counts only the closest place of a kind within 200 m, and stays within 0–100", () => {
    const u = scoreUrgency({
      text: "Incendie, fuite de gaz, mur effondré, fils dénudés, enfants blessés", severity: 5,
      nearby: [school, { ...school, distance: 60 }, { kind: "hospital", name: { fr: "Hôpital" }, distance: 450 }], supporters: 30, ageDays: 30, targetDays: 2,
    });
    expect(u.factors.filter((f) => f.kind === "hazard").reduce((s, f) => s + f.points, 0)).toBe(45);
    expect(u.factors.filter((f) => f.kind === "near")).toEqual([{ kind: "near", place: "school", name: { fr: "École Al Massira" }, distance: 60, points: 10 }]);
    expect(u.score).toBe(100);
  });

  it("adds points when a report waits past its category's target time", () => {
    expect(scoreUrgency({ text: "x", severity: 3, ageDays: 10, targetDays: 14 }).factors.map((f) => f.kind)).toEqual(["severity"]);
    expect(scoreUrgency({ text: "x", severity: 3, ageDays: 20, targetDays: 14 }).factors.at(-1)).toEqual({ kind: "overdue", days: 20, targetDays: 14, points: 10 });
    expect(scoreUrgency({ text: "x", severity: 3, ageDays: 30, targetDays: 14 }).factors.at(-1)).toMatchObject({ points: 15 });
  });

  // Labelled cases in each language: danger to life ranks above a cosmetic problem of the same category.
  it.each([
    ["fr", 2, "Des câbles électriques à nu sortent du lampadaire devant l'école", "Le lampadaire a été repeint d'une couleur un peu terne"],
    ["en", 1, "Children keep climbing the broken fence and one already got hurt", "A small sticker on the bench"],
    ["ar", 5, "جدار مبنى قديم آيل للسقوط على المارة", "طلاء واجهة المبنى باهت قليلا"],
    ["ary", 3, "الكانة محلولة فوسط الطريق وطاح فيها واحد الدري", "شوية ديال الغبرة فالطريق"],
    ["ary-Latn", 2, "ri7t lgaz 9wiya f zan9a w drari kay l3bo", "l7it mcharbel chwiya b sbagha"],
  ])("ranks danger above cosmetic (%s)", (_lang, severity, danger, cosmetic) => {
    expect(scoreUrgency({ text: danger, severity }).score).toBeGreaterThan(scoreUrgency({ text: cosmetic, severity }).score + 15);
  });
});

describe("urgency on the curated reports' labels (held-out split)", () => {
  it("ranks a report describing danger above a cosmetic one at least 3 times in 4, in each language", async () => {
    const fs = await import("node:fs");
    const { readTrainingData, splitOfExample } = await import("./training/examples.ts");
    const { urgencyRanking } = await import("./training/evaluate.ts");
    const pack = JSON.parse(fs.readFileSync("data/cities/casablanca/categories.json", "utf8")) as { categories: { code: string; severity: number }[] };
    const severities = Object.fromEntries(pack.categories.map((c) => [c.code, c.severity]));
    const test = readTrainingData().reports.filter((e) => e.urgency && splitOfExample(e) === "test");
    const ranking = urgencyRanking(test, severities);
    expect(Object.keys(ranking).sort()).toEqual(["ar", "ary", "ary-Latn", "en", "fr"]);
    for (const [language, r] of Object.entries(ranking)) {
      expect(r.dangerAboveCosmetic, language).toBeGreaterThanOrEqual(0.75);
      expect(r.meanDanger - r.meanCosmetic, language).toBeGreaterThan(15);
    }
  });
});
