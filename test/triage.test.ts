/**
 * AI triage through the platform: the suggestion as a citizen types (POST /api/triage), the
 * triage stored with every new report and the priority it sets, the reasons staff read, the
 * override, corrections kept for training, duplicates, the model page, and the command line.
 */
import { spawnSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allCorrections, correctionExample, rescoreOverdue } from "../src/triage/index.ts";
import { newConfirmedReport, newStaff, places } from "./support/factories.ts";
import { Client } from "./support/http.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let anonymous: Client;
let eclairage: Client;
let admin: Client;

/** 40 m north of Lycée Mohammed V, in the city pack's sensitive places. */
const nearSchool = { lat: 33.5875 + 40 / 111_195, lon: -7.618 };

beforeAll(async () => {
  tp = await startTestPlatform();
  anonymous = new Client(tp.url);
  eclairage = await newStaff(tp, "eclairage-public");
  admin = await newStaff(tp, null, "city_admin");
});
afterAll(async () => tp?.close());

describe("POST /api/triage", () => {
  it("names the language, the three likeliest categories and the urgency with its reasons, in the reader's language", async () => {
    const r = await anonymous.post("/api/triage?lang=fr", { text: "Des fils électriques dénudés pendent du lampadaire, les enfants passent à côté", ...nearSchool });
    expect(r.status).toBe(200);
    expect(r.body.language).toBe("fr");
    expect(r.body.categories).toHaveLength(3);
    const ps = r.body.categories.map((c: { p: number }) => c.p);
    expect(ps).toEqual([...ps].sort((a, b) => b - a));
    expect(ps.reduce((a: number, b: number) => a + b, 0)).toBeLessThanOrEqual(1.0001);
    expect(r.body.categories[0].name).toBe(tp.platform.ctx.cities.get(tp.config.citySlug).categories.get(r.body.categories[0].code)!.name.fr);
    const reasons = r.body.urgency.factors.map((f: { text: string }) => f.text);
    expect(reasons).toContain("fils électriques à nu : +30");
    expect(reasons).toContain("enfants en danger : +10");
    expect(reasons.find((t: string) => t.startsWith("à 40 m d'une école (Lycée Mohammed V)"))).toBeDefined();
    expect(r.body.urgency.score).toBe(r.body.urgency.factors.reduce((s: number, f: { points: number }) => s + f.points, 0));
    expect(r.body.modelVersion).toBe(tp.platform.ctx.triage.modelVersion);
  });

  it("writes the reasons in Arabic for an Arabic reader", async () => {
    const r = await anonymous.post("/api/triage?lang=ar", { text: "lkhyout dyal dow m7lolin 9dam lmdrasa", category: "street_lighting" });
    expect(r.body.language).toBe("ary-Latn");
    expect(r.body.urgency.factors.map((f: { text: string }) => f.text)).toContain("أسلاك كهربائية عارية: \u2066+30\u2069");
  });

  it("refuses bad input with a problem naming the field, and changes nothing", async () => {
    const count = async () => (await tp.platform.ctx.database.db.execute(sql`select count(*)::int as n from report_triage`) as unknown as { rows: unknown[] }).rows;
    const before = await count();
    for (const [body, field] of [[{}, "text"], [{ text: "   " }, "text"], [{ text: "x".repeat(5001) }, "text"], [{ text: "trou", lat: 33.5 }, "lon"], [{ text: "trou", lat: 200, lon: 0 }, "lat"]] as const) {
      const r = await anonymous.post("/api/triage", body);
      expect(r.status).toBe(400);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body.field, JSON.stringify(r.body)).toBe(field);
    }
    expect(await count()).toEqual(before);
  });
});

describe("a new report", () => {
  let dangerous: string;
  let cosmetic: string;
  beforeAll(async () => {
    dangerous = (await newConfirmedReport(tp, {
      ...nearSchool, category: "street_lighting", language: "fr",
      title: "Fils électriques dénudés au pied du lampadaire", description: "Les câbles électriques à nu sortent du poteau devant le lycée, les enfants passent à côté.",
    })).ref;
    cosmetic = (await newConfirmedReport(tp, {
      ...places.sidiMoumen, category: "street_lighting", language: "fr",
      title: "Lampadaire un peu penché", description: "Le lampadaire n'est plus tout à fait droit, rien de grave.",
    })).ref;
  });

  it("is triaged when filed: stored with the model version, its priority set from the urgency", async () => {
    const { rows } = await tp.platform.ctx.database.db.execute(sql`
      select r.priority, t.urgency_score, t.model_version, t.language from reports r join report_triage t on t.report_id = r.id where r.ref = ${dangerous}`) as unknown as { rows: Record<string, unknown>[] };
    expect(rows[0]).toMatchObject({ model_version: tp.platform.ctx.triage.modelVersion, language: "fr" });
    expect((rows[0] as { priority: number }).priority).toBe((rows[0] as { urgency_score: number }).urgency_score);
  });

  it("reaches staff above the cosmetic one, with its reasons in the queue and the detail", async () => {
    const queue = (await eclairage.get("/api/staff/reports?lang=en")).body.items;
    const refs = queue.map((i: { ref: string }) => i.ref);
    expect(refs.indexOf(dangerous)).toBeLessThan(refs.indexOf(cosmetic));
    const item = queue.find((i: { ref: string }) => i.ref === dangerous);
    expect(item.reasons[0]).toBe("exposed electric wires: +30");
    const detail = (await eclairage.get(`/api/reports/${dangerous}?lang=en`)).body.report;
    expect(detail.triage.urgency.score).toBe(detail.priority);
    expect(detail.triage.urgency.factors.map((f: { text: string }) => f.text)).toContain("exposed electric wires: +30");
    expect(detail.priorityOverridden).toBe(false);
    // Citizens see no triage.
    expect((await anonymous.get(`/api/reports/${dangerous}`)).body.report.triage).toBeUndefined();
  });

  it("keeps a staff override, recorded in the history, through later re-scoring", async () => {
    const r = await eclairage.patch(`/api/reports/${cosmetic}`, { priority: 95 });
    expect(r.status).toBe(200);
    expect(r.body.report).toMatchObject({ priority: 95, priorityOverridden: true });
    expect(r.body.history.find((h: { field: string }) => h.field === "priority")).toMatchObject({ from: expect.any(String), to: "95" });
    // A correction re-scores the report: the override stands.
    await eclairage.patch(`/api/reports/${cosmetic}`, { category: "traffic_signals", authority: "eclairage-public" });
    expect((await eclairage.get(`/api/reports/${cosmetic}`)).body.report.priority).toBe(95);
  });

  it("takes the AI's score as it stands as an override too, when staff confirm it", async () => {
    const report = await newConfirmedReport(tp, { ...places.hayHassani, category: "street_lighting", title: "Lampadaire éteint devant la pharmacie", description: "Éteint depuis hier soir." });
    const before = (await eclairage.get(`/api/reports/${report.ref}`)).body.report;
    const r = await eclairage.patch(`/api/reports/${report.ref}`, { priority: before.priority });
    expect(r.body.report).toMatchObject({ priority: before.priority, priorityOverridden: true });
  });

  it("offers an earlier open report of the same problem nearby as a probable duplicate, and the original gains a supporter", async () => {
    const text = { category: "street_lighting", language: "fr", title: "Câbles électriques dénudés au pied du lampadaire devant le lycée", description: "Les fils à nu sortent du poteau." };
    const r = await anonymous.post("/api/triage", { text: `${text.title}. ${text.description}`, ...nearSchool, category: "street_lighting" });
    expect(r.body.duplicates[0]).toMatchObject({ ref: dangerous, category: "street_lighting" });
    expect(r.body.duplicates[0].distance).toBeLessThan(5);
    const second = await newConfirmedReport(tp, { ...nearSchool, ...text });
    const stored = (await eclairage.get(`/api/reports/${second.ref}`)).body.report.triage;
    expect(stored.duplicates.map((d: { ref: string }) => d.ref)).toContain(dangerous);
    const before = (await eclairage.get(`/api/reports/${dangerous}?lang=en`)).body.report.priority;
    expect((await eclairage.patch(`/api/reports/${second.ref}`, { duplicateOf: dangerous })).status).toBe(200);
    const after = (await eclairage.get(`/api/reports/${dangerous}?lang=en`)).body.report;
    expect(after.triage.urgency.factors.map((f: { text: string }) => f.text)).toContain("1 more citizens reported it: +4");
    expect(after.priority).toBe(Math.min(100, before + 4));
  });
});

describe("waiting past the target time", () => {
  it("raises the urgency of an open report once it is overdue, once per step, and never an overridden one", async () => {
    const city = tp.platform.ctx.cities.get(tp.config.citySlug);
    const waiting = await newConfirmedReport(tp, { ...places.sidiBelyout, category: "street_lighting", title: "Lampadaire éteint rue Tata", description: "Il ne s'allume plus." });
    const overridden = await newConfirmedReport(tp, { ...places.sidiBelyout, category: "street_lighting", title: "Lampadaire éteint rue Allal Ben Abdellah", description: "Il ne s'allume plus." });
    await eclairage.patch(`/api/reports/${overridden.ref}`, { priority: 5 });
    // street_lighting: 7 target days. Ten days ago is past it, not twice past it.
    await tp.platform.ctx.database.db.execute(sql`update reports set created_at = now() - interval '10 days' where ref in (${waiting.ref}, ${overridden.ref})`);
    const before = (await eclairage.get(`/api/reports/${waiting.ref}?lang=en`)).body.report.priority;
    expect(await rescoreOverdue(tp.platform.ctx.database.db, city, tp.platform.ctx.triage)).toBeGreaterThanOrEqual(1);
    const after = (await eclairage.get(`/api/reports/${waiting.ref}?lang=en`)).body.report;
    expect(after.priority).toBe(before + 10);
    expect(after.triage.urgency.factors.map((f: { text: string }) => f.text)).toContain("waiting 10 days, target 7: +10");
    expect((await eclairage.get(`/api/reports/${overridden.ref}`)).body.report.priority).toBe(5);
    // Nothing changed since: nothing to re-score.
    const again = await rescoreOverdue(tp.platform.ctx.database.db, city, tp.platform.ctx.triage);
    expect((await eclairage.get(`/api/reports/${waiting.ref}`)).body.report.priority).toBe(before + 10);
    expect(again).toBe(0);
  });
});

describe("learning from staff", () => {
  it("keeps a category correction as a labelled example, shown to city admins with the model's evaluation", async () => {
    const report = await newConfirmedReport(tp, { ...places.hayHassani, category: "road_damage", title: "Poubelles qui débordent", description: "Les bacs débordent depuis une semaine, les ordures sont par terre." });
    const voirie = await newStaff(tp, "voirie");
    expect((await voirie.patch(`/api/reports/${report.ref}`, { category: "waste_collection" })).status).toBe(200);
    const page = await admin.get("/api/admin/ai");
    expect(page.status).toBe(200);
    expect(page.body.version).toBe(tp.platform.ctx.triage.modelVersion);
    expect(page.body.corrections.sinceTraining).toBeGreaterThanOrEqual(1);
    expect(page.body.corrections.recent[0]).toMatchObject({ reportRef: report.ref, fromCategory: "road_damage", toCategory: "waste_collection", text: expect.stringContaining("Poubelles qui débordent") });
    expect(page.body.evaluation.category.perLanguage).toHaveProperty("fr");
    // npm run train reads it back as an example of the corrected category, in its detected language.
    const stored = (await allCorrections(tp.platform.ctx.database.db)).find((c) => c.reportId === report.id)!;
    expect(correctionExample(stored)).toMatchObject({ id: `correction-${stored.id}`, category: "waste_collection", language: "fr", text: expect.stringContaining("Les bacs débordent") });
    expect((await voirie.get("/api/admin/ai")).status).toBe(403);
    expect((await anonymous.get("/api/admin/ai")).status).toBe(401);
  });
});

describe("npm run cli -- triage", () => {
  it("reads JSON lines and writes one JSON line per input, errors included", () => {
    const input = [
      JSON.stringify({ id: "a", text: "الضو ديال الزنقة طافي هادي سيمانة" }),
      JSON.stringify({ id: "b", text: "Overflowing bins behind the market", lat: 33.596, lon: -7.6127 }),
      "not json",
      JSON.stringify({ id: "c" }),
    ].join("\n");
    const run = spawnSync("npx", ["tsx", "src/main.ts", "triage"], { input, encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: "a", language: "ary", categories: expect.any(Array), urgency: { score: expect.any(Number), factors: expect.any(Array) } });
    expect(lines[0].category).toBe(lines[0].categories[0].code);
    expect(lines[0].confidence).toBe(lines[0].categories[0].p);
    expect(lines[1].urgency.factors).toContainEqual(expect.objectContaining({ kind: "near", place: "market", distance: 0 }));
    expect(lines[2]).toMatchObject({ line: 3, error: "not JSON" });
    expect(lines[3]).toMatchObject({ id: "c", error: "text is required" });
  });
});
