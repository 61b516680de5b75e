/**
 * GET /api/events over real HTTP on a real database: filtered live events, state changes,
 * resuming with Last-Event-ID, query validation, the per-address limit, shutdown with streams
 * open, and (on PostgreSQL) events crossing from one instance to another through LISTEN/NOTIFY.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "./support/http.ts";
import { newConfirmedReport, newReportBody, newStaff, places } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { SseStream } from "./support/sse.ts";

let tp: TestPlatform;
let voirie: Client;
const open: SseStream[] = [];

async function stream(tpx: TestPlatform, query: string, headers: Record<string, string> = {}) {
  const s = await SseStream.open(`${tpx.url}/api/events${query}`, headers);
  open.push(s);
  return s;
}

async function until(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A box around the Twin Center (Maârif) that leaves boulevard Mohammed V (Sidi Belyout) out. */
const maarifBox = "-7.640,33.580,-7.625,33.595";

beforeAll(async () => {
  tp = await startTestPlatform();
  voirie = await newStaff(tp, "voirie");
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
afterAll(async () => tp?.close());

describe("GET /api/events", () => {
  it("sends report.created to a box's stream when a report inside it is confirmed, and nothing for one outside or unconfirmed", async () => {
    const s = await stream(tp, `?bbox=${maarifBox}`);
    expect(s.status).toBe(200);
    expect(s.headers.get("content-type")).toMatch(/^text\/event-stream/);

    // Not public yet: awaiting its e-mail confirmation.
    const pending = await new Client(tp.url).post("/api/reports", newReportBody({ ...places.maarif }));
    expect(pending.status).toBe(201);
    const outside = await newConfirmedReport(tp, { ...places.sidiBelyout });
    const inside = await newConfirmedReport(tp, { ...places.maarif, title: "Nid-de-poule devant le Twin Center" });

    // Events arrive in commit order: had the outside or pending report produced one, it would come first.
    const e = await s.next();
    expect(e.event).toBe("report.created");
    expect(Number(e.id)).toBeGreaterThan(0);
    expect(e.json).toEqual({
      ref: inside.ref, category: "road_damage", area: "maarif", state: "confirmed",
      lat: places.maarif.lat, lon: places.maarif.lon, title: "Nid-de-poule devant le Twin Center", updatedAt: expect.any(String),
    });
    expect(new Date(e.json.updatedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(e.data).not.toContain("example.org");
    expect(outside.ref).not.toBe(inside.ref);

    // A trusted reporter (staff) publishes at once.
    const trusted = await voirie.post("/api/reports", newReportBody({ ...places.maarif, title: "Trottoir effondré rue Ibnou Mounir" }));
    expect(trusted.status).toBe(201);
    const t = await s.next();
    expect(t).toMatchObject({ event: "report.created", json: { ref: trusted.body.ref, state: "confirmed" } });
    expect(Number(t.id)).toBeGreaterThan(Number(e.id));
    await tp.platform.ctx.events.settle();
    expect(s.pending()).toEqual([]);
  });

  it("sends a staff state change as report.state_changed and a public response as report.updated on a report's stream, not internal notes", async () => {
    const { ref } = await newConfirmedReport(tp);
    const other = await newConfirmedReport(tp);
    const s = await stream(tp, `?report=${ref}`);

    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Note interne", visibility: "internal" })).status).toBe(201);
    expect((await voirie.post(`/api/reports/${other.ref}/updates`, { text: "Autre", state: "in_progress" })).status).toBe(201);
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Équipe prévenue" })).status).toBe(201);
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Travaux en cours", state: "in_progress" })).status).toBe(201);
    expect((await voirie.post("/api/staff/reports/bulk", { refs: [ref], state: "fixed", text: "Réparé" })).status).toBe(200);

    const got = [await s.next(), await s.next(), await s.next()];
    expect(got.map((e) => [e.event, e.json.ref, e.json.state])).toEqual([
      ["report.updated", ref, "confirmed"],
      ["report.state_changed", ref, "in_progress"],
      ["report.state_changed", ref, "fixed"],
    ]);
    // A category correction is public too.
    expect((await voirie.patch(`/api/reports/${ref}`, { category: "sidewalk" })).status).toBe(200);
    expect(await s.next()).toMatchObject({ event: "report.updated", json: { ref, category: "sidewalk", state: "fixed" } });
    await tp.platform.ctx.events.settle();
    expect(s.pending()).toEqual([]);
  });

  it("replays what a reconnecting client missed after its Last-Event-ID, exactly once and in order, then goes on live", async () => {
    const first = await stream(tp, "?area=maarif");
    await newConfirmedReport(tp, { ...places.maarif });
    const seen = await first.next();
    first.close();

    const missed = [];
    for (let i = 0; i < 3; i++) missed.push((await newConfirmedReport(tp, { ...places.maarif })).ref);
    await newConfirmedReport(tp, { ...places.hayHassani });
    await voirie.post(`/api/reports/${missed[0]}/updates`, { text: "Pris en charge", state: "in_progress" });

    const again = await stream(tp, "?area=maarif", { "last-event-id": seen.id! });
    const replayed = [await again.next(), await again.next(), await again.next(), await again.next()];
    expect(replayed.map((e) => [e.event, e.json.ref])).toEqual([
      ["report.created", missed[0]], ["report.created", missed[1]], ["report.created", missed[2]], ["report.state_changed", missed[0]],
    ]);
    const live = await newConfirmedReport(tp, { ...places.maarif });
    expect(await again.next()).toMatchObject({ event: "report.created", json: { ref: live.ref } });
    await tp.platform.ctx.events.settle();
    expect(again.pending()).toEqual([]);
    const ids = again.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBeGreaterThan(Number(seen.id));
  });

  it("answers a bad query with 400 problem+json naming the field", async () => {
    const cases: [string, Record<string, string>, string][] = [
      ["?bbox=1,2,3", {}, "bbox"],
      ["?bbox=a,b,c,d", {}, "bbox"],
      ["?bbox=-7.6,33.6,-7.7,33.5", {}, "bbox"],
      ["?bbox=-200,33.5,-7.6,33.6", {}, "bbox"],
      ["?area=Not%20a%20code", {}, "area"],
      ["?category=", {}, "category"],
      ["?report=not-a-ref", {}, "report"],
      ["", { "last-event-id": "abc" }, "last-event-id"],
    ];
    for (const [query, headers, field] of cases) {
      const s = await stream(tp, query, headers);
      expect(s.status, query).toBe(400);
      expect(s.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(s.problem.field, query).toBe(field);
    }
  });

  it("limits concurrent streams per address", async () => {
    await until(() => tp.platform.ctx.streams.count === 0);
    const { perAddress } = tp.platform.ctx.streams.limits;
    for (let i = 0; i < perAddress; i++) expect((await stream(tp, "")).status).toBe(200);
    const refused = await stream(tp, "");
    expect(refused.status).toBe(429);
    expect(refused.problem.type).toMatch(/rate_limited$/);
    for (const s of open.splice(0)) s.close();
    await until(() => tp.platform.ctx.streams.count === 0);
    expect((await stream(tp, "")).status).toBe(200);
  });

  it("ends open streams when the platform closes, so shutdown does not hang", async () => {
    const tp2 = await startTestPlatform();
    const s = await stream(tp2, "");
    const closing = tp2.close();
    await s.waitEnded();
    await closing;
  });
});

// Two instances can share only a database server: PGlite's data directory belongs to one process.
// The test exists where it can run (CI runs every test on PostgreSQL too) rather than being skipped.
if (process.env.DATABASE_URL) describe("GET /api/events on PostgreSQL with two instances", () => {
  it("delivers to a client of instance B an event caused through instance A (LISTEN/NOTIFY)", async () => {
    const b = await startTestPlatform({ testDb: tp.testDb });
    try {
      const s = await stream(b, "?area=maarif");
      const { ref } = await newConfirmedReport(tp, { ...places.maarif });
      expect(await s.next()).toMatchObject({ event: "report.created", json: { ref, area: "maarif" } });
      expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "En cours", state: "in_progress" })).status).toBe(201);
      expect(await s.next()).toMatchObject({ event: "report.state_changed", json: { ref, state: "in_progress" } });
      // And the other way round.
      const back = await stream(tp, `?report=${ref}`);
      const staffB = await newStaff(b, "voirie");
      expect((await staffB.post(`/api/reports/${ref}/updates`, { text: "Réparé", state: "fixed" })).status).toBe(201);
      expect(await back.next()).toMatchObject({ event: "report.state_changed", json: { ref, state: "fixed" } });
    } finally {
      for (const s of open.splice(0)) s.close();
      await b.close();
    }
  });
});
