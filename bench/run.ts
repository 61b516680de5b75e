/**
 * npm run bench: starts the real server (a child process) on PGlite and on PostgreSQL with
 * BENCH_REPORTS demo reports (default 100,000), and measures with autocannon: report creation
 * without and with a photo, bbox listing at three zoom levels, and a bare Fastify "hello" as the
 * ceiling. Prints a table and writes bench/results/core-<timestamp>.json.
 * Options (env): BENCH_REPORTS, BENCH_SECONDS (per scenario, default 10), BENCH_DB=pglite,postgres.
 */
import fs from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import sharp from "sharp";
import { seededCity, startServer, stopServer } from "./support.ts";

const REPORTS = Number(process.env.BENCH_REPORTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DBS = (process.env.BENCH_DB ?? "pglite,postgres").split(",");

interface Row { db: string; scenario: string; connections: number; rps: number; p50: number; p99: number; errors: number; non2xx: number; ceilingRatio?: number }

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ duration: SECONDS, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function row(db: string, scenario: string, r: autocannon.Result, connections: number): Row {
  return { db, scenario, connections, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/** Viewports around the city centre: zoom 16 (~300 m), 14 (~1.2 km), 12 (~5 km wide). */
function viewports(zoomSpan: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 64; i++) {
    const lat = 33.53 + ((i * 37) % 64) / 64 * 0.09;
    const lon = -7.70 + ((i * 11) % 64) / 64 * 0.2;
    out.push(`${(lon - zoomSpan).toFixed(5)},${(lat - zoomSpan / 2).toFixed(5)},${(lon + zoomSpan).toFixed(5)},${(lat + zoomSpan / 2).toFixed(5)}`);
  }
  return out;
}

/** A viewport no request asked for before: uncached, as when a user pans somewhere new. */
let freshCount = 0;
function freshViewport(zoomSpan: number): string {
  const k = ++freshCount;
  const lat = 33.53 + ((k * 7919) % 9000) / 100_000;
  const lon = -7.70 + ((k * 104_729) % 20_000) / 100_000;
  return `${(lon - zoomSpan).toFixed(5)},${(lat - zoomSpan / 2).toFixed(5)},${(lon + zoomSpan).toFixed(5)},${(lat + zoomSpan / 2).toFixed(5)}`;
}

async function main() {
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  const rows: Row[] = [];
  const seeds: Record<string, number | null> = {};

  const hello = await startServer(["bench/hello-server.ts"], { PORT: "0" });
  const ceiling = await cannon({ url: `http://127.0.0.1:${hello.port}/hello`, connections: 50 });
  await stopServer(hello.child);
  rows.push(row("-", "bare fastify hello (ceiling)", ceiling, 50));
  const ceilingRps = ceiling.requests.average;

  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 120, g: 110, b: 100 } } })
    .composite([{ input: Buffer.from(`<svg width="1600" height="1200"><circle cx="800" cy="600" r="300" fill="#333"/></svg>`) }]).jpeg({ quality: 85 }).toBuffer();
  const boundary = "----baladiyabench";
  const multipart = Buffer.concat([
    Buffer.from([
      ["lat", "33.5873"], ["lon", "-7.633"], ["category", "road_damage"], ["title", "Nid de poule devant le Twin Center"],
      ["description", "Un trou profond au milieu de la voie de droite."], ["language", "fr"], ["reporter.email", "bench@example.org"],
    ].map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("")),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    photo, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const json = JSON.stringify({
    lat: 33.5873, lon: -7.633, category: "road_damage", title: "Nid de poule devant le Twin Center",
    description: "Un trou profond au milieu de la voie de droite.", language: "fr", reporter: { email: "bench@example.org" },
  });

  for (const db of DBS) {
    const { env, seedSeconds } = await seededCity(db, REPORTS);
    seeds[db] = seedSeconds;
    const server = await startServer(["src/main.ts", "serve"], { ...env, PORT: "0" });
    const base = `http://127.0.0.1:${server.port}`;
    for (const [label, span] of [["zoom 16", 0.003], ["zoom 14", 0.012], ["zoom 12", 0.05]] as const) {
      // Map users share viewports (the cache answers); a viewport nobody asked for before hits the database.
      const boxes = viewports(span);
      let i = 0;
      const shared = await cannon({
        url: base, connections: 20,
        requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/api/reports?bbox=${boxes[i++ % boxes.length]}&limit=200` }) }],
      });
      rows.push(row(db, `list bbox ${label} (200 max), 64 shared viewports`, shared, 20));
      const fresh = await cannon({
        url: base, connections: 20,
        requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: `/api/reports?bbox=${freshViewport(span)}&limit=200` }) }],
      });
      rows.push(row(db, `list bbox ${label} (200 max), every viewport new`, fresh, 20));
    }
    const create = await cannon({ url: `${base}/api/reports`, method: "POST", connections: 20, headers: { "content-type": "application/json" }, body: json });
    rows.push(row(db, "create report, no photo", create, 20));
    const withPhoto = await cannon({ url: `${base}/api/reports`, method: "POST", connections: 4, headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body: multipart });
    rows.push(row(db, `create report, 1 photo (${Math.round(photo.length / 1024)} KB)`, withPhoto, 4));
    await stopServer(server.child);
  }

  for (const r of rows) r.ceilingRatio = Math.round((r.rps / ceilingRps) * 1000) / 10;
  console.log(`\nBaladiya core benchmark — ${REPORTS} reports, ${SECONDS}s per scenario, ${machine.cpus} cores, Node ${machine.node}\n`);
  console.log(`| db | scenario | conn | req/s | p50 ms | p99 ms | % of ceiling | errors/non-2xx |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  for (const r of rows) console.log(`| ${r.db} | ${r.scenario} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ceilingRatio}% | ${r.errors}/${r.non2xx} |`);
  for (const [db, s] of Object.entries(seeds)) if (s !== null) console.log(`seeding ${REPORTS} reports on ${db}: ${s.toFixed(0)} s`);
  fs.mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/core-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), reports: REPORTS, seconds: SECONDS, machine, seeds, rows }, null, 2));
  console.log(`\nwritten ${file}`);
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
