/**
 * The trained models shipped in models/: a manifest naming the version, files, calibration
 * and evaluation, and the fastText files. Loaded once per process.
 */
import fs from "node:fs";
import path from "node:path";
import { CategoryClassifier } from "./categorize.ts";
import { ConceptLexicon, NO_CONCEPTS, type ConceptFile } from "./concepts.ts";
import { FastTextModel } from "./fasttext.ts";
import { LanguageIdentifier } from "./language.ts";

export const MODELS_DIR = path.resolve(import.meta.dirname, "../../models");

export interface ModelManifest {
  version: string;
  trainedAt: string;
  language: { file: string; sha256: string };
  category: { file: string; sha256: string; temperature: number; threshold: number; labels: string[]; concepts?: { file: string; sha256: string } };
  training: Record<string, unknown>;
}

export interface TriageModels {
  manifest: ModelManifest;
  language: LanguageIdentifier;
  categorizer: CategoryClassifier;
}

export function readManifest(dir = MODELS_DIR): ModelManifest {
  const file = path.join(dir, "manifest.json");
  if (!fs.existsSync(file)) throw new Error(`No trained models in ${dir}: run npm run train`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as ModelManifest;
}

export async function loadModels(dir = MODELS_DIR): Promise<TriageModels> {
  const manifest = readManifest(dir);
  const [language, category] = await Promise.all([
    FastTextModel.load(fs.readFileSync(path.join(dir, manifest.language.file))),
    FastTextModel.load(fs.readFileSync(path.join(dir, manifest.category.file))),
  ]);
  const lexicon = manifest.category.concepts
    ? new ConceptLexicon(JSON.parse(fs.readFileSync(path.join(dir, manifest.category.concepts.file), "utf8")) as ConceptFile)
    : NO_CONCEPTS;
  return {
    manifest,
    language: new LanguageIdentifier(language),
    categorizer: new CategoryClassifier(category, manifest.category.temperature, manifest.category.threshold, lexicon),
  };
}
