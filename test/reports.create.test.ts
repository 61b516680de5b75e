/** Filing a report over real HTTP: routing, confirmation by e-mail, sending to the authority, idempotency, bad input. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, linkIn, tokenOf } from "./support/http.ts";
import { newReportBody, places } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { reports, outbox } from "../src/db/schema.ts";
import { count } from "drizzle-orm";

let tp: TestPlatform;
let citizen: Client;
const reportCount = async () => (await tp.platform.ctx.database.db.select({ n: count() }).from(reports))[0]!.n;

beforeAll(async () => {
  tp = await startTestPlatform();
  citizen = new Client(tp.url);
});
afterAll(async () => tp?.close());

describe("POST /api/reports", () => {
  it("routes a pin to its arrondissement and authority, and asks an anonymous reporter to confirm by e-mail", async () => {
    const body = newReportBody();
    const r = await citizen.post("/api/reports", body);
    expect(r.status).toBe(201);
    expect(r.body.ref).toMatch(new RegExp(`^CAS-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(r.body).toMatchObject({ state: "open", area: "maarif", confirmationRequired: true, authority: { code: "voirie" } });
    expect(r.body.trackingUrl).toBe(`${tp.url}/r/${r.body.ref}`);
    expect(r.headers.get("location")).toBe(`/api/reports/${r.body.ref}`);

    // Not public until confirmed.
    expect((await citizen.get(`/api/reports/${r.body.ref}`)).status).toBe(404);

    await tp.drain();
    const [mail] = tp.mailbox.to(body.reporter.email);
    expect(mail?.subject).toContain(body.title);
    expect(mail?.headers.get("content-language")).toBe("fr");
    const link = linkIn(mail!.text, `${tp.url}/r/${r.body.ref}/confirm?token=`);

    const confirmed = await citizen.post(`/api/reports/${r.body.ref}/confirm`, { token: tokenOf(link) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ ref: r.body.ref, state: "confirmed" });
    // A second click is harmless.
    expect((await citizen.post(`/api/reports/${r.body.ref}/confirm`, { token: tokenOf(link) })).body.state).toBe("confirmed");

    await tp.drain();
    const [toAuthority] = tp.mailbox.to("voirie@casablanca.example.org");
    expect(toAuthority?.subject).toBe(`[${r.body.ref}] Nouveau signalement : ${"Nids-de-poule et chaussée dégradée"} — Maârif`);
    expect(toAuthority?.text).toContain(body.description);
    expect(toAuthority?.text).toContain("https://www.openstreetmap.org/?mlat=33.587300&mlon=-7.633000");
    expect(toAuthority?.text).toContain(`${tp.url}/staff/r/${r.body.ref}`);
    // The reporter hears where it went; exactly one message each, even after more drains.
    await tp.drain();
    expect(tp.mailbox.to("voirie@casablanca.example.org")).toHaveLength(1);
    expect(tp.mailbox.to(body.reporter.email).map((m) => m.subject)).toEqual([
      expect.stringContaining("Confirmez"), expect.stringContaining(`Votre signalement ${r.body.ref} a été transmis`),
    ]);

    const page = await citizen.get(`/api/reports/${r.body.ref}`);
    expect(page.status).toBe(200);
    expect(page.body.report).toMatchObject({ ref: r.body.ref, state: "confirmed", area: "maarif", prefecture: "pref-casablanca-anfa", reporterName: null });
    expect(JSON.stringify(page.body)).not.toContain(body.reporter.email);
    expect(JSON.stringify(page.body)).not.toContain("600 000 000");
    expect(page.body.history).toBeUndefined();
  });

  it("shows the reporter's name only when they chose to", async () => {
    const { ref } = await (async () => {
      const body = newReportBody({ reporter: { name: "Youssef Alaoui", email: "youssef@example.org", showName: true } });
      const r = await citizen.post("/api/reports", body);
      await tp.drain();
      const token = tokenOf(linkIn(tp.mailbox.to("youssef@example.org")[0]!.text, `${tp.url}/r/`));
      await citizen.post(`/api/reports/${r.body.ref}/confirm`, { token });
      return r.body;
    })();
    const page = await citizen.get(`/api/reports/${ref}`);
    expect(page.body.report.reporterName).toBe("Youssef Alaoui");
    expect(JSON.stringify(page.body)).not.toContain("youssef@example.org");
  });

  it("routes waste collection by préfecture to the right délégataire", async () => {
    const west = await citizen.post("/api/reports", newReportBody({ ...places.hayHassani, category: "waste_collection" }));
    const east = await citizen.post("/api/reports", newReportBody({ ...places.sidiMoumen, category: "waste_collection" }));
    expect(west.body.area).toBe("hay-hassani");
    expect(east.body.area).toBe("sidi-moumen");
    expect(west.body.authority.code).not.toBe(east.body.authority.code);
    expect([west.body.authority.code, east.body.authority.code].every((c: string) => c.startsWith("proprete"))).toBe(true);
  });

  it("returns the first result for a retried Idempotency-Key and refuses the key for another request", async () => {
    const body = newReportBody();
    const key = "retry-key-0001";
    const before = await reportCount();
    const first = await citizen.post("/api/reports", body, { "idempotency-key": key });
    const again = await citizen.post("/api/reports", body, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await citizen.post("/api/reports", { ...body, title: "Something else entirely" }, { "idempotency-key": key });
    expect(other.status).toBe(409);
    expect(other.body.field).toBe("Idempotency-Key");
    expect(await reportCount()).toBe(before + 1);
  });

  it("gives concurrent retries of one key a single report", async () => {
    const body = newReportBody();
    const before = await reportCount();
    const replies = await Promise.all([1, 2, 3, 4].map(() => citizen.post("/api/reports", body, { "idempotency-key": "concurrent-key-01" })));
    expect(new Set(replies.map((r) => r.body.ref)).size).toBe(1);
    expect(replies.every((r) => r.status === 201)).toBe(true);
    expect(await reportCount()).toBe(before + 1);
  });

  describe("bad input gets a problem naming the field and stores nothing", () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      ["outside the area served", { ...places.ocean }, 422, "lat"],
      ["unknown category", { category: "unicorns" }, 422, "category"],
      ["latitude out of range", { lat: 123 }, 400, "lat"],
      ["latitude as a word", { lat: "north" }, 400, "lat"],
      ["title too short", { title: "ab" }, 400, "title"],
      ["title too long", { title: "x".repeat(121) }, 400, "title"],
      ["bad e-mail", { reporter: { email: "not-an-email" } }, 400, "reporter.email"],
      ["unknown field", { secret: 1 }, 400, ""],
      ["no e-mail and not signed in", { reporter: { name: "Anon" } }, 422, "reporter.email"],
      ["no location and no photo", { lat: undefined, lon: undefined }, 422, "lat"],
      ["lat without lon", { lon: undefined }, 400, "lon"],
    ];
    it.each(cases)("%s", async (_name, override, status, field) => {
      const before = await reportCount();
      const outboxBefore = (await tp.platform.ctx.database.db.select({ n: count() }).from(outbox))[0]!.n;
      const r = await citizen.post("/api/reports", newReportBody(override));
      expect(r.status).toBe(status);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(r.body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/baladiya\.org\/problems\//), title: expect.any(String) });
      if (field) expect(r.body.field).toBe(field);
      expect(r.body.errors?.[0]?.message ?? r.body.title).toEqual(expect.any(String));
      expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
      expect(await reportCount()).toBe(before);
      expect((await tp.platform.ctx.database.db.select({ n: count() }).from(outbox))[0]!.n).toBe(outboxBefore);
    });

    it("malformed JSON is a 400 problem, not a 500", async () => {
      const res = await fetch(`${tp.url}/api/reports`, { method: "POST", headers: { "content-type": "application/json" }, body: "{\"lat\": 33.5," });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    });

    it("speaks the request's language: Arabic, French, English", async () => {
      const body = newReportBody({ ...places.ocean });
      const ar = await new Client(tp.url, "ar-MA,ar;q=0.9").post("/api/reports", body);
      const fr = await new Client(tp.url, "fr-FR").post("/api/reports", body);
      const en = await new Client(tp.url, "en-GB").post("/api/reports", body);
      expect(ar.body.title).toBe("هذا الموقع خارج النطاق الترابي المشمول بالخدمة");
      expect(ar.headers.get("content-language")).toBe("ar");
      expect(fr.body.title).toBe("Ce lieu est en dehors du territoire desservi");
      expect(en.body.title).toBe("This location is outside the area served");
    });
  });
});

describe("a crash between commit and send", () => {
  it("never loses a message: a queued e-mail is sent by the next worker, once", async () => {
    const body = newReportBody();
    await citizen.post("/api/reports", body);
    // The worker is off in tests: the message waits in the outbox as if the process had died.
    expect(tp.mailbox.to(body.reporter.email)).toHaveLength(0);
    const [a, b] = await Promise.all([tp.drain(), tp.drain()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(tp.mailbox.to(body.reporter.email)).toHaveLength(1);
  });

  it("retries a refused e-mail with back-off and keeps it until it goes", async () => {
    const body = newReportBody();
    await citizen.post("/api/reports", body);
    tp.mailbox.refuseNext(1, 451);
    await tp.drain();
    expect(tp.mailbox.to(body.reporter.email)).toHaveLength(0);
    const [pending] = await tp.platform.ctx.database.db.select().from(outbox).where((await import("drizzle-orm")).eq(outbox.status, "pending"));
    expect(pending?.attempts).toBe(1);
    expect(pending?.lastError).toContain("refused by test");
    expect(pending!.runAfter.getTime()).toBeGreaterThan(Date.now() + 10_000);
    // Time passes: make it due again.
    await tp.platform.ctx.database.db.update(outbox).set({ runAfter: new Date() });
    await tp.drain();
    expect(tp.mailbox.to(body.reporter.email)).toHaveLength(1);
  });

  it("dead-letters a permanently refused e-mail for admins to see", async () => {
    const body = newReportBody();
    await citizen.post("/api/reports", body);
    tp.mailbox.refuseNext(1, 550);
    await tp.drain();
    const { eq } = await import("drizzle-orm");
    const dead = await tp.platform.ctx.database.db.select().from(outbox).where(eq(outbox.status, "dead"));
    expect(dead).toHaveLength(1);
    expect(dead[0]!.lastError).toContain("refused by test");
  });
});
