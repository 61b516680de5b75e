/**
 * One-off tool behind data/training/duplicate-pairs.jsonl (evaluation pairs for duplicate detection).
 *
 * 1. Candidates: `npx tsx scripts/build-duplicate-candidates.ts [--csv FILE] [--per-stratum N] [--seed S]`
 *    reads the FixMyStreet London reports (shared data, FixMyStreet user content archived by
 *    shuja-ali298/greater-london-open-data, MIT), maps their raw council category with
 *    data/training/fixmystreet-categories.json (reports whose category maps to null are left out),
 *    and prints candidate pairs, stratified, for a person to read and judge:
 *      A  same code, ≤ 200 m and ≤ 14 days apart (split by distance, by time and by word overlap)
 *      B  different codes, ≤ 100 m and ≤ 14 days apart
 *      C  same code, 300–1500 m apart, ≤ 14 days apart
 * 2. Output: `npx tsx scripts/build-duplicate-candidates.ts --write JUDGEMENTS.tsv`
 *    where each line is `idA<TAB>idB<TAB>1|0<TAB>note` (1 = the same real-world problem), writes
 *    data/training/duplicate-pairs.jsonl, one judged pair per line, the earlier report as "a".
 *    The text is the source's "title. detail" (no extra full stop after a title that ends in one),
 *    detail cut to 500 characters; title and detail are otherwise unchanged.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const csvFile = opt("--csv", process.env.FMS_CSV ?? "/work/shared/data/categorization/fixmystreet_london_2025.csv");
const mapFile = path.join(root, "data/training/fixmystreet-categories.json");
const outFile = path.join(root, "data/training/duplicate-pairs.jsonl");
const perStratum = Number(opt("--per-stratum", "30"));
const seed = Number(opt("--seed", "20250601"));
const writeFrom = args.includes("--write") ? opt("--write", "") : "";

/** RFC 4180 parser: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = "";
      rows.push(row); row = [];
    } else field += ch;
  }
  if (field !== "" || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

interface Report {
  id: string; title: string; detail: string; rawCategory: string; code: string;
  lat: number; lon: number; t: number; nearest: string; words: Set<string>;
}

const stop = new Set(("the a an and or of to in on at by for from is are was were be been it its this that these there " +
  "has have had with as please can could would we i my our you your they their them no not but outside near " +
  "opposite road street london again still also just very been being left some all any other one two").split(" "));
const wordsOf = (s: string) => new Set(s.toLowerCase().replace(/[^a-z0-9 ]+/g, " ").split(" ")
  .filter((w) => w.length > 2 && !stop.has(w)));
const jaccard = (a: Set<string>, b: Set<string>) => {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
};
const metres = (a: Report, b: Report) => {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6_371_000;
};
const DAY = 86_400_000;

function loadReports(): Report[] {
  const map = (JSON.parse(fs.readFileSync(mapFile, "utf8")) as { map: Record<string, string | null> }).map;
  const [header, ...body] = parseCsv(fs.readFileSync(csvFile, "utf8"));
  const col = (name: string) => {
    const i = header!.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing in ${csvFile}`);
    return i;
  };
  const [cId, cTitle, cDetail, cCat, cDate, cLat, cLon, cNear] =
    ["report_id", "title", "detail", "category", "pub_date", "lat", "lon", "nearest"].map(col) as number[];
  const out: Report[] = [];
  for (const r of body) {
    if (r.length < header!.length) continue;
    const rawCategory = r[cCat!]!;
    if (!(rawCategory in map)) throw new Error(`category not in the map: ${rawCategory}`);
    const code = map[rawCategory];
    if (!code) continue;
    const title = r[cTitle!]!, detail = r[cDetail!]!;
    out.push({
      id: r[cId!]!, title, detail, rawCategory, code, lat: Number(r[cLat!]), lon: Number(r[cLon!]),
      t: Date.parse(r[cDate!]!), nearest: r[cNear!]!, words: wordsOf(`${title} ${detail}`),
    });
  }
  return out;
}

/** Deterministic PRNG (mulberry32). */
function rng(s: number) {
  return () => {
    s |= 0; s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pair { a: Report; b: Report; m: number; days: number; sim: number }

function candidates(reports: Report[]) {
  const cell = 0.015; // degrees, about 1.7 km north-south and 1 km east-west in London
  const grid = new Map<string, Report[]>();
  const key = (x: number, y: number) => `${x},${y}`;
  for (const r of reports) {
    const k = key(Math.floor(r.lat / cell), Math.floor(r.lon / (cell * 1.6)));
    (grid.get(k) ?? grid.set(k, []).get(k)!).push(r);
  }
  const random = rng(seed);
  const strata = new Map<string, { seen: number; kept: Pair[] }>();
  const offer = (name: string, p: Pair) => {
    const s = strata.get(name) ?? strata.set(name, { seen: 0, kept: [] }).get(name)!;
    s.seen++;
    if (s.kept.length < perStratum) s.kept.push(p);
    else {
      const j = Math.floor(random() * s.seen);
      if (j < perStratum) s.kept[j] = p;
    }
  };
  for (const a of reports) {
    const gx = Math.floor(a.lat / cell), gy = Math.floor(a.lon / (cell * 1.6));
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const b of grid.get(key(gx + dx, gy + dy)) ?? []) {
        if (b.t < a.t || (b.t === a.t && b.id <= a.id)) continue; // each pair once, a before b
        const days = (b.t - a.t) / DAY;
        if (days > 14) continue;
        const m = metres(a, b);
        if (m > 1500) continue;
        const sim = jaccard(a.words, b.words);
        const p = { a, b, m, days, sim };
        const simBand = sim >= 0.3 ? "hi" : sim >= 0.1 ? "mid" : "lo";
        if (a.code === b.code && m <= 200) offer(`A ${m <= 50 ? "<=50m" : "50-200m"} ${days <= 2 ? "<=2d" : "2-14d"} sim-${simBand}`, p);
        else if (a.code !== b.code && m <= 100) offer(`B ${m <= 30 ? "<=30m" : "30-100m"} sim-${simBand}`, p);
        else if (a.code === b.code && m >= 300) offer(`C sim-${sim >= 0.2 ? "hi" : "lo"}`, p);
      }
    }
  }
  return strata;
}

const oneLine = (s: string, n: number) => s.replace(/\s+/g, " ").trim().slice(0, n);

function printCandidates(reports: Report[]) {
  const strata = candidates(reports);
  console.log(`# ${reports.length} mapped reports; ${perStratum} sampled per stratum (seed ${seed})`);
  for (const [name, s] of [...strata].sort(([x], [y]) => x.localeCompare(y))) {
    console.log(`\n## ${name}: ${s.seen} pairs, showing ${s.kept.length}`);
    for (const p of s.kept.sort((x, y) => x.m - y.m)) {
      console.log(`${p.a.id}\t${p.b.id}\t${Math.round(p.m)} m\t${p.days.toFixed(1)} d\tsim ${p.sim.toFixed(2)}`);
      for (const r of [p.a, p.b]) {
        console.log(`  [${r.code} | ${r.rawCategory} | ${new Date(r.t).toISOString().slice(0, 16)} | ${oneLine(r.nearest, 40)}] ` +
          `${oneLine(r.title, 100)} || ${oneLine(r.detail, 260)}`);
      }
    }
  }
}

function writePairs(reports: Report[], judgementsFile: string) {
  const byId = new Map(reports.map((r) => [r.id, r]));
  const side = (r: Report) => ({
    id: r.id,
    text: `${r.title}${/[.!?]$/.test(r.title.trim()) ? "" : "."} ${Array.from(r.detail).slice(0, 500).join("")}`,
    category: r.code,
    lat: r.lat,
    lon: r.lon,
    date: new Date(r.t).toISOString().replace(/\.\d{3}Z$/, "Z"),
  });
  const lines: string[] = [];
  const seen = new Set<string>();
  let same = 0;
  for (const line of fs.readFileSync(judgementsFile, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [idA, idB, verdict, note] = line.split("\t");
    let a = byId.get(idA ?? ""), b = byId.get(idB ?? "");
    if (!a || !b) throw new Error(`unknown report in: ${line}`);
    if (verdict !== "1" && verdict !== "0") throw new Error(`verdict must be 1 or 0: ${line}`);
    if (!note?.trim()) throw new Error(`note missing: ${line}`);
    if (b.t < a.t) [a, b] = [b, a];
    const k = `${a.id}-${b.id}`;
    if (seen.has(k)) throw new Error(`pair judged twice: ${k}`);
    seen.add(k);
    if (verdict === "1") same++;
    lines.push(JSON.stringify({ a: side(a), b: side(b), same: verdict === "1", note: note.trim() }));
  }
  fs.writeFileSync(outFile, lines.join("\n") + "\n");
  console.log(`wrote ${lines.length} pairs (${same} same, ${lines.length - same} different) to ${path.relative(root, outFile)}`);
}

const reports = loadReports();
if (writeFrom) writePairs(reports, writeFrom);
else printCandidates(reports);
