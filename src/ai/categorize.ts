/**
 * The category classifier: a fastText model over words, word pairs and character n-grams of
 * the model form of the text and the civic concepts it names (concepts.ts), trained on curated reports in Darija (both scripts), MSA and
 * French, FixMyStreet reports in English and staff corrections. Probabilities are
 * temperature-calibrated; below the threshold the citizen is asked to choose.
 */
import { applyTemperature } from "./calibration.ts";
import { NO_CONCEPTS, type ConceptLexicon } from "./concepts.ts";
import type { FastTextModel } from "./fasttext.ts";

const MIN_WORDS = 3;

export interface CategoryScore { code: string; p: number }
export interface Categorization {
  /** The three most probable categories, most probable first. */
  categories: CategoryScore[];
  /** The best category is probable enough to pre-select. */
  confident: boolean;
}

export class CategoryClassifier {
  constructor(private readonly model: FastTextModel, readonly temperature: number, readonly threshold: number, private readonly lexicon: ConceptLexicon = NO_CONCEPTS) {}

  classify(text: string): Categorization {
    const features = this.lexicon.features(text);
    if (!features) return { categories: [], confident: false };
    const scores = applyTemperature(this.model.predict(features), this.temperature);
    const categories = scores.slice(0, 3).map((s) => ({ code: s.label, p: Math.round(s.p * 1000) / 1000 }));
    // A greeting or two words can come out sure of anything (the model was calibrated on whole
    // reports): below three words, only a civic concept lets the suggestion be pre-selected.
    const saysEnough = features.split(" ").filter((w) => !w.startsWith("__c_")).length >= MIN_WORDS || features.includes(" __c_") || features.startsWith("__c_");
    return { categories, confident: saysEnough && (scores[0]?.p ?? 0) >= this.threshold };
  }
}
