/**
 * The Open311 client half, end to end: two real instances of this server, each on its own
 * database. B plays an authority's own back-office: its /open311/v2 receives what A sends.
 * A city admin of A points the roads authority at B (send method open311, B's endpoint and
 * an api_key B issued); a report confirmed on A is POSTed to B through A's outbox and A keeps
 * B's service_request_id; B's staff answer it, and A's poller brings each answer back once
 * as a public update (state, mail, live event). B down: A retries with back-off; a 4xx from
 * B is a dead letter for A's admins. The api_key never shows in an answer or an outbox row.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveEvents, open311PollCursors, outbox, reports } from "../src/db/schema.ts";
import { OPEN311_POLL_TOPIC, pollOpen311, scheduleOpen311Poll } from "../src/open311/index.ts";
import { reportsContext } from "../src/server/context.ts";
import { Client } from "./support/http.ts";
import { newConfirmedReport, newStaff } from "./support/factories.ts";
import { freshDatabase, startTestPlatform, type TestDatabase, type TestPlatform } from "./support/platform.ts";

let a: TestPlatform;
let b: TestPlatform;
let bDb: TestDatabase;
let bPort: number;
let apiKey: string;
let adminA: Client;
let staffB: Client;

const endpointOf = (tp: TestPlatform) => `${tp.url}/open311/v2`;
const cityOf = (tp: TestPlatform) => tp.platform.ctx.cities.get(tp.config.citySlug);
const poll = () => pollOpen311(reportsContext(a.platform.app, cityOf(a)), { timeoutMs: 5000 });

async function reportRow(tp: TestPlatform, ref: string) {
  const [row] = await tp.platform.ctx.database.db.select().from(reports).where(eq(reports.ref, ref));
  return row!;
}

async function sendRows(tp: TestPlatform, reportId: string) {
  const rows = await tp.platform.ctx.database.db.select().from(outbox).where(eq(outbox.topic, "report.send"));
  return rows.filter((r) => (r.payload as { reportId?: string }).reportId === reportId);
}

async function startB(port = 0) {
  b = await startTestPlatform({ testDb: bDb, port });
  bPort = Number(new URL(b.url).port);
  staffB = await newStaff(b, "voirie");
}

beforeAll(async () => {
  bDb = await freshDatabase();
  await startB();
  a = await startTestPlatform();
  const adminB = await newStaff(b, null, "city_admin");
  const issued = await adminB.post("/api/admin/open311/clients", { name: "Baladiya instance A" });
  expect(issued.status).toBe(201);
  apiKey = issued.body.apiKey;
  adminA = await newStaff(a, null, "city_admin");
}, 120_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await bDb?.drop();
});

describe("setting an authority's Open311 back-office", () => {
  it("is for city admins, checks the settings, and never answers the api_key back", async () => {
    const staffA = await newStaff(a, "voirie");
    const settings = { endpoint: endpointOf(b), apiKey, jurisdictionId: "casablanca.ma" };
    expect((await staffA.patch("/api/admin/authorities/voirie", { sendMethod: "open311", open311: settings })).status).toBe(403);

    // open311 without settings, or with a bad endpoint, is refused naming the field.
    const bare = await adminA.patch("/api/admin/authorities/eclairage-public", { sendMethod: "open311" });
    expect(bare.status).toBe(400);
    expect(bare.body.errors?.[0]?.field ?? JSON.stringify(bare.body)).toContain("open311.endpoint");
    const badUrl = await adminA.patch("/api/admin/authorities/voirie", { sendMethod: "open311", open311: { ...settings, endpoint: "ftp://x" } });
    expect(badUrl.status).toBe(400);
    expect(JSON.stringify(badUrl.body)).toContain("open311.endpoint");
    const noKey = await adminA.patch("/api/admin/authorities/voirie", { sendMethod: "open311", open311: { endpoint: endpointOf(b) } });
    expect(noKey.status).toBe(400);
    expect(JSON.stringify(noKey.body)).toContain("open311.apiKey");

    const saved = await adminA.patch("/api/admin/authorities/voirie", { sendMethod: "open311", open311: settings });
    expect(saved.status).toBe(200);
    expect(saved.body.sendMethod).toBe("open311");
    expect(saved.body.open311).toEqual({
      endpoint: endpointOf(b), jurisdictionId: "casablanca.ma", serviceCodes: {}, format: "json", updates: "servicerequestupdates", apiKeyHint: `••••${apiKey.slice(-4)}`,
    });
    const list = await adminA.get("/api/admin/authorities");
    for (const reply of [saved, list]) expect(JSON.stringify(reply.body)).not.toContain(apiKey);
    // The public city configuration says nothing of it either.
    expect(JSON.stringify((await new Client(a.url).get("/api/city")).body)).not.toContain(apiKey);
  });
});

describe("sending to the back-office and following it", () => {
  let ref: string;
  let externalId: string;

  it("POSTs a confirmed report to B through the outbox; A keeps B's service_request_id", async () => {
    const filed = await newConfirmedReport(a, { attributes: { size: "large" } });
    ref = filed.ref;
    const row = await reportRow(a, ref);
    expect(row.externalId).toMatch(/^CAS-\d{4}-\d+$/);
    externalId = row.externalId!;
    // A's staff see it; the public does not.
    const staffA = await newStaff(a, "voirie");
    expect((await staffA.get(`/api/reports/${ref}`)).body.report.externalId).toBe(externalId);
    expect((await new Client(a.url).get(`/api/reports/${ref}`)).body.report.externalId).toBeUndefined();
    const [sent] = await sendRows(a, row.id);
    expect(sent).toMatchObject({ status: "done", result: { externalId } });
    // The outbox row names the authority, never its settings.
    expect(JSON.stringify(sent!.payload)).not.toContain(apiKey);

    // On B: a request of the roads service, the title leading the description, the answer as an attribute.
    const remote = await reportRow(b, externalId);
    expect(remote).toMatchObject({ source: "open311", categoryCode: "road_damage", state: "confirmed", attributes: { size: "large" } });
    expect(remote.description).toContain(filed.body.description);
    expect(remote.title).toBe(filed.body.title);
    const read = await fetch(`${endpointOf(b)}/requests/${externalId}.json`).then((r) => r.json());
    expect(read[0]).toMatchObject({ service_request_id: externalId, service_code: "road_damage", status: "open" });
    expect(read[0].lat).toBeCloseTo(filed.body.lat, 5);
  });

  it("applies B's staff response once, as a public update with the state change, the reporter's mail and a live event", async () => {
    const answered = await staffB.post(`/api/reports/${externalId}/updates`, { text: "Équipe de la voirie envoyée sur place.", state: "in_progress" });
    expect(answered.status).toBe(201);

    const mailsBefore = a.mailbox.messages.length;
    expect(await poll()).toEqual([{ authority: "voirie", applied: 1, error: null }]);
    const detail = await new Client(a.url).get(`/api/reports/${ref}`);
    expect(detail.body.report.state).toBe("in_progress");
    const fromB = detail.body.updates.filter((u: { text: string }) => u.text === "Équipe de la voirie envoyée sur place.");
    expect(fromB).toHaveLength(1);
    expect(fromB[0]).toMatchObject({ authorRole: "staff", stateTo: "in_progress", visibility: "public" });
    expect(fromB[0].authorName).toBe(cityOf(a).authorityByCode.get("voirie")!.name.fr);

    // The reporter hears of it as of any staff response; the live map hears of the state change.
    await a.drain();
    expect(a.mailbox.messages.length).toBeGreaterThan(mailsBefore);
    const events = await a.platform.ctx.database.db.select().from(liveEvents).where(and(eq(liveEvents.ref, ref), eq(liveEvents.type, "report.state_changed")));
    expect(events.map((e) => e.state)).toContain("in_progress");

    // Polling again applies nothing twice.
    expect(await poll()).toEqual([{ authority: "voirie", applied: 0, error: null }]);
    expect((await new Client(a.url).get(`/api/reports/${ref}`)).body.updates).toHaveLength(detail.body.updates.length);

    // The next change (fixed) comes back too, once.
    expect((await staffB.post(`/api/reports/${externalId}/updates`, { text: "Trou rebouché.", state: "fixed" })).status).toBe(201);
    expect(await poll()).toEqual([{ authority: "voirie", applied: 1, error: null }]);
    expect(await poll()).toEqual([{ authority: "voirie", applied: 0, error: null }]);
    const fixed = (await new Client(a.url).get(`/api/reports/${ref}`)).body;
    expect(fixed.report.state).toBe("fixed");
    expect(fixed.updates.filter((u: { text: string }) => u.text === "Trou rebouché.")).toHaveLength(1);

    const [cursor] = await a.platform.ctx.database.db.select().from(open311PollCursors);
    expect(cursor!.lastError).toBeNull();
    expect(cursor!.lastUpdateAt).not.toBeNull();
  });

  it("retries with back-off while B is down, and delivers once B is back", async () => {
    await b.close();
    const filed = await newConfirmedReport(a);
    const row = await reportRow(a, filed.ref);
    const [waiting] = await sendRows(a, row.id);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting!.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    // Not before the back-off (30 s ± 20%).
    expect(waiting!.runAfter.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(row.externalId).toBeNull();

    // The poller records the failure and goes on.
    const [failed] = await poll();
    expect(failed!.error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(failed!.error).not.toContain(apiKey);
    const [cursor] = await a.platform.ctx.database.db.select().from(open311PollCursors);
    expect(cursor!.lastError).toBe(failed!.error);
    // Admins see it (and only admins).
    const status = await adminA.get("/api/admin/open311/authorities");
    expect(status.body).toEqual([{ authority: "voirie", polledAt: expect.any(String), lastUpdateAt: expect.any(String), lastError: failed!.error }]);
    expect((await (await newStaff(a, "voirie")).get("/api/admin/open311/authorities")).status).toBe(403);

    await startB(bPort);
    // Time passes: the retry is due.
    await a.platform.ctx.database.db.update(outbox).set({ runAfter: sql`now()` }).where(eq(outbox.id, waiting!.id));
    await a.drain();
    const [delivered] = await sendRows(a, row.id);
    expect(delivered).toMatchObject({ status: "done", attempts: 2 });
    const externalId = (await reportRow(a, filed.ref)).externalId!;
    expect((await reportRow(b, externalId)).description).toContain(filed.body.description);
    expect((await poll())[0]!.error).toBeNull();
    expect((await adminA.get("/api/admin/open311/authorities")).body[0].lastError).toBeNull();
  });

  it("dead-letters a report B refuses (4xx), for A's admins to see without the key", async () => {
    // A service code B does not have: 400.
    const mapped = await adminA.patch("/api/admin/authorities/voirie", { open311: { endpoint: endpointOf(b), serviceCodes: { road_damage: "no_such_service" } } });
    expect(mapped.status).toBe(200);
    expect(mapped.body.open311.apiKeyHint).toBe(`••••${apiKey.slice(-4)}`);
    const refused = await newConfirmedReport(a);
    const [dead] = await sendRows(a, (await reportRow(a, refused.ref)).id);
    expect(dead).toMatchObject({ status: "dead", attempts: 1 });
    expect(dead!.lastError).toMatch(/HTTP 400 — 400 .*service_code/);

    // A key B does not know: 403.
    await adminA.patch("/api/admin/authorities/voirie", { open311: { endpoint: endpointOf(b), apiKey: "o311_not-a-key-of-b-1234" } });
    const forbidden = await newConfirmedReport(a);
    const [dead403] = await sendRows(a, (await reportRow(a, forbidden.ref)).id);
    expect(dead403).toMatchObject({ status: "dead" });
    expect(dead403!.lastError).toMatch(/HTTP 403/);

    const listed = await adminA.get("/api/admin/outbox?status=dead");
    expect(listed.status).toBe(200);
    const ids = listed.body.map((m: { id: number }) => m.id);
    expect(ids).toEqual(expect.arrayContaining([dead!.id, dead403!.id]));
    expect(JSON.stringify(listed.body)).not.toContain(apiKey);
    expect(JSON.stringify(listed.body)).not.toContain("o311_not-a-key-of-b-1234");

    // Fixed by the admin, the dead letter is retried and goes through.
    await adminA.patch("/api/admin/authorities/voirie", { open311: { endpoint: endpointOf(b), apiKey } });
    expect((await adminA.post(`/api/admin/outbox/${dead403!.id}/retry`)).status).toBeLessThan(300);
    await a.drain();
    expect((await reportRow(a, forbidden.ref)).externalId).toMatch(/^CAS-/);
  });

  it("speaks XML to a back-office set to XML", async () => {
    const set = await adminA.patch("/api/admin/authorities/voirie", { open311: { endpoint: endpointOf(b), format: "xml" } });
    expect(set.body.open311).toMatchObject({ format: "xml", updates: "servicerequestupdates" });
    const filed = await newConfirmedReport(a);
    const externalId = (await reportRow(a, filed.ref)).externalId!;
    expect(externalId).toMatch(/^CAS-/);
    expect((await staffB.post(`/api/reports/${externalId}/updates`, { text: "Pris en charge.", state: "action_scheduled" })).status).toBe(201);
    expect((await poll())[0]).toMatchObject({ applied: 1, error: null });
    expect((await poll())[0]).toMatchObject({ applied: 0, error: null });
    expect((await reportRow(a, filed.ref)).state).toBe("action_scheduled");
  });

  it("follows a back-office without servicerequestupdates through requests by id", async () => {
    // The switch starts from the cursor, which is to the second (as B's datetimes): the last update read is a second old.
    await new Promise((r) => setTimeout(r, 1100));
    await adminA.patch("/api/admin/authorities/voirie", { open311: { endpoint: endpointOf(b), format: "json", updates: "requests" } });
    const filed = await newConfirmedReport(a);
    const externalId = (await reportRow(a, filed.ref)).externalId!;
    expect(externalId).toMatch(/^CAS-/);
    expect((await poll())[0]).toMatchObject({ applied: 0, error: null });

    expect((await staffB.post(`/api/reports/${externalId}/updates`, { text: "Réparé ce matin.", state: "fixed" })).status).toBe(201);
    expect((await poll())[0]).toMatchObject({ applied: 1, error: null });
    expect((await poll())[0]).toMatchObject({ applied: 0, error: null });
    const detail = (await new Client(a.url).get(`/api/reports/${filed.ref}`)).body;
    expect(detail.report.state).toBe("fixed");
  });

  it("runs as a periodic outbox job that schedules its next run one interval later", async () => {
    const db = a.platform.ctx.database.db;
    const interval = a.config.open311PollSeconds;
    await scheduleOpen311Poll(db, cityOf(a).id, interval);
    await scheduleOpen311Poll(db, cityOf(a).id, interval); // one per interval slot, however many processes ask
    const before = Date.now();
    await a.drain();
    const jobs = await db.select().from(outbox).where(eq(outbox.topic, OPEN311_POLL_TOPIC));
    expect(jobs.filter((j) => j.status === "done")).toHaveLength(1);
    expect(jobs.find((j) => j.status === "done")!.result).toMatchObject({ applied: 0, failed: [] });
    const next = jobs.filter((j) => j.status === "pending");
    expect(next).toHaveLength(1);
    expect(next[0]!.runAfter.getTime()).toBeGreaterThanOrEqual(before + (interval - 1) * 1000);
  });
});
