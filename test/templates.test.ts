/**
 * Response templates over real HTTP: the pack's defaults seeded once with the city, staff
 * reading those that fit a report, city admins writing them (ar, fr and en all required).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CityPackError, CityRegistry, loadCityPack } from "../src/cities/index.ts";
import { cities } from "../src/db/schema.ts";
import { seedTemplates } from "../src/templates/index.ts";
import { Client } from "./support/http.ts";
import { newCitizen, newStaff } from "./support/factories.ts";
import { freshDatabase, openTestDatabase, startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let anonymous: Client;
let citizen: Client;
let voirie: Client;
let admin: Client;

beforeAll(async () => {
  tp = await startTestPlatform();
  anonymous = new Client(tp.url);
  citizen = await newCitizen(tp);
  voirie = await newStaff(tp, "voirie");
  admin = await newStaff(tp, null, "city_admin");
});
afterAll(async () => tp?.close());

const packTemplates = loadCityPack(path.resolve("data/cities"), "casablanca").templates;

const valid = {
  category: "road_damage",
  state: "action_scheduled",
  title: { ar: "إصلاح مبرمج", fr: "Réfection programmée", en: "Repair scheduled" },
  body: { ar: "ستتم إعادة تهيئة الطريق خلال هذا الأسبوع.", fr: "La chaussée sera refaite cette semaine.", en: "The road will be resurfaced this week." },
};

describe("the city's default templates", () => {
  it("are seeded from the pack when the city is created, in ar, fr and en", async () => {
    const r = await admin.get("/api/admin/templates");
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(packTemplates.length);
    expect(packTemplates.length).toBeGreaterThanOrEqual(4);
    for (const t of r.body.items) {
      for (const lang of ["ar", "fr", "en"]) {
        expect(t.title[lang].trim()).not.toBe("");
        expect(t.body[lang].trim()).not.toBe("");
      }
      expect(t.title.ar).toMatch(/\p{Script=Arabic}/u);
    }
    expect(r.body.items.map((t: any) => t.state)).toEqual(expect.arrayContaining([null, "in_progress", "action_scheduled", "fixed", "not_responsible"]));
  });

  it("are seeded once: re-opening the city, even with a changed pack, adds nothing and brings back nothing deleted", async () => {
    const before = (await admin.get("/api/admin/templates")).body.items;
    const gone = before.find((t: any) => t.state === "closed");
    expect((await admin.delete(`/api/admin/templates/${gone.id}`)).status).toBe(204);

    const { db } = tp.platform.ctx.database;
    await db.execute(sql`update cities set pack_hash = 'an older pack'`);
    const registry = new CityRegistry(db, { onCityCreated: seedTemplates });
    await registry.open(tp.config.citiesDir, tp.config.citySlug);
    await registry.open(tp.config.citiesDir, tp.config.citySlug);

    const after = (await admin.get("/api/admin/templates")).body.items;
    expect(after).toHaveLength(before.length - 1);
    expect(after.map((t: any) => t.id)).not.toContain(gone.id);
  });
});

describe("a city pack's templates.json", () => {
  const copyPack = (edit: (templates: any[]) => void) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-pack-"));
    fs.cpSync(path.resolve("data/cities/casablanca"), path.join(dir, "casablanca"), { recursive: true });
    const file = path.join(dir, "casablanca", "templates.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    edit(json.templates);
    fs.writeFileSync(file, JSON.stringify(json));
    return dir;
  };

  it("is refused by the loader with an unknown category or a missing language, naming the field", () => {
    const unknown = copyPack((t) => { t[0].category = "potholes"; });
    expect(() => loadCityPack(unknown, "casablanca")).toThrow(CityPackError);
    expect(() => loadCityPack(unknown, "casablanca")).toThrow(/templates\.json: field templates\.0\.category: unknown category "potholes"/);
    const noArabic = copyPack((t) => { delete t[1].body.ar; });
    expect(() => loadCityPack(noArabic, "casablanca")).toThrow(/templates\.json: field templates\.1\.body\.ar/);
  });

  it("with an unknown state stops a new city's start, naming the field, and creates nothing", async () => {
    const dir = copyPack((t) => { t[2].state = "done"; });
    const testDb = await freshDatabase();
    const database = await openTestDatabase(testDb);
    try {
      await expect(startTestPlatform({ testDb, database, env: { CITIES_DIR: dir } })).rejects.toThrow(/templates\.json: field templates\.2\.state/);
      // The seed runs in the city's own transaction: no half-created city is left to skip it next time.
      expect(await database.db.select().from(cities)).toEqual([]);
    } finally {
      await database.close();
      await testDb.drop();
    }
  });
});

describe("GET /api/staff/templates", () => {
  it("gives staff the templates of the report's category and target state, specific ones first, then those for any", async () => {
    const r = await voirie.get("/api/staff/templates?category=road_damage&state=fixed");
    expect(r.status).toBe(200);
    const items = r.body.items as any[];
    expect(items[0]).toMatchObject({ category: "road_damage", state: "fixed" });
    for (const t of items) {
      expect([null, "road_damage"]).toContain(t.category);
      expect([null, "fixed"]).toContain(t.state);
    }
    expect(items.some((t) => t.category === null && t.state === "fixed")).toBe(true);
    expect(items.some((t) => t.state === null)).toBe(true);
    expect(items.some((t) => t.category === "street_lighting")).toBe(false);

    const lighting = (await voirie.get("/api/staff/templates?category=street_lighting&state=fixed")).body.items;
    expect(lighting[0]).toMatchObject({ category: "street_lighting" });
    expect(lighting.some((t: any) => t.category === "road_damage")).toBe(false);
    expect((await voirie.get("/api/staff/templates")).body.items.length).toBeGreaterThanOrEqual(items.length);
  });

  it("names the field of an unknown category or state", async () => {
    for (const [q, field] of [["category=potholes", "category"], ["state=done", "state"], ["state=open", "state"]]) {
      const r = await voirie.get(`/api/staff/templates?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.field, q).toBe(field);
    }
  });

  it("is 401 anonymous and 403 for citizens", async () => {
    expect((await anonymous.get("/api/staff/templates")).status).toBe(401);
    const r = await citizen.get("/api/staff/templates");
    expect(r.status).toBe(403);
    expect(r.body.type).toBe("https://baladiya.org/problems/forbidden");
  });
});

describe("/api/admin/templates", () => {
  it("lets a city admin create, change and delete a template that staff then see", async () => {
    const created = await admin.post("/api/admin/templates", valid);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(valid);
    const id = created.body.id as string;
    const seen = await voirie.get("/api/staff/templates?category=road_damage&state=action_scheduled");
    expect(seen.body.items[0]).toMatchObject({ id, title: valid.title });

    const changed = { ...valid, category: null, title: { ...valid.title, fr: "Travaux programmés" } };
    const put = await admin.request("PUT", `/api/admin/templates/${id}`, { json: changed });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id, category: null, title: { fr: "Travaux programmés" } });
    expect(new Date(put.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.body.updatedAt).getTime());
    expect((await voirie.get("/api/staff/templates?category=street_lighting&state=action_scheduled")).body.items.map((t: any) => t.id)).toContain(id);

    expect((await admin.delete(`/api/admin/templates/${id}`)).status).toBe(204);
    expect((await admin.get("/api/admin/templates")).body.items.map((t: any) => t.id)).not.toContain(id);
    expect((await admin.delete(`/api/admin/templates/${id}`)).status).toBe(404);
    expect((await admin.request("PUT", `/api/admin/templates/${id}`, { json: valid })).status).toBe(404);
  });

  it("requires a title and a body in all three languages, and a known category and state, naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ ...valid, title: { fr: valid.title.fr, en: valid.title.en } }, "title.ar"],
      [{ ...valid, body: { ...valid.body, fr: "   " } }, "body.fr"],
      [{ ...valid, title: { ...valid.title, en: "" } }, "title.en"],
      [{ ...valid, body: undefined }, "body"],
      [{ ...valid, state: "finished" }, "state"],
      [{ ...valid, category: "potholes" }, "category"],
    ];
    const count = (await admin.get("/api/admin/templates")).body.items.length;
    for (const [body, field] of cases) {
      const r = await admin.post("/api/admin/templates", body);
      expect(r.status, field).toBe(400);
      expect(r.body.field, field).toBe(field);
    }
    expect((await admin.get("/api/admin/templates")).body.items).toHaveLength(count);
  });

  it("is 401 anonymous, 403 for citizens and staff, and changes nothing", async () => {
    const [first] = (await admin.get("/api/admin/templates")).body.items;
    expect((await anonymous.get("/api/admin/templates")).status).toBe(401);
    for (const client of [citizen, voirie]) {
      expect((await client.get("/api/admin/templates")).status).toBe(403);
      expect((await client.post("/api/admin/templates", valid)).status).toBe(403);
      expect((await client.request("PUT", `/api/admin/templates/${first.id}`, { json: valid })).status).toBe(403);
      expect((await client.delete(`/api/admin/templates/${first.id}`)).status).toBe(403);
    }
    const after = (await admin.get("/api/admin/templates")).body.items;
    expect(after.find((t: any) => t.id === first.id)).toEqual(first);
  });
});
