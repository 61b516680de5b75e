/** Roles over real HTTP: staff of one authority vs another, city admins, citizens, anonymous callers, API tokens. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "./support/http.ts";
import { newConfirmedReport, newReportBody, newStaff } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let anonymous: Client;
let citizen: Client;
let voirie: Client;
let eclairage: Client;
let admin: Client;

beforeAll(async () => {
  tp = await startTestPlatform();
  anonymous = new Client(tp.url);
  voirie = await newStaff(tp, "voirie");
  eclairage = await newStaff(tp, "eclairage-public");
  admin = await newStaff(tp, null, "city_admin");
  const signUp = await anonymous.post("/api/account", { email: "citizen.access@example.org", password: "a long enough password", name: "Karim Bennani" });
  expect(signUp.status).toBe(201);
  citizen = await new Client(tp.url).signIn("citizen.access@example.org", "a long enough password");
});
afterAll(async () => tp?.close());

const authorityId = (code: string) => tp.platform.ctx.cities.get(tp.config.citySlug).authorityByCode.get(code)!.id;

describe("staff of another authority", () => {
  it("get the public view of a report that is not theirs and cannot manage it", async () => {
    const { ref, body } = await newConfirmedReport(tp, { reporter: { name: "Salma Idrissi", email: "salma.access@example.org", phone: "+212 611 223 344", showName: false } });
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Note interne : budget épuisé", visibility: "internal" })).status).toBe(201);
    expect((await voirie.post(`/api/reports/${ref}/updates`, { text: "Pris en compte" })).status).toBe(201);

    const own = await voirie.get(`/api/reports/${ref}`);
    expect(own.body.report.reporter.email).toBe("salma.access@example.org");
    expect(own.body.history.length).toBeGreaterThan(0);
    expect(own.body.updates).toHaveLength(2);

    const other = await eclairage.get(`/api/reports/${ref}`);
    expect(other.status).toBe(200);
    expect(other.body.history).toBeUndefined();
    expect(other.body.report.reporter).toBeUndefined();
    expect(other.body.report.reporterName).toBeNull();
    expect(other.body.updates.map((u: any) => u.text)).toEqual(["Pris en compte"]);
    const text = JSON.stringify(other.body);
    for (const secret of ["salma.access@example.org", "611 223 344", "Salma", "budget épuisé", body.reporter.email as string]) expect(text).not.toContain(secret);

    for (const update of [{ text: "On s'en occupe", state: "in_progress" }, { text: "Fermé", state: "closed" }, { text: "Note d'un autre service", visibility: "internal" }]) {
      const r = await eclairage.post(`/api/reports/${ref}/updates`, update);
      expect(r.status, JSON.stringify(update)).toBe(403);
      expect(r.body.type).toBe("https://baladiya.org/problems/forbidden");
    }
    for (const patch of [{ priority: 1 }, { category: "street_lighting" }, { authority: "eclairage-public" }, { duplicateOf: ref }]) {
      const r = await eclairage.patch(`/api/reports/${ref}`, patch);
      expect(r.status, JSON.stringify(patch)).toBe(403);
      expect(r.body.type).toBe("https://baladiya.org/problems/forbidden");
    }

    const after = await voirie.get(`/api/reports/${ref}`);
    expect(after.body.report).toMatchObject({ state: "confirmed", category: "road_damage", authority: { code: "voirie" }, priority: own.body.report.priority, duplicateOf: null });
    expect(after.body.updates).toHaveLength(2);
    expect(after.body.history).toEqual(own.body.history);
  });
});

describe("GET /api/staff/reports", () => {
  let road: string;
  let lighting: string;
  beforeAll(async () => {
    road = (await newConfirmedReport(tp)).ref;
    lighting = (await newConfirmedReport(tp, { category: "street_lighting", title: "Lampadaire éteint rue Abou Bakr" })).ref;
  });

  it("gives staff their authority's reports only, and 403 for another authority", async () => {
    const mine = await voirie.get("/api/staff/reports");
    expect(mine.status).toBe(200);
    const refs = mine.body.items.map((i: any) => i.ref);
    expect(refs).toContain(road);
    expect(refs).not.toContain(lighting);
    expect(new Set(mine.body.items.map((i: any) => i.authority))).toEqual(new Set(["voirie"]));

    const theirs = await eclairage.get("/api/staff/reports");
    expect(theirs.body.items.map((i: any) => i.ref)).toEqual([lighting]);

    expect((await voirie.get("/api/staff/reports?authority=voirie")).body.items.map((i: any) => i.ref)).toContain(road);
    for (const q of ["authority=eclairage-public", "authority=voirie,eclairage-public"]) {
      const r = await voirie.get(`/api/staff/reports?${q}`);
      expect(r.status, q).toBe(403);
      expect(r.body.type).toBe("https://baladiya.org/problems/forbidden");
    }
  });

  it("gives a city admin every authority's reports", async () => {
    const all = await admin.get("/api/staff/reports");
    expect(all.status).toBe(200);
    const refs = all.body.items.map((i: any) => i.ref);
    expect(refs).toEqual(expect.arrayContaining([road, lighting]));
    expect(new Set(all.body.items.map((i: any) => i.authority))).toEqual(new Set(["voirie", "eclairage-public"]));
    const filtered = await admin.get("/api/staff/reports?authority=eclairage-public");
    expect(filtered.status).toBe(200);
    expect(filtered.body.items.map((i: any) => i.ref)).toEqual([lighting]);
    // And the staff view of any of them.
    const detail = await admin.get(`/api/reports/${lighting}`);
    expect(detail.body.history).toBeDefined();
    expect(detail.body.report.reporter.email).toEqual(expect.stringContaining("@example.org"));
  });

  it("is 401 for an anonymous caller and 403 for a citizen", async () => {
    const anon = await anonymous.get("/api/staff/reports");
    expect(anon.status).toBe(401);
    expect(anon.body.type).toBe("https://baladiya.org/problems/unauthenticated");
    const asCitizen = await citizen.get("/api/staff/reports");
    expect(asCitizen.status).toBe(403);
    expect(asCitizen.body.type).toBe("https://baladiya.org/problems/forbidden");
    expect(JSON.stringify(asCitizen.body)).not.toContain(road);
  });
});

describe("unconfirmed reports", () => {
  it("are 404 for the public and other authorities, visible to staff of their authority and admins", async () => {
    const body = newReportBody({ title: "Unconfirmed pothole near the Twin Center" });
    const created = await anonymous.post("/api/reports", body);
    expect(created.status).toBe(201);
    expect(created.body.state).toBe("open");
    const ref = created.body.ref as string;

    for (const [who, client] of [["anonymous", anonymous], ["citizen", citizen], ["other authority", eclairage]] as const) {
      const r = await client.get(`/api/reports/${ref}`);
      expect(r.status, who).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(body.title);
    }
    expect((await anonymous.get("/api/reports?limit=500")).body.items.map((i: any) => i.ref)).not.toContain(ref);
    expect((await citizen.post(`/api/reports/${ref}/updates`, { text: "Je confirme" })).status).toBe(404);

    const staff = await voirie.get(`/api/reports/${ref}`);
    expect(staff.status).toBe(200);
    expect(staff.body.report).toMatchObject({ ref, state: "open", title: body.title, reporter: { email: body.reporter.email } });
    expect(staff.body.history).toEqual([expect.objectContaining({ action: "created", to: "open" })]);
    expect((await admin.get(`/api/reports/${ref}`)).status).toBe(200);
  });
});

describe("admin routes", () => {
  const routes = ["/api/admin/mail", "/api/admin/outbox", "/api/admin/staff"];

  it("are 401 anonymous, 403 for citizens and staff, 200 for a city admin", async () => {
    for (const path of routes) {
      const anon = await anonymous.get(path);
      expect(anon.status, path).toBe(401);
      expect(anon.body.type).toBe("https://baladiya.org/problems/unauthenticated");
      for (const [who, client] of [["citizen", citizen], ["staff", voirie]] as const) {
        const r = await client.get(path);
        expect(r.status, `${who} ${path}`).toBe(403);
        expect(r.body.type).toBe("https://baladiya.org/problems/forbidden");
      }
      const ok = await admin.get(path);
      expect(ok.status, path).toBe(200);
      expect(Array.isArray(ok.body)).toBe(true);
    }
    // The mail log really is the city's: the admin sees what was sent.
    await newConfirmedReport(tp);
    const mail = await admin.get("/api/admin/mail");
    expect(mail.body.map((m: any) => m.toAddress)).toContain("voirie@casablanca.example.org");
    const staff = await admin.get("/api/admin/staff");
    expect(staff.body.map((u: any) => u.role)).toEqual(expect.arrayContaining(["staff", "city_admin"]));
    expect(staff.body.map((u: any) => u.role)).not.toContain("citizen");
  });

  it("lets a city admin create a staff account that can sign in and manage its authority's reports", async () => {
    const account = { email: "new.agent@casablanca.example.org", name: "Nouvel agent", role: "staff", authorityId: authorityId("voirie"), password: "a brand new password" };
    for (const client of [voirie, citizen]) {
      const r = await client.post("/api/admin/staff", { ...account, email: "intruder@example.org" });
      expect(r.status).toBe(403);
    }
    expect((await anonymous.post("/api/admin/staff", { ...account, email: "intruder@example.org" })).status).toBe(401);
    await expect(new Client(tp.url).signIn("intruder@example.org", account.password)).rejects.toThrow(/401/);

    const created = await admin.post("/api/admin/staff", account);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: account.email, role: "staff", authorityId: account.authorityId, emailVerified: true });
    expect(JSON.stringify(created.body)).not.toContain(account.password);
    expect((await admin.get("/api/admin/staff")).body.map((u: any) => u.email)).toContain(account.email);
    // Staff must belong to an authority.
    const orphan = await admin.post("/api/admin/staff", { ...account, email: "orphan@casablanca.example.org", authorityId: undefined });
    expect(orphan.status).toBe(400);
    expect(orphan.body.field).toBe("authorityId");
    // ...to an authority of this city: an unknown id is the caller's mistake, not a 500.
    const unknown = await admin.post("/api/admin/staff", { ...account, email: "lost@casablanca.example.org", authorityId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe("authorityId");
    await expect(new Client(tp.url).signIn("lost@casablanca.example.org", account.password)).rejects.toThrow(/401/);
    // The address is taken now.
    expect((await admin.post("/api/admin/staff", account)).status).toBe(409);

    const agent = await new Client(tp.url).signIn(account.email, account.password);
    const session = await agent.get("/api/session");
    expect(session.body.user).toMatchObject({ email: account.email, role: "staff", authorityId: account.authorityId });
    const { ref } = await newConfirmedReport(tp);
    expect((await agent.get(`/api/reports/${ref}`)).body.history).toBeDefined();
    expect((await agent.post(`/api/reports/${ref}/updates`, { text: "Je m'en occupe", state: "in_progress" })).status).toBe(201);
    expect((await agent.get("/api/admin/staff")).status).toBe(403);
  });
});

describe("API tokens", () => {
  it("authenticate state changes without CSRF until revoked", async () => {
    const { ref } = await newConfirmedReport(tp);
    const created = await voirie.post("/api/account/tokens", { name: "SIG integration" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: "SIG integration", token: expect.stringMatching(/^bld_/) });

    // No cookie, no CSRF header: only the bearer token.
    const integration = new Client(tp.url);
    integration.bearer = created.body.token;
    const moved = await integration.post(`/api/reports/${ref}/updates`, { text: "Programmé par l'intégration", state: "action_scheduled" });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ stateFrom: "confirmed", stateTo: "action_scheduled", authorName: "Staff voirie" });
    expect((await anonymous.get(`/api/reports/${ref}`)).body.report.state).toBe("action_scheduled");
    expect((await integration.get(`/api/reports/${ref}`)).body.history).toBeDefined();
    // A token cannot mint more tokens.
    expect((await integration.post("/api/account/tokens", { name: "another" })).status).toBe(403);

    const listed = await voirie.get("/api/account/tokens");
    expect(listed.body).toEqual([expect.objectContaining({ id: created.body.id, name: "SIG integration", revokedAt: null, lastUsedAt: expect.any(String) })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    // Someone else cannot revoke it.
    expect((await eclairage.delete(`/api/account/tokens/${created.body.id}`)).status).toBe(404);
    const revoked = await voirie.delete(`/api/account/tokens/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect((await voirie.get("/api/account/tokens")).body[0].revokedAt).toEqual(expect.any(String));

    const refused = await integration.post(`/api/reports/${ref}/updates`, { text: "Réparé", state: "fixed" });
    expect(refused.status).toBe(401);
    expect(refused.body.type).toBe("https://baladiya.org/problems/unauthenticated");
    expect((await integration.get(`/api/reports/${ref}`)).status).toBe(401);
    const after = await voirie.get(`/api/reports/${ref}`);
    expect(after.body.report).toMatchObject({ state: "action_scheduled", fixedAt: null });
    expect(after.body.updates).toHaveLength(1);

    // A made-up token is refused too, rather than treated as anonymous.
    integration.bearer = "bld_not-a-real-token";
    expect((await integration.get("/api/reports")).status).toBe(401);
  });

  it("cannot be created without signing in", async () => {
    const r = await anonymous.post("/api/account/tokens", { name: "nope" });
    expect(r.status).toBe(401);
  });
});
