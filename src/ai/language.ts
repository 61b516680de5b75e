/**
 * Language identification: `ary` (Darija in Arabic script), `ary-Latn` (Arabizi), `ar` (MSA),
 * `fr`, `en`, `es` from a fastText model trained on Moroccan corpora and our curated reports;
 * `zgh` from its script (Tifinagh is written for Amazigh only); `und` when there is too little
 * text or the model is unsure. Mixed text gets its main language: the model weighs every word.
 */
import type { FastTextModel } from "./fasttext.ts";
import { normalizeForLanguageId } from "./normalize.ts";

export type Language = "ary" | "ary-Latn" | "ar" | "fr" | "en" | "es" | "zgh" | "und";
export const LANGUAGE_CODES: readonly Language[] = ["ary", "ary-Latn", "ar", "fr", "en", "es", "zgh", "und"];

export interface LanguageGuess { language: Language; confidence: number }

const TIFINAGH = /[\u2D30-\u2D7F]/gu;
const LETTER = /\p{L}/gu;
const ARABIC = /\p{Script=Arabic}/gu;
/** Below this probability the main language is not known. */
const MIN_CONFIDENCE = 0.4;

export function scriptShares(text: string): { letters: number; tifinagh: number; arabic: number } {
  const letters = text.match(LETTER)?.length ?? 0;
  if (!letters) return { letters: 0, tifinagh: 0, arabic: 0 };
  return { letters, tifinagh: (text.match(TIFINAGH)?.length ?? 0) / letters, arabic: (text.match(ARABIC)?.length ?? 0) / letters };
}

export class LanguageIdentifier {
  constructor(private readonly model: FastTextModel, readonly temperature = 1) {}

  identify(text: string): LanguageGuess {
    const shares = scriptShares(text);
    if (shares.letters < 3) return { language: "und", confidence: 1 };
    if (shares.tifinagh > 0.5) return { language: "zgh", confidence: round(shares.tifinagh) };
    const normalized = normalizeForLanguageId(text);
    // The script settles the family: a text mostly in Arabic letters is ary or ar, one mostly
    // in Latin letters is Arabizi, French, English or Spanish. The model ranks within it.
    const family: readonly string[] = shares.arabic >= 0.5 ? ["ary", "ar"] : ["ary-Latn", "fr", "en", "es"];
    const scores = this.model.predict(normalized).filter((s) => family.includes(s.label));
    const total = scores.reduce((s, x) => s + x.p, 0) || 1;
    const best = scores[0];
    if (!best) return { language: "und", confidence: 0 };
    const confidence = best.p / total;
    return confidence < MIN_CONFIDENCE ? { language: "und", confidence: round(confidence) } : { language: best.label as Language, confidence: round(confidence) };
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
