/**
 * Server-side translation: one i18next instance over the ar/fr/en catalogs.
 * Owns language negotiation (Accept-Language, ?lang) and date/number formatting per locale.
 */
import i18next, { type TFunction } from "i18next";
import { ar } from "./locales/ar.ts";
import { en } from "./locales/en.ts";
import { fr } from "./locales/fr.ts";

export const languages = ["ar", "fr", "en"] as const;
export type Language = (typeof languages)[number];
export const catalogs = { ar, fr, en } as const;
export const displayTimeZone = "Africa/Casablanca";

const instance = i18next.createInstance();
await instance.init({
  resources: { ar: { translation: ar }, fr: { translation: fr }, en: { translation: en } },
  lng: "fr",
  fallbackLng: false,
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
} as never);

export function translator(lang: Language): TFunction {
  return instance.getFixedT(lang);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** Picks the best of our languages from an Accept-Language header (q-values respected). */
export function negotiateLanguage(header: string | undefined, fallback: Language = "fr"): Language {
  if (!header) return fallback;
  const ranked = header.split(",").map((part) => {
    const [tag = "", ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return { lang: tag.trim().toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) || 0 : 1 };
  }).filter((r) => r.q > 0).sort((a, b) => b.q - a.q);
  for (const r of ranked) if (isLanguage(r.lang)) return r.lang;
  // Darija and Tamazight speakers read Arabic-script interfaces most readily.
  if (ranked.some((r) => r.lang === "ary" || r.lang === "zgh" || r.lang === "ber")) return "ar";
  return fallback;
}

/** Dates for people: Moroccan time, locale conventions (Latin digits for ar-MA as is usual in Morocco). */
export function formatDateTime(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(lang === "ar" ? "ar-MA" : lang === "fr" ? "fr-MA" : "en-GB", {
    dateStyle: "long", timeStyle: "short", timeZone: displayTimeZone,
  }).format(date);
}
