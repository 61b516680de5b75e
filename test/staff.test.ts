/**
 * The staff console's API over real HTTP: the queue (triage fields, queue order, filters,
 * paging), counts per state, colleagues to assign, bulk state changes, and the role checks
 * that keep one authority's staff out of another's reports.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "./support/http.ts";
import { newCitizen, newConfirmedReport, newStaff } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let anonymous: Client;
let citizen: Client;
let voirie: Client;
let voirieColleague: Client;
let eclairage: Client;
let admin: Client;
const ids = new Map<Client, string>();

const DAY = 86_400_000;
const userId = async (c: Client) => (await c.get("/api/session")).body.user.id as string;
const roadReport = (title: string, extra: Record<string, unknown> = {}) => newConfirmedReport(tp, { title, ...extra });
const lightingReport = (title: string) => newConfirmedReport(tp, { category: "street_lighting", title });

/** Moves a report's confirmation (and filing) back in time: overdue without waiting two weeks. */
async function age(ref: string, days: number) {
  const at = new Date(Date.now() - days * DAY).toISOString();
  await tp.platform.ctx.database.db.execute(sql`update reports set created_at = ${at}, confirmed_at = ${at} where ref = ${ref}`);
}

beforeAll(async () => {
  tp = await startTestPlatform();
  anonymous = new Client(tp.url);
  citizen = await newCitizen(tp);
  voirie = await newStaff(tp, "voirie");
  voirieColleague = await newStaff(tp, "voirie");
  eclairage = await newStaff(tp, "eclairage-public");
  admin = await newStaff(tp, null, "city_admin");
  for (const c of [voirie, voirieColleague, eclairage, admin]) ids.set(c, await userId(c));
});
afterAll(async () => tp?.close());

describe("GET /api/staff/reports (the queue)", () => {
  let oldRoad: string;
  let newRoad: string;
  let urgent: string;
  let lighting: string;
  beforeAll(async () => {
    oldRoad = (await roadReport("Nid-de-poule rue Soumaya")).ref;
    newRoad = (await roadReport("Chaussée fissurée boulevard Anfa")).ref;
    urgent = (await roadReport("Plaque d'égout arrachée rue Ibnou Mounir")).ref;
    lighting = (await lightingReport("Lampadaire éteint rue Abou Bakr")).ref;
    await age(oldRoad, 20);
    await age(newRoad, 3);
    expect((await voirie.patch(`/api/reports/${urgent}`, { priority: 90 })).status).toBe(200);
  });

  it("gives what triage needs: assignee, acknowledgement, due date (confirmed + the category's target days) and overdue", async () => {
    const r = await voirie.get("/api/staff/reports");
    expect(r.status).toBe(200);
    const old = r.body.items.find((i: any) => i.ref === oldRoad);
    // road_damage: 14 target days in the Casablanca pack.
    const detail = (await voirie.get(`/api/reports/${oldRoad}`)).body.report;
    expect(new Date(old.dueAt).getTime()).toBe(new Date(detail.confirmedAt).getTime() + 14 * DAY);
    expect(old).toMatchObject({ assigneeId: null, acknowledgedAt: null, overdue: true, authority: "voirie", category: "road_damage" });
    // The staff view of the report says the same.
    expect(detail).toMatchObject({ dueAt: old.dueAt, overdue: true });
    expect(r.body.items.find((i: any) => i.ref === newRoad)).toMatchObject({ overdue: false });
    expect(r.body.items.map((i: any) => i.ref)).not.toContain(lighting);
  });

  it("is sorted as a queue: highest priority first, then the longest waiting", async () => {
    const refs = (await voirie.get("/api/staff/reports")).body.items.map((i: any) => i.ref);
    expect(refs[0]).toBe(urgent);
    expect(refs.indexOf(oldRoad)).toBeLessThan(refs.indexOf(newRoad));
    const newest = (await voirie.get("/api/staff/reports?sort=newest")).body.items.map((i: any) => i.ref);
    expect(newest.indexOf(newRoad)).toBeLessThan(newest.indexOf(oldRoad));
  });

  it("pages through the queue with a cursor, each report once, in the same order", async () => {
    for (let i = 0; i < 3; i++) await roadReport(`Trou numéro ${i} avenue Hassan II`);
    const all = (await voirie.get("/api/staff/reports?limit=100")).body.items.map((i: any) => i.ref);
    expect(all.length).toBeGreaterThanOrEqual(6);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const r: any = await voirie.get(`/api/staff/reports?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.status).toBe(200);
      walked.push(...r.body.items.map((i: any) => i.ref));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
  });

  it("filters overdue reports, by assignee (me, none, someone) and by text", async () => {
    const overdue = (await voirie.get("/api/staff/reports?overdue=true")).body.items;
    expect(overdue.map((i: any) => i.ref)).toEqual([oldRoad]);

    expect((await voirie.patch(`/api/reports/${newRoad}`, { assigneeId: ids.get(voirie) })).status).toBe(200);
    expect((await voirie.patch(`/api/reports/${urgent}`, { assigneeId: ids.get(voirieColleague) })).status).toBe(200);
    const mine = (await voirie.get("/api/staff/reports?assignee=me")).body.items;
    expect(mine.map((i: any) => i.ref)).toEqual([newRoad]);
    expect(mine[0].assigneeId).toBe(ids.get(voirie));
    expect((await voirieColleague.get("/api/staff/reports?assignee=me")).body.items.map((i: any) => i.ref)).toEqual([urgent]);
    expect((await voirie.get(`/api/staff/reports?assignee=${ids.get(voirieColleague)}`)).body.items.map((i: any) => i.ref)).toEqual([urgent]);
    const unassigned = (await voirie.get("/api/staff/reports?assignee=none&limit=100")).body.items.map((i: any) => i.ref);
    expect(unassigned).toContain(oldRoad);
    expect(unassigned).not.toContain(newRoad);
    expect(unassigned).not.toContain(urgent);

    expect((await voirie.get(`/api/staff/reports?q=${encodeURIComponent("égout")}`)).body.items.map((i: any) => i.ref)).toEqual([urgent]);
    const bad = await voirie.get("/api/staff/reports?assignee=someone");
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("assignee");
  });

  it("is no longer overdue once fixed", async () => {
    expect((await voirie.post(`/api/reports/${oldRoad}/updates`, { text: "Rebouché ce matin", state: "fixed" })).status).toBe(201);
    const item = (await voirie.get("/api/staff/reports?limit=100")).body.items.find((i: any) => i.ref === oldRoad);
    expect(item).toMatchObject({ state: "fixed", overdue: false });
    expect(item.acknowledgedAt).not.toBeNull();
    expect((await voirie.get("/api/staff/reports?overdue=true")).body.items).toEqual([]);
  });

  it("keeps each authority's staff to their own reports; admins see all; 401 anonymous, 403 citizens", async () => {
    expect((await eclairage.get("/api/staff/reports")).body.items.map((i: any) => i.ref)).toEqual([lighting]);
    expect((await eclairage.get("/api/staff/reports?authority=voirie")).status).toBe(403);
    expect((await eclairage.get(`/api/staff/reports?q=${encodeURIComponent("égout")}`)).body.items).toEqual([]);
    const all = (await admin.get("/api/staff/reports?limit=100")).body.items.map((i: any) => i.ref);
    expect(all).toEqual(expect.arrayContaining([oldRoad, newRoad, urgent, lighting]));
    expect((await anonymous.get("/api/staff/reports")).status).toBe(401);
    expect((await citizen.get("/api/staff/reports")).status).toBe(403);
  });
});

describe("GET /api/staff/reports/counts", () => {
  it("counts the queue per state (ignoring the state filter: they are the tabs), with the overdue, for the caller's authority only", async () => {
    const tp2 = await startTestPlatform();
    try {
      const staff = await newStaff(tp2, "voirie");
      const other = await newStaff(tp2, "eclairage-public");
      const cityAdmin = await newStaff(tp2, null, "city_admin");
      const refs = [];
      for (const title of ["Trou rue A", "Trou rue B", "Trou rue C"]) refs.push((await newConfirmedReport(tp2, { title })).ref);
      await newConfirmedReport(tp2, { category: "street_lighting", title: "Lampe rue D" });
      await tp2.platform.ctx.database.db.execute(sql`update reports set confirmed_at = now() - interval '30 days' where ref = ${refs[0]}`);
      expect((await staff.post(`/api/reports/${refs[1]}/updates`, { text: "En cours", state: "in_progress" })).status).toBe(201);

      const r = await staff.get("/api/staff/reports/counts?state=fixed");
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        total: 3, overdue: 1,
        states: { confirmed: 2, in_progress: 1, action_scheduled: 0, reopened: 0, fixed: 0, closed: 0, duplicate: 0, not_responsible: 0, referred: 0 },
      });
      expect((await staff.get("/api/staff/reports/counts?overdue=true")).body).toMatchObject({ total: 1, overdue: 1, states: { confirmed: 1, in_progress: 0 } });
      expect((await staff.get(`/api/staff/reports/counts?q=${encodeURIComponent("rue B")}`)).body).toMatchObject({ total: 1, states: { in_progress: 1 } });
      expect((await other.get("/api/staff/reports/counts")).body).toMatchObject({ total: 1, overdue: 0, states: { confirmed: 1 } });
      expect((await cityAdmin.get("/api/staff/reports/counts")).body).toMatchObject({ total: 4 });
      expect((await cityAdmin.get("/api/staff/reports/counts?authority=eclairage-public")).body).toMatchObject({ total: 1 });
      expect((await other.get("/api/staff/reports/counts?authority=voirie")).status).toBe(403);
      expect((await new Client(tp2.url).get("/api/staff/reports/counts")).status).toBe(401);
    } finally {
      await tp2.close();
    }
  });
});

describe("GET /api/staff/members and assignment", () => {
  it("lists the caller's authority's active staff; admins every staff account, or one authority's", async () => {
    const r = await voirie.get("/api/staff/members");
    expect(r.status).toBe(200);
    const names = r.body.items.map((m: any) => m.id);
    expect(names).toEqual(expect.arrayContaining([ids.get(voirie), ids.get(voirieColleague)]));
    expect(names).not.toContain(ids.get(eclairage));
    expect(names).not.toContain(ids.get(admin));
    for (const m of r.body.items) expect(m).toMatchObject({ role: "staff", authority: "voirie" });
    expect(JSON.stringify(r.body)).not.toContain("@example.org");

    const all = (await admin.get("/api/staff/members")).body.items;
    expect(all.map((m: any) => m.id)).toEqual(expect.arrayContaining([ids.get(voirie), ids.get(eclairage), ids.get(admin)]));
    expect(all.find((m: any) => m.id === ids.get(admin))).toMatchObject({ role: "city_admin", authority: null });
    const lighting = (await admin.get("/api/staff/members?authority=eclairage-public")).body.items;
    expect(lighting.map((m: any) => m.id)).toEqual([ids.get(eclairage)]);

    expect((await voirie.get("/api/staff/members?authority=eclairage-public")).status).toBe(403);
    const unknown = await admin.get("/api/staff/members?authority=nobody");
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe("authority");
    expect((await citizen.get("/api/staff/members")).status).toBe(403);
    expect((await anonymous.get("/api/staff/members")).status).toBe(401);
  });

  it("leaves out disabled accounts", async () => {
    const leaving = await newStaff(tp, "voirie");
    const id = await userId(leaving);
    expect((await admin.patch(`/api/admin/staff/${id}`, { active: false })).status).toBe(200);
    expect((await voirie.get("/api/staff/members")).body.items.map((m: any) => m.id)).not.toContain(id);
    const { ref } = await roadReport("Trou devant la poste");
    const r = await voirie.patch(`/api/reports/${ref}`, { assigneeId: id });
    expect(r.status).toBe(400);
    expect(r.body.field).toBe("assigneeId");
  });

  it("assigns to a colleague or a city admin, refuses another authority's staff or an unknown id (400 on assigneeId), and unassigns", async () => {
    const { ref } = await roadReport("Bordure cassée rue de Fès");
    for (const [who, id] of [["other authority", ids.get(eclairage)], ["unknown", "00000000-0000-4000-8000-000000000000"]]) {
      const r = await voirie.patch(`/api/reports/${ref}`, { assigneeId: id });
      expect(r.status, who).toBe(400);
      expect(r.body.field, who).toBe("assigneeId");
      expect(r.body.errors[0].message).toMatch(/autorité/);
    }
    const ok = await voirie.patch(`/api/reports/${ref}`, { assigneeId: ids.get(voirieColleague) });
    expect(ok.status).toBe(200);
    expect(ok.body.report.assigneeId).toBe(ids.get(voirieColleague));
    expect(ok.body.history).toEqual(expect.arrayContaining([expect.objectContaining({ field: "assignee", to: ids.get(voirieColleague) })]));
    expect((await admin.patch(`/api/reports/${ref}`, { assigneeId: ids.get(admin) })).body.report.assigneeId).toBe(ids.get(admin));
    expect((await voirie.patch(`/api/reports/${ref}`, { assigneeId: null })).body.report.assigneeId).toBeNull();
    // Re-routed with an assignee of the new authority in the same change.
    const moved = await admin.patch(`/api/reports/${ref}`, { authority: "eclairage-public", assigneeId: ids.get(eclairage) });
    expect(moved.status).toBe(200);
    expect(moved.body.report).toMatchObject({ authority: { code: "eclairage-public" }, assigneeId: ids.get(eclairage) });
  });
});

describe("POST /api/staff/reports/bulk", () => {
  it("moves each report the caller manages through the lifecycle, reports the others as forbidden or not found, and changes nothing else", async () => {
    const a = await roadReport("Trou à combler A", { reporter: { name: "Hind", email: "hind.bulk@example.org", showName: false } });
    const b = await roadReport("Trou à combler B");
    const theirs = await lightingReport("Lampe à changer C");
    const closed = await roadReport("Trou déjà clos D");
    expect((await voirie.post(`/api/reports/${closed.ref}/updates`, { text: "Clos", state: "closed" })).status).toBe(201);
    const theirsBefore = (await admin.get(`/api/reports/${theirs.ref}`)).body;

    const r = await voirie.post("/api/staff/reports/bulk", {
      refs: [a.ref, b.ref, theirs.ref, "CAS-2020-999999", closed.ref, a.ref], state: "in_progress", text: "Nos équipes interviennent cette semaine.", visibility: "public",
    });
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([
      { ref: a.ref, ok: true, state: "in_progress", problem: null },
      { ref: b.ref, ok: true, state: "in_progress", problem: null },
      { ref: theirs.ref, ok: false, state: null, problem: expect.objectContaining({ type: "https://baladiya.org/problems/forbidden", status: 403 }) },
      { ref: "CAS-2020-999999", ok: false, state: null, problem: expect.objectContaining({ type: "https://baladiya.org/problems/not_found", status: 404 }) },
      { ref: closed.ref, ok: false, state: "closed", problem: expect.objectContaining({ type: "https://baladiya.org/problems/invalid_transition", status: 409 }) },
    ]);
    expect(r.body.results[2].problem.title).toBeTruthy();

    // Each moved report has its public update, its history row and its reporter's e-mail, as a single change would.
    const detail = (await voirie.get(`/api/reports/${a.ref}`)).body;
    expect(detail.report.state).toBe("in_progress");
    expect(detail.updates.at(-1)).toMatchObject({ text: "Nos équipes interviennent cette semaine.", visibility: "public", stateFrom: "confirmed", stateTo: "in_progress" });
    expect(detail.history).toEqual(expect.arrayContaining([expect.objectContaining({ field: "state", from: "confirmed", to: "in_progress", actorId: ids.get(voirie) })]));
    expect((await anonymous.get(`/api/reports/${b.ref}`)).body.report.state).toBe("in_progress");
    await tp.drain();
    expect(tp.mailbox.to("hind.bulk@example.org").some((m) => m.text?.includes("Nos équipes interviennent cette semaine."))).toBe(true);

    expect((await admin.get(`/api/reports/${theirs.ref}`)).body).toEqual(theirsBefore);
    expect((await voirie.get(`/api/reports/${closed.ref}`)).body.report.state).toBe("closed");
  });

  it("leaves a report already in the target state as it is, without an empty update", async () => {
    const { ref } = await roadReport("Trou déjà en cours E");
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "On s'en occupe", state: "in_progress" })).status).toBe(201);
    const r = await voirie.post("/api/staff/reports/bulk", { refs: [ref], state: "in_progress" });
    expect(r.body.results).toEqual([{ ref, ok: true, state: "in_progress", problem: null }]);
    expect((await voirie.get(`/api/reports/${ref}`)).body.updates).toHaveLength(1);
  });

  it("lets a city admin close reports of several authorities at once", async () => {
    const road = await roadReport("Trou F");
    const lamp = await lightingReport("Lampe G");
    const r = await admin.post("/api/staff/reports/bulk", { refs: [road.ref, lamp.ref], state: "closed", text: "Clôturé après vérification." });
    expect(r.body.results.map((x: any) => [x.ok, x.state])).toEqual([[true, "closed"], [true, "closed"]]);
  });

  it("refuses a bad request as a whole, naming the field", async () => {
    const { ref } = await roadReport("Trou H");
    const cases: [unknown, string][] = [
      [{ refs: [ref], state: "in_progress", text: "Note", visibility: "internal" }, "visibility"],
      [{ refs: [], state: "closed" }, "refs"],
      [{ refs: Array.from({ length: 101 }, (_, i) => `CAS-2026-${String(i).padStart(6, "0")}`), state: "closed" }, "refs"],
      [{ refs: ["not a ref"], state: "closed" }, "refs.0"],
      [{ refs: [ref], state: "done" }, "state"],
      [{ refs: [ref] }, "state"],
    ];
    for (const [body, field] of cases) {
      const r = await voirie.post("/api/staff/reports/bulk", body);
      expect(r.status, field).toBe(400);
      expect(r.body.field, field).toBe(field);
    }
    expect((await voirie.get(`/api/reports/${ref}`)).body.report.state).toBe("confirmed");
  });

  it("is 401 anonymous and 403 for a citizen, changing nothing", async () => {
    const { ref } = await roadReport("Trou I");
    expect((await anonymous.post("/api/staff/reports/bulk", { refs: [ref], state: "closed" })).status).toBe(401);
    const r = await citizen.post("/api/staff/reports/bulk", { refs: [ref], state: "closed" });
    expect(r.status).toBe(403);
    expect((await anonymous.get(`/api/reports/${ref}`)).body.report.state).toBe("confirmed");
  });
});
