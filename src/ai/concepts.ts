/**
 * Civic concepts ("pothole", "street light", "bin"…) found in a text through a multilingual
 * lexicon (data/training/concepts.json, shipped beside the model), added as extra tokens
 * ("__c_pothole") to what the category model reads. The model learns what a concept means
 * for a category from every language at once, so eleven thousand English reports also teach
 * it about "7ofra" and "حفرة". The lexicon only names things; the learner weighs them.
 * Matching is by hand: terms are word prefixes, Arabic ones after clitics, across up to
 * three words, which no matcher library does for both scripts; a map of term → concepts
 * keeps it to a few thousand lookups per text.
 */
import { normalizeForModel } from "./normalize.ts";

export interface ConceptFile { about?: string; concepts: Record<string, string[]> }

const ARABIC_LETTER = /[\u0621-\u064A]/;
const CLITIC = /^[وفبلك]/;
const ARTICLE = /^(?:ال|لل)/;
const MAX_WORDS = 3;
const MIN_TERM = 3;

/** A word and the forms it takes without its Arabic clitics: "وبالحفره" → "بالحفره", "الحفره", "حفره". */
function stems(word: string): string[] {
  if (!ARABIC_LETTER.test(word)) return [word];
  const out = [word];
  let w = word;
  for (let i = 0; i < 2 && CLITIC.test(w) && w.length > 3; i++) { w = w.slice(1); out.push(w); }
  if (ARTICLE.test(w) && w.length > 4) out.push(w.replace(ARTICLE, ""));
  return out;
}

export class ConceptLexicon {
  private readonly terms = new Map<string, string[]>();
  private readonly longest: number;

  constructor(file: ConceptFile) {
    let longest = 0;
    for (const [concept, terms] of Object.entries(file.concepts)) {
      for (const raw of terms) {
        const term = normalizeForModel(raw);
        if (term.length < MIN_TERM) continue;
        const list = this.terms.get(term) ?? [];
        if (!list.includes(concept)) list.push(concept);
        this.terms.set(term, list);
        longest = Math.max(longest, term.length);
      }
    }
    this.longest = longest;
  }

  get size(): number {
    return this.terms.size;
  }

  /** The concepts of an already normalized text, each once, in order of first mention. */
  concepts(normalized: string): string[] {
    const words = normalized.split(" ").filter(Boolean);
    const found = new Set<string>();
    for (let i = 0; i < words.length; i++) {
      for (const first of stems(words[i]!)) {
        let phrase = first;
        for (let span = 1; span <= MAX_WORDS && i + span <= words.length; span++) {
          if (span > 1) phrase += ` ${words[i + span - 1]}`;
          const limit = Math.min(phrase.length, this.longest);
          for (let len = MIN_TERM; len <= limit; len++) {
            const hit = this.terms.get(phrase.slice(0, len));
            if (hit) for (const c of hit) found.add(c);
          }
        }
      }
    }
    return [...found];
  }

  /** The text as the category model reads it: its words, then its concepts as tokens. */
  features(text: string): string {
    const normalized = normalizeForModel(text);
    const concepts = this.concepts(normalized);
    return concepts.length ? `${normalized} ${concepts.map((c) => `__c_${c}`).join(" ")}` : normalized;
  }
}

/** Without a lexicon the model reads the words alone. */
export const NO_CONCEPTS = new ConceptLexicon({ concepts: {} });
