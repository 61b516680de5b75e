/**
 * The AI commands: `train` (models from data/training/ and staff corrections, then their
 * evaluation), `eval` (the shipped models on the held-out split) and `triage` (JSON lines in,
 * JSON lines out, so the models can be run on any file).
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import { evaluateModels, formatEvaluation, LANGUAGES, loadModels, MODELS_DIR, readJudgedLabels, readTrainingData, trainModels, type Example } from "../ai/index.ts";
import { loadCityPack } from "../cities/index.ts";
import type { Config } from "../config.ts";
import type { CorrectionRow } from "./triage.repo.ts";
import { Triage, type TriageCity } from "./triage.service.ts";

const TRAINING_DIR = "data/training";
const DUPLICATE_PAIRS = path.join(TRAINING_DIR, "duplicate-pairs.jsonl");

/** A staff correction as a training example (its language as triage detected it). */
export function correctionExample(c: CorrectionRow): Example {
  const language = (LANGUAGES as readonly string[]).includes(c.language) ? c.language as Example["language"] : "fr";
  return { id: `correction-${c.id}`, text: c.text, language, category: c.toCategory, provenance: `staff correction ${c.createdAt.toISOString()} (${c.fromCategory} → ${c.toCategory})` };
}

function packCity(config: Config): TriageCity & { keywords: Record<string, string[]>; severities: Record<string, number> } {
  const pack = loadCityPack(config.citiesDir, config.citySlug);
  return {
    id: "",
    categories: new Map(pack.categories.map((c) => [c.code, c])),
    places: pack.places,
    keywords: Object.fromEntries(pack.categories.map((c) => [c.code, c.keywords ?? []])),
    severities: Object.fromEntries(pack.categories.map((c) => [c.code, c.severity])),
  };
}

export async function trainCommand(config: Config, corrections: CorrectionRow[]): Promise<void> {
  const conceptsFile = path.join(TRAINING_DIR, "concepts.json");
  const concepts = fs.existsSync(conceptsFile) ? JSON.parse(fs.readFileSync(conceptsFile, "utf8")) : undefined;
  const { manifest, log } = await trainModels(readTrainingData(TRAINING_DIR), corrections.map(correctionExample), MODELS_DIR, concepts);
  console.log(log.join("\n"));
  console.log(`\nmodels ${manifest.version} (${corrections.length} staff corrections included)\n`);
  await evaluateModelsCommand(config, corrections);
}

export async function evaluateModelsCommand(config: Config, corrections: CorrectionRow[] = []): Promise<void> {
  const models = await loadModels();
  const city = packCity(config);
  const evaluation = evaluateModels(models, readTrainingData(TRAINING_DIR), {
    keywords: city.keywords, severities: city.severities, judged: readJudgedLabels(TRAINING_DIR),
    duplicatePairsFile: fs.existsSync(DUPLICATE_PAIRS) ? DUPLICATE_PAIRS : undefined,
    corrections: corrections.map(correctionExample),
  });
  console.log(formatEvaluation(evaluation));
  fs.writeFileSync(path.join(MODELS_DIR, "evaluation.json"), JSON.stringify(evaluation, null, 2) + "\n");
  console.log(`\nwritten to ${path.relative(process.cwd(), path.join(MODELS_DIR, "evaluation.json"))}`);
}

export async function triageCommand(config: Config, input: Readable, output: Writable): Promise<void> {
  const triage = await Triage.load();
  const city = packCity(config);
  let line = 0;
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    let item: { id?: unknown; text?: unknown; lat?: unknown; lon?: unknown };
    try {
      item = JSON.parse(text);
    } catch {
      output.write(JSON.stringify({ line, error: "not JSON" }) + "\n");
      continue;
    }
    if (typeof item.text !== "string" || !item.text.trim()) {
      output.write(JSON.stringify({ id: item.id ?? null, line, error: "text is required" }) + "\n");
      continue;
    }
    const point = typeof item.lat === "number" && typeof item.lon === "number" ? { lat: item.lat, lon: item.lon } : {};
    const r = await triage.analyse(undefined, city, { text: item.text, ...point });
    output.write(JSON.stringify({
      id: item.id ?? null, language: r.language, category: r.categories[0]?.code ?? null, confidence: r.categories[0]?.p ?? 0,
      categories: r.categories, urgency: { score: r.urgency.score, factors: r.urgency.factors },
    }) + "\n");
  }
}
