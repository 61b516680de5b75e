/**
 * Insights at scale (part of `npm run bench`): with BENCH_INSIGHTS_REPORTS demo reports
 * (default 1,000,000, seeded once into PostgreSQL by `seed-demo` and kept), the latency of
 * every dashboard query over HTTP on the real server, each request a query no one asked
 * before (a different period, area or category: the answer cache cannot help), one at a time;
 * then the time the /transparency and /staff/insights pages take in Chromium, cold, until
 * every figure's data has arrived. Aim: p95 under 500 ms, pages under 2 s.
 * Prints a table and writes bench/results/insights-<timestamp>.json.
 * Options (env): BENCH_INSIGHTS_REPORTS, BENCH_INSIGHTS_REQUESTS (per query, default 40),
 * BENCH_INSIGHTS_DB (postgres or pglite).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { seededCity, startServer, stopServer } from "./support.ts";

const REPORTS = Number(process.env.BENCH_INSIGHTS_REPORTS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_INSIGHTS_REQUESTS ?? 40);
const DB = process.env.BENCH_INSIGHTS_DB ?? "postgres";
const PAGE_RUNS = 5;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ADMIN = { email: "bench.admin@example.org", password: "bench-admin-password-1" };
const DAY = 86_400_000;

const AREAS = ["hay-hassani", "maarif", "sidi-moumen", "anfa", "ain-chock", "sidi-bernoussi"];
const CATEGORIES = ["road_damage", "waste_collection", "street_lighting", "illegal_dumping", "sidewalk", "water_leak"];
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The i-th query of a kind nobody asked before: the year up to a different day, sometimes one area or one category. */
function statsQuery(i: number): string {
  const to = Date.now() - i * DAY;
  const q = new URLSearchParams({ from: isoDay(to - 364 * DAY), to: isoDay(to) });
  if (i % 3 === 1) q.set("category", CATEGORIES[i % CATEGORIES.length]!);
  if (i % 3 === 2) q.set("area", AREAS[i % AREAS.length]!);
  return q.toString();
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (n: number) => Math.round(n * 10) / 10;

interface Row { query: string; requests: number; p50: number; p95: number; max: number }

async function timed(url: string, init?: RequestInit): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return performance.now() - started;
}

async function measureQuery(name: string, url: (i: number) => string, init?: RequestInit): Promise<Row> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push(await timed(url(i), init));
  const row = { query: name, requests: REQUESTS, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times)) };
  console.error(`  ${name}: p50 ${row.p50} ms, p95 ${row.p95} ms`);
  return row;
}

/** Cold page loads: from navigation to the last API answer the page asked for or its first table drawn, whichever is later. */
async function measurePage(base: string, pathOf: (i: number) => string, ready: string, cookie?: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"] });
  const runs: number[] = [];
  try {
    for (let i = 0; i < PAGE_RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: "fr-MA", isMobile: true, hasTouch: true });
      if (cookie) {
        const [name, value] = cookie.split(";")[0]!.split("=");
        await context.addCookies([{ name: name!, value: value!, url: base }]);
      }
      const page = await context.newPage();
      let lastApi = 0;
      page.on("requestfinished", (req) => { if (req.url().includes("/api/")) lastApi = Date.now(); });
      const started = Date.now();
      await page.goto(`${base}${pathOf(i)}`, { waitUntil: "commit" });
      await page.waitForSelector(ready, { state: "attached", timeout: 60_000 });
      const drawn = Date.now();
      await page.waitForLoadState("networkidle");
      runs.push(Math.max(lastApi, drawn) - started);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { runs, median: percentile(runs, 50), max: Math.max(...runs) };
}

async function main() {
  const { env, seedSeconds } = await seededCity(DB, REPORTS);
  // The monthly figures of every month not written yet (a first run, or a seed from before them).
  const started = Date.now();
  const refresh = spawnSync("npx", ["tsx", "src/main.ts", "refresh-insights"], { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
  if (refresh.status !== 0) throw new Error("refresh-insights failed");
  const refreshSeconds = (Date.now() - started) / 1000;
  const admin = spawnSync("npx", ["tsx", "src/main.ts", "create-admin", "--email", ADMIN.email, "--name", "Bench admin", "--password", ADMIN.password, "--role", "city_admin"], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  if (admin.status !== 0) throw new Error("create-admin failed");
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-bench-insights-"));
  const build = spawnSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--outDir", webDir, "--emptyOutDir", "--logLevel", "warn"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("web build failed");
  // The web process alone, as a big city runs it (WORKER=false, the outbox worker in a process of
  // its own): the worker's first hourly re-scoring of a million-report city (8,000 triages) would
  // otherwise share this process's event loop with the requests measured.
  const server = await startServer(["src/main.ts", "serve"], { ...env, PORT: "0", WEB_DIR: webDir, MAP_TILE_URL: "https://127.0.0.1:9/{z}/{x}/{y}.png", GEOCODER_URL: "off", WORKER: "false" });
  const base = `http://127.0.0.1:${server.port}`;
  const rows: Row[] = [];
  let pages: Record<string, Awaited<ReturnType<typeof measurePage>>> = {};
  try {
    const signIn = await fetch(`${base}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
    if (!signIn.ok) throw new Error(`sign-in: HTTP ${signIn.status}`);
    const cookie = signIn.headers.get("set-cookie")!;
    const asAdmin = { headers: { cookie: cookie.split(";")[0]! } };

    for (const stat of ["summary", "authorities", "categories", "areas", "heatmap", "timeline", "fixed-stories", "dashboard"]) {
      rows.push(await measureQuery(`GET /api/stats/${stat}`, (i) => `${base}/api/stats/${stat}?${statsQuery(i)}`));
    }
    rows.push(await measureQuery("GET /api/staff/insights/anomalies", (i) => `${base}/api/staff/insights/anomalies?lang=${["fr", "ar", "en"][i % 3]}`, asAdmin));
    rows.push(await measureQuery("GET /api/staff/insights/hotspots", (i) => `${base}/api/staff/insights/hotspots?radius=${150 + i}`, asAdmin));
    rows.push(await measureQuery("GET /api/staff/insights/resources", () => `${base}/api/staff/insights/resources`, asAdmin));
    rows.push(await measureQuery("GET /api/staff/insights/equity", (i) => `${base}/api/staff/insights/equity?to=${isoDay(Date.now() - i * DAY)}`, asAdmin));

    pages = {
      "/transparency": await measurePage(base, (i) => `/transparency?${statsQuery(REQUESTS + 10 + i)}`, "table.league tbody tr"),
      "/staff/insights": await measurePage(base, () => "/staff/insights", "main table tbody tr", cookie),
    };
  } finally {
    await stopServer(server.child);
    fs.rmSync(webDir, { recursive: true, force: true });
  }

  console.log(`\nBaladiya insights benchmark — ${REPORTS.toLocaleString("en")} reports on ${DB}, ${REQUESTS} uncached requests per query, one at a time\n`);
  console.log("| query | p50 ms | p95 ms | max ms | aim p95 |\n|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.query} | ${r.p50} | ${r.p95} | ${r.max} | < 500 ms |`);
  for (const [page, m] of Object.entries(pages)) console.log(`| page ${page}, cold, until its data is in and drawn (median of ${PAGE_RUNS}) | ${m.median} | — | ${m.max} | < 2000 ms |`);
  if (seedSeconds !== null) console.log(`seeding ${REPORTS} reports on ${DB}: ${seedSeconds.toFixed(0)} s`);
  console.log(`refresh-insights before the run (months not written yet): ${refreshSeconds.toFixed(1)} s`);
  fs.mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/insights-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), reports: REPORTS, db: DB, requestsPerQuery: REQUESTS, machine: { cpus: os.cpus().length, node: process.version }, seedSeconds, refreshSeconds, rows, pages }, null, 2));
  console.log(`\nwritten ${file}`);
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
