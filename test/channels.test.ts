/**
 * Notification channels against real counterparts: a local HTTPS server plays the browser's
 * push service (and the test decrypts what it receives with the subscriber's private key, as
 * the browser would), a local HTTP server plays Twilio, and the log provider writes to pino.
 */
import { createPublicKey, verify } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannels, type ChannelMessage } from "../src/channels/index.ts";
import { ConfigError, loadConfig, type Config } from "../src/config.ts";
import type { Database } from "../src/db/client.ts";
import { settings } from "../src/db/schema.ts";
import { Client } from "./support/http.ts";
import { decryptPush, selfSignedCertificate, subscriber } from "./support/push-service.ts";
import { freshDatabase, openTestDatabase, startTestPlatform, type TestDatabase, type TestPlatform } from "./support/platform.ts";

const quietLog = { info() {} };

interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A server that records each request and answers with the next queued status (default 201). */
async function recordingServer(make: (handler: http.RequestListener) => http.Server) {
  const received: Received[] = [];
  const replies: { status: number; body?: unknown }[] = [];
  const server = make((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      const reply = replies.shift() ?? { status: 201 };
      res.writeHead(reply.status, { "content-type": "application/json", location: `/messages/${received.length}` });
      res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port, received, replies,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

/** Checks a VAPID Authorization header (RFC 8292) the way a push service does; returns the JWT claims. */
function verifyVapid(header: string | undefined, publicKey: string) {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  expect(m, `Authorization: ${header}`).not.toBeNull();
  const [, jwt, k] = m!;
  expect(k).toBe(publicKey);
  const [h, p, s] = jwt!.split(".");
  expect(JSON.parse(Buffer.from(h!, "base64url").toString())).toMatchObject({ alg: "ES256", typ: "JWT" });
  const point = Buffer.from(k!, "base64url");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url") }, format: "jwk" });
  expect(verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s!, "base64url"))).toBe(true);
  return JSON.parse(Buffer.from(p!, "base64url").toString());
}

const message = (overrides: Partial<ChannelMessage>): ChannelMessage => ({
  address: "", language: "fr", subject: "Signalement BLD-12 : résolu", text: "La voirie a bouché le nid-de-poule.",
  url: "https://baladiya.example.org/r/BLD-12", key: "outbox-1", ...overrides,
});

describe("Web Push", () => {
  let testDb: TestDatabase;
  let database: Database;
  let pushService: Awaited<ReturnType<typeof recordingServer>>;
  let agent: https.Agent;
  const config = (env: Record<string, string> = {}): Config => loadConfig({ NODE_ENV: "test", MAIL_FROM: "Baladiya <contact@baladiya.example.org>", ...env });

  beforeAll(async () => {
    testDb = await freshDatabase();
    database = await openTestDatabase(testDb);
    const tls = selfSignedCertificate();
    pushService = await recordingServer((handler) => https.createServer({ key: tls.key, cert: tls.cert }, handler));
    agent = new https.Agent({ ca: tls.cert });
  });
  afterAll(async () => {
    await pushService.close();
    await database.close();
    await testDb.drop();
  });

  it("generates the VAPID keys once and every instance on the database signs with them", async () => {
    const [a, b] = await Promise.all([createChannels(config(), database.db, quietLog), createChannels(config(), database.db, quietLog)]);
    const c = await createChannels(config(), database.db, quietLog);
    expect(a.vapidPublicKey()).toBe(b.vapidPublicKey());
    expect(c.vapidPublicKey()).toBe(a.vapidPublicKey());
    const point = Buffer.from(a.vapidPublicKey(), "base64url");
    expect(point.length).toBe(65);
    expect(point[0]).toBe(4);
    const rows = await database.db.select().from(settings);
    expect(rows.filter((r) => r.key === "vapid")).toHaveLength(1);
  });

  it("uses the keys from the configuration when they are set", async () => {
    const { default: webpush } = await import("web-push");
    const keys = webpush.generateVAPIDKeys();
    const channels = await createChannels(config({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey }), database.db, quietLog);
    expect(channels.vapidPublicKey()).toBe(keys.publicKey);
  });

  it("sends an encrypted notification the subscriber can read, signed for the push service's origin", async () => {
    const channels = await createChannels(config(), database.db, quietLog, { pushAgent: agent });
    const browser = subscriber();
    const endpoint = `https://127.0.0.1:${pushService.port}/push/abc123`;
    const result = await channels.get("push")!.send(message({ address: endpoint, pushKeys: browser.keys, language: "ar", subject: "البلاغ BLD-12: تم الإصلاح", text: "أصلحت البلدية الحفرة.\n\nشكرا لكم." }));
    expect(result).toEqual({ ok: true, id: "/messages/1" });

    const req = pushService.received.at(-1)!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/push/abc123");
    expect(req.headers["content-encoding"]).toBe("aes128gcm");
    expect(req.headers.ttl).toBe("86400");
    expect(decryptPush(req.body, browser.ecdh, browser.auth)).toEqual({
      title: "البلاغ BLD-12: تم الإصلاح", body: "أصلحت البلدية الحفرة. شكرا لكم.", url: "https://baladiya.example.org/r/BLD-12", lang: "ar", dir: "rtl",
    });
    const claims = verifyVapid(req.headers.authorization, channels.vapidPublicKey());
    expect(claims.aud).toBe(`https://127.0.0.1:${pushService.port}`);
    expect(claims.sub).toBe("mailto:contact@baladiya.example.org");
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("says a subscription is gone on 404 and 410, to retry on 429 and 5xx, and not to on other 4xx", async () => {
    const channels = await createChannels(config(), database.db, quietLog, { pushAgent: agent });
    const push = channels.get("push")!;
    const send = async (status: number) => {
      pushService.replies.push({ status, body: { reason: `status ${status}` } });
      return push.send(message({ address: `https://127.0.0.1:${pushService.port}/push/s${status}`, pushKeys: subscriber().keys }));
    };
    expect(await send(410)).toMatchObject({ ok: false, gone: true, retryable: false });
    expect(await send(404)).toMatchObject({ ok: false, gone: true, retryable: false });
    expect(await send(500)).toMatchObject({ ok: false, retryable: true });
    expect(await send(503)).toMatchObject({ ok: false, retryable: true });
    expect(await send(429)).toMatchObject({ ok: false, retryable: true });
    const tooBig = await send(413);
    expect(tooBig).toMatchObject({ ok: false, retryable: false });
    expect(tooBig).not.toHaveProperty("gone");
    expect((await send(500) as { error: string }).error).toContain("push 500");
  });

  it("retries when the push service does not answer, and drops subscriptions that can never work", async () => {
    const channels = await createChannels(config(), database.db, quietLog, { pushAgent: agent });
    const push = channels.get("push")!;
    // A closed port: nobody answers.
    const closed = await recordingServer((h) => http.createServer(h));
    await closed.close();
    expect(await push.send(message({ address: `https://127.0.0.1:${closed.port}/push/x`, pushKeys: subscriber().keys }))).toMatchObject({ ok: false, retryable: true });
    const before = pushService.received.length;
    const endpoint = `https://127.0.0.1:${pushService.port}/push/x`;
    expect(await push.send(message({ address: endpoint, pushKeys: null }))).toMatchObject({ ok: false, gone: true, retryable: false });
    expect(await push.send(message({ address: endpoint, pushKeys: { p256dh: "AAAA", auth: subscriber().keys.auth } }))).toMatchObject({ ok: false, gone: true });
    expect(await push.send(message({ address: `http://127.0.0.1:${pushService.port}/push/x`, pushKeys: subscriber().keys }))).toMatchObject({ ok: false, gone: true });
    expect(pushService.received.length).toBe(before);
  });

  it("shortens a long body so the payload stays within what push services accept", async () => {
    const channels = await createChannels(config(), database.db, quietLog, { pushAgent: agent });
    const browser = subscriber();
    const result = await channels.get("push")!.send(message({ address: `https://127.0.0.1:${pushService.port}/push/long`, pushKeys: browser.keys, text: "mot ".repeat(2000) }));
    expect(result.ok).toBe(true);
    const payload = decryptPush(pushService.received.at(-1)!.body, browser.ecdh, browser.auth);
    expect(payload.body.length).toBeLessThanOrEqual(600);
    expect(payload.body.endsWith("…")).toBe(true);
    expect(payload).toMatchObject({ lang: "fr", dir: "ltr" });
  });
});

describe("GET /api/push/key", () => {
  let tp: TestPlatform;
  beforeAll(async () => { tp = await startTestPlatform({ smtp: false }); });
  afterAll(() => tp.close());

  it("serves the public key the platform signs with, the same as any other instance on the database", async () => {
    const r = await new Client(tp.url).get("/api/push/key");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ publicKey: tp.platform.ctx.channels.vapidPublicKey() });
    const other = await createChannels(tp.config, tp.platform.ctx.database.db, quietLog);
    expect(other.vapidPublicKey()).toBe(r.body.publicKey);
  });
});

describe("SMS and WhatsApp", () => {
  const SID = `AC${"0123456789abcdef".repeat(2)}`;
  let twilio: Awaited<ReturnType<typeof recordingServer>>;
  const twilioConfig = (env: Record<string, string> = {}) => loadConfig({
    NODE_ENV: "test", SMS_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "secret-token",
    TWILIO_SMS_FROM: "+212522000000", TWILIO_WHATSAPP_FROM: "+14155238886", TWILIO_BASE_URL: `http://127.0.0.1:${twilio.port}/`, ...env,
  });

  beforeAll(async () => { twilio = await recordingServer((h) => http.createServer(h)); });
  afterAll(async () => { await twilio.close(); });

  // The channels need a database only for the VAPID keys: these come from the configuration.
  const noDb = undefined as never;
  const vapid = { VAPID_PUBLIC_KEY: "B".repeat(87), VAPID_PRIVATE_KEY: "A".repeat(43) };

  it("posts an SMS to Twilio's Messages API: form fields, basic auth, the link kept whole", async () => {
    const channels = await createChannels(twilioConfig(vapid), noDb, quietLog);
    twilio.replies.push({ status: 201, body: { sid: "SM0001", status: "queued" } });
    const result = await channels.get("sms")!.send(message({ address: "+212612345678", text: "Votre signalement   BLD-12 est résolu.\n\n\n\nMerci." }));
    expect(result).toEqual({ ok: true, id: "SM0001" });
    const req = twilio.received.at(-1)!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:secret-token`).toString("base64")}`);
    expect(Object.fromEntries(new URLSearchParams(req.body.toString()))).toEqual({
      To: "+212612345678", From: "+212522000000", Body: "Votre signalement BLD-12 est résolu.\n\nMerci.\nhttps://baladiya.example.org/r/BLD-12",
    });
  });

  it("sends WhatsApp with the whatsapp: prefix on both numbers", async () => {
    const channels = await createChannels(twilioConfig(vapid), noDb, quietLog);
    twilio.replies.push({ status: 201, body: { sid: "SM0002" } });
    expect(await channels.get("whatsapp")!.send(message({ address: "+212612345678", language: "ar", text: "تم إصلاح البلاغ" }))).toEqual({ ok: true, id: "SM0002" });
    const form = new URLSearchParams(twilio.received.at(-1)!.body.toString());
    expect(form.get("To")).toBe("whatsapp:+212612345678");
    expect(form.get("From")).toBe("whatsapp:+14155238886");
    expect(form.get("Body")).toBe("تم إصلاح البلاغ\nhttps://baladiya.example.org/r/BLD-12");
  });

  it("maps Twilio's errors: a bad or opted-out number is gone, 429 and 5xx are retried, the rest is not", async () => {
    const sms = (await createChannels(twilioConfig(vapid), noDb, quietLog)).get("sms")!;
    const reply = async (status: number, code?: number) => {
      twilio.replies.push({ status, body: code ? { code, message: `error ${code}`, status } : undefined });
      return sms.send(message({ address: "+212612345678" }));
    };
    const invalid = await reply(400, 21211);
    expect(invalid).toMatchObject({ ok: false, gone: true, retryable: false });
    expect((invalid as { error: string }).error).toBe("twilio 400 21211: error 21211");
    expect(await reply(400, 21610)).toMatchObject({ ok: false, gone: true, retryable: false });
    expect(await reply(400, 21614)).toMatchObject({ ok: false, gone: true, retryable: false });
    expect(await reply(429, 20429)).toMatchObject({ ok: false, retryable: true });
    expect(await reply(500)).toMatchObject({ ok: false, retryable: true });
    expect(await reply(503, 20500)).toMatchObject({ ok: false, retryable: true });
    const auth = await reply(401, 20003);
    expect(auth).toMatchObject({ ok: false, retryable: false });
    expect(auth).not.toHaveProperty("gone");
  });

  it("refuses numbers that are not E.164 without asking the provider, and retries when it does not answer", async () => {
    const sms = (await createChannels(twilioConfig(vapid), noDb, quietLog)).get("sms")!;
    const before = twilio.received.length;
    for (const address of ["0612345678", "+212 6 12 34 56 78", "+0612345678", "+2126123456789012", ""]) {
      expect(await sms.send(message({ address }))).toMatchObject({ ok: false, gone: true, retryable: false });
    }
    expect(twilio.received.length).toBe(before);
    const closed = await recordingServer((h) => http.createServer(h));
    await closed.close();
    const down = (await createChannels(twilioConfig({ ...vapid, TWILIO_BASE_URL: `http://127.0.0.1:${closed.port}` }), noDb, quietLog)).get("sms")!;
    expect(await down.send(message({ address: "+212612345678" }))).toMatchObject({ ok: false, retryable: true });
  });

  it("offers WhatsApp only with a WhatsApp sender", async () => {
    const channels = await createChannels(twilioConfig({ ...vapid, TWILIO_WHATSAPP_FROM: "" }), noDb, quietLog);
    expect(channels.get("sms")).toBeDefined();
    expect(channels.get("whatsapp")).toBeUndefined();
    expect(channels.get("email")).toBeUndefined();
    expect(channels.get("toString")).toBeUndefined();
  });

  it("by default writes each message to the log and sends nothing", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: "info" }, new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } }));
    const channels = await createChannels(loadConfig({ NODE_ENV: "test", ...vapid }), noDb, log);
    const before = twilio.received.length;
    expect(await channels.get("sms")!.send(message({ address: "+212612345678", key: "outbox-7" }))).toEqual({ ok: true, id: "log-outbox-7" });
    expect(await channels.get("whatsapp")!.send(message({ address: "+212612345679", key: "outbox-8", text: "Bonjour" }))).toEqual({ ok: true, id: "log-outbox-8" });
    expect(twilio.received.length).toBe(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, channel: "sms", to: "+212612345678", key: "outbox-7", body: "La voirie a bouché le nid-de-poule.\nhttps://baladiya.example.org/r/BLD-12" });
    expect(lines[1]).toMatchObject({ channel: "whatsapp", to: "+212612345679", body: "Bonjour\nhttps://baladiya.example.org/r/BLD-12" });
  });
});

describe("channel configuration", () => {
  const error = (env: Record<string, string>) => {
    try { loadConfig({ NODE_ENV: "test", ...env }); } catch (err) { expect(err).toBeInstanceOf(ConfigError); return (err as Error).message; }
    throw new Error("accepted");
  };

  it("derives the VAPID subject from MAIL_FROM, else the https public URL", () => {
    expect(loadConfig({}).vapidSubject).toBe("mailto:no-reply@baladiya.example.org");
    expect(loadConfig({ MAIL_FROM: "ops@city.example.ma" }).vapidSubject).toBe("mailto:ops@city.example.ma");
    expect(loadConfig({ MAIL_FROM: "Baladiya", PUBLIC_URL: "https://city.example.ma" }).vapidSubject).toBe("https://city.example.ma");
    expect(loadConfig({ MAIL_FROM: "Baladiya", PUBLIC_URL: "http://city.example.ma" }).vapidSubject).toBe("mailto:postmaster@city.example.ma");
    expect(loadConfig({ VAPID_SUBJECT: "https://city.example.ma/contact" }).vapidSubject).toBe("https://city.example.ma/contact");
    expect(loadConfig({}).smsProvider).toBe("log");
    expect(loadConfig({}).twilio).toBeNull();
  });

  it("names each bad or missing variable", () => {
    expect(error({ VAPID_PUBLIC_KEY: "B".repeat(87) })).toContain("VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both or neither");
    expect(error({ VAPID_SUBJECT: "http://city.example.ma" })).toContain("VAPID_SUBJECT");
    expect(error({ SMS_PROVIDER: "twilio" })).toMatch(/TWILIO_ACCOUNT_SID: required[\s\S]*TWILIO_AUTH_TOKEN: required[\s\S]*TWILIO_SMS_FROM/);
    expect(error({ TWILIO_SMS_FROM: "0612345678" })).toContain("TWILIO_SMS_FROM");
    expect(error({ TWILIO_WHATSAPP_FROM: "Baladiya" })).toContain("TWILIO_WHATSAPP_FROM");
    expect(error({ TWILIO_ACCOUNT_SID: "AC123" })).toContain("TWILIO_ACCOUNT_SID");
    // An alphanumeric sender ID is fine for SMS.
    expect(loadConfig({ SMS_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: `AC${"a".repeat(32)}`, TWILIO_AUTH_TOKEN: "t", TWILIO_SMS_FROM: "Baladiya" }).twilio)
      .toMatchObject({ smsFrom: "Baladiya", whatsappFrom: undefined, baseUrl: "https://api.twilio.com" });
  });
});
