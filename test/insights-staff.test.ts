/**
 * Staff insights over real HTTP on a small fixed data set imported with known dates: the
 * anomaly detector on a planted spike (flagged with its ratio and the reports behind it), on
 * normal weeks and on a seasonal rise seen last year (not flagged); DBSCAN hotspots on a planted
 * dense cluster (found with its size, main category and area) and on scattered noise (not a
 * cluster); the resource and equity figures against numbers computed by hand; role checks; the
 * queue's CSV export with its filters, and the asynchronous job (202, status, download).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { City } from "../src/cities/index.ts";
import { detectAnomalies, observedBaselineWeeks } from "../src/insights/anomalies.ts";
import { findHotspots, minReportsFor } from "../src/insights/hotspots.ts";
import { queueRows } from "../src/insights/staff-exports.ts";
import { importReports, type ImportedReport, type ReportState } from "../src/reports/index.ts";
import { reportsContext } from "../src/server/context.ts";
import { newCitizen, newStaff } from "./support/factories.ts";
import { Client } from "./support/http.ts";
import { DAY, offset, pointIn as pointInArea, report, weekly as weeklyReports, weeks } from "./support/staff-insights-fixtures.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

const now = Date.now();
const daysAgo = (d: number) => new Date(now - d * DAY);

let tp: TestPlatform;
let city: City;
let anonymous: Client;
let citizen: Client;
let admin: Client;
let voirie: Client;
let eclairage: Client;
let proprete: Client;
let propreteColleague: Client;

const pointIn = (code: string) => pointInArea(city, code);
const weekly = (category: string, area: string, counts: Record<number, number>) => weeklyReports(city, now, category, area, counts);

const clusterRefs: string[] = [];
let spikeRefs: string[] = [];

beforeAll(async () => {
  tp = await startTestPlatform();
  city = tp.platform.ctx.cities.get(tp.config.citySlug);
  anonymous = new Client(tp.url);
  citizen = await newCitizen(tp);
  admin = await newStaff(tp, null, "city_admin");
  voirie = await newStaff(tp, "voirie");
  eclairage = await newStaff(tp, "eclairage-public");
  proprete = await newStaff(tp, "proprete-lot-est");
  propreteColleague = await newStaff(tp, "proprete-lot-est");

  const items: ImportedReport[] = [
    // The planted spike: road damage in Hay Hassani, about 3 a week (recent weeks and last year's), 10 this week.
    ...weekly("road_damage", "hay-hassani", { 0: 10, ...weeks(1, [2, 3, 4, 3, 3, 2, 4, 3]), ...weeks(48, [3, 3, 2, 4, 3, 3, 3, 2, 4]) }),
    // Normal weeks: street lighting in Maârif, 3 a week, 5 this week.
    ...weekly("street_lighting", "maarif", { 0: 5, ...weeks(1, [3, 3, 3, 3, 3, 3, 3, 3]), ...weeks(48, [3, 3, 3, 3, 3, 3, 3, 3, 3]) }),
    // A season: water leaks in Sidi Belyout, 2 a week lately but 10 a week at this time last year; 8 this week.
    ...weekly("water_leak", "sidi-belyout", { 0: 8, ...weeks(1, [2, 2, 2, 2, 2, 2, 2, 2]), ...weeks(48, [10, 10, 10, 10, 10, 10, 10, 10, 10]) }),
  ];
  // The dense cluster: 8 open reports within 40 m in Sidi Moumen (6 illegal dumping, 2 waste collection).
  const centre = pointIn("sidi-moumen");
  const cluster: [string, number][] = [["illegal_dumping", 70], ["illegal_dumping", 70], ["illegal_dumping", 70], ["illegal_dumping", 40],
    ["illegal_dumping", 40], ["illegal_dumping", 10], ["waste_collection", 40], ["waste_collection", 10]];
  cluster.forEach(([category, priority], i) => items.push(report(category, offset(centre, (i % 3) * 12 - 12, Math.floor(i / 3) * 12 - 12), daysAgo(20),
    { state: "confirmed", priority, title: i === 0 ? "=1+1 dépôt sauvage" : `Dépôt ${i}` })));
  // Fixed there: 4 in the last 28 days (counted in the fix rate), 2 before (not counted).
  for (const d of [10, 10, 12, 20]) items.push(report("illegal_dumping", offset(centre, 400, 0), daysAgo(d + 5), { state: "fixed", updates: [fixedAt(daysAgo(d))] }));
  for (const d of [40, 50]) items.push(report("illegal_dumping", offset(centre, 400, 0), daysAgo(d + 5), { state: "fixed", updates: [fixedAt(daysAgo(d))] }));
  // Scattered noise: one open street lighting report in each of 10 other arrondissements, and 3 close ones in Maârif (fewer than 5).
  for (const area of ["anfa", "al-fida", "mers-sultan", "ain-sebaa", "roches-noires", "hay-mohammadi", "ain-chock", "sidi-bernoussi", "ben-msick", "sbata"]) {
    items.push(report("street_lighting", pointIn(area), daysAgo(20), { state: "confirmed" }));
  }
  for (let i = 0; i < 3; i++) items.push(report("road_damage", offset(pointIn("maarif"), i * 10, 0), daysAgo(20), { state: "in_progress", priority: 65 }));
  // Equity, filed 410–440 days ago: Maârif 14, Sidi Moumen 11, Anfa 2, Aïn Chock 1.
  for (const [area, count] of [["maarif", 14], ["sidi-moumen", 11], ["anfa", 2], ["ain-chock", 1]] as const) {
    for (let i = 0; i < count; i++) items.push(report("sidewalk", offset(pointIn(area), i * 5, 0), daysAgo(420 + (i % 10))));
  }
  expect(await importReports(tp.platform.ctx.database.db, city, items)).toBe(items.length);

  const refs = async (q: string) => (await admin.get(`/api/staff/reports?limit=100&${q}`)).body.items.map((r: { ref: string }) => r.ref);
  clusterRefs.push(...await refs("state=confirmed&area=sidi-moumen"));
  spikeRefs = await refs(`category=road_damage&area=hay-hassani&from=${daysAgo(7).toISOString()}`);
  expect(clusterRefs).toHaveLength(8);
  expect(spikeRefs).toHaveLength(10);
});
afterAll(async () => tp?.close());

function fixedAt(at: Date) {
  return { at, text: "Réparé", authorName: "Staff", authorRole: "staff", stateFrom: "confirmed" as ReportState, stateTo: "fixed" as ReportState, language: "fr" };
}

describe("anomalies", () => {
  it("flags the planted spike with its ratio, its sentence in the reader's language and the reports behind it", async () => {
    const r = await admin.get("/api/staff/insights/anomalies?lang=en");
    expect(r.status).toBe(200);
    expect(r.body.baselineWeeks).toBe(17);
    const spike = r.body.items.find((a: { category: string }) => a.category === "road_damage");
    expect(spike).toMatchObject({ area: "hay-hassani", direction: "up", count: 10, usual: 3, ratio: 3.33 });
    expect(spike.score).toBeGreaterThanOrEqual(3);
    expect(spike.summary).toBe(`${city.categories.get("road_damage")!.name.en} in ${city.areas.get("hay-hassani")!.name.en}: 3.3× the usual this week`);
    expect(spike.reports.map((x: { ref: string }) => x.ref).sort()).toEqual([...spikeRefs].sort());
    const fr = await admin.get("/api/staff/insights/anomalies?lang=fr");
    expect(fr.body.items[0].summary).toBe(`${city.categories.get("road_damage")!.name.fr} à ${city.areas.get("hay-hassani")!.name.fr} : 3,3× l’habituel cette semaine`);
    const ar = await admin.get("/api/staff/insights/anomalies?lang=ar");
    expect(ar.body.items[0].summary).toContain("المعتاد هذا الأسبوع");
  });

  it("leaves normal weeks, a rise seen at this season last year, and small one-off clusters alone", async () => {
    const r = await admin.get("/api/staff/insights/anomalies");
    expect(r.body.items.map((a: { category: string; area: string }) => `${a.category}/${a.area}`)).toEqual(["road_damage/hay-hassani"]);
  });

  it("shows staff only their authority's anomalies", async () => {
    expect((await voirie.get("/api/staff/insights/anomalies")).body.items).toHaveLength(1);
    expect((await eclairage.get("/api/staff/insights/anomalies")).body.items).toHaveLength(0);
  });

  it("the detector alone: seasonal baseline, drops, and no verdict without 4 known weeks", () => {
    const at = new Date("2026-06-01T12:00:00Z");
    const series = (values: Record<number, number>) => Object.entries(values).map(([week, count]) => ({ category: "c", area: "a", week: Number(week), count }));
    const all = [1, 2, 3, 4, 5, 6, 7, 8, 48, 49, 50, 51, 52, 53, 54, 55, 56];
    // 20 a week, 4 this week: a drop.
    const drop = detectAnomalies(series({ 0: 4, ...Object.fromEntries(all.map((k) => [k, 20])) }), all);
    expect(drop).toMatchObject([{ direction: "down", count: 4, usual: 20, ratio: 0.2 }]);
    // Only 3 weeks of history: nothing is said.
    expect(detectAnomalies(series({ 0: 30, 1: 1, 2: 1, 3: 1 }), [1, 2, 3])).toEqual([]);
    expect(observedBaselineWeeks(new Date(at.getTime() - 22 * DAY), at)).toEqual([1, 2, 3]);
    expect(observedBaselineWeeks(new Date(at.getTime() - 400 * DAY), at)).toEqual(all);
  });
});

describe("hotspots", () => {
  it("finds the planted dense cluster with its size, main category and area, and no cluster in scattered noise", async () => {
    const r = await admin.get("/api/staff/insights/hotspots");
    expect(r.status).toBe(200);
    expect(r.body.openReports).toBe(8 + 10 + 3);
    expect(r.body.items).toHaveLength(1);
    const [h] = r.body.items;
    expect(h).toMatchObject({ size: 8, mainCategory: "illegal_dumping", mainCategoryCount: 6, area: "sidi-moumen" });
    expect(h.categories).toEqual([{ category: "illegal_dumping", count: 6 }, { category: "waste_collection", count: 2 }]);
    expect(h.radiusM).toBeLessThan(40);
    expect([...h.refs].sort()).toEqual([...clusterRefs].sort());
    // The 3 close reports in Maârif make a cluster only when 3 are enough.
    const small = await admin.get("/api/staff/insights/hotspots?minReports=3");
    expect(small.body.items.map((x: { area: string; size: number }) => [x.area, x.size])).toEqual([["sidi-moumen", 8], ["maarif", 3]]);
  });

  it("the detector alone: a dense cluster among random noise", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const base = { lat: 33.57, lon: -7.6 };
    const points = [
      ...Array.from({ length: 12 }, (_, i) => ({ ref: `C${i}`, ...offset(base, random() * 60, random() * 60), category: i < 9 ? "road_damage" : "sidewalk", area: "x", priority: i })),
      ...Array.from({ length: 40 }, (_, i) => ({ ref: `N${i}`, ...offset(base, 1000 + random() * 8000, 1000 + random() * 8000), category: "other", area: "y", priority: 0 })),
    ];
    const found = findHotspots(points);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ size: 12, mainCategory: "road_damage", mainCategoryCount: 9, area: "x" });
    expect(findHotspots(points.filter((p) => p.ref.startsWith("N")))).toEqual([]);
  });

  it("asks more of a dense city: an even spread is no hotspot, a true concentration still is", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const base = { lat: 33.55, lon: -7.65 };
    // 20,000 open reports spread evenly over 6 × 6 km: ~25 in any 150 m disc.
    const even = Array.from({ length: 20_000 }, (_, i) => ({ ref: `E${i}`, ...offset(base, random() * 6000, random() * 6000), category: "waste_collection", area: "y", priority: 0 }));
    const corner = offset(base, 6000, 6000);
    const city: [number, number, number, number] = [base.lon, base.lat, corner.lon, corner.lat];
    const minimum = minReportsFor(even.length, 150, city);
    // Three times the even spread's 20,000 × π·150² / 6,000² ≈ 39 (a metre either way from the projection).
    expect(Math.abs(minimum - 3 * (20_000 * Math.PI * 150 ** 2) / 6000 ** 2)).toBeLessThan(2);
    expect(findHotspots(even, { radiusM: 150, minReports: 5 }).length).toBe(1); // the fixed minimum: one city-sized "hotspot"
    expect(findHotspots(even, { radiusM: 150, minReports: minimum })).toEqual([]);
    const market = Array.from({ length: 300 }, (_, i) => ({ ref: `M${i}`, ...offset(base, 3000 + random() * 80, 3000 + random() * 80), category: "illegal_dumping", area: "x", priority: 1 }));
    const found = findHotspots([...even, ...market], { radiusM: 150, minReports: minReportsFor(even.length + market.length, 150, city) });
    expect(found).toHaveLength(1);
    // The market's 300 and the evenly spread reports around them.
    expect(found[0]).toMatchObject({ mainCategory: "illegal_dumping", mainCategoryCount: 300, area: "x" });
    expect(found[0]!.refs.every((ref) => ref.startsWith("M"))).toBe(true);
    expect(found[0]!.radiusM).toBeLessThan(400); // the market and its borders, not the 6 km city
    // A city with few open reports keeps the floor, however close together they are.
    expect(minReportsFor(50, 150, city)).toBe(5);
  });
});

describe("resources and equity (figures computed by hand)", () => {
  it("weighs the backlog by priority and estimates the days to clear it at the last 28 days' fix rate", async () => {
    const r = await proprete.get("/api/staff/insights/resources");
    expect(r.status).toBe(200);
    // 3 high (70) × 3 + 3 medium (40) × 2 + 2 low (10) × 1 = 17; 4 fixed in 28 days = 1 a week; 8 ÷ (4/28) = 56 days.
    expect(r.body.lines).toEqual([{ authority: "proprete-lot-est", area: "sidi-moumen", backlog: 8, high: 3, medium: 3, low: 2, weightedBacklog: 17, fixedLast28Days: 4, fixRatePerWeek: 1, daysToClear: 56 }]);
    expect(r.body.authorities).toEqual([{ authority: "proprete-lot-est", backlog: 8, high: 3, medium: 3, low: 2, weightedBacklog: 17, fixedLast28Days: 4, fixRatePerWeek: 1, daysToClear: 56 }]);
    // Street lighting: 10 open reports, nothing fixed lately: no estimate.
    const lighting = await admin.get("/api/staff/insights/resources?authority=eclairage-public");
    expect(lighting.body.authorities).toEqual([{ authority: "eclairage-public", backlog: 10, high: 0, medium: 0, low: 10, weightedBacklog: 10, fixedLast28Days: 0, fixRatePerWeek: 0, daysToClear: null }]);
    // Road damage in Maârif: 3 open at priority 65 = 9.
    const road = await admin.get("/api/staff/insights/resources?authority=voirie");
    expect(road.body.lines).toEqual([{ authority: "voirie", area: "maarif", backlog: 3, high: 3, medium: 0, low: 0, weightedBacklog: 9, fixedLast28Days: 0, fixRatePerWeek: 0, daysToClear: null }]);
  });

  it("gives reports per 10,000 inhabitants against the city's rate and flags under-represented areas", async () => {
    const r = await voirie.get(`/api/staff/insights/equity?from=${daysAgo(440).toISOString().slice(0, 10)}&to=${daysAgo(410).toISOString().slice(0, 10)}`);
    expect(r.status).toBe(200);
    // 28 reports for the 3,215,935 people of the 16 arrondissements: 0.087 per 10,000.
    expect(r.body.cityPer10k).toBe(0.09);
    expect(r.body.threshold).toBe(0.5);
    const byArea = Object.fromEntries(r.body.areas.map((a: { area: string }) => [a.area, a]));
    expect(r.body.areas).toHaveLength(16);
    expect(byArea.maarif).toEqual({ area: "maarif", population: 139669, reports: 14, per10k: 1, index: 11.51, underRepresented: false });
    expect(byArea["sidi-moumen"]).toEqual({ area: "sidi-moumen", population: 551443, reports: 11, per10k: 0.2, index: 2.29, underRepresented: false });
    expect(byArea.anfa).toEqual({ area: "anfa", population: 66202, reports: 2, per10k: 0.3, index: 3.47, underRepresented: false });
    expect(byArea["ain-chock"]).toEqual({ area: "ain-chock", population: 374707, reports: 1, per10k: 0.03, index: 0.31, underRepresented: true });
    expect(byArea["hay-hassani"]).toMatchObject({ reports: 0, per10k: 0, index: 0, underRepresented: true });
    // Least represented first.
    expect(r.body.areas.at(-1).area).toBe("maarif");
  });
});

describe("access", () => {
  const paths = ["/api/staff/insights/anomalies", "/api/staff/insights/hotspots", "/api/staff/insights/resources", "/api/staff/insights/equity", "/api/staff/exports/queue.csv"];

  it("refuses citizens (403) and anonymous callers (401)", async () => {
    for (const p of paths) {
      expect((await citizen.get(p)).status, p).toBe(403);
      expect((await anonymous.get(p)).status, p).toBe(401);
    }
    expect((await citizen.post("/api/staff/exports", {})).status).toBe(403);
  });

  it("keeps staff to their own authority", async () => {
    expect((await voirie.get("/api/staff/insights/resources?authority=eclairage-public")).status).toBe(403);
    expect((await voirie.get("/api/staff/insights/hotspots?authority=proprete-lot-est")).status).toBe(403);
    expect((await voirie.get("/api/staff/exports/queue.csv?authority=proprete-lot-est")).status).toBe(403);
    expect((await voirie.get("/api/staff/insights/hotspots")).body.items).toEqual([]);
    const unknown = await admin.get("/api/staff/insights/resources?authority=nobody");
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe("authority");
  });
});

describe("staff CSV exports", () => {
  const parse = (csv: string) => csv.replace(/^\uFEFF/, "").trim().split("\n").map((line) => line.split(","));

  it("exports the queue with its filters, columns first, formulas defused", async () => {
    const r = await proprete.get("/api/staff/exports/queue.csv?state=confirmed&category=illegal_dumping");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(r.headers.get("content-disposition")).toMatch(/^attachment; filename="queue-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parse(r.body);
    expect(header).toEqual(["ref", "state", "category", "area", "authority", "priority", "overdue", "due_at", "created_at", "updated_at",
      "acknowledged_at", "assignee_id", "supporter_count", "lat", "lon", "title", "url"]);
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row[1] === "confirmed" && row[2] === "illegal_dumping" && row[3] === "sidi-moumen" && row[4] === "proprete-lot-est")).toBe(true);
    // Queue order: highest priority first.
    expect(rows.map((row) => Number(row[5]))).toEqual([70, 70, 70, 40, 40, 10]);
    expect(rows.map((row) => row[15])).toContain("'=1+1 dépôt sauvage");
    expect(rows[0]![16]).toBe(`${tp.url}/r/${rows[0]![0]}`);
    // Everything the queue shows, and nothing else.
    const all = parse((await proprete.get("/api/staff/exports/queue.csv")).body).slice(1).map((row) => row[0]).sort();
    const queue = (await proprete.get("/api/staff/reports?limit=500")).body.items.map((x: { ref: string }) => x.ref).sort();
    expect(all).toEqual(queue);
    expect(all).toHaveLength(8 + 6);
  });

  it("pages through the queue with its cursor", async () => {
    const ctx = reportsContext(tp.platform, city);
    const actor = { kind: "user" as const, cityId: city.id, ...(await proprete.get("/api/session")).body.user, via: "session" as const };
    const refs: string[] = [];
    for await (const row of await queueRows(ctx, actor, { sort: "queue" }, "fr", 3)) refs.push(row[0]!);
    expect(refs).toHaveLength(14);
    expect(new Set(refs).size).toBe(14);
  });

  it("answers a small export with its direct link", async () => {
    const r = await proprete.post("/api/staff/exports", { state: "confirmed" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ mode: "direct", total: 8, id: null });
    const csv = await proprete.get(r.body.downloadUrl);
    expect(parse(csv.body)).toHaveLength(1 + 8);
  });

  it("runs a large export as a job: 202, its status, then the file for its owner only", async () => {
    const started = await proprete.post("/api/staff/exports", { state: "confirmed,fixed", async: true });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ mode: "job", total: 14, downloadUrl: null });
    expect(started.headers.get("location")).toBe(started.body.statusUrl);
    const pending = await proprete.get(started.body.statusUrl);
    expect(pending.body).toMatchObject({ status: "pending", total: 14, rows: null, downloadUrl: null });
    expect((await propreteColleague.get(started.body.statusUrl)).status).toBe(404);
    expect((await proprete.get(`${started.body.statusUrl}/download`)).status).toBe(404);

    await tp.drain();
    const done = await proprete.get(started.body.statusUrl);
    expect(done.body).toMatchObject({ status: "done", rows: 14, downloadUrl: `${started.body.statusUrl}/download` });
    const file = await proprete.get(done.body.downloadUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^text\/csv/);
    const direct = await proprete.get("/api/staff/exports/queue.csv?state=confirmed,fixed");
    expect(file.body).toBe(direct.body);
    expect((await propreteColleague.get(done.body.downloadUrl)).status).toBe(404);
    expect((await admin.get(done.body.downloadUrl)).status).toBe(404);
  });

  it("needs the session's CSRF token to start an export", async () => {
    const token = proprete.csrfToken;
    proprete.csrfToken = undefined;
    try {
      expect((await proprete.post("/api/staff/exports", { async: true })).status).toBe(403);
    } finally {
      proprete.csrfToken = token;
    }
  });
});
