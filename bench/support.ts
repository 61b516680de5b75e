/**
 * What the benchmarks share: the real server as a child process, and a demo city of N reports
 * seeded once into a PostgreSQL database or an embedded data directory and kept under
 * var/bench/ (seeding 100,000 reports takes a minute, 1,000,000 a quarter of an hour).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const PG_SERVER = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const cacheDir = path.resolve("var/bench");
/** Production mode, no rate limit (the load comes from one address), no demo of its own. */
export const SERVER_ENV = { NODE_ENV: "production", SESSION_SECRET: "bench-secret-bench-secret-bench-secret-00", LOG_LEVEL: "warn", RATE_LIMIT: "false", DEMO: "false" };

/** Starts `node --import tsx <script>` and resolves with the port it prints once listening. */
export function startServer(script: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening (\d+)/) ?? out.match(/running on http:\/\/localhost:(\d+)/);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** Stops the server and waits for it to exit: an embedded database stays locked until then. */
export async function stopServer(child: ChildProcess) {
  child.removeAllListeners("exit");
  await new Promise<void>((resolve) => { child.once("exit", () => resolve()); child.kill("SIGTERM"); });
}

function seed(env: Record<string, string>, reports: number): number {
  console.error(`seeding ${reports} demo reports (${env.DATABASE_URL ? "postgres" : "pglite"})...`);
  const started = Date.now();
  // A million generated reports are held in memory before they are written in batches.
  const r = spawnSync("npx", ["tsx", "src/main.ts", "seed-demo", "--reports", String(reports)], {
    env: { ...process.env, ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=12288`.trim() },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) throw new Error("seeding failed");
  return (Date.now() - started) / 1000;
}

/**
 * The server environment of a demo city with `reports` reports on `db` (pglite or postgres),
 * seeding it first unless an earlier run did; seedSeconds is null when it was already there.
 */
export async function seededCity(db: string, reports: number): Promise<{ env: Record<string, string>; seedSeconds: number | null }> {
  if (db === "pglite") {
    const dataDir = path.join(cacheDir, `pglite-${reports}`);
    const env = { ...SERVER_ENV, DATA_DIR: dataDir };
    if (fs.existsSync(path.join(dataDir, "seeded"))) return { env, seedSeconds: null };
    fs.rmSync(dataDir, { recursive: true, force: true });
    const seconds = seed(env, reports);
    fs.writeFileSync(path.join(dataDir, "seeded"), String(seconds));
    return { env, seedSeconds: seconds };
  }
  const name = `baladiya_bench_${reports}`;
  const admin = new pg.Client({ connectionString: PG_SERVER });
  await admin.connect();
  try {
    const url = new URL(PG_SERVER);
    url.pathname = `/${name}`;
    const env = { ...SERVER_ENV, DATABASE_URL: url.toString(), DATA_DIR: path.join(cacheDir, "pg-files") };
    const { rows } = await admin.query<{ seeded: string | null }>("select shobj_description(oid, 'pg_database') as seeded from pg_database where datname = $1", [name]);
    // The comment marks a finished seed: an interrupted one is dropped and done again.
    if (rows[0]?.seeded?.startsWith("seeded")) return { env, seedSeconds: null };
    if (rows.length) await admin.query(`drop database ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const seconds = seed(env, reports);
    await admin.query(`comment on database ${name} is 'seeded in ${seconds.toFixed(0)} s'`);
    return { env, seedSeconds: seconds };
  } finally {
    await admin.end();
  }
}
