/// <reference lib="dom" />
/**
 * Web app size and speed (part of `npm run bench`):
 * - the citizen app's initial JavaScript (the entry script and what it preloads), gzipped;
 * - the home page's Largest Contentful Paint in Chromium with 4× CPU throttling and the
 *   "Slow 3G" network profile (2 s round trip, 50 kB/s), on the real server with the 100,000
 *   demo reports of the core benchmark (the whole city, far more than 10,000, in view), cold
 *   cache, median of BENCH_WEB_RUNS (default 3); plus when the first report markers appear.
 * Prints a table and writes bench/results/web-<timestamp>.json.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { SERVER_ENV, startServer, stopServer } from "./support.ts";

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 100_000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const dataDir = path.resolve(`var/bench/pglite-${REPORTS}`);
const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n: number) => Math.round(n / 102.4) / 10;

function buildWeb(outDir: string) {
  const r = spawnSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("web build failed");
}

/** The scripts a first visit downloads before the app runs: the entry and its modulepreloads. */
function initialJs(outDir: string) {
  const html = fs.readFileSync(path.join(outDir, "index.html"), "utf8");
  const files = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const chunks = files.map((f) => ({ file: f, gzip: gzipSize(path.join(outDir, f)) }));
  const css = [...html.matchAll(/href="\/([^"]+\.css)"/g)].map((m) => gzipSize(path.join(outDir, m[1]!))).reduce((a, b) => a + b, 0);
  return { chunks, totalGzip: chunks.reduce((a, c) => a + c.gzip, 0), cssGzip: css };
}

async function measure(url: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"] });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, locale: "fr-MA", deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.addInitScript(() => {
      const w = window as unknown as { __lcp: { t: number; el: string }[] };
      w.__lcp = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { element?: Element })[]) w.__lcp.push({ t: e.startTime, el: e.element?.tagName.toLowerCase() + (e.element?.className ? `.${String(e.element.className).split(" ")[0]}` : "") });
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const started = Date.now();
    await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
    // Markers or clusters on the map: the page has done its job for a citizen.
    await page.waitForSelector(".leaflet-interactive, .leaflet-marker-icon", { timeout: 120_000 });
    const markersMs = Date.now() - started;
    await page.waitForTimeout(1000);
    const lcp = await page.evaluate(() => (window as unknown as { __lcp: { t: number; el: string }[] }).__lcp);
    const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null);
    const last = lcp.at(-1);
    return { lcpMs: Math.round(last?.t ?? NaN), lcpElement: last?.el ?? null, fcpMs: fcp === null ? null : Math.round(fcp), markersMs };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-bench-web-"));
  buildWeb(outDir);
  const size = initialJs(outDir);
  if (!fs.existsSync(path.join(dataDir, "seeded"))) {
    throw new Error(`no seeded database at ${dataDir}: run the core benchmark first (npm run bench:core), which seeds it`);
  }
  const server = await startServer(["src/main.ts", "serve"], {
    ...SERVER_ENV, DATA_DIR: dataDir, WEB_DIR: outDir, PORT: "0", MAP_TILE_URL: "https://127.0.0.1:9/{z}/{x}/{y}.png", GEOCODER_URL: "off",
  });
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) runs.push(await measure(`http://127.0.0.1:${server.port}/`));
  } finally {
    await stopServer(server.child);
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    initialJs: { totalGzipKB: kb(size.totalGzip), chunks: size.chunks.map((c) => ({ file: c.file, gzipKB: kb(c.gzip) })), inlinedCssGzipKB: kb(size.cssGzip) },
    home: { profile: "Slow 3G (2000 ms RTT, 50 kB/s) + 4x CPU, 412x823 phone, cold cache", reports: REPORTS, runs,
      lcpMedianMs: median(runs.map((r) => r.lcpMs)), markersMedianMs: median(runs.map((r) => r.markersMs)) },
  };
  console.log("\nBaladiya web benchmark\n");
  console.log("| measure | value | aim |\n|---|---|---|");
  console.log(`| citizen initial JS (gzip) | ${result.initialJs.totalGzipKB} KB in ${size.chunks.length} file(s) | ≤ 150 KB |`);
  console.log(`| home LCP, slow 3G + 4× CPU (median of ${RUNS}) | ${result.home.lcpMedianMs} ms (${runs.at(-1)?.lcpElement}) | < 3000 ms |`);
  console.log(`| home: first report markers on the map (median) | ${result.home.markersMedianMs} ms | — |`);
  fs.mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/web-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\nwritten ${file}`);
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
