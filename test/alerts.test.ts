/**
 * Following a report by e-mail: confirmation for anonymous subscribers, immediate for verified
 * citizens, one mail per public update (never to its author, never twice), unsubscribe links;
 * and a citizen's own reports list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportUpdatedHandler } from "../src/alerts/index.ts";
import { Client, linkIn, tokenOf } from "./support/http.ts";
import { newCitizen, newConfirmedReport, newReportBody, newStaff, places } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let staff: Client;
let ref: string;
let reporterEmail: string;

const update = async (text: string, state?: string) => {
  const r = await staff.post(`/api/reports/${ref}/updates`, { text, ...(state ? { state } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  await tp.drain();
  await tp.drain();
};
const mailsAbout = (email: string, needle: string) => tp.mailbox.to(email).filter((m) => m.text?.includes(needle));

beforeAll(async () => {
  tp = await startTestPlatform();
  staff = await newStaff(tp, "voirie");
  const report = await newConfirmedReport(tp, { ...places.maarif });
  ref = report.ref;
  reporterEmail = report.body.reporter.email as string;
});
afterAll(() => tp.close());

describe("an anonymous subscriber", () => {
  const email = "follower@example.org";
  let confirmLink: string;

  it("is asked to confirm by e-mail (202), and hears nothing before confirming", async () => {
    const r = await new Client(tp.url).post(`/api/reports/${ref}/subscriptions`, { email: "Follower@Example.org" });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ confirmationRequired: true });
    await tp.drain();
    const [mail] = tp.mailbox.to(email);
    expect(mail?.subject).toContain(ref);
    confirmLink = linkIn(mail?.text, `${tp.url}/subscriptions/confirm?token=`);
    await update("Signalement reçu, une équipe passera cette semaine.");
    expect(mailsAbout(email, "cette semaine")).toHaveLength(0);
  });

  it("confirms with the link and then gets each public update once, with an unsubscribe link", async () => {
    const confirmed = await new Client(tp.url).post("/api/subscriptions/confirm", { token: tokenOf(confirmLink) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ ref, kind: "report" });
    await update("Travaux programmés lundi.", "action_scheduled");
    const mails = mailsAbout(email, "Travaux programmés lundi.");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(ref);
    expect(mails[0]!.text).toContain("Intervention programmée");
    expect(mails[0]!.text).toContain(`${tp.url}/r/${ref}`);
    // The reporter gets the reporter's mail, not a second one as a subscriber.
    expect(mailsAbout(reporterEmail, "Travaux programmés lundi.")).toHaveLength(1);
  });

  it("is not mailed about internal notes", async () => {
    const r = await staff.post(`/api/reports/${ref}/updates`, { text: "Note interne : voir le chef d'équipe.", visibility: "internal" });
    expect(r.status).toBe(201);
    await tp.drain();
    expect(mailsAbout(email, "Note interne")).toHaveLength(0);
  });

  it("unsubscribes with the link in any notification, idempotently, and hears nothing more", async () => {
    const [mail] = mailsAbout(email, "Travaux programmés lundi.");
    const link = linkIn(mail!.text, `${tp.url}/subscriptions/unsubscribe?token=`);
    for (let i = 0; i < 2; i++) {
      const r = await new Client(tp.url).post("/api/subscriptions/unsubscribe", { token: tokenOf(link) });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ ref });
    }
    // An old confirmation link does not bring the subscription back.
    expect((await new Client(tp.url).post("/api/subscriptions/confirm", { token: tokenOf(confirmLink) })).status).toBe(400);
    await update("Réparé.", "fixed");
    expect(mailsAbout(email, "Réparé.")).toHaveLength(0);
  });
});

describe("a signed-in citizen with a verified address", () => {
  it("is subscribed at once (201) and is not mailed about their own comment", async () => {
    const target = await newConfirmedReport(tp, { ...places.hayHassani });
    const citizen = await newCitizen(tp);
    const r = await citizen.post(`/api/reports/${target.ref}/subscriptions`, {});
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ confirmationRequired: false });
    expect((await citizen.post(`/api/reports/${target.ref}/updates`, { text: "Toujours là ce matin." })).status).toBe(201);
    await tp.drain();
    await tp.drain();
    expect(mailsAbout(citizen.email, "Toujours là ce matin.")).toHaveLength(0);
    const staffOther = await newStaff(tp, "voirie");
    expect((await staffOther.post(`/api/reports/${target.ref}/updates`, { text: "Équipe en route." })).status).toBe(201);
    await tp.drain();
    await tp.drain();
    expect(mailsAbout(citizen.email, "Équipe en route.")).toHaveLength(1);
  });

  it("an unverified account still confirms by e-mail", async () => {
    const citizen = await newCitizen(tp, { verified: false });
    const r = await citizen.post(`/api/reports/${ref}/subscriptions`, {});
    expect(r.status).toBe(202);
  });
});

describe("bad requests change nothing", () => {
  it("an unknown or unconfirmed report is a 404", async () => {
    const anon = new Client(tp.url);
    expect((await anon.post("/api/reports/CAS-2026-999999/subscriptions", { email: "x@example.org" })).status).toBe(404);
    const created = await anon.post("/api/reports", newReportBody());
    expect((await anon.post(`/api/reports/${created.body.ref}/subscriptions`, { email: "x@example.org" })).status).toBe(404);
  });

  it("an anonymous request without e-mail, or with a bad one, is a 400 naming email", async () => {
    for (const body of [{}, { email: "not-an-address" }]) {
      const r = await new Client(tp.url).post(`/api/reports/${ref}/subscriptions`, body);
      expect(r.status).toBe(400);
      expect(r.body.field).toBe("email");
    }
  });

  it("a forged token is a 400 naming token", async () => {
    for (const path of ["/api/subscriptions/confirm", "/api/subscriptions/unsubscribe"]) {
      const r = await new Client(tp.url).post(path, { token: "forged-token-forged-token" });
      expect(r.status).toBe(400);
      expect(r.body.field).toBe("token");
    }
  });
});

describe("the notification handler", () => {
  it("run twice for the same update (a retry after a crash) queues each mail once", async () => {
    const target = await newConfirmedReport(tp, { ...places.sidiMoumen });
    const citizen = await newCitizen(tp);
    await citizen.post(`/api/reports/${target.ref}/subscriptions`, {});
    const { ctx } = tp.platform;
    const handler = reportUpdatedHandler({ db: ctx.database.db, config: ctx.config, city: (id) => ctx.cities.all().find((c) => c.id === id) });
    const message = {
      id: 0, cityId: ctx.cities.all()[0]!.id, topic: "report.updated", status: "pending", attempts: 1, runAfter: new Date(), lockedUntil: null,
      lastError: null, result: null, createdAt: new Date(), doneAt: null, dedupeKey: null,
      payload: { reportId: target.id, ref: target.ref, title: "t", updateId: "00000000-0000-4000-8000-000000000001", text: "Retried event.", stateFrom: null, stateTo: null, state: "confirmed", authorUserId: null, reporterEmail: null },
    };
    expect(await handler(message)).toMatchObject({ ok: true, result: { notified: 1 } });
    expect(await handler(message)).toMatchObject({ ok: true, result: { notified: 1 } });
    await tp.drain();
    expect(mailsAbout(citizen.email, "Retried event.")).toHaveLength(1);
  });
});

describe("my reports", () => {
  it("lists the signed-in citizen's own reports in every state, and nobody else's", async () => {
    const citizen = await newCitizen(tp, { verified: false });
    const mine = await citizen.post("/api/reports", newReportBody({ reporter: { showName: false } }));
    expect(mine.status).toBe(201);
    expect(mine.body.state).toBe("open");
    const list = await citizen.get("/api/me/reports");
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { ref: string }) => i.ref)).toEqual([mine.body.ref]);
    expect(list.body.items[0].state).toBe("open");
    expect((await new Client(tp.url).get("/api/me/reports")).status).toBe(401);
  });
});
