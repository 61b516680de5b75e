/**
 * GET /api/reports/map over real HTTP: compact points for a sparse view, grid cells counted in
 * SQL for a dense one (and the counts add up), the list's filters, never an unconfirmed report,
 * 400s naming the field, ETag/304, and a new report showing at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { Client, type Reply } from "./support/http.ts";
import { newReportBody, newStaff, places } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { reports } from "../src/db/schema.ts";
import { importReports, publicStates, type ImportedReport, type ReportState } from "../src/reports/index.ts";

let tp: TestPlatform;
let anon: Client;
let admin: Client;

/** A dense neighbourhood of Maârif (about 1 km square): more public reports than the map sends as points. */
const DENSE = { west: -7.638, south: 33.5823, east: -7.628, north: 33.5923 };
const denseBox = `${DENSE.west},${DENSE.south},${DENSE.east},${DENSE.north}`;
/** Nine public states, 368 reports each. */
const PUBLIC_COUNT = 9 * 368;
const UNCONFIRMED_COUNT = 150;

interface Seed { state: ReportState; category: string; createdAt: Date }
const seeds: Seed[] = [];

/** Mulberry32: the same positions on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedReports(): ImportedReport[] {
  const rand = random(42);
  const items: ImportedReport[] = [];
  for (let i = 0; i < PUBLIC_COUNT + UNCONFIRMED_COUNT; i++) {
    const state: ReportState = i < PUBLIC_COUNT ? publicStates[i % publicStates.length]! : "open";
    const category = i % 3 === 0 ? "street_lighting" : "road_damage";
    const createdAt = new Date(Date.UTC(2025, 0, 1 + (i % 180), 10));
    if (state !== "open") seeds.push({ state, category, createdAt });
    items.push({
      categoryCode: category, state, createdAt, priority: 10, language: "fr", source: "import",
      lat: DENSE.south + 0.0005 + rand() * 0.009, lon: DENSE.west + 0.0005 + rand() * 0.009,
      title: `Signalement ${i}`, description: "Importé pour le test de la carte.",
      reporterName: null, reporterEmail: null, showName: false, updates: [],
    });
  }
  return items;
}

const map = (query: string, headers?: Record<string, string>): Promise<Reply> => anon.get(`/api/reports/map?${query}`, headers);
const count = (pred: (s: Seed) => boolean) => seeds.filter(pred).length;
const bucketOf = (s: ReportState) =>
  (s === "in_progress" || s === "action_scheduled" ? "progress" : ["fixed", "closed", "duplicate", "not_responsible", "referred"].includes(s) ? "done" : "open");

/** Every ref the public list gives for a query, walking its pages. */
async function listRefs(query: string): Promise<string[]> {
  const refs: string[] = [];
  let cursor: string | null = null;
  do {
    const r: Reply = await anon.get(`/api/reports?${query}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(r.status).toBe(200);
    refs.push(...r.body.items.map((i: { ref: string }) => i.ref));
    cursor = r.body.nextCursor;
  } while (cursor);
  return refs.sort();
}

let unconfirmedRefs: Set<string>;

beforeAll(async () => {
  tp = await startTestPlatform();
  anon = new Client(tp.url);
  admin = await newStaff(tp, null, "city_admin");
  const db = tp.platform.ctx.database.db;
  const items = seedReports();
  expect(await importReports(db, tp.platform.ctx.cities.get(tp.config.citySlug), items)).toBe(items.length);
  unconfirmedRefs = new Set((await db.select({ ref: reports.ref }).from(reports).where(eq(reports.state, "open"))).map((r) => r.ref));
  expect(unconfirmedRefs.size).toBe(UNCONFIRMED_COUNT);
  // Sidi Moumen holds three reports, filed the ordinary way.
  for (const category of ["road_damage", "street_lighting", "waste_collection"]) {
    expect((await admin.post("/api/reports", newReportBody({ ...places.sidiMoumen, category }))).status).toBe(201);
  }
  // A citizen's report never confirmed: held back everywhere.
  expect((await anon.post("/api/reports", newReportBody({ ...places.sidiMoumen }))).body.state).toBe("open");
}, 120_000);
afterAll(async () => tp?.close());

describe("a sparse view", () => {
  const { lat, lon } = places.sidiMoumen;
  const box = `${lon - 0.01},${lat - 0.01},${lon + 0.01},${lat + 0.01}`;

  it("comes as compact points [ref, lat, lon, state, category], the same reports as the list", async () => {
    const r = await map(`bbox=${box}&zoom=15`);
    expect(r.status).toBe(200);
    expect(r.body.kind).toBe("points");
    expect(r.body.total).toBe(3);
    for (const p of r.body.points) {
      expect(p).toEqual([expect.stringMatching(/^[A-Z]+-\d{4}-\d+$/), expect.any(Number), expect.any(Number), "confirmed", expect.any(String)]);
      expect(Math.abs(p[1] - lat)).toBeLessThan(0.001);
      expect(Math.abs(p[2] - lon)).toBeLessThan(0.001);
    }
    expect(r.body.points.map((p: unknown[]) => p[4]).sort()).toEqual(["road_damage", "street_lighting", "waste_collection"]);
    expect(r.body.points.map((p: string[]) => p[0]).sort()).toEqual(await listRefs(`bbox=${box}`));
  });

  it("is empty over the sea", async () => {
    const r = await map("bbox=-7.75,33.62,-7.72,33.66&zoom=14");
    expect(r.body).toEqual({ kind: "points", total: 0, points: [] });
  });
});

describe("a dense view", () => {
  it("comes as grid cells whose counts add up to the matching public reports", async () => {
    const r = await map(`bbox=${denseBox}&zoom=15`);
    expect(r.status).toBe(200);
    expect(r.body.kind).toBe("cells");
    expect(r.body.total).toBe(PUBLIC_COUNT);
    expect(r.body.cellSize).toBe(60);
    const cells: number[][] = r.body.cells;
    const sum = (i: number) => cells.reduce((s, c) => s + c[i]!, 0);
    expect(sum(2)).toBe(PUBLIC_COUNT);
    for (const [cLat, cLon, n, open, progress, done] of cells) {
      expect(open! + progress! + done!).toBe(n);
      expect(cLat).toBeGreaterThanOrEqual(DENSE.south);
      expect(cLat).toBeLessThanOrEqual(DENSE.north);
      expect(cLon).toBeGreaterThanOrEqual(DENSE.west);
      expect(cLon).toBeLessThanOrEqual(DENSE.east);
    }
    expect([sum(3), sum(4), sum(5)]).toEqual([
      count((s) => bucketOf(s.state) === "open"), count((s) => bucketOf(s.state) === "progress"), count((s) => bucketOf(s.state) === "done"),
    ]);
    expect(r.body.buckets).toEqual({
      open: ["confirmed", "reopened"], progress: ["in_progress", "action_scheduled"], done: ["fixed", "closed", "duplicate", "not_responsible", "referred"],
    });
  });

  it("has cells of about 60 px at the asked zoom: more cells closer in, a payload of a few KB", async () => {
    // At zoom 15 the box is about 230 px wide: 4 to 5 cells a side. At zoom 13, 1 or 2.
    const near = await map(`bbox=${denseBox}&zoom=15`);
    const far = await map(`bbox=${denseBox}&zoom=13`);
    expect(near.body.cells.length).toBeGreaterThanOrEqual(16);
    expect(near.body.cells.length).toBeLessThanOrEqual(36);
    expect(far.body.cells.length).toBeLessThanOrEqual(4);
    expect(far.body.total).toBe(PUBLIC_COUNT);
    expect(JSON.stringify(near.body).length).toBeLessThan(3000);
  });

  it("turns into points once filters leave 3,000 or fewer", async () => {
    const r = await map(`bbox=${denseBox}&zoom=15&category=street_lighting`);
    expect(r.body.kind).toBe("points");
    expect(r.body.total).toBe(count((s) => s.category === "street_lighting"));
    expect(new Set(r.body.points.map((p: unknown[]) => p[4]))).toEqual(new Set(["street_lighting"]));
    expect(r.body.points.map((p: string[]) => p[0]).sort()).toEqual(await listRefs(`bbox=${denseBox}&category=street_lighting`));
  });
});

describe("filters", () => {
  const total = async (query: string) => {
    const r = await map(`bbox=${denseBox}&zoom=15&${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.total as number;
  };

  it("state narrows to the asked states", async () => {
    const r = await map(`bbox=${denseBox}&zoom=15&state=in_progress,action_scheduled`);
    expect(r.body.kind).toBe("points");
    expect(r.body.total).toBe(count((s) => bucketOf(s.state) === "progress"));
    expect(new Set(r.body.points.map((p: unknown[]) => p[3]))).toEqual(new Set(["in_progress", "action_scheduled"]));
  });

  it("from and to bound the creation date (whole days)", async () => {
    const march = (s: Seed) => s.createdAt >= new Date("2025-03-01") && s.createdAt < new Date("2025-04-01");
    expect(await total("from=2025-03-01&to=2025-03-31")).toBe(count(march));
    expect(await total("from=2025-03-01&to=2025-03-31&category=road_damage&state=fixed"))
      .toBe(count((s) => march(s) && s.category === "road_damage" && s.state === "fixed"));
  });

  it("area takes arrondissements and préfectures, like the list", async () => {
    const inMaarif = await map(`bbox=${denseBox}&zoom=15&area=maarif&state=fixed`);
    expect(inMaarif.body.total).toBeGreaterThan(0);
    expect(inMaarif.body.points.map((p: string[]) => p[0]).sort()).toEqual(await listRefs(`bbox=${denseBox}&area=maarif&state=fixed`));
    expect(await total("area=pref-casablanca-anfa,pref-al-fida-mers-sultan&state=fixed")).toBe(count((s) => s.state === "fixed"));
    expect(await total("area=sidi-moumen")).toBe(0);
  });

  it("never shows a report awaiting confirmation", async () => {
    for (const query of [`bbox=${denseBox}&zoom=15&category=street_lighting`, `bbox=${denseBox}&zoom=15&state=confirmed`, "bbox=-7.6,33.5,-7.4,33.7&zoom=12"]) {
      const r = await map(query);
      expect(r.body.kind).toBe("points");
      for (const p of r.body.points) {
        expect(p[3]).not.toBe("open");
        expect(unconfirmedRefs.has(p[0])).toBe(false);
      }
    }
    expect(await total("")).toBe(PUBLIC_COUNT);
    expect((await map(`bbox=${denseBox}&zoom=15&state=open`)).body).toEqual({ kind: "points", total: 0, points: [] });
    // Sidi Moumen's unconfirmed citizen report is not among its three.
    expect((await map("bbox=-7.6,33.5,-7.4,33.7&zoom=12")).body.total).toBe(3);
  });
});

describe("bad queries are a 400 problem naming the field", () => {
  const cases: [string, string][] = [
    ["zoom=14", "bbox"],
    [`bbox=${denseBox}`, "zoom"],
    [`bbox=${denseBox}&zoom=23`, "zoom"],
    [`bbox=${denseBox}&zoom=1.5`, "zoom"],
    [`bbox=${denseBox}&zoom=near`, "zoom"],
    ["bbox=-7.5,33.5,-7.6,33.6&zoom=14", "bbox"],
    ["bbox=1,2,3&zoom=14", "bbox"],
    [`bbox=${denseBox}&zoom=14&state=unknown`, "state"],
    [`bbox=${denseBox}&zoom=14&category=Road Damage`, "category"],
    [`bbox=${denseBox}&zoom=14&area=Maarif!`, "area"],
    [`bbox=${denseBox}&zoom=14&from=yesterday`, "from"],
  ];
  it.each(cases)("%s", async (query, field) => {
    const r = await map(query);
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body.field).toBe(field);
  });
});

describe("caching", () => {
  it("answers with an ETag, and If-None-Match with 304 and no body", async () => {
    const first = await map(`bbox=${denseBox}&zoom=14`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await map(`bbox=${denseBox}&zoom=14`, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    expect((await map(`bbox=${denseBox}&zoom=15`)).headers.get("etag")).not.toBe(etag);
  });

  it("keeps map and list answers apart in the shared cache", async () => {
    const listFirst = await anon.get(`/api/reports?bbox=${denseBox}&category=street_lighting&limit=5`);
    const mapNext = await map(`bbox=${denseBox}&category=street_lighting&zoom=15`);
    expect(listFirst.body.items).toHaveLength(5);
    expect(mapNext.body.kind).toBe("points");
  });

  it("shows a new report at once, in points and in cells", async () => {
    const pointsQuery = `bbox=${denseBox}&zoom=15&category=street_lighting`;
    const cellsQuery = `bbox=${denseBox}&zoom=15`;
    const [points, cells] = [await map(pointsQuery), await map(cellsQuery)];
    const created = await admin.post("/api/reports", newReportBody({ lat: 33.5873, lon: -7.633, category: "street_lighting" }));
    expect(created.status).toBe(201);
    const pointsAfter = await map(pointsQuery, { "if-none-match": points.headers.get("etag")! });
    expect(pointsAfter.status).toBe(200);
    expect(pointsAfter.body.total).toBe(points.body.total + 1);
    expect(pointsAfter.body.points.map((p: string[]) => p[0])).toContain(created.body.ref);
    const cellsAfter = await map(cellsQuery, { "if-none-match": cells.headers.get("etag")! });
    expect(cellsAfter.status).toBe(200);
    expect(cellsAfter.body.total).toBe(cells.body.total + 1);
  });
});

it("is described in the OpenAPI document", async () => {
  const doc = await anon.get("/api/openapi.json");
  const op = doc.body.paths["/api/reports/map"].get;
  const required = op.parameters.filter((p: { required?: boolean }) => p.required).map((p: { name: string }) => p.name).sort();
  expect(required).toEqual(["bbox", "zoom"]);
  expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["category", "state", "area", "from", "to"]));
  expect(op.responses["200"]).toBeDefined();
});
