/**
 * Alerts end to end over real HTTP and a real SMTP server: area, category and radius
 * subscriptions (confirmed by link), what each one hears, one message per person even when
 * several alerts match, one-click unsubscribe headers, daily digests, the per-recipient hourly
 * limit, bounces, staff-edited texts and announcements.
 */
import http from "node:http";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_INSTANT_PER_HOUR, sendDigests, type NotifyDeps } from "../src/alerts/index.ts";
import { translator } from "../src/i18n/index.ts";
import { Client, linkIn, tokenOf } from "./support/http.ts";
import { newCitizen, newConfirmedReport, newStaff, places } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { decryptPush, startPushService, subscriber } from "./support/push-service.ts";

let tp: TestPlatform;
let admin: Client;
let staff: Client;
const anon = () => new Client(tp.url);
const header = (m: ParsedMail | undefined, name: string) => m?.headerLines.find((h) => h.key === name)?.line.slice(name.length + 1).trim();
const mailsWith = (email: string, needle: string) => tp.mailbox.to(email).filter((m) => `${m.subject}\n${m.text}`.includes(needle));
const deps = (): NotifyDeps => ({ db: tp.platform.ctx.database.db, config: tp.platform.ctx.config, city: () => tp.platform.ctx.cities.get(tp.config.citySlug) });
const city = () => tp.platform.ctx.cities.get(tp.config.citySlug);

/** Subscribes anonymously and confirms through the mailed link; returns the confirmation mail. */
async function alert(body: Record<string, unknown>) {
  const r = await anon().post("/api/subscriptions", body);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  await tp.drain();
  const mail = tp.mailbox.to(body.email as string).at(-1);
  const confirmed = await anon().post("/api/subscriptions/confirm", { token: tokenOf(linkIn(mail?.text, `${tp.url}/subscriptions/confirm?token=`)) });
  expect(confirmed.status).toBe(200);
  return mail!;
}

beforeAll(async () => {
  tp = await startTestPlatform({ env: { BOUNCE_WEBHOOK_SECRET: "bounce-secret-0123456789" } });
  admin = await newStaff(tp, null, "city_admin");
  staff = await newStaff(tp, "voirie");
});
afterAll(() => tp.close());

describe("an area alert by e-mail", () => {
  const email = "maarif.watcher@example.org";
  let ref: string;

  it("is confirmed by a link in the subscriber's language, and hears nothing before", async () => {
    const r = await anon().post("/api/subscriptions", { kind: "area", areaCode: "maarif", email, language: "ar" });
    expect(r.status).toBe(202);
    await tp.drain();
    const [confirmation] = tp.mailbox.to(email);
    expect(confirmation?.subject).toContain("أكّد تنبيهك");
    expect(confirmation?.subject).toContain(city().areas.get("maarif")!.name.ar);
    await newConfirmedReport(tp, { ...places.maarif });
    expect(tp.mailbox.to(email)).toHaveLength(1);
    const confirmed = await anon().post("/api/subscriptions/confirm", { token: tokenOf(linkIn(confirmation?.text, `${tp.url}/subscriptions/confirm?token=`)) });
    expect(confirmed.body).toEqual({ ref: null, kind: "area" });
  });

  it("hears of a new report in the area, in Arabic, with one-click unsubscribe headers; not of one elsewhere", async () => {
    const report = await newConfirmedReport(tp, { ...places.maarif, title: "Nid-de-poule profond devant le Twin Center" });
    ref = report.ref;
    await newConfirmedReport(tp, { ...places.hayHassani, title: "Nid-de-poule à Hay Hassani loin du Maârif" });
    const mails = mailsWith(email, ref);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("بلاغ جديد");
    expect(mails[0]!.text).toContain(`${tp.url}/r/${ref}`);
    expect(header(mails[0], "list-unsubscribe")).toMatch(new RegExp(`^<${tp.url}/api/subscriptions/unsubscribe/one-click\\?token=`));
    expect(header(mails[0], "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mailsWith(email, "Hay Hassani loin")).toHaveLength(0);
  });

  it("hears of state changes of reports in the area, not of comments", async () => {
    expect((await staff.post(`/api/reports/${ref}/updates`, { text: "Nous regardons cela." })).status).toBe(201);
    expect((await staff.post(`/api/reports/${ref}/updates`, { text: "Équipe programmée jeudi.", state: "action_scheduled" })).status).toBe(201);
    await tp.drain();
    expect(mailsWith(email, "Nous regardons cela.")).toHaveLength(0);
    const changed = mailsWith(email, "Équipe programmée jeudi.");
    expect(changed).toHaveLength(1);
    expect(changed[0]!.subject).toContain(translator("ar")("state.action_scheduled"));
  });

  it("stops with the one-click POST a mail client sends, idempotently", async () => {
    const [mail] = mailsWith(email, ref);
    const url = header(mail, "list-unsubscribe")!.slice(1, -1);
    for (let i = 0; i < 2; i++) {
      const r = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
      expect(r.status).toBe(200);
    }
    const next = await newConfirmedReport(tp, { ...places.maarif, title: "Lampadaire cassé rue Abou Bakr Seddik" });
    expect(mailsWith(email, next.ref)).toHaveLength(0);
  });
});

describe("category and radius alerts", () => {
  it("a category alert in an area hears only that category there; a whole-city one hears it everywhere", async () => {
    const inArea = "lights.maarif@example.org";
    const cityWide = "lights.city@example.org";
    await alert({ kind: "category", categoryCode: "street_lighting", areaCode: "maarif", email: inArea });
    await alert({ kind: "category", categoryCode: "street_lighting", email: cityWide, language: "en" });
    const lightHere = await newConfirmedReport(tp, { ...places.maarif, category: "street_lighting", title: "Street light out near Twin Center" });
    const lightThere = await newConfirmedReport(tp, { ...places.sidiMoumen, category: "street_lighting", title: "Street light out in Sidi Moumen" });
    const pothole = await newConfirmedReport(tp, { ...places.maarif, title: "Pothole near Twin Center, not a light" });
    expect(mailsWith(inArea, lightHere.ref)).toHaveLength(1);
    expect(mailsWith(cityWide, lightHere.ref)).toHaveLength(1);
    expect(mailsWith(cityWide, lightHere.ref)[0]!.subject).toContain("New report");
    expect(mailsWith(inArea, lightThere.ref)).toHaveLength(0);
    expect(mailsWith(cityWide, lightThere.ref)).toHaveLength(1);
    expect(mailsWith(inArea, pothole.ref)).toHaveLength(0);
  });

  it("a radius alert hears reports within the radius only, and one mail when an area alert of the same person matches too", async () => {
    const email = "radius@example.org";
    await alert({ kind: "radius", lat: places.maarif.lat, lon: places.maarif.lon, radiusM: 500, email, language: "fr" });
    await alert({ kind: "area", areaCode: "maarif", email });
    const near = await newConfirmedReport(tp, { lat: places.maarif.lat + 0.002, lon: places.maarif.lon, title: "Trou à 220 mètres du point suivi" });
    const far = await newConfirmedReport(tp, { ...places.hayHassani, title: "Trou à Hay Hassani, bien loin du point" });
    expect(mailsWith(email, near.ref)).toHaveLength(1);
    expect(mailsWith(email, far.ref)).toHaveLength(0);
  });

  it("bad alerts are 400s naming the field, and create nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "area", areaCode: "atlantis", email: "x@example.org" }, "areaCode"],
      [{ kind: "radius", lat: places.maarif.lat, lon: places.maarif.lon, radiusM: 10, email: "x@example.org" }, "radiusM"],
      [{ kind: "area", areaCode: "maarif", channel: "sms" }, "phone"],
      [{ kind: "area", areaCode: "maarif", channel: "sms", phone: "0612" }, "phone"],
      [{ kind: "area", areaCode: "maarif" }, "email"],
      [{ kind: "area", areaCode: "maarif", channel: "push" }, "push"],
    ];
    for (const [body, field] of cases) {
      const r = await anon().post("/api/subscriptions", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field, JSON.stringify(r.body)).toBe(field);
    }
    // Valid requests about things the city does not have are 422s, as when filing a report.
    for (const [body, field] of [[{ kind: "category", categoryCode: "unicorns", email: "x@example.org" }, "categoryCode"], [{ kind: "radius", ...places.ocean, radiusM: 500, email: "x@example.org" }, "lat"]] as const) {
      const r = await anon().post("/api/subscriptions", body);
      expect(r.status).toBe(422);
      expect(r.body.field).toBe(field);
    }
    await tp.drain();
    expect(tp.mailbox.to("x@example.org")).toHaveLength(0);
  });
});

describe("frequency and limits", () => {
  it("a daily subscriber gets one digest listing what happened, and nothing twice", async () => {
    const email = "daily@example.org";
    await alert({ kind: "area", areaCode: "sidi-moumen", email, frequency: "daily", language: "en" });
    const a = await newConfirmedReport(tp, { ...places.sidiMoumen, title: "Rubbish piled at the Sidi Moumen market" });
    const b = await newConfirmedReport(tp, { ...places.sidiMoumen, title: "Broken bench in the Sidi Moumen garden" });
    expect(mailsWith(email, a.ref)).toHaveLength(0);
    expect(await sendDigests(deps(), city())).toBe(1);
    await tp.drain();
    const digest = mailsWith(email, "daily summary");
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toContain("2");
    expect(digest[0]!.text).toContain(a.ref);
    expect(digest[0]!.text).toContain(b.ref);
    expect(await sendDigests(deps(), city())).toBe(0);
  });

  it(`an instant subscriber gets at most ${MAX_INSTANT_PER_HOUR} messages an hour; the rest wait for the digest`, async () => {
    const email = "busy@example.org";
    await alert({ kind: "category", categoryCode: "road_damage", areaCode: "hay-hassani", email, language: "fr" });
    const refs: string[] = [];
    for (let i = 0; i < MAX_INSTANT_PER_HOUR + 2; i++) refs.push((await newConfirmedReport(tp, { ...places.hayHassani, title: `Trou numéro ${i} sur la route de Hay Hassani` })).ref);
    const instant = refs.filter((ref) => mailsWith(email, ref).length > 0);
    // The confirmation mail counts as one of the hour's messages.
    expect(instant.length).toBe(MAX_INSTANT_PER_HOUR - 1);
    expect(await sendDigests(deps(), city())).toBeGreaterThanOrEqual(1);
    await tp.drain();
    const digest = mailsWith(email, "résumé du jour").at(-1);
    for (const ref of refs.filter((r) => !instant.includes(r))) expect(digest?.text).toContain(ref);
  });
});

describe("bounces", () => {
  it("an address the SMTP server refuses for good is suppressed and hears nothing more", async () => {
    const email = "gone@example.org";
    await alert({ kind: "area", areaCode: "hay-hassani", email });
    tp.mailbox.refuseAddress(email);
    const first = await newConfirmedReport(tp, { ...places.hayHassani, title: "Premier trou après le refus" });
    expect(mailsWith(email, first.ref)).toHaveLength(0);
    const list = await admin.get("/api/admin/suppressions");
    expect(list.status).toBe(200);
    expect(list.body.items.find((s: { address: string }) => s.address === email)?.reason).toBe("bounce");
    // Nothing more is even attempted: the next report's notification is recorded as suppressed.
    const sentBefore = (await admin.get("/api/admin/mail?limit=500")).body.length;
    await newConfirmedReport(tp, { ...places.hayHassani, title: "Second trou après le refus" });
    const mails = (await admin.get("/api/admin/mail?limit=500")).body as { toAddress: string }[];
    expect(mails.slice(0, mails.length - sentBefore).some((m) => m.toAddress === email)).toBe(false);
  });

  it("the provider webhook suppresses with the shared secret, and refuses without it", async () => {
    expect((await anon().post("/api/webhooks/bounces", { email: "complainer@example.org", type: "complaint" }, { "x-webhook-secret": "wrong-secret-wrong-secret" })).status).toBe(403);
    expect((await anon().post("/api/webhooks/bounces", { email: "complainer@example.org", type: "complaint" }, { "x-webhook-secret": "bounce-secret-0123456789" })).status).toBe(200);
    await alert({ kind: "area", areaCode: "anfa", email: "complainer@example.org" }).catch(() => undefined);
    const list = await admin.get("/api/admin/suppressions");
    expect(list.body.items.map((s: { address: string }) => s.address)).toContain("complainer@example.org");
    expect((await staff.get("/api/admin/suppressions")).status).toBe(403);
  });
});

describe("staff-edited texts", () => {
  it("an admin rewrites a text with its placeholders; subscribers get it; an unknown placeholder is refused", async () => {
    const bad = await admin.request("PUT", "/api/admin/notification-templates/newReport/fr", { json: { subject: "Alerte {{nom}}", body: "Corps {{ref}}" } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("subject");
    expect((await staff.request("PUT", "/api/admin/notification-templates/newReport/fr", { json: { subject: "x {{ref}}", body: "y" } })).status).toBe(403);
    const put = await admin.request("PUT", "/api/admin/notification-templates/newReport/fr", { json: { subject: "Alerte Baladiya {{ref}} à {{area}}", body: "Nouveau problème : {{title}}\n{{link}}" } });
    expect(put.status).toBe(200);
    const listed = await admin.get("/api/admin/notification-templates");
    expect(listed.body.items.find((t: { template: string; language: string }) => t.template === "newReport" && t.language === "fr")).toMatchObject({ edited: true });
    const email = "edited@example.org";
    await alert({ kind: "area", areaCode: "sidi-belyout", email, language: "fr" });
    const report = await newConfirmedReport(tp, { ...places.sidiBelyout, title: "Trottoir défoncé boulevard Mohammed V" });
    const [mail] = mailsWith(email, report.ref);
    expect(mail?.subject).toBe(`Alerte Baladiya ${report.ref} à ${city().areas.get("sidi-belyout")!.name.fr}`);
    expect(mail?.text).toContain("Nouveau problème : Trottoir défoncé");
    // The unsubscribe footer cannot be edited away.
    expect(mail?.text).toContain(`${tp.url}/subscriptions/unsubscribe?token=`);
    expect((await admin.delete("/api/admin/notification-templates/newReport/fr")).status).toBe(200);
  });
});

describe("announcements", () => {
  const body = {
    title: { ar: "انقطاع الماء يوم الأحد", fr: "Coupure d'eau dimanche", en: "Water cut on Sunday" },
    body: { ar: "سينقطع الماء من 8 إلى 14.", fr: "L'eau sera coupée de 8 h à 14 h.", en: "Water will be off from 8 am to 2 pm." },
    areaCodes: ["ben-msick"],
  };

  it("previews who it reaches in each language, then sends each subscriber one message in their language, logged", async () => {
    await alert({ kind: "area", areaCode: "ben-msick", email: "bm.ar@example.org", language: "ar", frequency: "daily" });
    await alert({ kind: "area", areaCode: "ben-msick", email: "bm.en@example.org", language: "en" });
    await alert({ kind: "category", categoryCode: "water_leak", areaCode: "ben-msick", email: "bm.en@example.org", language: "en" });
    await alert({ kind: "area", areaCode: "anfa", email: "elsewhere@example.org" });
    const preview = await admin.post("/api/admin/announcements/preview", body);
    expect(preview.status).toBe(200);
    expect(preview.body.recipients).toBe(2);
    expect(preview.body.byLanguage).toEqual({ ar: 1, fr: 0, en: 1 });
    expect(preview.body.messages.ar.subject).toBe("انقطاع الماء يوم الأحد");
    const sent = await admin.post("/api/admin/announcements", body);
    expect(sent.status).toBe(202);
    await tp.drain();
    expect(mailsWith("bm.ar@example.org", "انقطاع الماء")).toHaveLength(1);
    expect(mailsWith("bm.en@example.org", "Water cut on Sunday")).toHaveLength(1);
    expect(mailsWith("elsewhere@example.org", "Coupure d'eau")).toHaveLength(0);
    const log = await admin.get("/api/admin/announcements");
    expect(log.body.items[0]).toMatchObject({ id: sent.body.id, recipients: 2 });
    expect(log.body.items[0].sentAt).not.toBeNull();
  });

  it("reaches alerts on the préfecture or an arrondissement of its areas, and radius alerts centred there unless it is about some categories", async () => {
    const water = { ...body, areaCodes: ["maarif"] };
    const toPrefecture = { ...body, areaCodes: ["pref-casablanca-anfa"] };
    const aboutLeaks = { ...water, categoryCodes: ["water_leak"] };
    // Alerts of the tests before count too: compare with what they reach.
    const reached = async (b: object) => (await admin.post("/api/admin/announcements/preview", b)).body.recipients as number;
    const before = { water: await reached(water), toPrefecture: await reached(toPrefecture), aboutLeaks: await reached(aboutLeaks) };
    await alert({ kind: "radius", ...places.maarif, radiusM: 500, email: "near.twin@example.org" });
    await alert({ kind: "radius", ...places.hayHassani, radiusM: 500, email: "near.hassani@example.org" });
    await alert({ kind: "area", areaCode: "pref-casablanca-anfa", email: "whole.prefecture@example.org" });
    expect(await reached(water)).toBe(before.water + 2);
    expect(await reached(toPrefecture)).toBe(before.toPrefecture + 2);
    expect(await reached(aboutLeaks)).toBe(before.aboutLeaks);
    expect((await admin.post("/api/admin/announcements", water)).status).toBe(202);
    await tp.drain();
    expect(mailsWith("near.twin@example.org", "Coupure d'eau")).toHaveLength(1);
    expect(mailsWith("whole.prefecture@example.org", "Coupure d'eau")).toHaveLength(1);
    expect(mailsWith("near.hassani@example.org", "Coupure d'eau")).toHaveLength(0);
  });

  it("is for city admins only, and bad codes are 400s naming the field", async () => {
    expect((await staff.post("/api/admin/announcements", body)).status).toBe(403);
    const r = await admin.post("/api/admin/announcements/preview", { ...body, areaCodes: ["atlantis"] });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe("areaCodes.0");
    const missing = await admin.post("/api/admin/announcements/preview", { ...body, title: { fr: "Seulement en français" } });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toMatch(/^title\./);
  });
});

describe("SMS and WhatsApp alerts through the Twilio adapter", () => {
  it("are confirmed by a link sent on the channel, then deliver each new report and each update of a followed report", async () => {
    const received: URLSearchParams[] = [];
    const twilio = http.createServer((req, res) => {
      let data = "";
      req.on("data", (c) => { data += c; });
      req.on("end", () => {
        received.push(new URLSearchParams(data));
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid: `SM${received.length}`, status: "queued" }));
      });
    });
    await new Promise<void>((resolve) => twilio.listen(0, "127.0.0.1", resolve));
    const port = (twilio.address() as { port: number }).port;
    const sms = await startTestPlatform({ env: {
      SMS_PROVIDER: "twilio", TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000", TWILIO_AUTH_TOKEN: "token-token-token",
      TWILIO_SMS_FROM: "+15005550006", TWILIO_WHATSAPP_FROM: "+14155238886", TWILIO_BASE_URL: `http://127.0.0.1:${port}`,
    } });
    try {
      const r = await new Client(sms.url).post("/api/subscriptions", { kind: "area", areaCode: "maarif", channel: "sms", phone: "+212 612 345 678", language: "fr" });
      expect(r.status).toBe(202);
      await sms.drain();
      expect(received).toHaveLength(1);
      expect(received[0]!.get("To")).toBe("+212612345678");
      const link = linkIn(received[0]!.get("Body") ?? "", `${sms.url}/subscriptions/confirm?token=`);
      expect((await new Client(sms.url).post("/api/subscriptions/confirm", { token: tokenOf(link) })).status).toBe(200);
      const report = await newConfirmedReport(sms, { ...places.maarif, title: "Trou signalé par SMS au Maârif" });
      const bodies = received.map((p) => p.get("Body") ?? "");
      expect(bodies.filter((b) => b.includes(report.ref))).toHaveLength(1);
      expect(bodies.find((b) => b.includes(report.ref))).toContain(`${sms.url}/r/${report.ref}`);

      // WhatsApp: follow that report; the confirmation and then the update come over WhatsApp.
      const w = await new Client(sms.url).post(`/api/reports/${report.ref}/subscriptions`, { channel: "whatsapp", phone: "+212 661 000 111", language: "ar" });
      expect(w.status).toBe(202);
      await sms.drain();
      const whatsapp = () => received.filter((p) => p.get("To") === "whatsapp:+212661000111");
      expect(whatsapp()).toHaveLength(1);
      expect(whatsapp()[0]!.get("From")).toBe("whatsapp:+14155238886");
      const wlink = linkIn(whatsapp()[0]!.get("Body") ?? "", `${sms.url}/subscriptions/confirm?token=`);
      expect((await new Client(sms.url).post("/api/subscriptions/confirm", { token: tokenOf(wlink) })).status).toBe(200);
      const worker = await newStaff(sms, "voirie");
      expect((await worker.post(`/api/reports/${report.ref}/updates`, { text: "Équipe sur place.", state: "in_progress" })).status).toBe(201);
      await sms.drain();
      expect(whatsapp()).toHaveLength(2);
      expect(whatsapp()[1]!.get("Body")).toContain(report.ref);
    } finally {
      await sms.close();
      twilio.close();
    }
  });
});

describe("Web Push alerts", () => {
  it("need no confirmation, arrive encrypted in the subscriber's language, and stop when the push service says the subscription is gone", async () => {
    const service = await startPushService();
    const pushed = await startTestPlatform({ channels: { pushAgent: service.agent } });
    try {
      const browser = subscriber();
      const r = await new Client(pushed.url).post("/api/subscriptions", {
        kind: "area", areaCode: "maarif", channel: "push", language: "en", push: { endpoint: `${service.url}/push/device-1`, keys: browser.keys },
      });
      expect(r.status).toBe(201);
      const report = await newConfirmedReport(pushed, { ...places.maarif, title: "Pothole seen from a phone with notifications" });
      expect(service.received).toHaveLength(1);
      const payload = decryptPush(service.received[0]!.body, browser.ecdh, browser.auth);
      expect(payload.title).toContain("Pothole seen from a phone");
      expect(payload.body).toContain(report.ref);
      expect(payload.url).toBe(`${pushed.url}/r/${report.ref}`);
      expect(payload.lang).toBe("en");

      service.replies.push(410);
      await newConfirmedReport(pushed, { ...places.maarif, title: "Second pothole, the browser has unsubscribed" });
      expect(service.received).toHaveLength(2);
      await newConfirmedReport(pushed, { ...places.maarif, title: "Third pothole, nobody is pushed" });
      expect(service.received).toHaveLength(2);
    } finally {
      await pushed.close();
      await service.close();
    }
  }, 90_000);
});

describe("supporters", () => {
  it("a citizen who says \"me too\" follows the report from then on", async () => {
    const report = await newConfirmedReport(tp, { ...places.sidiBelyout, title: "Égout débordant rue Allal Ben Abdallah" });
    const citizen = await newCitizen(tp, { language: "en" });
    const r = await citizen.post(`/api/reports/${report.ref}/supporters`, {});
    expect(r.status).toBeLessThan(300);
    await tp.drain();
    expect((await staff.post(`/api/reports/${report.ref}/updates`, { text: "Hydrocurage prévu demain matin.", state: "action_scheduled" })).status).toBe(201);
    await tp.drain();
    const mails = mailsWith(citizen.email, "Hydrocurage prévu demain matin.");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(report.ref);
  });
});
