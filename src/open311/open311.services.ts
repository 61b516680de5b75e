/**
 * The city's active categories as GeoReport services, and their extra questions as the
 * service definition's attributes, in the request's language. Pure: reads the city in memory.
 */
import type { Category, City } from "../cities/index.ts";
import { AppError } from "../errors.ts";
import { translator, type Language } from "../i18n/index.ts";
import type { Value } from "./open311.format.ts";

export interface Question {
  code: string;
  datatype: "string" | "number" | "datetime" | "text" | "singlevaluelist" | "multivaluelist";
  required: boolean;
  label: Record<string, string>;
  values?: { key: string; name: Record<string, string> }[];
}

export const questionsOf = (category: Category) => category.questions as Question[];

const text = (t: Record<string, string> | null | undefined, lang: Language) => t?.[lang] ?? t?.fr ?? Object.values(t ?? {})[0] ?? "";

export function activeCategories(city: City): Category[] {
  return [...city.categories.values()].filter((c) => c.active).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
}

export function findService(city: City, code: string): Category {
  const category = city.categories.get(code);
  if (!category || !category.active) throw new AppError("not_found", { message: `service_code ${code} not found`, fields: [{ field: "service_code", message: "invalid" }] });
  return category;
}

export function serviceList(city: City, lang: Language): Value[] {
  const groups = new Map(city.groups.map((g) => [g.code, g]));
  return activeCategories(city).map((c) => ({
    service_code: c.code,
    service_name: text(c.name, lang),
    description: text(c.description, lang) || null,
    metadata: questionsOf(c).length > 0,
    type: "realtime",
    keywords: c.keywords.length ? c.keywords.join(",") : null,
    group: groups.has(c.groupCode) ? text(groups.get(c.groupCode)!.name, lang) : c.groupCode,
  }));
}


export function serviceDefinition(category: Category, lang: Language): Value {
  const t = translator(lang);
  return {
    service_code: category.code,
    attributes: questionsOf(category).map((q, i) => ({
      variable: true,
      code: q.code,
      datatype: q.datatype,
      required: q.required,
      datatype_description: t(`open311.datatype.${q.datatype}`),
      order: i + 1,
      description: text(q.label, lang),
      ...(q.values ? { values: q.values.map((v) => ({ key: v.key, name: text(v.name, lang) })) } : {}),
    })),
  };
}
