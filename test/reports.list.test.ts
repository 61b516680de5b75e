/**
 * The public list of reports over real HTTP: filters (bbox, area, category, state, authority,
 * dates), multilingual text search, cursor pagination, GeoJSON, and what must never show.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { Client, type Reply } from "./support/http.ts";
import { newConfirmedReport, newReportBody, newStaff, places } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { reports } from "../src/db/schema.ts";
import { publicStates } from "../src/reports/index.ts";
import { listReports, type ListCursor } from "../src/reports/reports.repo.ts";

let tp: TestPlatform;
let anon: Client;
let admin: Client;

type Key = "lampFr" | "potholeFr" | "potholeEn" | "signalAr" | "wasteDarija" | "lightingFr" | "leakFr" | "citizen";

/** The data set: where, what, in which language, and when (created, UTC). */
const spec: Record<Exclude<Key, "citizen">, { place: keyof typeof places; category: string; language: string; title: string; description: string; createdAt: string }> = {
  potholeFr: {
    place: "maarif", category: "road_damage", language: "fr", createdAt: "2025-03-01T09:00:00.000Z",
    title: "Nid-de-poule dangereux près du Twin Center", description: "Un trou profond sur la chaussée, côté boulevard Zerktouni.",
  },
  lampFr: {
    // Same creation time as potholeFr: the order then falls back on the id.
    place: "sidiBelyout", category: "street_lighting", language: "fr", createdAt: "2025-03-01T09:00:00.000Z",
    title: "Lampadaire éteint boulevard Mohammed V", description: "L'éclairage public ne fonctionne plus depuis une semaine.",
  },
  potholeEn: {
    place: "hayHassani", category: "road_damage", language: "en", createdAt: "2025-03-03T10:00:00.000Z",
    title: "Huge pothole near the school", description: "Cars swerve around it every morning.",
  },
  signalAr: {
    place: "sidiMoumen", category: "traffic_signals", language: "ar", createdAt: "2025-03-04T10:00:00.000Z",
    title: "الإشارة الضوئية معطلة في الشارع الرئيسي", description: "الإشارة لا تعمل منذ يومين والسيارات تمر بسرعة أمام المدرسة.",
  },
  wasteDarija: {
    place: "maarif", category: "waste_collection", language: "ar", createdAt: "2025-03-05T10:00:00.000Z",
    title: "الزبل عامر الزنقة", description: "ماكاينش اللي يجمع الزبل هادي سيمانة، الريحة خانزة بزاف.",
  },
  lightingFr: {
    place: "sidiBelyout", category: "street_lighting", language: "fr", createdAt: "2025-03-06T10:00:00.000Z",
    title: "Éclairage défaillant rue Foucauld", description: "Plusieurs lampadaires sont cassés, la rue est noire la nuit.",
  },
  leakFr: {
    place: "hayHassani", category: "water_leak", language: "fr", createdAt: "2025-03-07T10:00:00.000Z",
    title: "Fuite d'eau importante", description: "L'eau coule sur le trottoir depuis hier soir.",
  },
};
const CITIZEN_CREATED = "2025-03-08T10:00:00.000Z";

const ref = {} as Record<Key, string>;
const id = {} as Record<Key, string>;
const keyOf = new Map<string, Key>();
let unconfirmedRef: string;
let citizenEmail: string;
let adminEmail: string;

/** Every item of a query, walking all pages. */
async function all(query: string, limit = 500): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const r: Reply = await anon.get(`/api/reports?${query}${query ? "&" : ""}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error("pagination did not end");
}
/** The data-set keys a query returns, as a sorted list. */
const keys = async (query: string) => (await all(query)).map((i) => keyOf.get(i.ref) ?? i.ref).sort();
const search = (q: string) => keys(`q=${encodeURIComponent(q)}`);

beforeAll(async () => {
  tp = await startTestPlatform();
  anon = new Client(tp.url);
  admin = await newStaff(tp, null, "city_admin");
  adminEmail = (await admin.get("/api/session")).body.user.email;
  const db = tp.platform.ctx.database.db;

  for (const [key, s] of Object.entries(spec) as [Exclude<Key, "citizen">, (typeof spec)[keyof typeof spec]][]) {
    const body = newReportBody({ ...places[s.place], category: s.category, language: s.language, title: s.title, description: s.description });
    const r = await admin.post("/api/reports", body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // Staff reports are published at once.
    expect(r.body.state).toBe("confirmed");
    ref[key] = r.body.ref;
    id[key] = r.body.id;
  }
  // A citizen's report, confirmed by e-mail: its reporter's address must never be listed.
  const citizen = await newConfirmedReport(tp, { ...places.maarif });
  ref.citizen = citizen.ref;
  id.citizen = citizen.id;
  citizenEmail = citizen.body.reporter.email as string;
  for (const k of Object.keys(ref) as Key[]) keyOf.set(ref[k], k);

  // One never confirmed: invisible to the public list whatever the filter.
  const pending = await anon.post("/api/reports", newReportBody({ title: "Zebracrossing effacé unconfirmed", description: "Passage piéton invisible." }));
  expect(pending.body.state).toBe("open");
  unconfirmedRef = pending.body.ref;

  // Staff work moves two reports on, and raises the priority of one.
  expect((await admin.post(`/api/reports/${ref.potholeEn}/updates`, { text: "Équipe envoyée.", state: "in_progress" })).status).toBe(201);
  expect((await admin.post(`/api/reports/${ref.leakFr}/updates`, { text: "Réparé.", state: "fixed" })).status).toBe(201);
  expect((await admin.patch(`/api/reports/${ref.lampFr}`, { priority: 90 })).status).toBe(200);

  // Fixed creation times, so date ranges and order are known.
  for (const [key, s] of Object.entries(spec)) await db.update(reports).set({ createdAt: new Date(s.createdAt) }).where(eq(reports.id, id[key as Key]));
  await db.update(reports).set({ createdAt: new Date(CITIZEN_CREATED) }).where(eq(reports.id, id.citizen));
});
afterAll(async () => tp?.close());

describe("the data set", () => {
  it("lands in the intended arrondissements and préfectures", async () => {
    const byKey = new Map((await all("")).map((i) => [keyOf.get(i.ref), i]));
    expect(byKey.size).toBe(8);
    expect(byKey.get("potholeFr")).toMatchObject({ area: "maarif" });
    expect(byKey.get("lampFr")).toMatchObject({ area: "sidi-belyout", priority: 90 });
    expect(byKey.get("potholeEn")).toMatchObject({ area: "hay-hassani", state: "in_progress" });
    expect(byKey.get("signalAr")).toMatchObject({ area: "sidi-moumen", language: "ar" });
    expect(byKey.get("leakFr")).toMatchObject({ state: "fixed" });
    const prefectureOf = async (key: Key) => (await anon.get(`/api/reports/${ref[key]}`)).body.report.prefecture;
    expect(await prefectureOf("potholeFr")).toBe("pref-casablanca-anfa");
    expect(await prefectureOf("potholeEn")).toBe("pref-hay-hassani");
    expect(await prefectureOf("signalAr")).toBe("pref-sidi-bernoussi");
  });
});

describe("filters", () => {
  it("bbox returns only the reports inside the box", async () => {
    const { lat, lon } = places.sidiBelyout;
    expect(await keys(`bbox=${lon - 0.002},${lat - 0.002},${lon + 0.002},${lat + 0.002}`)).toEqual(["lampFr", "lightingFr"]);
    const m = places.maarif;
    expect(await keys(`bbox=${m.lon - 0.001},${m.lat - 0.001},${m.lon + 0.001},${m.lat + 0.001}`)).toEqual(["citizen", "potholeFr", "wasteDarija"]);
    // A box over the city centre holds Maârif and Sidi Belyout, not Hay Hassani or Sidi Moumen.
    expect(await keys("bbox=-7.64,33.58,-7.61,33.60")).toEqual(["citizen", "lampFr", "lightingFr", "potholeFr", "wasteDarija"]);
    // The open sea holds nothing.
    expect(await keys("bbox=-7.75,33.62,-7.72,33.66")).toEqual([]);
  });

  it("area takes arrondissement codes and préfecture codes", async () => {
    expect(await keys("area=maarif")).toEqual(["citizen", "potholeFr", "wasteDarija"]);
    expect(await keys("area=maarif,hay-hassani")).toEqual(["citizen", "leakFr", "potholeEn", "potholeFr", "wasteDarija"]);
    expect(await keys("area=pref-casablanca-anfa")).toEqual(["citizen", "lampFr", "lightingFr", "potholeFr", "wasteDarija"]);
    expect(await keys("area=pref-sidi-bernoussi")).toEqual(["signalAr"]);
    expect(await keys("area=anfa")).toEqual([]);
  });

  it("category takes a comma list", async () => {
    expect(await keys("category=street_lighting")).toEqual(["lampFr", "lightingFr"]);
    expect(await keys("category=street_lighting,water_leak")).toEqual(["lampFr", "leakFr", "lightingFr"]);
    expect(await keys("category=road_damage")).toEqual(["citizen", "potholeEn", "potholeFr"]);
  });

  it("state filters among public states, and an unconfirmed report never shows", async () => {
    expect(await keys("state=fixed")).toEqual(["leakFr"]);
    expect(await keys("state=in_progress,fixed")).toEqual(["leakFr", "potholeEn"]);
    expect(await keys("state=confirmed")).toEqual(["citizen", "lampFr", "lightingFr", "potholeFr", "signalAr", "wasteDarija"]);
    expect(await keys("state=open")).toEqual([]);
    expect(await keys("state=open,fixed")).toEqual(["leakFr"]);
  });

  it("authority takes authority codes; an unknown one is a 400 naming the field", async () => {
    expect(await keys("authority=eclairage-public")).toEqual(["lampFr", "lightingFr"]);
    expect(await keys("authority=voirie,srm-casablanca-settat")).toEqual(["citizen", "leakFr", "potholeEn", "potholeFr"]);
    const r = await anon.get("/api/reports?authority=ministry-of-magic");
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body.field).toBe("authority");
  });

  it("from/to take dates (to is inclusive of its day) and date-times", async () => {
    expect(await keys("from=2025-03-03&to=2025-03-05")).toEqual(["potholeEn", "signalAr", "wasteDarija"]);
    expect(await keys("from=2025-03-07")).toEqual(["citizen", "leakFr"]);
    expect(await keys("to=2025-03-01")).toEqual(["lampFr", "potholeFr"]);
    expect(await keys("from=2025-03-04T09:00:00Z&to=2025-03-05T09:00:00Z")).toEqual(["signalAr"]);
    expect(await keys("from=2025-03-04T12:00:00%2B01:00&to=2025-03-04T12:00:00%2B02:00")).toEqual([]);
    expect(await keys("from=2025-03-04T10:30:00%2B01:00&to=2025-03-04T12:30:00%2B02:00")).toEqual(["signalAr"]);
    expect(await keys("from=2024-01-01&to=2024-12-31")).toEqual([]);
  });

  it("filters combine", async () => {
    expect(await keys("area=pref-casablanca-anfa&category=road_damage")).toEqual(["citizen", "potholeFr"]);
    expect(await keys("area=pref-casablanca-anfa&category=street_lighting&from=2025-03-02")).toEqual(["lightingFr"]);
    expect(await keys("authority=voirie&state=in_progress")).toEqual(["potholeEn"]);
    expect(await keys("category=road_damage&q=pothole")).toEqual(["citizen", "potholeEn"]);
    expect(await keys("bbox=-7.64,33.58,-7.61,33.60&q=lampadaire")).toEqual(["lampFr", "lightingFr"]);
    expect(await keys("area=hay-hassani&state=confirmed")).toEqual([]);
  });
});

describe("wide boxes", () => {
  it("looking among the newest reports first gives the same pages as the spatial index, or falls back to it", async () => {
    const db = tp.platform.ctx.database.db;
    const cityId = tp.platform.ctx.cities.all()[0]!.id;
    const boxes: [number, number, number, number][] = [[-7.64, 33.58, -7.61, 33.60], [-7.8, 33.4, -7.4, 33.7], [-7.75, 33.62, -7.72, 33.66]];
    for (const bbox of boxes) {
      for (const sort of ["newest", "priority"] as const) {
        const walk = async (opts: { strategy: "spatial" | "recent-first"; recentWindow?: number }) => {
          const pages: string[][] = [];
          let cursor: ListCursor | undefined;
          for (let i = 0; i < 10; i++) {
            const rows = await listReports(db, { cityId, states: [...publicStates], bbox }, { sort, limit: 3, cursor, ...opts });
            pages.push(rows.slice(0, 2).map((r) => r.ref));
            const last = rows[1];
            if (rows.length < 3 || !last) break;
            cursor = { c: last.createdAt.toISOString(), i: last.id, p: last.priority };
          }
          return pages;
        };
        const spatial = await walk({ strategy: "spatial" });
        const atSea = bbox[0] === -7.75;
        expect(spatial.flat().length > 2, `${bbox}`).toBe(!atSea);
        expect(await walk({ strategy: "recent-first" }), `${sort} ${bbox}`).toEqual(spatial);
        // A window too small to fill a page falls back to the spatial index.
        expect(await walk({ strategy: "recent-first", recentWindow: 2 }), `${sort} ${bbox} window 2`).toEqual(spatial);
      }
    }
  });
});

describe("text search", () => {
  it("French with and without accents, in any case", async () => {
    const both = ["lampFr", "lightingFr"];
    expect(await search("éclairage")).toEqual(both);
    expect(await search("eclairage")).toEqual(both);
    expect(await search("ÉCLAIRAGE")).toEqual(both);
    expect(await search("chaussee")).toEqual(["potholeFr"]);
    expect(await search("défaillant")).toEqual(["lightingFr"]);
  });

  it("French stemming: singular finds plural and back", async () => {
    expect(await search("lampadaires")).toEqual(["lampFr", "lightingFr"]);
    expect(await search("lampadaire")).toEqual(["lampFr", "lightingFr"]);
    expect(await search("fuites")).toEqual(["leakFr"]);
    // Several words must all be there.
    expect(await search("lampadaire cassé")).toEqual(["lightingFr"]);
  });

  it("English stemming", async () => {
    expect(await search("potholes")).toEqual(["citizen", "potholeEn"]);
    expect(await search("pothole")).toEqual(["citizen", "potholeEn"]);
    expect(await search("swerving")).toEqual(["citizen", "potholeEn"]);
    expect(await search("schools")).toEqual(["potholeEn"]);
  });

  it("Arabic: hamza forms, taa marbuta typed as haa, and diacritics meet", async () => {
    expect(await search("الإشارة")).toEqual(["signalAr"]);
    expect(await search("الاشاره")).toEqual(["signalAr"]);
    expect(await search("مُعَطَّلَة")).toEqual(["signalAr"]);
    expect(await search("معطله")).toEqual(["signalAr"]);
    expect(await search("المدرسـة")).toEqual(["signalAr"]);
  });

  it("Arabic stemming: the article, prefixes and plurals", async () => {
    // الشارع ↔ شارع (article), بالشارع (preposition + article).
    expect(await search("شارع")).toEqual(["signalAr"]);
    expect(await search("بالشارع")).toEqual(["signalAr"]);
    // The plural الإشارات finds the singular الإشارة, with its article and taa marbuta.
    expect(await search("الإشارات")).toEqual(["signalAr"]);
    expect(await search("بالإشارة")).toEqual(["signalAr"]);
    expect(await search("للمدرسة")).toEqual(["signalAr"]);
    expect(await search("المعطلة")).toEqual(["signalAr"]);
    expect(await search("الرئيسية")).toEqual(["signalAr"]);
  });

  it("Darija words as they are written", async () => {
    expect(await search("ماكاينش")).toEqual(["wasteDarija"]);
    expect(await search("الزبل")).toEqual(["wasteDarija"]);
    expect(await search("خانزة")).toEqual(["wasteDarija"]);
    expect(await search("خانزه")).toEqual(["wasteDarija"]);
    expect(await search("سيمانة")).toEqual(["wasteDarija"]);
  });

  it("finds nothing it should not: other words, unconfirmed reports", async () => {
    expect(await search("zebracrossing")).toEqual([]);
    expect(await search("piéton")).toEqual([]);
    expect(await search("tramway")).toEqual([]);
    expect(await search("الماء")).toEqual([]);
  });

  it("an over-long query is a 400 naming q", async () => {
    const r = await anon.get(`/api/reports?q=${"a".repeat(201)}`);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe("q");
  });
});

describe("cursor pagination", () => {
  const newestFirst = ["citizen", "leakFr", "lightingFr", "wasteDarija", "signalAr", "potholeEn"] as Key[];

  it("limit=2 walks every report once, newest first (equal times ordered by id)", async () => {
    const pages: any[][] = [];
    let cursor: string | null = null;
    do {
      const r: any = await anon.get(`/api/reports?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.status).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(2);
      pages.push(r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor && pages.length < 20);
    expect(pages).toHaveLength(4);
    expect(pages.every((p) => p.length === 2)).toBe(true);
    const order = pages.flat().map((i) => keyOf.get(i.ref));
    // potholeFr and lampFr share a creation time: higher id first.
    const tied = (["potholeFr", "lampFr"] as Key[]).sort((a, b) => (id[a] < id[b] ? 1 : -1));
    expect(order).toEqual([...newestFirst, ...tied]);
    expect(order).not.toContain(undefined);
  });

  it("pages a filtered list too", async () => {
    const items = await all("area=pref-casablanca-anfa", 2);
    expect(items.map((i) => keyOf.get(i.ref))).toEqual(["citizen", "lightingFr", "wasteDarija", ...(["potholeFr", "lampFr"] as Key[]).sort((a, b) => (id[a] < id[b] ? 1 : -1))]);
    const last = await anon.get("/api/reports?area=pref-casablanca-anfa&limit=5");
    expect(last.body.items).toHaveLength(5);
    expect(last.body.nextCursor).toBeNull();
  });

  it("sort=priority orders by priority, then newest first, across pages", async () => {
    const items = await all("sort=priority", 2);
    expect(items).toHaveLength(8);
    expect(keyOf.get(items[0].ref)).toBe("lampFr");
    const expected = [...items].sort((a, b) => b.priority - a.priority || Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : -1));
    expect(items.map((i) => i.ref)).toEqual(expected.map((i) => i.ref));
    expect(new Set(items.map((i) => i.priority)).size).toBeGreaterThan(2);
    // Priorities are triage's urgency scores: a severity-3 pothole comes before a severity-2 lamp of the same words.
    const priorityOf = (key: Key) => items.find((i) => keyOf.get(i.ref) === key)!.priority;
    expect(priorityOf("potholeFr")).toBeGreaterThan(priorityOf("lightingFr"));
  });

  it("a tampered or foreign cursor is a 400 naming cursor", async () => {
    const first = await anon.get("/api/reports?limit=2");
    const good: string = first.body.nextCursor;
    const decoded = JSON.parse(Buffer.from(good, "base64url").toString("utf8"));
    const bad = [
      "not-a-cursor",
      good.slice(0, -3),
      Buffer.from(JSON.stringify({ ...decoded, i: "x' or 1=1 --" })).toString("base64url"),
      Buffer.from(JSON.stringify({ ...decoded, c: "yesterday" })).toString("base64url"),
      Buffer.from(JSON.stringify({ ...decoded, p: 1.5 })).toString("base64url"),
      Buffer.from(JSON.stringify([1, 2])).toString("base64url"),
      Buffer.from("null").toString("base64url"),
    ];
    for (const cursor of bad) {
      const r = await anon.get(`/api/reports?limit=2&cursor=${encodeURIComponent(cursor)}`);
      expect(r.status, cursor).toBe(400);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body.field).toBe("cursor");
    }
    // The genuine cursor still works.
    expect((await anon.get(`/api/reports?limit=2&cursor=${good}`)).status).toBe(200);
  });
});

describe("GeoJSON", () => {
  it("is a FeatureCollection of [lon, lat] points with the list's properties", async () => {
    const r = await anon.get("/api/reports?format=geojson&category=street_lighting");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    expect(r.body.type).toBe("FeatureCollection");
    expect(r.body.features).toHaveLength(2);
    for (const f of r.body.features) {
      expect(f.type).toBe("Feature");
      expect(f.id).toBe(f.properties.ref);
      expect(f.geometry).toEqual({ type: "Point", coordinates: [places.sidiBelyout.lon, places.sidiBelyout.lat] });
      expect(f.properties).toMatchObject({ category: "street_lighting", area: "sidi-belyout" });
      expect(f.properties.lat).toBeUndefined();
    }
    expect(r.body.features.map((f: any) => keyOf.get(f.id))).toEqual(["lightingFr", "lampFr"]);
    expect(r.body.nextCursor).toBeNull();
  });

  it("pages like the JSON list", async () => {
    const r = await anon.get("/api/reports?format=geojson&limit=3&area=maarif,hay-hassani");
    expect(r.body.features.map((f: any) => keyOf.get(f.id))).toEqual(["citizen", "leakFr", "wasteDarija"]);
    expect(r.body.features[1].geometry.coordinates).toEqual([places.hayHassani.lon, places.hayHassani.lat]);
    const next = await anon.get(`/api/reports?format=geojson&limit=3&area=maarif,hay-hassani&cursor=${r.body.nextCursor}`);
    expect(next.body.features.map((f: any) => keyOf.get(f.id))).toEqual(["potholeEn", "potholeFr"]);
    expect(next.body.nextCursor).toBeNull();
  });
});

describe("privacy", () => {
  it("no unconfirmed report, reporter e-mail, phone or name appears in any list output", async () => {
    const outputs = [
      await anon.get("/api/reports?limit=500"),
      await anon.get("/api/reports?format=geojson&limit=500"),
      await anon.get("/api/reports?q=zebracrossing"),
      await anon.get("/api/reports?state=open"),
      await anon.get("/api/reports?sort=priority&limit=3"),
    ];
    for (const r of outputs) {
      expect(r.status).toBe(200);
      const text = JSON.stringify(r.body);
      expect(text).not.toContain(unconfirmedRef);
      expect(text).not.toContain("@");
      expect(text).not.toContain(citizenEmail);
      expect(text).not.toContain(adminEmail);
      expect(text).not.toContain("600 000 000");
      expect(text).not.toContain("Amina");
      expect(text).not.toMatch(/"reporter"|reporterEmail|reporterPhone|"email"|"phone"/);
    }
    const everything = (await all("")).map((i) => i.ref);
    expect(everything).toHaveLength(8);
    expect(everything).not.toContain(unconfirmedRef);
    // The unconfirmed one does exist: it is held back, not lost.
    const held = await tp.platform.ctx.database.db.select({ state: reports.state }).from(reports).where(inArray(reports.ref, [unconfirmedRef]));
    expect(held).toEqual([{ state: "open" }]);
  });
});

describe("bad query values are a 400 problem naming the field", () => {
  const cases: [string, string][] = [
    ["bbox=1,2,3", "bbox"],
    ["bbox=1,2,3,4,5", "bbox"],
    ["bbox=a,b,c,d", "bbox"],
    ["bbox=-7.6,95,-7.5,96", "bbox"],
    ["bbox=-7.5,33.5,-7.6,33.6", "bbox"],
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["limit=ten", "limit"],
    ["state=unknown", "state"],
    ["state=confirmed,unknown", "state"],
    ["category=Road Damage", "category"],
    ["sort=oldest", "sort"],
    ["format=kml", "format"],
    ["from=yesterday", "from"],
    ["to=2025-13-45", "to"],
  ];
  it.each(cases)("%s", async (query, field) => {
    const r: Reply = await anon.get(`/api/reports?${query}`);
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body).toMatchObject({ status: 400, type: "https://baladiya.org/problems/validation" });
    expect(r.body.field).toBe(field);
  });
});

describe("caching", () => {
  it("answers with an ETag, and If-None-Match with 304 and no body", async () => {
    const first = await anon.get("/api/reports?area=maarif");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await anon.get("/api/reports?area=maarif", { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
    expect((await anon.get("/api/reports?area=hay-hassani")).headers.get("etag")).not.toBe(etag);
  });

  it("shows a change at once: a new public report, then its state change", async () => {
    const before = await anon.get("/api/reports?area=sidi-moumen");
    const { ref: fresh } = await newConfirmedReport(tp, { ...places.sidiMoumen });
    const after = await anon.get("/api/reports?area=sidi-moumen", { "if-none-match": before.headers.get("etag")! });
    expect(after.status).toBe(200);
    expect(after.body.items.map((i: { ref: string }) => i.ref)).toContain(fresh);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect((await admin.post(`/api/reports/${fresh}/updates`, { text: "Équipe envoyée.", state: "in_progress" })).status).toBe(201);
    const moved = await anon.get("/api/reports?area=sidi-moumen");
    expect(moved.body.items.find((i: { ref: string }) => i.ref === fresh)?.state).toBe("in_progress");
  });
});
