/**
 * What the console receives of AI triage (src/reports/reports.schemas.ts, src/triage/triage.schemas.ts):
 * the reasons of a queue row's priority, a report's triage record, and the model page of the
 * administration. Kept here, beside the pages that read them, until lib/types.ts carries them.
 */
import type { StaffListItem, StaffReport } from "../lib/types.ts";

/** Languages triage tells apart: Darija in Arabic script and in Latin script (Arabizi), MSA, and the rest. */
export const triageLanguages = ["ary", "ary-Latn", "ar", "fr", "en", "es", "zgh", "und"] as const;
export type TriageLanguage = (typeof triageLanguages)[number];

/** A queue row: why its priority is what it is, in plain words in the request's language, most points first. */
export interface QueueItem extends StaffListItem { reasons: string[] }

export interface UrgencyFactor { kind: string; points: number; text: string }

export interface ReportTriage {
  modelVersion: string;
  language: string;
  languageConfidence: number;
  /** The model's three most probable categories. */
  categories: { code: string; p: number }[];
  urgency: { score: number; factors: UrgencyFactor[] };
  /** Open reports found near it, about the same thing, when it was filed; distance in metres. */
  duplicates: { ref: string; score: number; distance: number }[];
}

export interface TriagedReport extends StaffReport {
  /** Staff set the priority by hand: re-scoring no longer changes it. */
  priorityOverridden: boolean;
  triage: ReportTriage | null;
}

export interface Scores { n: number; accuracy: number; macroF1: number }

export interface ModelEvaluation {
  modelVersion: string;
  evaluatedAt: string;
  category: {
    overall: Scores;
    perLanguage: Record<string, Scores>;
    perCategory: { label: string; support: number; precision: number; recall: number; f1: number }[];
    /** truth → predicted → count */
    confusion: Record<string, Record<string, number>>;
    /** The keyword classifier the model has to beat. */
    baseline: { overall: Scores; perLanguage: Record<string, Scores> };
    calibration: { ece: number; threshold: number; confidentShare: number; confidentAccuracy: number };
  };
  language: {
    overall: { n: number; accuracy: number; macroF1?: number };
    perLanguage: Record<string, { n: number; accuracy: number }>;
    dialectVsStandard: { n: number; accuracy: number };
    arabiziVsLatin: { n: number; accuracy: number };
    confusion?: Record<string, Record<string, number>>;
  };
  duplicates?: { pairs: number; same: number; threshold: number; precision: number; recall: number; f1: number };
}

export interface CategoryCorrection {
  reportRef: string | null;
  text: string;
  language: string;
  fromCategory: string;
  toCategory: string;
  predictedCategory: string | null;
  modelVersion: string | null;
  correctedBy: string | null;
  createdAt: string;
}

export interface AiModel {
  version: string;
  trainedAt: string;
  training: {
    params?: Record<string, unknown>;
    examples?: { reports?: number; languageOnly?: number; corrections?: number; train?: number; validation?: number; test?: number };
    validationMacroF1?: number;
    seconds?: number;
  };
  evaluation: ModelEvaluation | null;
  corrections: { sinceTraining: number; total: number; recent: CategoryCorrection[] };
}

/** The macro-F1 the category model must reach in every language. */
export const TARGET_MACRO_F1 = 0.85;
