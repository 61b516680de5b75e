/**
 * npm run bench:ai — the AI models as they ship: load time, memory after load, size on disk,
 * single-threaded classifications per second with p50/p99 latency (language id + category,
 * as triage runs them), urgency scoring, and the training time recorded in the manifest.
 * Texts: the held-out test split of every language. Prints a table, writes bench/results/ai-<timestamp>.json.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadModels, MODELS_DIR, readManifest, readTrainingData, scoreUrgency } from "../src/ai/index.ts";
import { splitOfExample } from "../src/ai/training/examples.ts";
import { table } from "../src/ai/training/report.ts";

const ROUNDS = Number(process.env.BENCH_AI_ROUNDS ?? 5);

const heapBefore = process.memoryUsage();
const t0 = performance.now();
const models = await loadModels();
const loadMs = performance.now() - t0;
const heapAfter = process.memoryUsage();
const manifest = readManifest();

const texts = readTrainingData().reports.filter((e) => splitOfExample(e) === "test").map((e) => e.text);
const latencies: number[] = [];
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  for (const text of texts) {
    const t = performance.now();
    models.language.identify(text);
    models.categorizer.classify(text);
    latencies.push(performance.now() - t);
  }
}
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;

const urgencyStart = performance.now();
for (const text of texts) scoreUrgency({ text, severity: 3 });
const urgencyMs = (performance.now() - urgencyStart) / texts.length;

const size = (f: string) => fs.statSync(path.join(MODELS_DIR, f)).size;
const files = [manifest.language.file, manifest.category.file, ...(manifest.category.concepts ? [manifest.category.concepts.file] : [])];
const result = {
  modelVersion: manifest.version,
  texts: texts.length,
  classificationsPerSecond: Math.round(latencies.length / seconds),
  p50Ms: Number(pct(0.5).toFixed(3)),
  p99Ms: Number(pct(0.99).toFixed(3)),
  urgencyMsPerText: Number(urgencyMs.toFixed(3)),
  loadMs: Math.round(loadMs),
  // fastText lives in WebAssembly memory, counted in external + arrayBuffers, not the JS heap.
  memoryAfterLoadMb: Math.round(((heapAfter.rss - heapBefore.rss) / 1048576) * 10) / 10,
  modelBytes: Object.fromEntries(files.map((f) => [f, size(f)])),
  trainingSeconds: manifest.training.seconds,
};

console.log(table(["measure", "value"], [
  ["model version", result.modelVersion],
  ["load (language + category)", `${result.loadMs} ms`],
  ["memory after load (RSS growth)", `${result.memoryAfterLoadMb} MB`],
  ...files.map((f) => [`size of ${f}`, `${(size(f) / 1048576).toFixed(1)} MB`]),
  ["classifications/s, 1 thread (language + category)", result.classificationsPerSecond],
  ["latency p50", `${result.p50Ms} ms`],
  ["latency p99", `${result.p99Ms} ms`],
  ["urgency scoring", `${result.urgencyMsPerText} ms/text`],
  ["training time (npm run train)", `${result.trainingSeconds} s`],
]));
fs.mkdirSync("bench/results", { recursive: true });
const out = `bench/results/ai-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
fs.writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
console.log(`\nwritten to ${out}`);
