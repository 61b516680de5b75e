/**
 * The shape of the web app's message catalogs, with no DOM or React in it, so tests and tools
 * can read the catalogs too. Components use them through lib/i18n.tsx.
 */
export const languages = ["ar", "fr", "en"] as const;
export type Language = (typeof languages)[number];
export const isLanguage = (v: unknown): v is Language => typeof v === "string" && (languages as readonly string[]).includes(v);

/** Plural forms by Intl.PluralRules category; `other` is always required (Arabic uses all six). */
export type Plural = { other: string; zero?: string; one?: string; two?: string; few?: string; many?: string };
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends Plural ? Plural : Shape<T[K]> };
export type Catalog<T> = { en: T; fr: Shape<T>; ar: Shape<T> };

export function defineMessages<T extends object>(catalog: Catalog<T>): Catalog<T> {
  return catalog;
}

