/**
 * The reporter loop over real HTTP with a real SMTP mailbox: "Is it really fixed?" (the mail in
 * the reporter's language, its link, the answers kept one per fix, "not fixed" reopening the
 * report and telling the authority), the reporter's one-click stop of their mails with the
 * List-Unsubscribe headers, and "me too" supporters (counted once, confirmed by e-mail when
 * anonymous, only on open reports, raising the urgency, announced to the alerts).
 */
import { and, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixFeedback, liveEvents, outbox } from "../src/db/schema.ts";
import { newCitizen, newConfirmedReport, newReportBody, newStaff, places } from "./support/factories.ts";
import { Client, linkIn, tokenOf } from "./support/http.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
const anonymous = () => new Client(tp.url);
const db = () => tp.platform.ctx.database.db;
const city = () => tp.platform.ctx.cities.get(tp.config.citySlug);

beforeAll(async () => {
  tp = await startTestPlatform();
});
afterAll(() => tp.close());

const staffClients = new Map<string, Client>();
/** Staff of the report's authority (one account per authority). */
async function staffFor(ref: string): Promise<Client> {
  const code = (await anonymous().get(`/api/reports/${ref}`)).body.report.authority.code as string;
  if (!staffClients.has(code)) staffClients.set(code, await newStaff(tp, code));
  return staffClients.get(code)!;
}

async function update(ref: string, text: string, state?: string) {
  const r = await (await staffFor(ref)).post(`/api/reports/${ref}/updates`, { text, ...(state ? { state } : {}) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  await tp.drain();
}

const mailsAbout = (email: string, needle: string) => tp.mailbox.to(email).filter((m) => `${m.subject}\n${m.text}`.includes(needle));
/** A raw header of a received mail, unfolded. */
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r?\n[ \t]+/g, " ").replace(/^[^:]+:\s*/, "");

async function fixedReport(overrides: Record<string, unknown> = {}) {
  const report = await newConfirmedReport(tp, overrides);
  await update(report.ref, "Trou rebouché ce matin.", "fixed");
  const email = report.body.reporter.email as string;
  const mail = tp.mailbox.to(email).at(-1)!;
  const link = linkIn(mail.text, `${tp.url}/r/${report.ref}?feedback=`);
  return { ...report, email, mail, link, token: new URL(link).searchParams.get("feedback")! };
}

describe("Is it really fixed?", () => {
  it("asks the reporter in their language when the report is fixed, with a working link and one-click unsubscribe headers", async () => {
    const report = await newConfirmedReport(tp, { language: "ar", title: "حفرة عميقة في شارع الزرقطوني" });
    const email = report.body.reporter.email as string;
    const before = tp.mailbox.to(email).length;
    await update(report.ref, "Trou rebouché ce matin.", "fixed");
    const mails = tp.mailbox.to(email).slice(before);
    // One mail: the question comes with the news, not after it.
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toBe(`هل أُصلح فعلا؟ بلاغك ${report.ref}`);
    expect(mail!.headers.get("content-language")).toBe("ar");
    expect(mail!.text).toContain("Trou rebouché ce matin.");
    expect(mail!.text).toContain("إيقاف الرسائل حول هذا البلاغ");
    expect(header(mail!, "List-Unsubscribe")).toMatch(new RegExp(`^<${tp.url}/api/reports/${report.ref}/reporter-notifications/off\\?token=[^>]+>$`));
    expect(header(mail!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");

    const token = new URL(linkIn(mail!.text, `${tp.url}/r/${report.ref}?feedback=`)).searchParams.get("feedback")!;
    // The page opened from the link asks the question; without it, nobody is asked.
    expect((await anonymous().get(`/api/reports/${report.ref}?feedbackToken=${token}`)).body.viewer).toEqual({ reporter: false, supporting: false, feedbackAwaited: true });
    expect((await anonymous().get(`/api/reports/${report.ref}`)).body.viewer.feedbackAwaited).toBe(false);

    const answer = await anonymous().post(`/api/reports/${report.ref}/fix-feedback`, { fixed: true, score: 4, comment: "Merci, c'est propre.", token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ ref: report.ref, fixed: true, state: "fixed" });
    expect((await anonymous().get(`/api/reports/${report.ref}?feedbackToken=${token}`)).body.viewer.feedbackAwaited).toBe(false);

    const [row] = await db().select().from(fixFeedback).where(eq(fixFeedback.reportId, report.id));
    expect(row).toMatchObject({ fixed: true, score: 4, comment: "Merci, c'est propre." });
    const staff = (await (await staffFor(report.ref)).get(`/api/reports/${report.ref}`)).body;
    expect(new Date(row!.fixedAt).toISOString()).toBe(staff.report.fixedAt);
    expect(staff.report.fixFeedback).toEqual({ answers: 1, notFixed: 0, averageScore: 4 });
    expect(staff.report.state).toBe("fixed");
    expect(staff.history.find((h: { action: string }) => h.action === "feedback")).toMatchObject({ field: "fixed", to: "yes 4/5", actor: "reporter" });

    // One answer per fix.
    const again = await anonymous().post(`/api/reports/${report.ref}/fix-feedback`, { fixed: false, token });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/already_answered$/);
  });

  it("\"not fixed\" reopens the report with a public update, tells the authority and its followers, and refuses a second answer", async () => {
    const report = await fixedReport();
    const authority = city().authorityByCode.get((await anonymous().get(`/api/reports/${report.ref}`)).body.report.authority.code)!;
    const answer = await anonymous().post(`/api/reports/${report.ref}/fix-feedback`, { fixed: false, score: 1, comment: "Le trou est toujours là, plus grand.", token: report.token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ ref: report.ref, fixed: false, state: "reopened" });

    const view = (await anonymous().get(`/api/reports/${report.ref}`)).body;
    expect(view.report.state).toBe("reopened");
    expect(view.updates.at(-1)).toMatchObject({ text: "Le trou est toujours là, plus grand.", stateFrom: "fixed", stateTo: "reopened", authorRole: "citizen", visibility: "public" });

    await tp.drain();
    const [mail] = mailsAbout(authority.email, `[${report.ref}] Pas réparé selon le citoyen`);
    expect(mail, "the authority's mail").toBeDefined();
    expect(mail!.text).toContain("Le trou est toujours là, plus grand.");
    expect(mail!.text).toContain("Satisfaction : 1 sur 5");
    expect(mail!.text).toContain(`${tp.url}/staff/r/${report.ref}`);
    // The reporter is not mailed about their own answer.
    expect(mailsAbout(report.email, "Le trou est toujours là")).toHaveLength(0);

    // Followers hear as of any state change (the subscribers' event), and the page moves live.
    const events = await db().select().from(outbox).where(eq(outbox.topic, "report.updated"));
    expect(events.some((e) => e.payload.ref === report.ref && e.payload.stateTo === "reopened" && e.payload.text === "Le trou est toujours là, plus grand.")).toBe(true);
    const live = await db().select().from(liveEvents).where(and(eq(liveEvents.ref, report.ref), eq(liveEvents.type, "report.state_changed")));
    expect(live.at(-1)?.state).toBe("reopened");

    const staff = (await (await staffFor(report.ref)).get(`/api/reports/${report.ref}`)).body.report;
    expect(staff.fixFeedback).toEqual({ answers: 1, notFixed: 1, averageScore: 1 });

    const again = await anonymous().post(`/api/reports/${report.ref}/fix-feedback`, { fixed: true, score: 5, token: report.token });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/not_awaiting_feedback$/);

    // Fixed again: a new question with a new link; the old link answers nothing.
    await update(report.ref, "Repris entièrement.", "fixed");
    const newLink = linkIn(tp.mailbox.to(report.email).at(-1)!.text, `${tp.url}/r/${report.ref}?feedback=`);
    expect(newLink).not.toBe(report.link);
    expect((await anonymous().post(`/api/reports/${report.ref}/fix-feedback`, { fixed: true, token: report.token })).status).toBe(409);
    expect((await anonymous().post(`/api/reports/${report.ref}/fix-feedback`, { fixed: true, score: 5, token: tokenOf(newLink.replace("?feedback=", "?token=")) })).status).toBe(200);
  });

  it("asks the signed-in reporter on the page, who answers without a token", async () => {
    const citizen = await newCitizen(tp, { language: "en" });
    const created = await citizen.post("/api/reports", newReportBody({ ...places.hayHassani, language: "en", reporter: { showName: false } }));
    expect(created.status).toBe(201);
    const ref = created.body.ref as string;
    await update(ref, "Filled in.", "fixed");
    const [mail] = mailsAbout(citizen.email, `Is it really fixed? Your report ${ref}`);
    expect(mail, "the question in English").toBeDefined();
    expect(mail!.text).toContain("Stop e-mails about all your reports:");
    expect((await citizen.get(`/api/reports/${ref}`)).body.viewer).toEqual({ reporter: true, supporting: false, feedbackAwaited: true });
    // Someone else, signed in, is not asked and may not answer.
    const other = await newCitizen(tp);
    expect((await other.get(`/api/reports/${ref}`)).body.viewer.feedbackAwaited).toBe(false);
    expect((await other.post(`/api/reports/${ref}/fix-feedback`, { fixed: false })).status).toBe(403);
    expect((await anonymous().post(`/api/reports/${ref}/fix-feedback`, { fixed: false })).status).toBe(401);

    const r = await citizen.post(`/api/reports/${ref}/fix-feedback`, { fixed: true, score: 5 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await citizen.get(`/api/reports/${ref}`)).body.viewer.feedbackAwaited).toBe(false);
    const [row] = await db().select().from(fixFeedback).where(eq(fixFeedback.reportId, created.body.id));
    expect(row).toMatchObject({ fixed: true, score: 5, comment: null, language: "en" });
  });

  it("refuses bad answers, naming the field, and answers to reports that are not fixed", async () => {
    const report = await fixedReport({ ...places.sidiMoumen });
    for (const [body, field] of [[{ fixed: "maybe", token: report.token }, "fixed"], [{ fixed: true, score: 6, token: report.token }, "score"],
      [{ fixed: true, score: 0, token: report.token }, "score"], [{ fixed: true, token: "forged-token-forged-token" }, "token"]] as const) {
      const r = await anonymous().post(`/api/reports/${report.ref}/fix-feedback`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field ?? r.body.errors?.[0]?.field).toBe(field);
    }
    const open = await newConfirmedReport(tp, { ...places.sidiMoumen });
    const citizen = await newCitizen(tp);
    const mine = await citizen.post("/api/reports", newReportBody({ ...places.sidiMoumen, reporter: { showName: false } }));
    expect((await citizen.post(`/api/reports/${mine.body.ref}/fix-feedback`, { fixed: true })).status).toBe(409);
    expect((await anonymous().post(`/api/reports/${open.ref}/fix-feedback`, { fixed: true, token: report.token })).status).toBe(400);
    expect((await anonymous().post("/api/reports/CAS-2026-999999/fix-feedback", { fixed: true, token: report.token })).status).toBe(404);
  });
});

describe("the reporter's one-click stop", () => {
  it("every reporter mail carries it; the mail client's one-click POST stops the mails about that report", async () => {
    const report = await newConfirmedReport(tp, { ...places.sidiBelyout });
    const email = report.body.reporter.email as string;
    // The first one, when the report was published, already had it.
    const [published] = mailsAbout(email, "a été transmis");
    expect(published!.text).toContain(`${tp.url}/r/${report.ref}/mails-off?token=`);
    expect(published!.text).not.toContain("tous vos signalements");
    await update(report.ref, "Équipe prévue jeudi.", "action_scheduled");
    const [mail] = mailsAbout(email, "Équipe prévue jeudi.");
    expect(mail!.subject).toContain(report.ref);
    const oneClick = header(mail!, "List-Unsubscribe")!.slice(1, -1);
    expect(header(mail!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    for (let i = 0; i < 2; i++) {
      const res = await fetch(oneClick, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ref: report.ref, reportMails: false, allOwnReports: false });
    }
    await update(report.ref, "Travaux en cours.", "in_progress");
    await update(report.ref, "Trou rebouché.", "fixed");
    expect(mailsAbout(email, "Travaux en cours.")).toHaveLength(0);
    expect(mailsAbout(email, "Trou rebouché.")).toHaveLength(0);
  });

  it("an account holder's link can stop the mails about all their reports", async () => {
    const citizen = await newCitizen(tp);
    const first = await citizen.post("/api/reports", newReportBody({ reporter: { showName: false } }));
    const second = await citizen.post("/api/reports", newReportBody({ ...places.hayHassani, reporter: { showName: false } }));
    await tp.drain();
    const [mail] = mailsAbout(citizen.email, `Votre signalement ${first.body.ref} a été transmis`);
    const all = mail!.text!.match(new RegExp(`${tp.url}/r/${first.body.ref}/mails-off\\?token=\\S+&all=1`))?.[0];
    expect(all, mail!.text).toBeDefined();
    const r = await anonymous().post(`/api/reports/${first.body.ref}/reporter-notifications/off`, { token: tokenOf(all!), all: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ ref: first.body.ref, reportMails: false, allOwnReports: true });
    await update(second.body.ref, "Une équipe passe demain.", "in_progress");
    expect(mailsAbout(citizen.email, "Une équipe passe demain.")).toHaveLength(0);
  });

  it("refuses a missing, forged or misplaced token, naming it", async () => {
    const report = await newConfirmedReport(tp);
    const other = await newConfirmedReport(tp);
    const link = linkIn(mailsAbout(report.body.reporter.email as string, "a été transmis")[0]!.text, `${tp.url}/r/${report.ref}/mails-off?token=`);
    for (const [ref, body] of [[report.ref, {}], [report.ref, { token: "forged-token-forged-token" }], [other.ref, { token: tokenOf(link) }]] as const) {
      const r = await anonymous().post(`/api/reports/${ref}/reporter-notifications/off`, body);
      expect(r.status).toBe(400);
      expect(r.body.field).toBe("token");
    }
  });
});

describe("me too", () => {
  let report: { ref: string; id: string; body: Record<string, unknown> };
  beforeAll(async () => {
    report = await newConfirmedReport(tp, { ...places.hayHassani, title: "Nid-de-poule dangereux devant l'école", category: "road_damage" });
  });
  const view = async (client = anonymous()) => (await client.get(`/api/reports/${report.ref}`)).body;

  it("counts a signed-in citizen at once, once, and raises the urgency", async () => {
    const staff = await staffFor(report.ref);
    const before = (await staff.get(`/api/reports/${report.ref}?lang=en`)).body.report;
    const citizen = await newCitizen(tp);
    for (let i = 0; i < 2; i++) {
      const r = await citizen.post(`/api/reports/${report.ref}/supporters`, {});
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toEqual({ confirmationRequired: false, supporterCount: 1 });
    }
    expect((await view()).report.supporterCount).toBe(1);
    expect((await view(citizen)).viewer).toMatchObject({ supporting: true, reporter: false });
    const after = (await staff.get(`/api/reports/${report.ref}?lang=en`)).body.report;
    expect(after.triage.urgency.factors).toContainEqual(expect.objectContaining({ kind: "supporters", points: 4 }));
    expect(after.priority).toBe(Math.min(100, before.priority + 4));
    // The list, the map's list and the staff queue show it.
    const list = (await anonymous().get(`/api/reports?area=${after.area}&limit=500`)).body.items;
    expect(list.find((i: { ref: string }) => i.ref === report.ref)?.supporterCount).toBe(1);
    const queue = (await staff.get(`/api/staff/reports?area=${after.area}&limit=500`)).body.items;
    expect(queue.find((i: { ref: string }) => i.ref === report.ref)?.supporterCount).toBe(1);

    const [event] = (await db().select().from(outbox).where(eq(outbox.topic, "report.supported"))).filter((e) => e.payload.userId === citizen.id);
    expect(event?.payload).toEqual({ reportId: report.id, ref: report.ref, cityId: city().id, userId: citizen.id, email: citizen.email, language: "fr" });
  });

  it("confirms an anonymous supporter by e-mail before counting them", async () => {
    const r = await anonymous().post(`/api/reports/${report.ref}/supporters`, { email: "Voisine@Example.org", language: "en" });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ confirmationRequired: true, supporterCount: 1 });
    expect((await view()).report.supporterCount).toBe(1);
    await tp.drain();
    const [mail] = tp.mailbox.to("voisine@example.org");
    expect(mail!.subject).toBe("Confirm that you have this problem too: Nid-de-poule dangereux devant l'école");
    const link = linkIn(mail!.text, `${tp.url}/supporters/confirm?token=`);
    for (let i = 0; i < 2; i++) {
      const c = await anonymous().post("/api/supporters/confirm", { token: tokenOf(link) });
      expect(c.status, JSON.stringify(c.body)).toBe(200);
      expect(c.body).toEqual({ ref: report.ref, supporterCount: 2 });
    }
    expect((await view()).report.supporterCount).toBe(2);
    const events = (await db().select().from(outbox).where(eq(outbox.topic, "report.supported"))).filter((e) => e.payload.email === "voisine@example.org");
    expect(events.map((e) => e.payload)).toEqual([{ reportId: report.id, ref: report.ref, cityId: city().id, userId: null, email: "voisine@example.org", language: "en" }]);
    // Asking again with the same address counts nobody twice.
    expect((await anonymous().post(`/api/reports/${report.ref}/supporters`, { email: "voisine@example.org" })).body.supporterCount).toBe(2);
  });

  it("asks a signed-in citizen whose address is not verified to confirm it first", async () => {
    const citizen = await newCitizen(tp, { verified: false });
    const r = await citizen.post(`/api/reports/${report.ref}/supporters`, {});
    expect(r.status).toBe(202);
    await tp.drain();
    // The citizen also gets the account's verification mail: either may arrive last.
    const prefix = `${tp.url}/supporters/confirm?token=`;
    const link = linkIn(tp.mailbox.to(citizen.email).find((m) => m.text?.includes(prefix))?.text, prefix);
    const before = (await view()).report.supporterCount;
    expect((await anonymous().post("/api/supporters/confirm", { token: tokenOf(link) })).body.supporterCount).toBe(before + 1);
    expect((await view(citizen)).viewer.supporting).toBe(true);
  });

  it("does not count the reporter, by account or by address", async () => {
    const citizen = await newCitizen(tp);
    const mine = await citizen.post("/api/reports", newReportBody({ reporter: { showName: false } }));
    const r = await citizen.post(`/api/reports/${mine.body.ref}/supporters`, {});
    expect(r.status).toBe(422);
    expect(r.body.type).toMatch(/own_report$/);
    const byAddress = await anonymous().post(`/api/reports/${report.ref}/supporters`, { email: report.body.reporter && (report.body.reporter as { email: string }).email });
    expect(byAddress.status).toBe(422);
  });

  it("keeps a priority staff set by hand", async () => {
    const target = await newConfirmedReport(tp, { ...places.maarif });
    const staff = await staffFor(target.ref);
    expect((await staff.patch(`/api/reports/${target.ref}`, { priority: 7 })).status).toBe(200);
    expect((await (await newCitizen(tp)).post(`/api/reports/${target.ref}/supporters`, {})).status).toBe(201);
    expect((await staff.get(`/api/reports/${target.ref}`)).body.report).toMatchObject({ priority: 7, supporterCount: 1 });
  });

  it("only open reports can be supported; bad requests change nothing", async () => {
    const closed = await newConfirmedReport(tp, { ...places.sidiBelyout });
    await update(closed.ref, "Hors de notre ressort.", "closed");
    const r = await (await newCitizen(tp)).post(`/api/reports/${closed.ref}/supporters`, {});
    expect(r.status).toBe(409);
    expect(r.body.type).toMatch(/not_open$/);
    const noEmail = await anonymous().post(`/api/reports/${report.ref}/supporters`, {});
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.field).toBe("email");
    expect((await anonymous().post(`/api/reports/${report.ref}/supporters`, { email: "nope" })).body.field).toBe("email");
    expect((await anonymous().post("/api/reports/CAS-2026-999999/supporters", { email: "x@example.org" })).status).toBe(404);
    const forged = await anonymous().post("/api/supporters/confirm", { token: "forged-token-forged-token" });
    expect(forged.status).toBe(400);
    expect(forged.body.field).toBe("token");
  });
});
