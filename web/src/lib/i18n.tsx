/**
 * Languages of the web app. Messages live beside the feature that shows them, in
 * `*.messages.ts` files built with `defineMessages({ en, fr, ar })` (lib/messages.ts): English is the reference
 * shape, and TypeScript refuses a French or Arabic catalog that misses a key
 * (test/web-messages.test.ts checks the same at run time, and that nothing is left empty).
 *
 * Why not i18next in the browser: the citizen bundle must stay under 150 KB gzipped on
 * a 3G phone, and typed message objects give compile-time key checks for free. Plurals,
 * numbers and dates come from the browser's own Intl.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { setApiLanguage } from "./api.ts";
import { isLanguage, type Catalog, type Language, type Plural } from "./messages.ts";

export { defineMessages, isLanguage, languages, type Catalog, type Language, type Plural } from "./messages.ts";

export const TIME_ZONE = "Africa/Casablanca";

interface LanguageState {
  lang: Language;
  dir: "rtl" | "ltr";
  /** Arabic-Indic digits (٠١٢٣) instead of the Western digits Morocco usually writes in Arabic. */
  arabicDigits: boolean;
  setLang(lang: Language): void;
  setArabicDigits(on: boolean): void;
}

const LanguageContext = createContext<LanguageState | null>(null);

/** The language the server rendered the page in (cookie, then Accept-Language, then the city's default). */
function initialLanguage(): Language {
  const fromPage = document.documentElement.lang;
  return isLanguage(fromPage) ? fromPage : "fr";
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const [arabicDigits, setDigits] = useState(() => localStorage.getItem("arabicDigits") === "1");
  const dir = lang === "ar" ? "rtl" : "ltr";

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dir;
    // Problem titles from the API come back in the same language.
    setApiLanguage(lang);
  }, [lang, dir]);

  const setLang = useCallback((next: Language) => {
    // The cookie lets the server render the next page (and its errors) in the same language.
    document.cookie = `lang=${next}; path=/; max-age=31536000; samesite=lax`;
    localStorage.setItem("lang", next);
    setLangState(next);
  }, []);
  const setArabicDigits = useCallback((on: boolean) => {
    localStorage.setItem("arabicDigits", on ? "1" : "0");
    setDigits(on);
  }, []);

  const value = useMemo(() => ({ lang, dir, arabicDigits, setLang, setArabicDigits }) as const, [lang, dir, arabicDigits, setLang, setArabicDigits]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error("useLanguage outside LanguageProvider");
  return state;
}

/** The BCP 47 locale for Intl: Moroccan Arabic writes Western digits unless asked otherwise. */
export function localeOf(lang: Language, arabicDigits = false): string {
  if (lang === "ar") return arabicDigits ? "ar-MA-u-nu-arab" : "ar-MA-u-nu-latn";
  return lang === "fr" ? "fr-MA" : "en-GB";
}

export interface Formatters {
  lang: Language;
  locale: string;
  number(n: number, opts?: Intl.NumberFormatOptions): string;
  date(d: Date | string, opts?: Intl.DateTimeFormatOptions): string;
  dateTime(d: Date | string): string;
  relative(d: Date | string, now?: Date): string;
  /** Replaces {name} placeholders; numbers are formatted for the locale. */
  fill(template: string, values?: Record<string, string | number>): string;
  plural(forms: Plural, count: number, values?: Record<string, string | number>): string;
}

/**
 * One set of formatters per locale, and one Intl object per set of options: building an Intl
 * formatter is slow (a page of a few hundred rows spent 100 ms making the same ones again).
 */
const formattersOf = new Map<string, Formatters>();

export function formatters(lang: Language, arabicDigits = false): Formatters {
  const locale = localeOf(lang, arabicDigits);
  const known = formattersOf.get(locale);
  if (known) return known;
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const dateFormats = new Map<string, Intl.DateTimeFormat>();
  const numberFormat = (opts: Intl.NumberFormatOptions = {}) => {
    const key = JSON.stringify(opts);
    return numberFormats.get(key) ?? numberFormats.set(key, new Intl.NumberFormat(locale, opts)).get(key)!;
  };
  const dateFormat = (opts: Intl.DateTimeFormatOptions) => {
    const key = JSON.stringify(opts);
    return dateFormats.get(key) ?? dateFormats.set(key, new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...opts })).get(key)!;
  };
  const rules = new Intl.PluralRules(locale);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const toDate = (d: Date | string) => (typeof d === "string" ? new Date(d) : d);
  const f: Formatters = {
    lang, locale,
    number: (n, opts) => numberFormat(opts).format(n),
    date: (d, opts = { dateStyle: "medium" }) => dateFormat(opts).format(toDate(d)),
    dateTime: (d) => dateFormat({ dateStyle: "medium", timeStyle: "short" }).format(toDate(d)),
    relative(d, now = new Date()) {
      const seconds = (toDate(d).getTime() - now.getTime()) / 1000;
      const abs = Math.abs(seconds);
      if (abs < 60) return rtf.format(Math.round(seconds), "second");
      if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
      if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
      if (abs < 86400 * 30) return rtf.format(Math.round(seconds / 86400), "day");
      return f.date(d);
    },
    fill: (template, values = {}) =>
      template.replace(/\{(\w+)\}/g, (_, key: string) => {
        const v = values[key];
        return v === undefined ? `{${key}}` : typeof v === "number" ? numberFormat().format(v) : v;
      }),
    plural: (forms, count, values = {}) => f.fill(forms[rules.select(count) as keyof Plural] ?? forms.other, { count, ...values }),
  };
  formattersOf.set(locale, f);
  return f;
}

/** The current language's messages of a catalog, and formatters for it. */
export function useMessages<T extends object>(catalog: Catalog<T>): [T, Formatters] {
  const { lang, arabicDigits } = useLanguage();
  return [catalog[lang] as T, formatters(lang, arabicDigits)];
}

/** A localized name from the API ({ar, fr, en}), falling back to French, then any. */
export function localized(name: Record<string, string> | undefined, lang: Language): string {
  if (!name) return "";
  return name[lang] ?? name.fr ?? Object.values(name)[0] ?? "";
}
