/** The life of a report over real HTTP: staff responses and state changes, notes, citizens' comments and reopening, staff changes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, linkIn, tokenOf } from "./support/http.ts";
import { newConfirmedReport, newReportBody, newStaff } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let anonymous: Client;
let voirie: Client;
let voirieId: string;

beforeAll(async () => {
  tp = await startTestPlatform();
  anonymous = new Client(tp.url);
  voirie = await newStaff(tp, "voirie");
  voirieId = (await voirie.get("/api/session")).body.user.id;
});
afterAll(async () => tp?.close());

let citizens = 0;
/** Signs up, follows the e-mailed verification link and signs in: a verified citizen. */
async function newVerifiedCitizen() {
  const email = `citizen${++citizens}.lifecycle@example.org`;
  const password = "a long enough password";
  const client = new Client(tp.url);
  const name = `Citizen ${citizens}`;
  const created = await client.post("/api/account", { email, password, name, language: "fr" });
  expect(created.status).toBe(201);
  expect(created.body.emailVerified).toBe(false);
  await tp.drain();
  const [mail] = tp.mailbox.to(email);
  const verified = await client.post("/api/account/verify", { token: tokenOf(linkIn(mail?.text, `${tp.url}/account/verify?token=`)) });
  expect(verified.status).toBe(200);
  expect(verified.body.emailVerified).toBe(true);
  await client.signIn(email, password);
  return { client, email, name, id: created.body.id as string };
}

const staffView = async (ref: string, as: Client = voirie) => {
  const r = await as.get(`/api/reports/${ref}`);
  expect(r.status).toBe(200);
  expect(r.body.history).toBeDefined();
  return r.body;
};
const publicView = async (ref: string) => {
  const r = await anonymous.get(`/api/reports/${ref}`);
  expect(r.status).toBe(200);
  expect(r.body.history).toBeUndefined();
  return r.body;
};

describe("a staff response", () => {
  it("moves a confirmed report to in_progress: public page, reporter's e-mail in the report's language, history", async () => {
    const { ref, body } = await newConfirmedReport(tp, { language: "ar" });
    const mailsBefore = tp.mailbox.to(body.reporter.email).length;
    const before = Date.now();

    const r = await voirie.post(`/api/reports/${ref}/updates`, { text: "فرقة الصيانة في الطريق", state: "in_progress" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ visibility: "public", text: "فرقة الصيانة في الطريق", stateFrom: "confirmed", stateTo: "in_progress", authorRole: "staff", authorName: "Staff voirie" });

    const page = await publicView(ref);
    expect(page.report.state).toBe("in_progress");
    expect(page.updates).toEqual([expect.objectContaining({ id: r.body.id, text: "فرقة الصيانة في الطريق", stateFrom: "confirmed", stateTo: "in_progress" })]);

    await tp.drain();
    const mails = tp.mailbox.to(body.reporter.email).slice(mailsBefore);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.headers.get("content-language")).toBe("ar");
    expect(mail!.subject).toBe(`جديد بلاغك ${ref}: قيد المعالجة`);
    expect(mail!.text).toContain("الحالة: قيد المعالجة");
    expect(mail!.text).toContain("فرقة الصيانة في الطريق");
    expect(mail!.text).toContain(`${tp.url}/r/${ref}`);

    const staff = await staffView(ref);
    const change = staff.history.find((h: any) => h.action === "state" && h.to === "in_progress");
    expect(change).toMatchObject({ field: "state", from: "confirmed", to: "in_progress", actor: "staff", actorId: voirieId });
    const at = new Date(change.at).getTime();
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    expect(staff.history.find((h: any) => h.action === "update")).toMatchObject({ to: r.body.id, actorId: voirieId });
  });
});

describe("CSRF protection of session-authenticated changes", () => {
  it("refuses changes without the X-CSRF-Token header, or with a wrong one, and changes nothing", async () => {
    const { ref, body } = await newConfirmedReport(tp);
    const before = await staffView(ref);
    const mailsBefore = tp.mailbox.to(body.reporter.email).length;
    const token = voirie.csrfToken;
    try {
      for (const bad of [undefined, "not-the-csrf-token", `${token}x`]) {
        voirie.csrfToken = bad;
        const update = await voirie.post(`/api/reports/${ref}/updates`, { text: "On y va", state: "in_progress" });
        expect(update.status).toBe(403);
        expect(update.headers.get("content-type")).toContain("application/problem+json");
        expect(update.body.type).toBe("https://baladiya.org/problems/csrf");
        const note = await voirie.post(`/api/reports/${ref}/updates`, { text: "Note", visibility: "internal" });
        expect(note.status).toBe(403);
        expect(note.body.type).toBe("https://baladiya.org/problems/csrf");
        const patch = await voirie.patch(`/api/reports/${ref}`, { priority: 99, category: "street_lighting" });
        expect(patch.status).toBe(403);
        expect(patch.body.type).toBe("https://baladiya.org/problems/csrf");
      }
    } finally {
      voirie.csrfToken = token;
    }
    const after = await staffView(ref);
    expect(after.report).toMatchObject({ state: "confirmed", priority: before.report.priority, category: "road_damage", authority: { code: "voirie" }, acknowledgedAt: null });
    expect(after.updates).toEqual([]);
    expect(after.history).toEqual(before.history);
    await tp.drain();
    expect(tp.mailbox.to(body.reporter.email)).toHaveLength(mailsBefore);
    // The right token still works: it was the header that was refused, not the session.
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "On y va", state: "in_progress" })).status).toBe(201);
  });
});

describe("state rules", () => {
  it("refuses an invalid transition (closed → in_progress) with 409 on field state, and changes nothing", async () => {
    const { ref } = await newConfirmedReport(tp);
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Hors périmètre, dossier clos", state: "closed" })).status).toBe(201);
    const before = await staffView(ref);

    const r = await voirie.post(`/api/reports/${ref}/updates`, { text: "On reprend", state: "in_progress" });
    expect(r.status).toBe(409);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect(r.body).toMatchObject({ status: 409, type: "https://baladiya.org/problems/invalid_transition", field: "state" });

    const after = await staffView(ref);
    expect(after.report.state).toBe("closed");
    expect(after.report.closedAt).toBe(before.report.closedAt);
    expect(after.updates).toHaveLength(1);
    expect(after.updates.map((u: any) => u.text)).not.toContain("On reprend");
    expect(after.history).toEqual(before.history);
    // From closed, staff may only reopen.
    const reopened = await voirie.post(`/api/reports/${ref}/updates`, { text: "Rouvert après vérification", state: "reopened" });
    expect(reopened.status).toBe(201);
    expect((await publicView(ref)).report.state).toBe("reopened");
  });

  it("refuses a state change on an internal note", async () => {
    const { ref } = await newConfirmedReport(tp);
    const r = await voirie.post(`/api/reports/${ref}/updates`, { text: "Discrètement", state: "fixed", visibility: "internal" });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe("visibility");
    const after = await staffView(ref);
    expect(after.report).toMatchObject({ state: "confirmed", fixedAt: null });
    expect(after.updates).toEqual([]);
  });

  it("acknowledges on the first public staff response, sets fixedAt on fixed and closedAt on closed", async () => {
    const { ref } = await newConfirmedReport(tp);
    let staff = await staffView(ref);
    expect(staff.report).toMatchObject({ state: "confirmed", acknowledgedAt: null, fixedAt: null, closedAt: null });
    expect(staff.report.confirmedAt).toEqual(expect.any(String));

    // An internal note is not a response to the citizen.
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "À voir avec l'entreprise", visibility: "internal" })).status).toBe(201);
    expect((await staffView(ref)).report.acknowledgedAt).toBeNull();

    // A public comment without a state change is.
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Nous avons bien reçu votre signalement" })).status).toBe(201);
    staff = await staffView(ref);
    expect(staff.report.state).toBe("confirmed");
    const acknowledgedAt = staff.report.acknowledgedAt;
    expect(acknowledgedAt).toEqual(expect.any(String));
    expect(Date.parse(acknowledgedAt)).toBeGreaterThanOrEqual(Date.parse(staff.report.confirmedAt));

    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Trou rebouché", state: "fixed" })).status).toBe(201);
    staff = await staffView(ref);
    expect(staff.report).toMatchObject({ state: "fixed", closedAt: null, acknowledgedAt });
    expect(Date.parse(staff.report.fixedAt)).toBeGreaterThanOrEqual(Date.parse(acknowledgedAt));
    const fixedAt = staff.report.fixedAt;
    expect((await publicView(ref)).report).toMatchObject({ state: "fixed", fixedAt, closedAt: null });

    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Dossier clos", state: "closed" })).status).toBe(201);
    staff = await staffView(ref);
    expect(staff.report).toMatchObject({ state: "closed", fixedAt, acknowledgedAt });
    expect(Date.parse(staff.report.closedAt)).toBeGreaterThanOrEqual(Date.parse(fixedAt));
    expect((await publicView(ref)).report).toMatchObject({ state: "closed", fixedAt, closedAt: staff.report.closedAt });
  });

  it("acknowledges when the first staff response is a state change", async () => {
    const { ref } = await newConfirmedReport(tp);
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Intervention prévue lundi", state: "action_scheduled" })).status).toBe(201);
    const staff = await staffView(ref);
    expect(staff.report).toMatchObject({ state: "action_scheduled", fixedAt: null, closedAt: null });
    expect(staff.report.acknowledgedAt).toEqual(expect.any(String));
  });
});

describe("who may post what", () => {
  it("keeps internal notes in the staff view only", async () => {
    const { ref, body } = await newConfirmedReport(tp);
    const mailsBefore = tp.mailbox.to(body.reporter.email).length;
    const note = await voirie.post(`/api/reports/${ref}/updates`, { text: "Devis demandé à l'entreprise Atlas BTP", visibility: "internal" });
    expect(note.status).toBe(201);
    expect(note.body.visibility).toBe("internal");
    const comment = await voirie.post(`/api/reports/${ref}/updates`, { text: "Nous étudions la question" });
    expect(comment.status).toBe(201);

    const staff = await staffView(ref);
    expect(staff.updates.map((u: any) => [u.visibility, u.text])).toEqual([
      ["internal", "Devis demandé à l'entreprise Atlas BTP"], ["public", "Nous étudions la question"],
    ]);
    expect(staff.history.find((h: any) => h.action === "note")).toMatchObject({ to: note.body.id, actorId: voirieId });

    const page = await publicView(ref);
    expect(page.updates.map((u: any) => u.text)).toEqual(["Nous étudions la question"]);
    expect(JSON.stringify(page)).not.toContain("Atlas BTP");
    const { client: citizen } = await newVerifiedCitizen();
    const asCitizen = await citizen.get(`/api/reports/${ref}`);
    expect(asCitizen.status).toBe(200);
    expect(JSON.stringify(asCitizen.body)).not.toContain("Atlas BTP");
    expect(asCitizen.body.history).toBeUndefined();
    const list = await anonymous.get(`/api/reports?q=${encodeURIComponent("Atlas")}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain("Atlas BTP");

    // The reporter hears of the public comment, never of the note.
    await tp.drain();
    const mails = tp.mailbox.to(body.reporter.email).slice(mailsBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Nous étudions la question");
    expect(mails[0]!.text).not.toContain("Atlas BTP");
  });

  it("refuses updates from anonymous users with 401", async () => {
    const { ref } = await newConfirmedReport(tp);
    for (const body of [{ text: "Toujours là" }, { text: "Réparé ?", state: "fixed" }, { text: "note", visibility: "internal" }]) {
      const r = await anonymous.post(`/api/reports/${ref}/updates`, body);
      expect(r.status).toBe(401);
      expect(r.body.type).toBe("https://baladiya.org/problems/unauthenticated");
    }
    const r = await anonymous.patch(`/api/reports/${ref}`, { priority: 1 });
    expect(r.status).toBe(401);
    const staff = await staffView(ref);
    expect(staff.updates).toEqual([]);
    expect(staff.report.state).toBe("confirmed");
  });

  it("lets a verified citizen file a report that is published at once, comment, and reopen only their own fixed report", async () => {
    const owner = await newVerifiedCitizen();
    const other = await newVerifiedCitizen();

    const created = await owner.client.post("/api/reports", newReportBody({ reporter: { showName: true } }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: "confirmed", confirmationRequired: false, authority: { code: "voirie" } });
    const ref = created.body.ref as string;
    expect((await publicView(ref)).report).toMatchObject({ state: "confirmed", reporterName: owner.name });
    // Filed with the account's address, whatever the body said.
    expect((await staffView(ref)).report.reporter).toMatchObject({ email: owner.email, userId: owner.id });

    // Anyone signed in may comment publicly.
    const comment = await other.client.post(`/api/reports/${ref}/updates`, { text: "Même problème devant chez moi" });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ visibility: "public", authorRole: "citizen", stateFrom: null, stateTo: null });
    expect((await publicView(ref)).updates.map((u: any) => u.text)).toEqual(["Même problème devant chez moi"]);

    // But not post internal notes, nor move the state (not even on their own report).
    const internal = await owner.client.post(`/api/reports/${ref}/updates`, { text: "note", visibility: "internal" });
    expect(internal.status).toBe(403);
    expect(internal.body.type).toBe("https://baladiya.org/problems/forbidden");
    for (const state of ["in_progress", "fixed", "closed", "reopened"]) {
      const r = await owner.client.post(`/api/reports/${ref}/updates`, { text: "Je change l'état", state });
      expect(r.status, state).toBe(403);
    }
    expect((await owner.client.patch(`/api/reports/${ref}`, { priority: 100 })).status).toBe(403);
    let staff = await staffView(ref);
    expect(staff.report.state).toBe("confirmed");
    expect(staff.updates).toHaveLength(1);

    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Trou rebouché", state: "fixed" })).status).toBe(201);

    // Someone else cannot say it is not fixed.
    const notTheirs = await other.client.post(`/api/reports/${ref}/updates`, { text: "Pas réparé", state: "reopened" });
    expect(notTheirs.status).toBe(403);
    expect((await publicView(ref)).report.state).toBe("fixed");

    // The reporter can.
    const reopen = await owner.client.post(`/api/reports/${ref}/updates`, { text: "Le trou est revenu après la pluie", state: "reopened" });
    expect(reopen.status).toBe(201);
    expect(reopen.body).toMatchObject({ stateFrom: "fixed", stateTo: "reopened", authorRole: "citizen" });
    expect((await publicView(ref)).report.state).toBe("reopened");
    staff = await staffView(ref);
    expect(staff.history.filter((h: any) => h.action === "state").map((h: any) => [h.from, h.to, h.actor, h.actorId])).toEqual([
      ["confirmed", "fixed", "staff", voirieId], ["fixed", "reopened", "citizen", owner.id],
    ]);
    // Once reopened it is staff's again: the citizen cannot close it.
    expect((await owner.client.post(`/api/reports/${ref}/updates`, { text: "Finalement ça va", state: "closed" })).status).toBe(403);

    // The reporter heard of the fix, in French (asked whether it really is), and not of their own reopening.
    await tp.drain();
    const updates = tp.mailbox.to(owner.email).filter((m) => m.subject?.startsWith("Du nouveau sur votre signalement") || m.subject?.startsWith("Est-ce vraiment réparé"));
    expect(updates.map((m) => m.subject)).toEqual([`Est-ce vraiment réparé ? Votre signalement ${ref}`]);
  });
});

describe("staff changes (PATCH /api/reports/:ref)", () => {
  it("re-routes a report to the lighting authority when its category changes, and tells the new authority", async () => {
    const { ref } = await newConfirmedReport(tp);
    const eclairage = await newStaff(tp, "eclairage-public");
    const eclairageId = (await eclairage.get("/api/session")).body.user.id;
    const lightingInbox = () => tp.mailbox.to("eclairage@casablanca.example.org").filter((m) => m.subject?.includes(ref));
    expect(lightingInbox()).toHaveLength(0);
    const roadMails = tp.mailbox.to("voirie@casablanca.example.org").filter((m) => m.subject?.includes(ref)).length;

    const r = await voirie.patch(`/api/reports/${ref}`, { category: "street_lighting" });
    expect(r.status).toBe(200);
    expect(r.body.report).toMatchObject({ ref, category: "street_lighting", authority: { code: "eclairage-public" }, state: "confirmed" });
    // It is no longer voirie's report: they see the public view.
    expect(r.body.history).toBeUndefined();

    await tp.drain();
    const [mail] = lightingInbox();
    expect(mail?.subject).toBe(`[${ref}] Nouveau signalement : Éclairage public en panne ou endommagé — Maârif`);
    expect(mail?.text).toContain(`${tp.url}/staff/r/${ref}`);
    await tp.drain();
    expect(lightingInbox()).toHaveLength(1);
    expect(tp.mailbox.to("voirie@casablanca.example.org").filter((m) => m.subject?.includes(ref))).toHaveLength(roadMails);

    const staff = await staffView(ref, eclairage);
    const changes = staff.history.filter((h: any) => h.action === "change").map((h: any) => ({ field: h.field, from: h.from, to: h.to, actorId: h.actorId }));
    expect(changes).toEqual([
      { field: "category", from: "road_damage", to: "street_lighting", actorId: voirieId },
      { field: "authority", from: "voirie", to: "eclairage-public", actorId: voirieId },
    ]);
    const queue = await eclairage.get("/api/staff/reports");
    expect(queue.body.items.map((i: any) => i.ref)).toContain(ref);
    expect((await voirie.get("/api/staff/reports")).body.items.map((i: any) => i.ref)).not.toContain(ref);
    // And the new authority's staff can now work on it.
    expect((await eclairage.post(`/api/reports/${ref}/updates`, { text: "Lampe changée", state: "fixed" })).status).toBe(201);
    expect((await staffView(ref, eclairage)).history.at(-1)).toMatchObject({ from: "confirmed", to: "fixed", actorId: eclairageId });
  });

  it("marks a report as a duplicate of another", async () => {
    const original = await newConfirmedReport(tp);
    const copy = await newConfirmedReport(tp);
    const r = await voirie.patch(`/api/reports/${copy.ref}`, { duplicateOf: original.ref });
    expect(r.status).toBe(200);
    expect(r.body.report).toMatchObject({ state: "duplicate", duplicateOf: original.ref });

    const page = await publicView(copy.ref);
    expect(page.report).toMatchObject({ state: "duplicate", duplicateOf: original.ref });
    expect((await publicView(original.ref)).report).toMatchObject({ state: "confirmed", duplicateOf: null });

    const staff = await staffView(copy.ref);
    const changes = staff.history.filter((h: any) => h.action === "change").map((h: any) => [h.field, h.from, h.to, h.actorId]);
    expect(changes).toEqual([["duplicate_of", null, original.ref, voirieId], ["state", "confirmed", "duplicate", voirieId]]);

    // Not of itself, not of a report that does not exist.
    const self = await voirie.patch(`/api/reports/${original.ref}`, { duplicateOf: original.ref });
    expect(self.status).toBe(400);
    expect(self.body.field).toBe("duplicateOf");
    const missing = await voirie.patch(`/api/reports/${original.ref}`, { duplicateOf: "CAS-1999-999999" });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe("duplicateOf");
    expect((await publicView(original.ref)).report.state).toBe("confirmed");
  });

  it("records a priority override in the history", async () => {
    const { ref } = await newConfirmedReport(tp);
    const before = (await staffView(ref)).report.priority as number;
    expect(before).not.toBe(95);
    const r = await voirie.patch(`/api/reports/${ref}`, { priority: 95 });
    expect(r.status).toBe(200);
    expect(r.body.report.priority).toBe(95);
    expect((await publicView(ref)).report.priority).toBe(95);
    const staff = await staffView(ref);
    expect(staff.history.filter((h: any) => h.action === "change")).toEqual([
      expect.objectContaining({ field: "priority", from: String(before), to: "95", actor: "staff", actorId: voirieId }),
    ]);
    // The same value again changes nothing and records nothing.
    expect((await voirie.patch(`/api/reports/${ref}`, { priority: 95 })).status).toBe(200);
    expect((await staffView(ref)).history.filter((h: any) => h.action === "change")).toHaveLength(1);
    // Out of range is refused.
    const bad = await voirie.patch(`/api/reports/${ref}`, { priority: 101 });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("priority");
  });
});
