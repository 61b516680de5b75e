/** Public entry of the AI domain. It depends on nothing but its own model files. */
export { normalizeArabic, normalizeForModel, normalizeForSearch, stripLatinAccents } from "./normalize.ts";
export { LANGUAGE_CODES, type Language, type LanguageGuess } from "./language.ts";
export type { CategoryScore, Categorization } from "./categorize.ts";
export { loadModels, readManifest, MODELS_DIR, type ModelManifest, type TriageModels } from "./models.ts";
export { scoreUrgency, SENSITIVE_RADIUS_M, type SensitiveKind, type Urgency, type UrgencyFactor, type UrgencyInput } from "./urgency.ts";
export type { Hazard } from "./hazards.ts";
export {
  categoriesRelated, distanceM, duplicateScore, DUPLICATE_THRESHOLD, DUPLICATE_WINDOW_DAYS, MAX_DUPLICATE_RADIUS_M, radiusFor, trigrams,
  type DuplicateCandidate, type DuplicateMatch,
} from "./duplicates.ts";
// Training and evaluation (npm run train / eval).
export { LANGUAGES, readJudgedLabels, readTrainingData, type Example } from "./training/examples.ts";
export { trainModels } from "./training/train.ts";
export { evaluateModels, type Evaluation } from "./training/evaluate.ts";
export { formatEvaluation } from "./training/report.ts";
