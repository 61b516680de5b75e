/** Reading the routing matrix: names of authorities and areas, and the areas a matrix overrides. */
import type { Language } from "../../lib/i18n.tsx";
import { localized } from "../../lib/i18n.tsx";
import type { AdminAuthority, City, RoutingMatrix } from "../../lib/types.ts";

export type Area = City["areas"][number];

/** Préfectures, each with its arrondissements, in the pack's order. */
export function areaTree(areas: Area[]): { prefecture: Area; arrondissements: Area[] }[] {
  return areas.filter((a) => a.parent === null).map((prefecture) => ({ prefecture, arrondissements: areas.filter((a) => a.parent === prefecture.code) }));
}

/** The areas that have an override in at least one category: the matrix's columns after "whole city". */
export function overriddenAreas(matrix: RoutingMatrix, areas: Area[]): Area[] {
  const used = new Set(matrix.categories.flatMap((c) => Object.keys(c.areas)));
  return areaTree(areas).flatMap(({ prefecture, arrondissements }) => [prefecture, ...arrondissements]).filter((a) => used.has(a.code));
}

export function authorityNamer(authorities: AdminAuthority[], lang: Language) {
  const byCode = new Map(authorities.map((a) => [a.code, a]));
  return (code: string) => localized(byCode.get(code)?.name, lang) || code;
}
