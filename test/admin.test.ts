/**
 * City administration over real HTTP: authorities, categories, the routing matrix and staff
 * accounts. Only admins of the city may use it; changes apply to the next report without a
 * restart, survive a restart, and are not undone by the pack on the next start.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, linkIn, tokenOf } from "./support/http.ts";
import { newReportBody, newStaff, places } from "./support/factories.ts";
import { freshDatabase, startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let anonymous: Client;
let citizen: Client;
let staff: Client;
let admin: Client;
let n = 0;

const PROBLEM = "https://baladiya.org/problems/";
const PASSWORD = "a long enough passphrase";

const newAuthority = (overrides: Record<string, unknown> = {}) => ({
  code: `test-authority-${++n}`,
  name: { ar: "مصلحة تجريبية", fr: "Service d'essai", en: "Test service" },
  email: `service${n}@casablanca.example.org`,
  language: "fr",
  ...overrides,
});

/** Creates a report as a signed-in admin (no e-mail confirmation) and says who received it. */
async function routedTo(point: { lat: number; lon: number }, category = "road_damage"): Promise<string> {
  const r = await admin.post("/api/reports", newReportBody({ ...point, category }));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.authority.code;
}

beforeAll(async () => {
  tp = await startTestPlatform();
  anonymous = new Client(tp.url);
  staff = await newStaff(tp, "voirie");
  admin = await newStaff(tp, null, "city_admin");
  expect((await anonymous.post("/api/account", { email: "citizen.admin@example.org", password: PASSWORD, name: "Karim Bennani" })).status).toBe(201);
  citizen = await new Client(tp.url).signIn("citizen.admin@example.org", PASSWORD);
});
afterAll(async () => tp?.close());

describe("access", () => {
  const calls: [string, string, unknown?][] = [
    ["GET", "/api/admin/authorities"],
    ["POST", "/api/admin/authorities", newAuthority()],
    ["PATCH", "/api/admin/authorities/voirie", { email: "x@example.org" }],
    ["GET", "/api/admin/categories"],
    ["PATCH", "/api/admin/categories/road_damage", { severity: 1 }],
    ["GET", "/api/admin/routing"],
    ["PUT", "/api/admin/routing", { category: "road_damage", default: "bureau-ordre", areas: {} }],
    ["GET", "/api/admin/staff"],
    ["POST", "/api/admin/staff", { email: "nobody@example.org", name: "Nobody", role: "city_admin" }],
    ["PATCH", "/api/admin/staff/00000000-0000-4000-8000-000000000000", { name: "Nobody" }],
  ];

  it.each(calls)("%s %s: 401 anonymous, 403 citizen and staff", async (method, url, json) => {
    const anon = await anonymous.request(method, url, { json });
    expect(anon.status).toBe(401);
    expect(anon.body.type).toBe(`${PROBLEM}unauthenticated`);
    for (const client of [citizen, staff]) {
      const r = await client.request(method, url, { json });
      expect(r.status).toBe(403);
      expect(r.body.type).toBe(`${PROBLEM}forbidden`);
    }
  });

  it("changed nothing on the way", async () => {
    const voirie = (await admin.get("/api/admin/authorities")).body.find((a: any) => a.code === "voirie");
    expect(voirie.email).toBe("voirie@casablanca.example.org");
    expect((await admin.get("/api/admin/routing")).body.categories.find((c: any) => c.category === "road_damage").default).toBe("voirie");
  });
});

describe("authorities", () => {
  it("lists the pack's authorities with the rules that reach each and the triage desk", async () => {
    const r = await admin.get("/api/admin/authorities");
    expect(r.status).toBe(200);
    const byCode = new Map<string, any>(r.body.map((a: any) => [a.code, a]));
    expect(byCode.get("voirie")).toMatchObject({
      email: "voirie@casablanca.example.org", language: "fr", sendMethod: "email", active: true, isDefault: false,
      rules: expect.arrayContaining([{ category: "road_damage", area: null }, { category: "sidewalk", area: null }]),
    });
    expect(byCode.get("bureau-ordre")).toMatchObject({ isDefault: true });
    expect(byCode.get("proprete-lot-ouest").rules).toContainEqual({ category: "waste_collection", area: "pref-hay-hassani" });
  });

  it("creates an authority, and refuses a taken code or invalid fields, naming the field", async () => {
    const body = newAuthority({ email: "  Nouveau.Service@Casablanca.example.org ", sendMethod: "noop" });
    const created = await admin.post("/api/admin/authorities", body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ code: body.code, email: "nouveau.service@casablanca.example.org", sendMethod: "noop", active: true, rules: [], description: null });
    expect((await admin.get("/api/city")).body.authorities.map((a: any) => a.code)).toContain(body.code);

    const again = await admin.post("/api/admin/authorities", { ...body, email: "autre@example.org" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: `${PROBLEM}code_taken`, field: "code" });

    for (const [patch, field] of [
      [{ email: "not an e-mail" }, "email"], [{ language: "es" }, "language"], [{ code: "Avec Espaces" }, "code"],
      [{ name: { ar: "", fr: "Service", en: "Service" } }, "name.ar"], [{ sendMethod: "fax" }, "sendMethod"],
    ] as const) {
      const r = await admin.post("/api/admin/authorities", newAuthority(patch));
      expect(r.status, JSON.stringify(patch)).toBe(400);
      expect(r.body.field, JSON.stringify(r.body)).toBe(field);
    }
  });

  it("changes an authority's contact, and its next report mail goes to the new address", async () => {
    const r = await admin.patch("/api/admin/authorities/eclairage-public", {
      email: "Eclairage.Nuit@casablanca.example.org", language: "ar",
      name: { ar: "مصلحة الإنارة", fr: "Éclairage public de nuit", en: "Night lighting" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ code: "eclairage-public", email: "eclairage.nuit@casablanca.example.org", language: "ar", name: { fr: "Éclairage public de nuit" } });
    expect((await admin.get("/api/admin/authorities")).body.find((a: any) => a.code === "eclairage-public").email).toBe("eclairage.nuit@casablanca.example.org");

    expect(await routedTo(places.maarif, "street_lighting")).toBe("eclairage-public");
    await tp.drain();
    await tp.drain();
    const mail = tp.mailbox.to("eclairage.nuit@casablanca.example.org").at(-1);
    expect(mail?.subject).toMatch(/\p{Script=Arabic}/u);
  });

  it("answers 404 for an unknown authority and 400 for invalid changes", async () => {
    expect((await admin.patch("/api/admin/authorities/no-such-authority", { active: false })).status).toBe(404);
    const bad = await admin.patch("/api/admin/authorities/voirie", { email: "voirie-at-example" });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("email");
    // Open311 needs its settings (endpoint, api_key): test/open311-client.test.ts sets them.
    const open311 = await admin.patch("/api/admin/authorities/voirie", { sendMethod: "open311" });
    expect(open311.status).toBe(400);
    expect(open311.body.field).toBe("open311.endpoint");
  });

  it("refuses to deactivate an authority that still receives reports, naming the rules, or the triage desk", async () => {
    const r = await admin.patch("/api/admin/authorities/proprete-lot-est", { active: false });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ type: `${PROBLEM}authority_in_use`, field: "active" });
    expect(r.body.errors[0].message).toContain("waste_collection @ pref-sidi-bernoussi");
    expect(r.body.errors[0].message).toContain("illegal_dumping @ pref-ben-msick");

    const triage = await admin.patch("/api/admin/authorities/bureau-ordre", { active: false });
    expect(triage.status).toBe(409);
    expect(triage.body.field).toBe("active");
    expect((await admin.get("/api/admin/authorities")).body.filter((a: any) => !a.active)).toEqual([]);
  });

  it("deactivates an authority without rules: it leaves the public city and cannot be given rules", async () => {
    const { code } = (await admin.post("/api/admin/authorities", newAuthority())).body;
    const r = await admin.patch(`/api/admin/authorities/${code}`, { active: false });
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    expect((await anonymous.get("/api/city")).body.authorities.map((a: any) => a.code)).not.toContain(code);

    const routed = await admin.request("PUT", "/api/admin/routing", { json: { category: "sidewalk", default: code, areas: {} } });
    expect(routed.status).toBe(400);
    expect(routed.body).toMatchObject({ field: "default", errors: [{ field: "default", message: expect.stringMatching(/inactive|désactivée/) }] });
  });
});

describe("categories", () => {
  it("lists every category with its group, and the groups", async () => {
    const r = await admin.get("/api/admin/categories");
    expect(r.status).toBe(200);
    expect(r.body.groups.length).toBeGreaterThan(1);
    expect(r.body.categories).toHaveLength(16);
    expect(r.body.categories.find((c: any) => c.code === "road_damage")).toMatchObject({ group: expect.any(String), severity: expect.any(Number), active: true, name: { fr: expect.any(String) } });
  });

  it("changes texts, severity and target days; the public city shows them", async () => {
    const name = { ar: "حفر في الطريق", fr: "Nid-de-poule ou chaussée abîmée", en: "Pothole or damaged road" };
    const r = await admin.patch("/api/admin/categories/road_damage", { name, severity: 4, targetDays: 10 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ code: "road_damage", name, severity: 4, targetDays: 10, active: true });
    expect((await anonymous.get("/api/city")).body.categories.find((c: any) => c.code === "road_damage")).toMatchObject({ name, severity: 4, targetDays: 10 });
  });

  it("refuses invalid values naming the field, and unknown codes", async () => {
    for (const [body, field] of [
      [{ severity: 6 }, "severity"], [{ targetDays: 0 }, "targetDays"], [{ name: { fr: "Seulement en français" } }, "name.ar"],
      [{ description: { ar: "وصف", fr: "x".repeat(1001), en: "Description" } }, "description.fr"],
    ] as const) {
      const r = await admin.patch("/api/admin/categories/sidewalk", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field).toBe(field);
    }
    expect((await admin.patch("/api/admin/categories/flying_saucers", { severity: 2 })).status).toBe(404);
  });

  it("deactivates a category: citizens can no longer choose it, and it comes back when reactivated", async () => {
    expect((await admin.patch("/api/admin/categories/graffiti_vandalism", { active: false })).body.active).toBe(false);
    expect((await anonymous.get("/api/city")).body.categories.map((c: any) => c.code)).not.toContain("graffiti_vandalism");
    const refused = await admin.post("/api/reports", newReportBody({ category: "graffiti_vandalism" }));
    expect(refused.status).toBe(422);
    expect(refused.body.field).toBe("category");
    expect((await admin.patch("/api/admin/categories/graffiti_vandalism", { active: true })).body.active).toBe(true);
    expect(await routedTo(places.maarif, "graffiti_vandalism")).toBe("casa-prestations");
  });
});

describe("routing", () => {
  it("gives the matrix: city-wide authority and per-area overrides for each category", async () => {
    const r = await admin.get("/api/admin/routing");
    expect(r.status).toBe(200);
    expect(r.body.defaultAuthority).toBe("bureau-ordre");
    expect(r.body.categories).toHaveLength(16);
    const waste = r.body.categories.find((c: any) => c.category === "waste_collection");
    expect(waste.default).toBe("casa-prestations");
    expect(waste.areas).toMatchObject({ "pref-casablanca-anfa": "proprete-lot-ouest", "pref-ben-msick": "proprete-lot-est" });
  });

  it("routes the next report by the new rules, without a restart: arrondissement over préfecture over city", async () => {
    expect(await routedTo(places.maarif)).toBe("voirie");
    const put = await admin.request("PUT", "/api/admin/routing", {
      json: { category: "road_damage", default: "voirie", areas: { maarif: "mobilite", "pref-casablanca-anfa": "casa-prestations" } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toEqual({ category: "road_damage", default: "voirie", areas: { maarif: "mobilite", "pref-casablanca-anfa": "casa-prestations" } });

    expect(await routedTo(places.maarif)).toBe("mobilite");
    expect(await routedTo(places.sidiBelyout)).toBe("casa-prestations");
    expect(await routedTo(places.hayHassani)).toBe("voirie");
    const row = (await admin.get("/api/admin/routing")).body.categories.find((c: any) => c.category === "road_damage");
    expect(row).toEqual(put.body);
    expect((await admin.get("/api/admin/authorities")).body.find((a: any) => a.code === "mobilite").rules).toContainEqual({ category: "road_damage", area: "maarif" });
  });

  it("without a city-wide rule, sends the category to the triage desk", async () => {
    const put = await admin.request("PUT", "/api/admin/routing", { json: { category: "noise_nuisance", default: null, areas: { "sidi-moumen": "police-administrative" } } });
    expect(put.status).toBe(200);
    expect(await routedTo(places.sidiMoumen, "noise_nuisance")).toBe("police-administrative");
    expect(await routedTo(places.hayHassani, "noise_nuisance")).toBe("bureau-ordre");
  });

  it("applies concurrent changes of several admins, the city in memory ending as the database", async () => {
    const changes = [["sidewalk", "mobilite"], ["green_spaces", "voirie"], ["traffic_signals", "espaces-verts"], ["water_leak", "bureau-hygiene"]] as const;
    const replies = await Promise.all(changes.map(([category, authority]) =>
      admin.request("PUT", "/api/admin/routing", { json: { category, default: authority, areas: {} } })));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    for (const [category, authority] of changes) expect(await routedTo(places.hayHassani, category)).toBe(authority);
  });

  it("refuses unknown categories, areas and authorities, naming the field, and changes nothing", async () => {
    const before = (await admin.get("/api/admin/routing")).body;
    for (const [body, status, field] of [
      [{ category: "flying_saucers", default: "voirie", areas: {} }, 422, "category"],
      [{ category: "sidewalk", default: "voirie", areas: { atlantis: "voirie" } }, 400, "areas.atlantis"],
      [{ category: "sidewalk", default: "no-such-authority", areas: {} }, 400, "default"],
      [{ category: "sidewalk", default: "voirie", areas: { anfa: "no-such-authority" } }, 400, "areas.anfa"],
      [{ category: "sidewalk", areas: {} }, 400, "default"],
    ] as const) {
      const r = await admin.request("PUT", "/api/admin/routing", { json: body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.field, JSON.stringify(r.body)).toBe(field);
    }
    expect((await admin.get("/api/admin/routing")).body).toEqual(before);
  });
});

describe("staff accounts", () => {
  const me = async (client: Client) => (await client.get("/api/session")).body.user;
  const voirieId = () => tp.platform.ctx.cities.get(tp.config.citySlug).authorityByCode.get("voirie")!.id;
  const mobiliteId = () => tp.platform.ctx.cities.get(tp.config.citySlug).authorityByCode.get("mobilite")!.id;

  it("invites a new colleague by e-mail: they choose a password with the link and sign in", async () => {
    const email = `agent${++n}@casablanca.example.org`;
    const r = await admin.post("/api/admin/staff", { email, name: "Youssef Alaoui", role: "staff", authorityId: voirieId(), language: "ar" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ email, role: "staff", authorityId: voirieId(), active: true, invitationPending: true });
    expect((await anonymous.post("/api/session", { email, password: PASSWORD })).status).toBe(401);

    await tp.drain();
    const mail = tp.mailbox.to(email).at(-1);
    expect(mail?.subject).toMatch(/\p{Script=Arabic}/u);
    const link = linkIn(mail!.text, `${tp.url}/account/reset?token=`);
    expect((await anonymous.post("/api/account/password", { token: tokenOf(link), password: PASSWORD })).status).toBe(200);
    const colleague = await new Client(tp.url).signIn(email, PASSWORD);
    expect(await me(colleague)).toMatchObject({ email, role: "staff" });
    expect((await admin.get("/api/admin/staff")).body.find((u: any) => u.email === email)).toMatchObject({ invitationPending: false, active: true });
  });

  it("still accepts an admin-chosen password, and refuses a taken e-mail or a staff member without authority", async () => {
    const email = `agent${++n}@casablanca.example.org`;
    const r = await admin.post("/api/admin/staff", { email, name: "Imane Chraibi", role: "city_admin", password: PASSWORD });
    expect(r.status).toBe(201);
    expect(r.body.invitationPending).toBe(false);
    await new Client(tp.url).signIn(email, PASSWORD);
    expect((await admin.post("/api/admin/staff", { email, name: "Doublon", role: "city_admin" })).status).toBe(409);
    const noAuthority = await admin.post("/api/admin/staff", { email: `agent${++n}@example.org`, name: "Sans service", role: "staff" });
    expect(noAuthority.status).toBe(400);
    expect(noAuthority.body.field).toBe("authorityId");
  });

  it("changes name, role and authority; the change applies to the colleague's current session", async () => {
    const colleague = await newStaff(tp, "voirie");
    const { id } = await me(colleague);
    const r = await admin.patch(`/api/admin/staff/${id}`, { name: "Nadia Berrada", authorityId: mobiliteId() });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id, name: "Nadia Berrada", authorityId: mobiliteId(), role: "staff" });
    expect((await colleague.get("/api/admin/authorities")).status).toBe(403);

    expect((await admin.patch(`/api/admin/staff/${id}`, { role: "city_admin", authorityId: null })).body).toMatchObject({ role: "city_admin", authorityId: null });
    expect((await colleague.get("/api/admin/authorities")).status).toBe(200);

    const back = await admin.patch(`/api/admin/staff/${id}`, { role: "staff" });
    expect(back.status).toBe(400);
    expect(back.body.field).toBe("authorityId");
    const bad = await admin.patch(`/api/admin/staff/${id}`, { authorityId: "00000000-0000-4000-8000-000000000000" });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("authorityId");
    expect((await admin.patch("/api/admin/staff/00000000-0000-4000-8000-000000000000", { name: "Personne" })).status).toBe(404);
    expect((await admin.patch(`/api/admin/staff/${(await me(citizen)).id}`, { name: "Citoyen" })).status).toBe(404);
    expect((await admin.patch(`/api/admin/staff/${id}`, { role: "superadmin" })).body.field).toBe("role");
  });

  it("disables an account: its session ends at once and it cannot sign in until re-enabled", async () => {
    const email = `agent${++n}@casablanca.example.org`;
    const { id } = (await admin.post("/api/admin/staff", { email, name: "Omar Tahiri", role: "staff", authorityId: voirieId(), password: PASSWORD })).body;
    const colleague = await new Client(tp.url).signIn(email, PASSWORD);
    expect((await colleague.get("/api/staff/reports")).status).toBe(200);

    const r = await admin.patch(`/api/admin/staff/${id}`, { active: false });
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    expect(await me(colleague)).toBeNull();
    expect((await colleague.get("/api/staff/reports")).status).toBe(401);
    const signIn = await anonymous.post("/api/session", { email, password: PASSWORD });
    expect(signIn.status).toBe(401);
    expect(signIn.body.type).toBe(`${PROBLEM}invalid_credentials`);
    expect((await admin.post(`/api/admin/staff/${id}/invitation`)).status).toBe(400);

    expect((await admin.patch(`/api/admin/staff/${id}`, { active: true })).body.active).toBe(true);
    await new Client(tp.url).signIn(email, PASSWORD);
    expect((await colleague.get("/api/staff/reports")).status).toBe(401);
  });

  it("does not let an admin demote or disable themself", async () => {
    const self = await me(admin);
    for (const [body, field] of [[{ role: "staff", authorityId: voirieId() }, "role"], [{ active: false }, "active"]] as const) {
      const r = await admin.patch(`/api/admin/staff/${self.id}`, body);
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ type: `${PROBLEM}own_account`, field });
    }
    expect((await admin.patch(`/api/admin/staff/${self.id}`, { name: "Admin renommé" })).body.name).toBe("Admin renommé");
    expect(await me(admin)).toMatchObject({ role: "city_admin", name: "Admin renommé" });
  });

  it("re-sends an invitation on request", async () => {
    const email = `agent${++n}@casablanca.example.org`;
    const { id } = (await admin.post("/api/admin/staff", { email, name: "Hind Naciri", role: "city_admin" })).body;
    await tp.drain();
    expect((await admin.post(`/api/admin/staff/${id}/invitation`)).status).toBe(202);
    await tp.drain();
    expect(tp.mailbox.to(email)).toHaveLength(2);
    expect((await staff.post(`/api/admin/staff/${id}/invitation`)).status).toBe(403);
  });
});

describe("restarts", () => {
  /** A copy of the Casablanca pack that a test may change, as an operator would on disk. */
  function packCopy(): { dir: string; edit(file: string, change: (json: any) => void): void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-pack-"));
    fs.cpSync(path.resolve("data/cities/casablanca"), path.join(dir, "casablanca"), { recursive: true });
    return {
      dir,
      edit(file, change) {
        const full = path.join(dir, "casablanca", file);
        const json = JSON.parse(fs.readFileSync(full, "utf8"));
        change(json);
        fs.writeFileSync(full, JSON.stringify(json, null, 2));
      },
    };
  }

  it("keeps admin edits across a restart, and the pack's next change does not undo them", async () => {
    const testDb = await freshDatabase();
    const pack = packCopy();
    const env = { CITIES_DIR: pack.dir };
    try {
      let run = await startTestPlatform({ testDb, env });
      let admin1 = await newStaff(run, null, "city_admin");
      expect((await admin1.patch("/api/admin/authorities/voirie", { email: "voirie.nouvelle@casablanca.example.org" })).status).toBe(200);
      expect((await admin1.patch("/api/admin/categories/sidewalk", { severity: 5 })).status).toBe(200);
      // Replace the pack's préfecture overrides with one arrondissement's: the removed rules must stay removed.
      expect((await admin1.request("PUT", "/api/admin/routing", { json: { category: "waste_collection", default: "casa-prestations", areas: { maarif: "proprete-lot-est" } } })).status).toBe(200);
      await run.close();

      const check = async (label: string) => {
        const authorities = (await admin1.get("/api/admin/authorities")).body;
        expect(authorities.find((a: any) => a.code === "voirie").email, label).toBe("voirie.nouvelle@casablanca.example.org");
        expect((await admin1.get("/api/admin/categories")).body.categories.find((c: any) => c.code === "sidewalk").severity, label).toBe(5);
        expect((await admin1.get("/api/admin/routing")).body.categories.find((c: any) => c.category === "waste_collection"), label)
          .toEqual({ category: "waste_collection", default: "casa-prestations", areas: { maarif: "proprete-lot-est" } });
        const report = await admin1.post("/api/reports", newReportBody({ ...places.hayHassani, category: "waste_collection" }));
        expect(report.body.authority.code, label).toBe("casa-prestations");
      };

      run = await startTestPlatform({ testDb, env });
      admin1 = await newStaff(run, null, "city_admin");
      await check("same pack");
      await run.close();

      // The operator updates the pack: other contacts and rules for the same rows, and a new authority.
      pack.edit("authorities.json", (j) => {
        j.authorities.find((a: any) => a.code === "voirie").email = "voirie.pack@casablanca.example.org";
        j.authorities.push({ code: "nouvelle-autorite", name: { ar: "جهة جديدة", fr: "Nouvelle autorité", en: "New authority" }, language: "fr", email: "nouvelle@casablanca.example.org" });
      });
      pack.edit("routing.json", (j) => { j.rules.push({ category: "sidewalk", authority: "nouvelle-autorite", areas: ["anfa"] }); });
      run = await startTestPlatform({ testDb, env });
      admin1 = await newStaff(run, null, "city_admin");
      await check("changed pack");
      const authorities = (await admin1.get("/api/admin/authorities")).body;
      expect(authorities.find((a: any) => a.code === "nouvelle-autorite")).toMatchObject({ email: "nouvelle@casablanca.example.org", active: true, rules: [] });
      await run.close();
    } finally {
      await testDb.drop();
      fs.rmSync(pack.dir, { recursive: true, force: true });
    }
  });
});

it("is described in the OpenAPI document", async () => {
  const doc = (await anonymous.get("/api/openapi.json")).body;
  for (const [path, methods] of [
    ["/api/admin/authorities", ["get", "post"]], ["/api/admin/authorities/{code}", ["patch"]], ["/api/admin/categories", ["get"]],
    ["/api/admin/categories/{code}", ["patch"]], ["/api/admin/routing", ["get", "put"]], ["/api/admin/staff", ["get", "post"]],
    ["/api/admin/staff/{id}", ["patch"]], ["/api/admin/staff/{id}/invitation", ["post"]],
  ] as const) for (const method of methods) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  const put = doc.paths["/api/admin/routing"].put.requestBody.content["application/json"].schema;
  expect(put.required).toEqual(expect.arrayContaining(["category", "default", "areas"]));
});
