/**
 * Open311 GeoReport v2 over real HTTP, as a client written by someone else sees it (plain
 * fetch, form bodies, multipart with a `media` file). Every JSON answer is validated against
 * the GeoReport v2 JSON Schemas of the open311/schema-validation project (test/open311-schemas),
 * every XML answer is parsed and checked field by field. Reports filed this way go through
 * the web app's createReport: routing, triage, photos, mails.
 */
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "./support/http.ts";
import { newStaff, places } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const SCHEMAS = path.join(import.meta.dirname, "open311-schemas");
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
for (const file of fs.readdirSync(SCHEMAS).filter((f) => f.endsWith(".json"))) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), "utf8")));

type SchemaName = "services" | "service-definition" | "requests" | "post-response" | "token" | "errors" | "discovery" | "servicerequestupdates";
function expectValid(schema: SchemaName, body: unknown) {
  const validate = ajv.getSchema(`${schema}.json`)!;
  const ok = validate(body);
  expect(ok, `${schema}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`).toBe(true);
}

const LISTS = ["service", "attribute", "value", "request", "error", "request_update", "endpoint", "format"];
const xmlParser = new XMLParser({ parseTagValue: false, isArray: (name) => LISTS.includes(name) });
/** Every value as the text on the wire; an empty element is "". */
const parseXml = (text: string) => xmlParser.parse(text) as Record<string, any>;

/** ISO 8601 with an explicit offset (Casablanca is +01:00). */
const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

let tp: TestPlatform;
let base: string;
let apiKey: string;
let voirie: Client;
let admin: Client;

interface Answer { status: number; type: string; text: string; json: any }
async function call(method: string, url: string, body?: URLSearchParams | FormData): Promise<Answer> {
  const res = await fetch(base + url, { method, body });
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, text, json: type.includes("json") ? JSON.parse(text) : undefined };
}
const get = (url: string) => call("GET", url);
const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p;
};

let photo: Buffer;
const PRIVATE = { email: "open311.reporter@example.org", first_name: "Youssef", last_name: "Alaoui", phone: "+212 611 223 344" };

function expectNoPersonalData(text: string) {
  for (const v of [PRIVATE.email, PRIVATE.first_name, PRIVATE.last_name, "611 223 344"]) expect(text).not.toContain(v);
}

function expectJsonError(a: Answer, status: number, mentions?: string) {
  expect(a.status).toBe(status);
  expect(a.type).toContain("application/json");
  expectValid("errors", a.json);
  expect(a.json[0].code).toBe(status);
  if (mentions) expect(a.json[0].description).toContain(mentions);
}

function expectXmlError(a: Answer, status: number, mentions?: string) {
  expect(a.status).toBe(status);
  expect(a.type).toContain("text/xml");
  const errors = parseXml(a.text).errors.error;
  expect(errors).toHaveLength(1);
  expect(errors[0].code).toBe(String(status));
  expect(errors[0].description.length).toBeGreaterThan(0);
  if (mentions) expect(errors[0].description).toContain(mentions);
}

beforeAll(async () => {
  tp = await startTestPlatform();
  base = `${tp.url}/open311/v2`;
  admin = await newStaff(tp, null, "city_admin");
  voirie = await newStaff(tp, "voirie");
  const created = await admin.post("/api/admin/open311/clients", { name: "Casa 311 app", contactEmail: "dev@casa311.example.org" });
  expect(created.status).toBe(201);
  apiKey = created.body.apiKey;
  photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#a05030" } }).jpeg().toBuffer();
});

afterAll(async () => {
  await tp?.close();
});

describe("API clients (city admins)", () => {
  it("issues a key shown once, lists clients without it, and only for admins", async () => {
    const list = await admin.get("/api/admin/open311/clients");
    expect(list.status).toBe(200);
    const mine = list.body.find((c: any) => c.name === "Casa 311 app");
    expect(mine).toMatchObject({ contactEmail: "dev@casa311.example.org", keyHint: apiKey.slice(-4), rateLimitPerMinute: 60, revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(apiKey);
    expect((await voirie.get("/api/admin/open311/clients")).status).toBe(403);
    expect((await new Client(tp.url).post("/api/admin/open311/clients", { name: "Anonymous" })).status).toBe(401);
  });

  it("a revoked key is refused with the spec's 403", async () => {
    const other = await admin.post("/api/admin/open311/clients", { name: "Old integration" });
    const fields = { api_key: other.body.apiKey, service_code: "road_damage", lat: String(places.maarif.lat), long: String(places.maarif.lon), description: "Nid de poule profond devant la pharmacie" };
    expect((await call("POST", "/requests.json", form(fields))).status).toBe(200);
    const revoked = await admin.delete(`/api/admin/open311/clients/${other.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expectJsonError(await call("POST", "/requests.json", form(fields)), 403, "api_key");
    expectXmlError(await call("POST", "/requests.xml", form(fields)), 403, "api_key");
  });
});

describe("discovery and services", () => {
  it("discovery names this endpoint and both formats", async () => {
    const json = await get("/discovery.json");
    expect(json.status).toBe(200);
    expectValid("discovery", json.json);
    expect(json.json.endpoints[0]).toMatchObject({ specification: "http://wiki.open311.org/GeoReport_v2", url: `${tp.url}/open311/v2`, type: "production", formats: ["text/xml", "application/json"] });
    expect(json.json.changeset).toMatch(ISO_OFFSET);
    const xml = parseXml((await get("/discovery.xml")).text).discovery;
    expect(xml.endpoints.endpoint[0].url).toBe(`${tp.url}/open311/v2`);
    expect(xml.endpoints.endpoint[0].formats.format).toEqual(["text/xml", "application/json"]);
    expect(xml.changeset).toBe(json.json.changeset);
  });

  it("services: a bare JSON array valid against the schema, the same fields in XML", async () => {
    const json = await get("/services.json");
    expect(json.status).toBe(200);
    expect(json.type).toContain("application/json");
    expectValid("services", json.json);
    expect(json.json).toHaveLength(16);
    const road = json.json.find((s: any) => s.service_code === "road_damage");
    expect(road).toMatchObject({ metadata: true, type: "realtime" });
    expect(typeof road.service_name).toBe("string");
    const xml = await get("/services.xml");
    expect(xml.type).toContain("text/xml");
    expect(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const services = parseXml(xml.text).services.service;
    expect(services).toHaveLength(json.json.length);
    for (const [i, s] of services.entries()) {
      const j = json.json[i];
      expect(Object.keys(s)).toEqual(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]);
      expect(s.service_code).toBe(j.service_code);
      expect(s.service_name).toBe(j.service_name);
      expect(s.description).toBe(j.description ?? "");
      expect(s.metadata).toBe(String(j.metadata));
      expect(s.type).toBe("realtime");
      expect(s.keywords).toBe(j.keywords ?? "");
      expect(s.group).toBe(j.group ?? "");
    }
    // The language follows Accept-Language (or ?lang=).
    const ar = await get("/services.json?lang=ar");
    expect(ar.json.find((s: any) => s.service_code === "road_damage").service_name).not.toBe(road.service_name);
  });

  it("service definitions carry the category's extra questions as attributes", async () => {
    const road = await get("/services/road_damage.json?lang=en");
    expect(road.status).toBe(200);
    expectValid("service-definition", road.json);
    expect(road.json.service_code).toBe("road_damage");
    expect(road.json.attributes[0]).toEqual({
      variable: true, code: "size", datatype: "singlevaluelist", required: false, datatype_description: "One of the keys listed in values", order: 1,
      description: "About how big is the hole?",
      values: [
        { key: "small", name: "Small (under 30 cm)" }, { key: "medium", name: "Medium (30 cm to 1 m)" }, { key: "large", name: "Large (over 1 m)" },
      ],
    });
    const lighting = await get("/services/street_lighting.json");
    expectValid("service-definition", lighting.json);
    expect(lighting.json.attributes.map((a: any) => [a.code, a.datatype, a.order])).toEqual([["pole_number", "string", 1], ["lights_out", "number", 2], ["pattern", "singlevaluelist", 3]]);
    expect(lighting.json.attributes[0].values).toBeUndefined();
    const roadAr = await get("/services/road_damage.json?lang=ar");
    expect(roadAr.json.attributes[0].datatype_description).toBe("مفتاح واحد من المفاتيح الواردة في values");
    const danger = await get("/services/dangerous_structure.json");
    expect(danger.json.attributes[0]).toMatchObject({ code: "immediate_danger", required: true });
    const dumping = await get("/services/illegal_dumping.json");
    expect(dumping.json.attributes[0].datatype).toBe("multivaluelist");

    const xml = parseXml((await get("/services/road_damage.xml?lang=en")).text).service_definition;
    expect(xml.service_code).toBe("road_damage");
    const a = xml.attributes.attribute[0];
    expect(Object.keys(a)).toEqual(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"]);
    expect(a).toMatchObject({ variable: "true", code: "size", datatype: "singlevaluelist", required: "false", order: "1", description: "About how big is the hole?" });
    expect(a.values.value).toEqual([
      { key: "small", name: "Small (under 30 cm)" }, { key: "medium", name: "Medium (30 cm to 1 m)" }, { key: "large", name: "Large (over 1 m)" },
    ]);
    expectJsonError(await get("/services/no_such_service.json"), 404, "service_code");
    expectXmlError(await get("/services/no_such_service.xml"), 404);
  });
});

describe("a client files a request and follows it", () => {
  let jsonRef: string;
  let xmlRef: string;

  it("JSON: multipart with an attribute and a photo → token → id → the request, routed and triaged", async () => {
    const body = new FormData();
    for (const [k, v] of Object.entries({
      api_key: apiKey, service_code: "road_damage", lat: String(places.maarif.lat), long: String(places.maarif.lon),
      description: "Grand trou dans la chaussée boulevard Zerktouni, les voitures font des écarts dangereux\nIl est là depuis deux semaines.",
      "attribute[size]": "large", ...PRIVATE,
    })) body.append(k, v);
    body.append("media", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "trou.jpg");
    const posted = await call("POST", "/requests.json", body);
    expect(posted.status, posted.text).toBe(200);
    expectValid("post-response", posted.json);
    const { token, service_request_id } = posted.json[0];
    expect(token).toMatch(/^[0-9a-f]{32}$/);

    const tokenAnswer = await get(`/tokens/${token}.json`);
    expect(tokenAnswer.status).toBe(200);
    expectValid("token", tokenAnswer.json);
    expect(tokenAnswer.json).toEqual([{ service_request_id, token }]);
    jsonRef = tokenAnswer.json[0].service_request_id;
    expect(jsonRef).toMatch(/^CAS-\d{4}-\d+$/);

    const read = await get(`/requests/${jsonRef}.json?lang=fr`);
    expect(read.status).toBe(200);
    expectValid("requests", read.json);
    expect(read.json).toHaveLength(1);
    const r = read.json[0];
    expect(r).toMatchObject({
      service_request_id: jsonRef, status: "open", status_notes: null, service_code: "road_damage",
      description: "Grand trou dans la chaussée boulevard Zerktouni, les voitures font des écarts dangereux\nIl est là depuis deux semaines.",
      address_id: null, zipcode: null, lat: places.maarif.lat, long: places.maarif.lon,
    });
    expect(r.requested_datetime).toMatch(ISO_OFFSET);
    expect(r.updated_datetime).toMatch(ISO_OFFSET);
    expect(r.expected_datetime).toMatch(ISO_OFFSET);
    expect(r.address).toContain("Casablanca");
    const city = tp.platform.ctx.cities.get(tp.config.citySlug);
    expect(r.agency_responsible).toBe(city.authorityByCode.get("voirie")!.name.fr);
    expect(r.service_name).toBe(city.categories.get("road_damage")!.name.fr);
    expectNoPersonalData(read.text);
    // The photo went through the web app's processing: a re-encoded JPEG served at media_url.
    const image = await fetch(r.media_url);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");

    // Published, routed and triaged like a web report; the contacts kept for staff only.
    const list = await new Client(tp.url).get("/api/reports?category=road_damage&limit=100");
    expect(list.body.items.map((i: any) => i.ref)).toContain(jsonRef);
    expectNoPersonalData(JSON.stringify(list.body));
    const staff = await voirie.get(`/api/reports/${jsonRef}`);
    expect(staff.body.report).toMatchObject({
      state: "confirmed", source: "open311", authority: { code: "voirie" }, attributes: { size: "large" },
      reporter: { email: PRIVATE.email, name: "Youssef Alaoui", phone: PRIVATE.phone, showName: false },
    });
    expect(staff.body.report.priority).toBeGreaterThan(0);
    expect(staff.body.report.triage.urgency.score).toBe(staff.body.report.priority);
    expect(staff.body.report.photos).toHaveLength(1);
    // The reporter is told where it went, as a web reporter is.
    await tp.drain();
    const mails = tp.mailbox.to(PRIVATE.email);
    expect(mails.some((m) => m.text?.includes(jsonRef))).toBe(true);
  });

  it("XML: a form body, a place from the gazetteer and a multi-value attribute", async () => {
    const posted = await call("POST", "/requests.xml", form({
      api_key: apiKey, service_code: "illegal_dumping", address_string: "Devant la Mosquée Hassan II, Casablanca",
      description: "Dépôt sauvage de gravats et de vieux meubles sur le trottoir",
      "attribute[waste_type][]": ["rubble", "bulky"],
    }));
    expect(posted.status, posted.text).toBe(200);
    expect(posted.type).toContain("text/xml");
    const created = parseXml(posted.text).service_requests.request;
    expect(created).toHaveLength(1);
    expect(Object.keys(created[0])).toEqual(["service_request_id", "token"]);
    const tokenXml = parseXml((await get(`/tokens/${created[0].token}.xml`)).text).service_requests.request;
    expect(tokenXml).toEqual([{ service_request_id: created[0].service_request_id, token: created[0].token }]);
    xmlRef = tokenXml[0].service_request_id;

    const read = await get(`/requests/${xmlRef}.xml?lang=en`);
    expect(read.status).toBe(200);
    const [r] = parseXml(read.text).service_requests.request;
    expect(Object.keys(r)).toEqual([
      "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
      "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ]);
    const city = tp.platform.ctx.cities.get(tp.config.citySlug);
    const mosque = city.places.find((p) => p.code === "mosquee-hassan-ii")!;
    expect(r).toMatchObject({
      service_request_id: xmlRef, status: "open", status_notes: "", service_name: city.categories.get("illegal_dumping")!.name.en,
      service_code: "illegal_dumping", description: "Dépôt sauvage de gravats et de vieux meubles sur le trottoir", service_notice: "",
      address_id: "", zipcode: "", lat: String(mosque.lat), long: String(mosque.lon), media_url: "",
    });
    expect(r.requested_datetime).toMatch(ISO_OFFSET);
    expect(r.agency_responsible.length).toBeGreaterThan(0);
    const staff = await admin.get(`/api/reports/${xmlRef}`);
    expect(staff.body.report.attributes).toEqual({ waste_type: ["rubble", "bulky"] });
    expect(staff.body.report.reporter.email).toBeNull();
    expect(staff.body.report.state).toBe("confirmed");
  });

  it("GET requests: filters, status, id list, window; updates with FixMyStreet's status names", async () => {
    const all = await get("/requests.json");
    expectValid("requests", all.json);
    expect(all.json.map((r: any) => r.service_request_id)).toEqual(expect.arrayContaining([jsonRef, xmlRef]));
    expectNoPersonalData(all.text);

    const roads = await get("/requests.json?service_code=road_damage");
    expect(roads.json.every((r: any) => r.service_code === "road_damage")).toBe(true);
    expect(roads.json.map((r: any) => r.service_request_id)).not.toContain(xmlRef);

    // Staff work on the JSON one: in progress with a note, then fixed.
    expect((await voirie.post(`/api/reports/${jsonRef}/updates`, { text: "Équipe envoyée sur place", state: "in_progress" })).status).toBe(201);
    expect((await voirie.post(`/api/reports/${jsonRef}/updates`, { text: "Trou rebouché", state: "fixed" })).status).toBe(201);
    const closed = await get("/requests.json?status=closed");
    expectValid("requests", closed.json);
    const fixed = closed.json.find((r: any) => r.service_request_id === jsonRef);
    expect(fixed).toMatchObject({ status: "closed", status_notes: "Trou rebouché", expected_datetime: null });
    expect((await get("/requests.json?status=open")).json.map((r: any) => r.service_request_id)).not.toContain(jsonRef);

    // Ids override the other filters.
    const byIds = await get(`/requests.json?service_request_id=${xmlRef},${jsonRef}&service_code=road_damage&status=open`);
    expectValid("requests", byIds.json);
    expect(byIds.json.map((r: any) => r.service_request_id)).toEqual([xmlRef, jsonRef]);
    const byIdsXml = parseXml((await get(`/requests.xml?service_request_id=${jsonRef}`)).text).service_requests.request;
    expect(byIdsXml.map((r: any) => [r.service_request_id, r.status])).toEqual([[jsonRef, "closed"]]);

    // A window in the past has nothing; more than 90 days is refused.
    const old = await get("/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z");
    expect(old.json).toEqual([]);
    expect(parseXml((await get("/requests.xml?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z")).text).service_requests).toBe("");
    expectJsonError(await get("/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-06-01T00:00:00Z"), 400, "end_date");
    expectJsonError(await get("/requests.json?status=pending"), 400, "status");
    expectJsonError(await get("/requests.json?start_date=yesterday"), 400, "start_date");
    expectXmlError(await get("/requests/CAS-2020-999999.xml"), 404);

    const updates = await get(`/servicerequestupdates.json?start_date=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`);
    expect(updates.status).toBe(200);
    expectValid("servicerequestupdates", updates.json);
    const mine = updates.json.filter((u: any) => u.service_request_id === jsonRef);
    expect(mine.map((u: any) => [u.status, u.description])).toEqual([["IN_PROGRESS", "Équipe envoyée sur place"], ["FIXED", "Trou rebouché"]]);
    expect(mine[0].updated_datetime).toMatch(ISO_OFFSET);
    const updatesXml = parseXml((await get("/servicerequestupdates.xml")).text).service_request_updates.request_update;
    const mineXml = updatesXml.filter((u: any) => u.service_request_id === jsonRef);
    expect(mineXml.map((u: any) => Object.keys(u))[0]).toEqual(["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url"]);
    expect(mineXml.map((u: any) => u.status)).toEqual(["IN_PROGRESS", "FIXED"]);
    expect(mineXml[1].update_id).toBe(mine[1].update_id);
  });
});

describe("errors are the spec's, never HTML or a stack trace", () => {
  const valid = () => ({ api_key: apiKey, service_code: "road_damage", lat: String(places.maarif.lat), long: String(places.maarif.lon), description: "Trou dans la chaussée" });

  it("400 for what the client got wrong, naming the field", async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{ ...valid(), service_code: "" }, "service_code"],
      [{ ...valid(), service_code: "no_such_service" }, "service_code"],
      [{ api_key: apiKey, service_code: "road_damage", description: "Trou" }, "lat"],
      [{ api_key: apiKey, service_code: "road_damage", address_string: "Quelque part au bout du monde" }, "address_string"],
      [{ ...valid(), lat: String(places.ocean.lat), long: String(places.ocean.lon) }, "lat"],
      [{ ...valid(), lat: "north" }, "lat"],
      [{ ...valid(), description: "x".repeat(4001) }, "description"],
      [{ ...valid(), "attribute[size]": "enormous" }, "attribute[size]"],
      [{ ...valid(), "attribute[colour]": "red" }, "attribute[colour]"],
      [{ ...valid(), service_code: "dangerous_structure" }, "attribute[immediate_danger]"],
      [{ ...valid(), email: "not-an-address" }, "email"],
    ];
    for (const [fields, field] of cases) {
      const json = await call("POST", "/requests.json", form(fields));
      expectJsonError(json, 400, field);
      expect(json.text).not.toMatch(/\bat .+\.ts:\d+/);
      expectXmlError(await call("POST", "/requests.xml", form(fields)), 400, field);
    }
  });

  it("403 without a key or with a wrong one; 404 for unknown paths and jurisdictions", async () => {
    const { api_key: _k, ...noKey } = valid();
    expectJsonError(await call("POST", "/requests.json", form(noKey)), 403, "api_key");
    expectXmlError(await call("POST", "/requests.xml", form({ ...noKey, api_key: "o311_wrong" })), 403, "api_key");
    const notFound = await get("/nothing-here");
    expectXmlError(notFound, 404);
    expect(notFound.text).not.toContain("<html");
    expectJsonError(await get("/requests/CAS-2020-999999.json"), 404);
    expectJsonError(await get("/tokens/0123456789abcdef0123456789abcdef.json"), 404, "token");
    expectJsonError(await get("/services.json?jurisdiction_id=atlantis.example"), 404, "jurisdiction_id");
    expect((await get("/services.json?jurisdiction_id=casablanca.ma")).status).toBe(200);
    expectXmlError(await get("/services.csv"), 404);
  });

  it("a key over its per-minute budget gets 429 in the spec's format; an anonymous request is filed", async () => {
    const small = await admin.post("/api/admin/open311/clients", { name: "Small budget", rateLimitPerMinute: 2 });
    const fields = { ...valid(), api_key: small.body.apiKey };
    expect((await call("POST", "/requests.json", form(fields))).status).toBe(200);
    expect((await call("POST", "/requests.json", form(fields))).status).toBe(200);
    expectJsonError(await call("POST", "/requests.json", form(fields)), 429);
    expectXmlError(await call("POST", "/requests.xml", form(fields)), 429);
  });
});
