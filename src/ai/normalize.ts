/**
 * Text normalization shared by everything that reads citizen text (search today; language
 * id, categorizer and duplicates build on it). Arabic: diacritics, tatweel, alef/hamza forms,
 * alef maqsura, taa marbuta; Latin: case and accents; URLs dropped.
 */
const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const URL = /\bhttps?:\/\/\S+/gi;

export function normalizeArabic(text: string): string {
  return text
    .replace(ARABIC_DIACRITICS, "")
    .replace(TATWEEL, "")
    .replace(/[إأآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/ؤ/g, "و")
    .replace(/ئ/g, "ي")
    // Persian/Urdu look-alikes that Moroccan keyboards produce.
    .replace(/ک/g, "ك")
    // Letters Darija borrows for French sounds: پ (p), گ and ڭ (g).
    .replace(/پ/g, "ب")
    .replace(/[گڭ]/g, "ك")
    .replace(/ی/g, "ي")
    // Arabic-Indic and Eastern digits → ASCII, so "٣" and "3" search alike.
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

export function stripLatinAccents(text: string): string {
  // NFD splits "é" into "e" + combining accent; only Latin combining marks are removed.
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}

/** Normalized form for full-text indexing and queries: both sides go through this. */
export function normalizeForSearch(text: string): string {
  return stripLatinAccents(normalizeArabic(text.replace(URL, " ")))
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

const EMOJI = /(\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*)/gu;
const FRENCH_ELISION = /\b(qu|[cdjlmnst])['’]/gi;
const REPEATS = /(\p{L})\1{2,}/gu;
// A Latin word that mixes letters and digits is Arabizi ("7afra", "l9ant", "3afakom"):
// only there do digits stand for letters, so "3 semaines" keeps its number.
const ARABIZI_WORD = /\b(?=[a-z0-9']*[a-z])(?=[a-z0-9']*[235789])[a-z0-9']+\b/g;

/** One spelling for the many ways Arabizi writes a sound: 5/7'/kh → kh, 8/3'/gh → gh, q → 9, 2 (hamza) dropped. */
export function canonicalArabizi(word: string): string {
  return word
    .replace(/7'|5/g, "kh")
    .replace(/3'|8/g, "gh")
    .replace(/q/g, "9")
    .replace(/sh/g, "ch")
    .replace(/2/g, "");
}

/**
 * The text every model reads (language id, categorizer, duplicates): the search form plus
 * French elisions split ("l'égout" → "l egout"), letters repeated for emphasis shortened
 * ("bzzzaf", "عاااجل"), Arabizi spellings made one, URLs as one token, punctuation as
 * space, and each emoji a token of its own: "😡" says something about urgency and tone.
 */
export function normalizeForModel(text: string): string {
  return normalizeArabic(stripLatinAccents(text.replace(URL, " url ")).toLowerCase())
    .replace(/[’‘`]/g, "'")
    .replace(FRENCH_ELISION, "$1 ")
    .replace(REPEATS, "$1")
    .replace(ARABIZI_WORD, canonicalArabizi)
    .replace(EMOJI, " $1 ")
    .replace(/[^\p{L}\p{N}\p{Extended_Pictographic}\uFE0F\u200D']+/gu, " ")
    .replace(/(^|\s)'+|'+(?=\s|$)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The lighter form the language identifier reads: case, URLs, repeats, punctuation and emoji
 * as above, but spelling kept, since it tells languages apart: hamza seats and taa marbuta
 * are written with care in MSA and loosely in Darija, accents and "ñ" mark French and Spanish.
 */
export function normalizeForLanguageId(text: string): string {
  return text.replace(URL, " ").toLowerCase()
    .replace(ARABIC_DIACRITICS, "")
    .replace(TATWEEL, "")
    .replace(/[’‘`]/g, "'")
    .replace(REPEATS, "$1")
    .replace(EMOJI, " ")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
