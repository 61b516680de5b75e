/**
 * The real command line (src/main.ts) in child processes: the PGlite data directory lock,
 * create-admin, seed-demo, and clean failures on bad configuration.
 * Runs on PGlite by default and on the PostgreSQL server when DATABASE_URL is set.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import lockfile from "proper-lockfile";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reports } from "../src/db/schema.ts";
import { Client } from "./support/http.ts";
import { freshDatabase, startTestPlatform, type TestDatabase, type TestPlatform } from "./support/platform.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The local tsx binary: the same as `npx tsx`, without npx's own start-up and warnings.
const tsx = path.join(root, "node_modules/.bin/tsx");

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs `tsx src/main.ts ...args` with a clean environment plus `env`. */
function cli(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const base = { ...process.env };
  for (const k of ["DATABASE_URL", "PORT", "SMTP_URL", "SESSION_SECRET", "UPLOAD_DIR", "PUBLIC_URL", "DEMO"]) delete base[k];
  const child = spawn(tsx, ["src/main.ts", ...args], {
    cwd: root, env: { ...base, NODE_ENV: "test", LOG_LEVEL: "silent", ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => { stdout += d; });
  child.stderr.on("data", (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`cli ${args.join(" ")} timed out\n${stdout}\n${stderr}`)); }, 50_000);
    child.on("error", reject);
    child.on("close", (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** Env pointing a child at a test database (PGlite directory, or PostgreSQL database). */
const dbEnv = (db: TestDatabase) => ({ DATA_DIR: db.dataDir, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}) });

/** A PGlite-only test database, whatever DATABASE_URL says: the lock is PGlite's concern. */
function pgliteDatabase(): TestDatabase {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-cli-"));
  return { databaseUrl: undefined, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

const STACK_FRAME = /^\s+at .+(\(|:\d+)/m;

/**
 * One database for the file: the lock test's platform creates it (on PGlite), then the
 * CLI commands run on it — so a PGlite directory is initialised once, not per test.
 */
let shared: TestDatabase;
beforeAll(async () => { shared = await freshDatabase(); });
afterAll(async () => { await shared?.drop(); });

describe("configuration errors", () => {
  it("a bad variable (PORT=abc) exits 1 naming PORT, without a stack trace", async () => {
    const dir = pgliteDatabase();
    try {
      const bad = await cli(["migrate"], { DATA_DIR: dir.dataDir, PORT: "abc" });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^ {2}PORT: /m);
      expect(bad.stderr).not.toMatch(STACK_FRAME);
      expect(bad.stdout).not.toContain("migrations applied");
      // Nothing was opened: the database directory is still empty.
      expect(fs.readdirSync(dir.dataDir)).toEqual([]);
      // One line per problem, and only the variable at fault.
      expect(bad.stderr.trim().split("\n")).toEqual(["Invalid configuration:", expect.stringMatching(/^ {2}PORT: /)]);
    } finally {
      await dir.drop();
    }
  });
});

describe("the PGlite data directory lock", () => {
  it("refuses a second process on a data directory a platform holds, and releases it on close", async () => {
    // The lock is PGlite's concern: on a PostgreSQL run, hold a PGlite directory of its own.
    const db = shared.databaseUrl ? pgliteDatabase() : shared;
    let tp: TestPlatform | undefined = await startTestPlatform({ testDb: db, smtp: false });
    const lock = { lockfilePath: path.join(db.dataDir, "baladiya.lock") };
    try {
      expect(await lockfile.check(db.dataDir, lock)).toBe(true);
      const second = await cli(["migrate"], { DATA_DIR: db.dataDir });
      expect(second.code).not.toBe(0);
      expect(second.stderr).toContain("in use by another Baladiya process");
      expect(second.stderr).toContain(db.dataDir);
      expect(second.stderr).not.toMatch(STACK_FRAME);
      expect(second.stdout).not.toContain("migrations applied");
      // The holder is unharmed.
      expect((await new Client(tp.url).get("/api/city")).status).toBe(200);

      await tp.close();
      tp = undefined;
      // Released: the next process may open it (on PGlite, the create-admin run below does).
      expect(await lockfile.check(db.dataDir, lock)).toBe(false);
    } finally {
      await tp?.close();
      if (db !== shared) await db.drop();
    }
  }, 90_000);
});

describe("create-admin and seed-demo", () => {
  let admin: Run;
  let seed: Run;
  let tp: TestPlatform;

  beforeAll(async () => {
    admin = await cli(["create-admin", "--email", "Chief@Example.org", "--name", "Chief Admin", "--password", "a-long-admin-password"], dbEnv(shared));
    seed = await cli(["seed-demo", "--reports", "200"], dbEnv(shared));
    // The commands have exited and released the database: a platform can open it.
    tp = await startTestPlatform({ testDb: shared, smtp: false });
  }, 120_000);
  afterAll(async () => { await tp?.close(); });

  it("create-admin creates a superadmin who can sign in over HTTP", async () => {
    expect(admin.stderr).toBe("");
    expect(admin.code).toBe(0);
    expect(admin.stdout.toLowerCase()).toContain("superadmin chief@example.org is ready");

    const client = new Client(tp.url);
    const wrong = await client.post("/api/session", { email: "chief@example.org", password: "not-the-password" });
    expect(wrong.status).toBe(401);
    const session = await client.post("/api/session", { email: "chief@example.org", password: "a-long-admin-password" });
    expect(session.status).toBe(200);
    // The address was typed with capitals: sign-in does not care.
    expect(session.body.user).toMatchObject({ name: "Chief Admin", role: "superadmin" });
    expect(session.body.user.email.toLowerCase()).toBe("chief@example.org");
    expect(session.body.csrfToken).toEqual(expect.any(String));
    expect((await client.get("/api/session")).body.user.role).toBe("superadmin");
    // A superadmin manages every authority's queue.
    const queue = await client.get("/api/staff/reports?limit=500");
    expect(queue.status).toBe(200);
    expect(queue.body.items.length).toBe(200);
  });

  it("seed-demo loads 200 reports with unique refs, inside Casablanca's areas, varied in category, language and state", async () => {
    expect(seed.code).toBe(0);
    const rows = await tp.platform.ctx.database.db.select().from(reports);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.ref)).size).toBe(200);
    for (const r of rows) expect(r.ref).toMatch(/^CAS-\d{4}-\d{6}$/);

    const city = tp.platform.ctx.cities.get(tp.config.citySlug);
    for (const r of rows) {
      const location = city.areas.locate(r.lat, r.lon);
      expect(location?.area.code, `${r.ref} at ${r.lat},${r.lon}`).toBe(r.areaCode);
      expect(location?.parents[0]?.code).toBe(r.prefectureCode);
      expect(city.categories.has(r.categoryCode)).toBe(true);
      expect(city.authorities.has(r.authorityId)).toBe(true);
    }
    const distinct = <K extends keyof (typeof rows)[number]>(k: K) => new Set(rows.map((r) => r[k]));
    expect(distinct("categoryCode").size).toBeGreaterThanOrEqual(6);
    expect(distinct("areaCode").size).toBeGreaterThanOrEqual(8);
    expect([...distinct("language")].sort()).toEqual(["ar", "en", "fr"]);
    const states = distinct("state");
    expect(states.size).toBeGreaterThanOrEqual(3);
    for (const s of ["confirmed", "in_progress", "fixed"]) expect(states).toContain(s);
    // Demo reports are published: none waits for an e-mail confirmation.
    expect(states).not.toContain("open");

    const page = await new Client(tp.url).get("/api/reports?limit=500");
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(200);
  });

  it("seed-demo prints demo accounts that can sign in", async () => {
    const accounts = [...seed.stdout.matchAll(/^ {2}(city_admin|staff) +(\S+@\S+)/gm)].map((m) => ({ role: m[1]!, email: m[2]! }));
    const password = seed.stdout.match(/^ {2}password: (\S+)$/m)?.[1];
    expect(password).toBeDefined();
    expect(accounts.filter((a) => a.role === "city_admin")).toHaveLength(1);
    const city = tp.platform.ctx.cities.get(tp.config.citySlug);
    expect(accounts.filter((a) => a.role === "staff")).toHaveLength(city.authorities.size);

    const cityAdmin = accounts.find((a) => a.role === "city_admin")!;
    const signedIn = await new Client(tp.url).signIn(cityAdmin.email, password!);
    expect((await signedIn.get("/api/session")).body.user.role).toBe("city_admin");

    const voirieAccount = accounts.find((a) => a.email.startsWith("staff.voirie@"))!;
    const voirie = await new Client(tp.url).signIn(voirieAccount.email, password!);
    const queue = await voirie.get("/api/staff/reports?limit=500");
    expect(queue.status).toBe(200);
    expect(queue.body.items.length).toBeGreaterThan(0);
    expect(queue.body.items.every((i: { authority: string }) => i.authority === "voirie")).toBe(true);

    expect((await new Client(tp.url).post("/api/session", { email: voirieAccount.email, password: "wrong-password" })).status).toBe(401);
  });
});
