/** Operations: health, readiness, OpenAPI, security headers, .eml mail without SMTP, two workers on one outbox. */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, OutboxWorker, enqueue } from "../src/db/outbox.ts";
import { PRUNE_OUTBOX_TOPIC, pruneOutbox, scheduleOutboxPrune } from "../src/db/outbox-prune.ts";
import { outbox } from "../src/db/schema.ts";
import { Client } from "./support/http.ts";
import { newReportBody, newStaff } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { eq, inArray } from "drizzle-orm";

let tp: TestPlatform;
let anon: Client;

beforeAll(async () => {
  // No SMTP_URL: mail must be written as .eml files and listed for admins.
  tp = await startTestPlatform({ smtp: false });
  anon = new Client(tp.url);
});
afterAll(async () => tp?.close());

describe("health and readiness", () => {
  it("reports liveness with the version and readiness with the database kind", async () => {
    const health = await anon.get("/api/health");
    expect(health.body).toEqual({ status: "ok", version: JSON.parse(fs.readFileSync("package.json", "utf8")).version });
    const ready = await anon.get("/api/ready");
    expect(ready.body).toEqual({ status: "ready", database: process.env.DATABASE_URL ? "postgres" : "pglite" });
  });
});

describe("API documentation", () => {
  it("serves an OpenAPI 3.1 document generated from the zod schemas", async () => {
    const doc = await anon.get("/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    const create = doc.body.paths["/api/reports"].post;
    const schema = create.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["category", "title"]));
    expect(schema.properties.title.maxLength).toBe(120);
    expect(doc.body.paths["/api/reports/{ref}"].get.responses["200"]).toBeDefined();
  });

  it("serves a browsable page at /api/docs", async () => {
    const res = await fetch(`${tp.url}/api/docs/`, { redirect: "follow" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("swagger");
  });
});

describe("security headers and errors", () => {
  it("sends a strict CSP and friends on every response", async () => {
    const r = await anon.get("/api/health");
    expect(r.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(r.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.headers.get("x-request-id") ?? r.headers.get("content-language")).toBeTruthy();
  });

  it("answers unknown routes with a 404 problem in the asked language", async () => {
    const r = await new Client(tp.url, "ar").get("/api/nothing-here");
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body.title).toBe("غير موجود");
  });
});

describe("mail without SMTP", () => {
  it("writes each message as an .eml file and lists it for city admins only", async () => {
    const body = newReportBody();
    await anon.post("/api/reports", body);
    await tp.drain();
    const admin = await newStaff(tp, null, "city_admin");
    const list = await admin.get("/api/admin/mail");
    expect(list.status).toBe(200);
    const row = list.body.find((m: { toAddress: string }) => m.toAddress === body.reporter.email);
    expect(row).toMatchObject({ transport: "file", subject: expect.stringContaining(body.title) });
    const eml = await admin.get(`/api/admin/mail/${row.id}`);
    expect(eml.headers.get("content-type")).toContain("message/rfc822");
    expect(eml.body.toString()).toContain(`To: ${body.reporter.email}`);
    expect(fs.readdirSync(tp.config.mailDir).some((f) => f.endsWith(".eml"))).toBe(true);

    const staff = await newStaff(tp, "voirie");
    expect((await staff.get("/api/admin/mail")).status).toBe(403);
    expect((await anon.get("/api/admin/mail")).status).toBe(401);
  });
});

describe("outbox with several workers", () => {
  it("hands each message to exactly one worker (FOR UPDATE SKIP LOCKED) and none is lost", async () => {
    const db = tp.platform.ctx.database.db;
    const seen: number[] = [];
    const makeWorker = () => new OutboxWorker(db, tp.platform.app.log, { batchSize: 3 })
      .register("test.count", async (m) => { seen.push(m.id); await new Promise((r) => setTimeout(r, 5)); return { ok: true }; });
    const cityId = tp.platform.ctx.cities.get(tp.config.citySlug).id;
    for (let i = 0; i < 30; i++) await enqueue(db, { topic: "test.count", cityId, payload: { i } });
    const workers = [makeWorker(), makeWorker(), makeWorker()];
    await Promise.all(workers.map((w) => w.drain()));
    const done = await db.select().from(outbox).where(eq(outbox.topic, "test.count"));
    expect(done).toHaveLength(30);
    expect(done.every((m) => m.status === "done" && m.attempts === 1)).toBe(true);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });

  it("dead-letters a topic nobody handles, and an admin can retry it", async () => {
    const db = tp.platform.ctx.database.db;
    const cityId = tp.platform.ctx.cities.get(tp.config.citySlug).id;
    await enqueue(db, { topic: "test.unhandled", cityId, payload: {} });
    await tp.drain();
    const admin = await newStaff(tp, null, "city_admin");
    const dead = await admin.get("/api/admin/outbox?status=dead");
    const row = dead.body.find((m: { topic: string }) => m.topic === "test.unhandled");
    expect(row.lastError).toContain("no handler");
    expect((await admin.post(`/api/admin/outbox/${row.id}/retry`)).status).toBe(200);
    const [again] = await db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(again!.status).toBe("pending");
  });

  it("dead-letters a message that keeps failing, lists it for admins with addresses masked, and a retry delivers it", async () => {
    const db = tp.platform.ctx.database.db;
    const cityId = tp.platform.ctx.cities.get(tp.config.citySlug).id;
    let refusing = true;
    const delivered: unknown[] = [];
    tp.platform.ctx.worker.register("test.flaky", async (m) => {
      if (refusing) return { ok: false, error: `450 4.2.0 <${(m.payload as { to: string }).to}>: mailbox busy, call +212 611 223 344`, retryable: true };
      delivered.push(m.payload);
      return { ok: true };
    });
    await enqueue(db, { topic: "test.flaky", cityId, payload: { to: "khadija.bennani@example.org", subject: "Votre signalement" } });
    const admin = await newStaff(tp, null, "city_admin");
    const find = async (status: string) => ((await admin.get(`/api/admin/outbox?status=${status}`)).body as ({ topic: string } & Record<string, unknown>)[]).find((m) => m.topic === "test.flaky");

    // Retried with back-off while attempts remain (pending, listed with its error), then dead.
    await tp.drain();
    const pending = await find("pending");
    expect(pending).toMatchObject({ attempts: 1, status: "pending", recipients: ["k•••@example.org"] });
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      // The back-off's wait, skipped.
      await db.update(outbox).set({ runAfter: new Date() }).where(eq(outbox.topic, "test.flaky"));
      await tp.drain();
    }
    expect(await find("pending")).toBeUndefined();
    const list = await admin.get("/api/admin/outbox?status=dead");
    const dead = (list.body as Record<string, unknown>[]).find((m) => m.topic === "test.flaky")!;
    expect(dead).toMatchObject({
      status: "dead", attempts: MAX_ATTEMPTS, recipients: ["k•••@example.org"],
      lastError: "450 4.2.0 <k•••@example.org>: mailbox busy, call +••••••••••44",
    });
    expect(dead).not.toHaveProperty("payload");
    expect(JSON.stringify(list.body)).not.toContain("khadija");
    expect(JSON.stringify(list.body)).not.toContain("611 223");
    expect(delivered).toEqual([]);

    // Only admins see it or retry it.
    const staff = await newStaff(tp, "voirie");
    expect((await staff.get("/api/admin/outbox?status=dead")).status).toBe(403);
    expect((await staff.post(`/api/admin/outbox/${dead.id}/retry`)).status).toBe(403);

    // The provider is back: a retry delivers it once, and it leaves the dead letters.
    refusing = false;
    expect((await admin.post(`/api/admin/outbox/${dead.id}/retry`)).status).toBe(200);
    expect((await find("pending"))?.attempts).toBe(0);
    await tp.drain();
    expect(delivered).toEqual([{ to: "khadija.bennani@example.org", subject: "Votre signalement" }]);
    expect(await find("dead")).toBeUndefined();
    const [done] = await db.select().from(outbox).where(eq(outbox.topic, "test.flaky"));
    expect(done).toMatchObject({ status: "done", attempts: 1, lastError: null });
    // A retry of what is not dead is a 404.
    expect((await admin.post(`/api/admin/outbox/${dead.id}/retry`)).status).toBe(404);
  });
});

describe("outbox pruning", () => {
  it("deletes messages done more than 30 days ago, keeps newer ones, pending ones and dead letters, and comes back daily", async () => {
    const db = tp.platform.ctx.database.db;
    const cityId = tp.platform.ctx.cities.get(tp.config.citySlug).id;
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const rows = await db.insert(outbox).values([
      ...Array.from({ length: 12 }, (_, i) => ({ topic: "test.old", cityId, payload: { i }, status: "done", doneAt: daysAgo(31 + i) })),
      { topic: "test.recent", cityId, payload: {}, status: "done", doneAt: daysAgo(29) },
      { topic: "test.dead", cityId, payload: {}, status: "dead", doneAt: null, runAfter: daysAgo(90) },
      { topic: "test.later", cityId, payload: {}, status: "pending", runAfter: daysAgo(-1) },
    ]).returning({ id: outbox.id, topic: outbox.topic });
    expect(await pruneOutbox(db, now)).toBeGreaterThanOrEqual(12);
    const left = await db.select({ topic: outbox.topic }).from(outbox).where(inArray(outbox.id, rows.map((r) => r.id)));
    expect(left.map((r) => r.topic).sort()).toEqual(["test.dead", "test.later", "test.recent"]);
    // As a job (scheduled when a worker starts), it schedules its next run a day later.
    await scheduleOutboxPrune(db);
    await scheduleOutboxPrune(db);
    expect(await db.select().from(outbox).where(eq(outbox.topic, PRUNE_OUTBOX_TOPIC))).toHaveLength(1);
    await tp.drain();
    const after = await db.select().from(outbox).where(eq(outbox.topic, PRUNE_OUTBOX_TOPIC));
    expect(after.some((m) => m.status === "pending" && m.runAfter.getTime() > Date.now() + 23 * 3_600_000)).toBe(true);
  });
});
