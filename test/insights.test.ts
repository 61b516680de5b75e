/**
 * The public transparency figures and open data over real HTTP, on a small fixed data set
 * (test/support/insights-fixture.ts) whose every figure is computed by hand below:
 * counts, medians and 90th percentiles (percentile_cont: linear between ranks), share within
 * the category's target (and after a city admin changes it), backlog and its age,
 * satisfaction, the league, the map layers, the fixed stories, the CSV and GeoJSON exports
 * (rounding, licence, no personal data) and 400s naming the bad field.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInsightsFixture, JUNE, JUNE_QUERY, type FixtureReport } from "./support/insights-fixture.ts";
import { Client } from "./support/http.ts";
import { newStaff } from "./support/factories.ts";
import { loadConfig } from "../src/config.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let anonymous: Client;
let fx: Awaited<ReturnType<typeof buildInsightsFixture>>;
let areaOf: Map<string, string>;
let parentOf: Map<string, string | null>;

const H = 3_600_000;
/** Hours from a June day (00:00 UTC) to now: the age of a report still open. */
const ageSince = (day: number) => (Date.now() - JUNE(day).getTime()) / H;
const near = (actual: number | null, expected: number, tolerance = 0.2) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected), `${actual} ≈ ${expected}`).toBeLessThan(tolerance);
};
const ref = (key: string) => fx.reports.get(key)!.ref;
const stat = async (path: string, query = JUNE_QUERY) => {
  const r = await anonymous.get(`/api/stats/${path}?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};

beforeAll(async () => {
  tp = await startTestPlatform();
  anonymous = new Client(tp.url);
  fx = await buildInsightsFixture(tp);
  areaOf = new Map();
  for (const r of fx.reports.values()) areaOf.set(r.key, (await anonymous.get(`/api/reports/${r.ref}`)).body.report.area);
  const areas = (await anonymous.get("/api/city/areas.geojson")).body.features as { properties: { code: string; parent: string | null } }[];
  parentOf = new Map(areas.map((f) => [f.properties.code, f.properties.parent]));
}, 120_000);

afterAll(async () => {
  await tp?.close();
});

describe("the fixture", () => {
  it("puts the places in three arrondissements", () => {
    expect(areaOf.get("R1")).toBe(areaOf.get("R2"));
    expect(areaOf.get("R1")).toBe(areaOf.get("L2"));
    expect(areaOf.get("R3")).toBe(areaOf.get("R4"));
    expect(areaOf.get("R5")).toBe(areaOf.get("L1"));
    expect(new Set([areaOf.get("R1"), areaOf.get("R3"), areaOf.get("R5")]).size).toBe(3);
  });
});

describe("GET /api/stats/summary", () => {
  it("counts, times, target share, backlog and satisfaction of June, by hand", async () => {
    const body = await stat("summary");
    expect(body.selection).toEqual({ from: "2026-06-01", to: "2026-06-30", area: null, category: null });
    const f = body.figures;
    // R1–R5, L1, L2 (not O1 of May, not the unconfirmed one).
    expect(f.received).toBe(7);
    expect(f.acknowledged).toBe(6);
    // R1, R2, R3 (closed after its fix), L1; L2 was reopened by its reporter.
    expect(f.fixed).toBe(4);
    // Acknowledged after 1, 2, 3, 4, 6, 8 h: median (3+4)/2; p90 at rank 0.9×5 = 4.5 → 6 + 0.5×(8−6).
    expect(f.timeToAcknowledge).toEqual({ median: 3.5, p90: 7 });
    // Fixed after 24, 48, 240, 480 h: median (48+240)/2; p90 at rank 2.7 → 240 + 0.7×240.
    expect(f.timeToFix).toEqual({ median: 144, p90: 408 });
    // Within target: R1 (24 h ≤ 14 d), R2 (240 h ≤ 14 d), L1 (48 h ≤ 7 d); not R3 (20 d > 14 d).
    expect(f.withinTarget).toEqual({ count: 3, share: 0.75 });
    // Backlog: R4 (Jun 4), R5 (Jun 5), L2 (Jun 7), all past their target by now.
    expect(f.backlog.count).toBe(3);
    expect(f.backlog.overdue).toBe(3);
    near(f.backlog.medianAge, ageSince(5));
    near(f.backlog.maxAge, ageSince(4));
    // Answers: R1 yes 5, R2 yes 4, L1 yes 3, L2 no 1.
    expect(body.satisfaction).toEqual({ answers: 4, confirmedFixed: 3, confirmedShare: 0.75, scored: 4, meanScore: 3.25 });
  });

  it("narrows to an arrondissement, a préfecture and a category", async () => {
    const maarif = await stat("summary", `${JUNE_QUERY}&area=${areaOf.get("R1")}`);
    // R1, R2, L2: fixed R1 (24 h) and R2 (240 h); L2 reopened.
    expect(maarif.figures).toMatchObject({ received: 3, fixed: 2, timeToFix: { median: 132, p90: 218.4 }, backlog: { count: 1 } });
    expect(maarif.satisfaction).toMatchObject({ answers: 3, confirmedFixed: 2 });

    const prefecture = parentOf.get(areaOf.get("R1")!)!;
    const inPrefecture = [...fx.reports.values()].filter((r) => r.key !== "O1" && parentOf.get(areaOf.get(r.key)!) === prefecture);
    const byPrefecture = await stat("summary", `${JUNE_QUERY}&area=${prefecture}`);
    expect(byPrefecture.figures.received).toBe(inPrefecture.length);
    expect(byPrefecture.selection.area).toBe(prefecture);

    const lighting = await stat("summary", `${JUNE_QUERY}&category=street_lighting`);
    // L1 ack 1 h, L2 ack 3 h: median 2, p90 1 + 0.9×2; only L1 fixed (48 h ≤ 7 d).
    expect(lighting.figures).toMatchObject({
      received: 2, acknowledged: 2, fixed: 1, timeToAcknowledge: { median: 2, p90: 2.8 }, timeToFix: { median: 48, p90: 48 },
      withinTarget: { count: 1, share: 1 }, backlog: { count: 1, overdue: 1 },
    });
    near(lighting.figures.backlog.maxAge, ageSince(7));
  });

  it("counts May apart, and nothing in an empty period", async () => {
    const may = await stat("summary", "from=2026-05-01&to=2026-05-31");
    // O1: filed May 20, fixed after 30 h.
    expect(may.figures).toMatchObject({ received: 1, fixed: 1, timeToFix: { median: 30, p90: 30 }, backlog: { count: 0, medianAge: null } });
    const empty = await stat("summary", "from=2025-01-01&to=2025-01-31");
    expect(empty.figures).toEqual({
      received: 0, acknowledged: 0, fixed: 0, timeToAcknowledge: { median: null, p90: null }, timeToFix: { median: null, p90: null },
      withinTarget: { count: 0, share: null }, backlog: { count: 0, overdue: 0, medianAge: null, maxAge: null },
    });
    expect(empty.satisfaction).toEqual({ answers: 0, confirmedFixed: 0, confirmedShare: null, scored: 0, meanScore: null });
  });
});

describe("GET /api/stats/authorities (the league)", () => {
  it("ranks the faster authority first, with its own figures", async () => {
    const { authorities } = await stat("authorities");
    expect(authorities.map((a: { code: string; rank: number }) => [a.rank, a.code])).toEqual([[1, "eclairage-public"], [2, "voirie"]]);
    const [lighting, roads] = authorities;
    expect(lighting).toMatchObject({ received: 2, fixed: 1, timeToFix: { median: 48, p90: 48 }, backlog: { count: 1 } });
    expect(lighting.name.fr).toBeTruthy();
    // voirie: ack 2, 4, 6, 8 h → median 5, p90 at rank 2.7 → 6 + 0.7×2; fixes 24, 240, 480 h → median 240, p90 at rank 1.8 → 240 + 0.8×240.
    expect(roads).toMatchObject({
      received: 5, acknowledged: 4, fixed: 3, timeToAcknowledge: { median: 5, p90: 7.4 }, timeToFix: { median: 240, p90: 432 },
      withinTarget: { count: 2, share: 0.6667 }, backlog: { count: 2, overdue: 2 },
    });
    near(roads.backlog.medianAge, (ageSince(4) + ageSince(5)) / 2);
  });

  it("follows the target a city admin sets for the category", async () => {
    const admin = await newStaff(tp, null, "city_admin");
    const changed = await admin.patch("/api/admin/categories/road_damage", { targetDays: 7 });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    try {
      const { authorities } = await stat("authorities");
      // Within 7 days now: R1 only (R2 took 10 days).
      expect(authorities.find((a: { code: string }) => a.code === "voirie").withinTarget).toEqual({ count: 1, share: 0.3333 });
      const { categories } = await stat("categories");
      expect(categories.find((c: { code: string }) => c.code === "road_damage")).toMatchObject({ targetDays: 7, received: 5, withinTarget: { count: 1 } });
    } finally {
      expect((await admin.patch("/api/admin/categories/road_damage", { targetDays: 14 })).status).toBe(200);
    }
  });
});

describe("map, timeline and stories", () => {
  it("gives every arrondissement for the choropleth, with its counts", async () => {
    const { areas } = await stat("areas");
    const byCode = new Map(areas.map((a: { code: string }) => [a.code, a]));
    expect(byCode.get(areaOf.get("R1"))).toMatchObject({ received: 3, fixed: 2, backlog: 1, fixMedian: 132 });
    expect(byCode.get(areaOf.get("R3"))).toMatchObject({ received: 2, fixed: 1, backlog: 1, fixMedian: 480 });
    expect(byCode.get(areaOf.get("R5"))).toMatchObject({ received: 2, fixed: 1, backlog: 1, fixMedian: 48 });
    const others = areas.filter((a: { code: string }) => ![areaOf.get("R1"), areaOf.get("R3"), areaOf.get("R5")].includes(a.code));
    expect(others.length).toBeGreaterThan(10);
    expect(others.every((a: { received: number; fixMedian: number | null }) => a.received === 0 && a.fixMedian === null)).toBe(true);
    const maarif = byCode.get(areaOf.get("R1")) as { population: number | null; perTenThousand: number | null };
    if (maarif.population) expect(maarif.perTenThousand).toBeCloseTo((3 / maarif.population) * 10_000, 2);
  });

  it("counts the heat map per cell of about 500 m", async () => {
    const body = await stat("heatmap");
    expect(body.cellDegrees).toBe(0.005);
    const counts = body.points.map((p: { count: number }) => p.count).sort();
    expect(counts).toEqual([2, 2, 3]);
    const busiest = body.points[0];
    // R1 (33.587349, −7.633051), R2 and L2 at 33.5873, −7.6330: their mean, rounded to 4 decimals.
    expect(busiest).toEqual({ lat: 33.5873, lon: -7.633, count: 3 });
  });

  it("gives received and fixed per week", async () => {
    const body = await stat("timeline");
    expect(body.unit).toBe("week");
    // Weeks start on Monday: June 1, 8, 22; the quiet weeks of June 15 and 29 are zeros, not gaps.
    expect(body.buckets).toEqual([
      { start: "2026-06-01", received: 7, fixed: 1 },
      { start: "2026-06-08", received: 0, fixed: 2 },
      { start: "2026-06-15", received: 0, fixed: 0 },
      { start: "2026-06-22", received: 0, fixed: 1 },
      { start: "2026-06-29", received: 0, fixed: 0 },
    ]);
    const year = await stat("timeline", "from=2026-01-01&to=2026-12-31");
    expect(year.unit).toBe("month");
    // Twelve months, each one there; O1 in May, the June reports and their fixes.
    expect(year.buckets.map((b: { start: string }) => b.start)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}-01`));
    expect(year.buckets[5]).toEqual({ start: "2026-06-01", received: 7, fixed: 4 });
  });

  it("tells the latest fixes, with before and after photos and the time taken", async () => {
    const { stories } = await stat("fixed-stories");
    // Fixed in June, newest first: R3 (Jun 23), R2 (Jun 12), L1 (Jun 8), R1 (Jun 2).
    expect(stories.map((s: { ref: string }) => s.ref)).toEqual([ref("R3"), ref("R2"), ref("L1"), ref("R1")]);
    const r2 = stories[1];
    expect(r2).toMatchObject({ title: fx.reports.get("R2")!.title, category: "road_damage", authority: "voirie", hoursToFix: 240, url: `${tp.url}/r/${ref("R2")}` });
    expect(r2.startedAt).toBe("2026-06-02T00:00:00.000Z");
    expect(r2.fixedAt).toBe("2026-06-12T00:00:00.000Z");
    expect(r2.before.url).toMatch(/\/api\/photos\/[0-9a-f-]{36}\.jpg$/);
    expect(r2.after.url).toMatch(/\/api\/photos\/[0-9a-f-]{36}\.jpg$/);
    expect(r2.after.url).not.toBe(r2.before.url);
    for (const p of [r2.before.url, r2.after.thumbnailUrl]) {
      const img = await anonymous.get(p.slice(tp.url.length));
      expect(img.status).toBe(200);
      expect(img.headers.get("content-type")).toBe("image/jpeg");
    }
    expect(stories[0].before).toBeNull();
    expect(stories[0].after).toBeNull();
    expect(JSON.stringify(stories)).not.toMatch(/@example\.org|Amina|\+212/);
  });

  it("gives the whole page in one answer, each part as its own endpoint gives it", async () => {
    for (const query of [JUNE_QUERY, "from=2026-01-01&to=2026-12-31&area=maarif", "from=2026-06-01&to=2026-06-30&category=road_damage"]) {
      const dashboard = await stat("dashboard", query);
      expect(dashboard.summary.figures.received, query).toBeGreaterThan(0);
      // The backlog's ages are measured at the request: two requests apart may differ by a few seconds.
      const steady = (body: unknown) => JSON.parse(JSON.stringify(body), (key, value) => ((key === "medianAge" || key === "maxAge") && typeof value === "number" ? "age" : value));
      for (const [part, path] of [["summary", "summary"], ["authorities", "authorities"], ["categories", "categories"], ["areas", "areas"], ["heatmap", "heatmap"], ["timeline", "timeline"], ["stories", "fixed-stories"]]) {
        expect(steady(dashboard[part!]), `${part} of ${query}`).toEqual(steady(await stat(path!, query)));
      }
      const backlog = (await stat("summary", query)).figures.backlog;
      if (backlog.medianAge !== null) expect(Math.abs(dashboard.summary.figures.backlog.medianAge - backlog.medianAge)).toBeLessThan(0.1);
    }
  });
});

describe("open data", () => {
  const personal = (text: string, reports: FixtureReport[]) => {
    expect(text).not.toMatch(/@example\.org|Amina|\+212|Tazi/);
    for (const r of reports) expect(text).not.toContain(r.title);
  };

  it("streams every published report as CSV, oldest first, rounded to 4 decimals, with its licence", async () => {
    const r = await anonymous.get("/api/open-data/reports.csv");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(r.headers.get("link")).toBe('<https://opendatacommons.org/licenses/odbl/1-0/>; rel="license"');
    expect(r.headers.get("x-licence")).toBe("ODbL-1.0");
    const lines = (r.body as string).trimEnd().split("\r\n");
    expect(lines[0]).toBe("reference,category,area,authority,state,created_at,confirmed_at,acknowledged_at,fixed_at,closed_at,updated_at,latitude,longitude");
    const rows = lines.slice(1).map((l) => l.split(","));
    // O1 (May), then June's seven; the unconfirmed report is not there.
    expect(rows.map((c) => c[0])).toEqual(["O1", "R1", "R2", "R3", "R4", "R5", "L1", "L2"].map(ref));
    const r1 = rows[1]!;
    expect(r1.slice(0, 10)).toEqual([ref("R1"), "road_damage", areaOf.get("R1"), "voirie", "fixed", "2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z", "2026-06-01T02:00:00Z", "2026-06-02T00:00:00Z", ""]);
    expect(r1.slice(11)).toEqual(["33.5873", "-7.6331"]);
    expect(rows[3]!.slice(4, 5)).toEqual(["closed"]);
    expect(rows[3]![9]).not.toBe("");
    expect(r.body).not.toContain(fx.unconfirmedRef);
    personal(r.body, [...fx.reports.values()]);
  });

  it("streams the same reports as GeoJSON points, with the licence in the file", async () => {
    const r = await anonymous.get("/api/open-data/reports.geojson?from=2026-06-01&to=2026-06-30&category=street_lighting");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    const body = r.body;
    expect(body.type).toBe("FeatureCollection");
    expect(body.license).toEqual({ id: "ODbL-1.0", name: "Open Database License (ODbL) v1.0", url: "https://opendatacommons.org/licenses/odbl/1-0/" });
    expect(body.features.map((f: { properties: { reference: string } }) => f.properties.reference)).toEqual([ref("L1"), ref("L2")]);
    const l2 = body.features[1];
    expect(l2.geometry).toEqual({ type: "Point", coordinates: [-7.633, 33.5873] });
    expect(l2.properties).toEqual({
      reference: ref("L2"), category: "street_lighting", area: areaOf.get("L2"), authority: "eclairage-public", state: "reopened",
      created_at: "2026-06-07T00:00:00Z", confirmed_at: "2026-06-07T00:00:00Z", acknowledged_at: "2026-06-07T03:00:00Z", fixed_at: "2026-06-10T00:00:00Z",
      closed_at: null, updated_at: l2.properties.updated_at, latitude: 33.5873, longitude: -7.633,
    });
    personal(JSON.stringify(r.body), [...fx.reports.values()]);
  });

  it("describes its fields and licence, and takes the licence from the configuration", async () => {
    const doc = await anonymous.get("/api/open-data");
    expect(doc.status).toBe(200);
    expect(doc.body.fields.map((f: { name: string }) => f.name)).toEqual(["reference", "category", "area", "authority", "state", "created_at", "confirmed_at", "acknowledged_at", "fixed_at", "closed_at", "updated_at", "latitude", "longitude"]);
    expect(doc.body.licence.id).toBe("ODbL-1.0");
    // OPEN_DATA_LICENCE chooses it; the routes read the configuration on each request.
    expect(loadConfig({ OPEN_DATA_LICENCE: "CC-BY-4.0" }).openDataLicence).toBe("CC-BY-4.0");
    expect(() => loadConfig({ OPEN_DATA_LICENCE: "public-domain-ish" })).toThrow(/OPEN_DATA_LICENCE/);
    tp.config.openDataLicence = "CC-BY-4.0";
    try {
      const csv = await anonymous.get("/api/open-data/reports.csv?from=2025-01-01&to=2025-01-31");
      expect(csv.headers.get("link")).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
      expect(csv.body).toBe("reference,category,area,authority,state,created_at,confirmed_at,acknowledged_at,fixed_at,closed_at,updated_at,latitude,longitude\r\n");
      const geo = await anonymous.get("/api/open-data/reports.geojson?from=2025-01-01&to=2025-01-31");
      expect(geo.body).toMatchObject({ type: "FeatureCollection", license: { id: "CC-BY-4.0" }, features: [] });
      expect((await anonymous.get("/api/open-data")).body.licence.url).toBe("https://creativecommons.org/licenses/by/4.0/");
    } finally {
      tp.config.openDataLicence = "ODbL-1.0";
    }
  });
});

describe("bad queries", () => {
  const cases: [string, string][] = [
    ["from=2026-13-01", "from"],
    ["from=yesterday", "from"],
    ["to=2026-02-30", "to"],
    ["from=2026-06-30&to=2026-06-01", "to"],
    ["area=Not%20An%20Area", "area"],
    ["area=atlantis", "area"],
    ["category=potholes_on_mars", "category"],
  ];
  for (const [query, field] of cases) {
    it(`answers ${query} with a 400 naming ${field}`, async () => {
      for (const path of ["/api/stats/summary", "/api/stats/authorities", "/api/stats/heatmap", "/api/open-data/reports.csv"]) {
        const r = await anonymous.get(`${path}?${query}`);
        expect(r.status, `${path}?${query}`).toBe(400);
        expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect(r.body.field, `${path}?${query}`).toBe(field);
      }
    });
  }
});

describe("open data over many pages", () => {
  it("walks past the 1,000-row page with its cursor, in order, nothing twice, even where instants are equal", async () => {
    // 1,001 copies of R5 filed in January 2027, ten to each second: the cursor must break ties by id.
    await tp.platform.ctx.database.db.execute(sql`
      insert into reports (city_id, ref, category_code, area_code, prefecture_code, authority_id, lat, lon, title, description, language, state, created_at, confirmed_at)
      select city_id, 'PAGE-2027-' || lpad(i::text, 6, '0'), category_code, area_code, prefecture_code, authority_id, lat, lon, title, description, language, state,
        timestamptz '2027-01-01 00:00:00+00' + (i / 10) * interval '1 second', timestamptz '2027-01-01 00:00:00+00'
      from reports, generate_series(1, 1001) as i where ref = ${ref("R5")}`);
    const r = await anonymous.get("/api/open-data/reports.csv?from=2027-01-01");
    expect(r.status).toBe(200);
    const rows = (r.body as string).trimEnd().split("\r\n").slice(1).map((l) => l.split(","));
    expect(rows).toHaveLength(1001);
    expect(new Set(rows.map((c) => c[0])).size).toBe(1001);
    const created = rows.map((c) => c[5]!);
    expect([...created].sort()).toEqual(created);
    expect(created[0]).toBe("2027-01-01T00:00:00Z");
    expect(created.at(-1)).toBe("2027-01-01T00:01:40Z");
  });
});
