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
