/**
 * The labelled examples the models learn from, as committed under data/training/, and the
 * split of each into train, validation (for calibration) and test. The split hashes the
 * example's id, so it is stable across runs and machines and an example never changes side.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const LANGUAGES = ["ary", "ary-Latn", "ar", "fr", "en", "es"] as const;
export type ModelLanguage = (typeof LANGUAGES)[number];

export interface Example {
  id: string;
  text: string;
  language: ModelLanguage;
  category?: string;
  urgency?: "danger" | "normal" | "cosmetic";
  provenance: string;
}

export type Split = "train" | "validation" | "test";

/** 70% train, 10% validation, 20% test, by a hash of the id. */
export function splitOf(id: string): Split {
  const bucket = createHash("sha1").update(id).digest().readUInt16BE(0) % 10;
  return bucket < 2 ? "test" : bucket === 2 ? "validation" : "train";
}

/**
 * The split of an example. A localized translation of a FixMyStreet report goes where its
 * source report goes, so that a paraphrase is never trained on while its original is tested.
 */
export function splitOfExample(e: Pick<Example, "id" | "provenance">): Split {
  const source = /^translated-fms:(\d+)/.exec(e.provenance ?? "")?.[1];
  return splitOf(source ? `fms-${source}` : e.id);
}

export function readJsonl<T>(file: string): T[] {
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((line, i) => {
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
  });
}

function readFile(file: string): Example[] {
  if (!fs.existsSync(file)) return [];
  return readJsonl<Example>(file).map((e) => {
    if (!e.id || !e.text || !(LANGUAGES as readonly string[]).includes(e.language) && e.language !== ("zgh" as string)) {
      throw new Error(`${file}: example ${JSON.stringify(e.id)} lacks id, text or a known language`);
    }
    return e;
  });
}

function readDir(dir: string): Example[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort().flatMap((f) => readFile(path.join(dir, f)));
}

/** Labels judged by reading the text, for a sample of the FixMyStreet test split (their council category is often not what they say). */
export function readJudgedLabels(root = "data/training"): Map<string, string> {
  const file = path.join(root, "fixmystreet", "en-test-judged.jsonl");
  if (!fs.existsSync(file)) return new Map();
  return new Map(readJsonl<{ id: string; category: string }>(file).map((j) => [j.id, j.category]));
}

export interface TrainingData {
  /** Citizen reports labelled with a category (curated in five languages, FixMyStreet, staff corrections). */
  reports: Example[];
  /** Texts labelled only with their language (corpora and curated extras). */
  languageOnly: Example[];
}

export function readTrainingData(root = "data/training"): TrainingData {
  return {
    reports: [...readDir(path.join(root, "curated")), ...readFile(path.join(root, "fixmystreet", "en.jsonl"))],
    languageOnly: readDir(path.join(root, "language")),
  };
}
