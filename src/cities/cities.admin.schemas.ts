/**
 * Request and response schemas of the city administration API (/api/admin/authorities,
 * /api/admin/categories, /api/admin/routing): what city admins may change in the
 * configuration a pack seeded.
 */
import { z } from "zod";
import { code, languageCode } from "./cities.schemas.ts";
import { open311SendConfig, open311SendConfigView } from "./send-config.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
/** A name or description in each of the platform's languages, all three required. */
const localized = (max: number) => z.object({ ar: text(max), fr: text(max), en: text(max) });
/** Trimmed and lower-cased before it is checked: a pasted address often carries spaces. */
const email = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** E-mail, console only, or the authority's own Open311 back-office (with its settings). */
export const editableSendMethod = z.enum(["email", "noop", "open311"]);

/**
 * The Open311 settings as an admin sends them. The api_key is write-only: left out (or
 * empty), the key already stored is kept; it is never answered back.
 */
export const open311SettingsInput = open311SendConfig.extend({
  apiKey: z.string().trim().max(500).optional(),
  jurisdictionId: z.string().trim().max(200).nullable().optional().transform((v) => v || null),
});
export type Open311SettingsInput = z.infer<typeof open311SettingsInput>;

export const authorityView = z.object({
  /** What staff accounts name their authority by. */
  id: z.uuid(),
  code: z.string(),
  name: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()).nullable(),
  email: z.string(),
  language: z.string(),
  sendMethod: z.string(),
  /** The Open311 settings (api_key masked), null when none are set. */
  open311: open311SendConfigView.nullable(),
  active: z.boolean(),
  /** The city's triage desk: receives every report no rule routes; it cannot be deactivated. */
  isDefault: z.boolean(),
  /** The routing rules that send reports to this authority (area null: the whole city). */
  rules: z.array(z.object({ category: z.string(), area: z.string().nullable() })),
});
export type AuthorityView = z.infer<typeof authorityView>;

export const createAuthorityBody = z.object({
  code,
  name: localized(200),
  description: localized(1000).nullable().default(null),
  email,
  language: languageCode,
  sendMethod: editableSendMethod.default("email"),
  open311: open311SettingsInput.optional(),
});
export type CreateAuthorityInput = z.infer<typeof createAuthorityBody>;

export const updateAuthorityBody = z.object({
  name: localized(200),
  description: localized(1000).nullable(),
  email,
  language: languageCode,
  sendMethod: editableSendMethod,
  open311: open311SettingsInput,
  active: z.boolean(),
}).partial();
export type UpdateAuthorityInput = z.infer<typeof updateAuthorityBody>;

export const codeParams = z.object({ code });

export const categoryView = z.object({
  code: z.string(),
  group: z.string(),
  name: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()),
  severity: z.number(),
  targetDays: z.number(),
  active: z.boolean(),
});
export type CategoryView = z.infer<typeof categoryView>;

export const categoriesView = z.object({
  groups: z.array(z.object({ code: z.string(), name: z.record(z.string(), z.string()) })),
  categories: z.array(categoryView),
});

export const updateCategoryBody = z.object({
  name: localized(100),
  description: localized(1000),
  /** 1 (cosmetic) .. 5 (danger to life). */
  severity: z.number().int().min(1).max(5),
  targetDays: z.number().int().min(1).max(365),
  active: z.boolean(),
}).partial();
export type UpdateCategoryInput = z.infer<typeof updateCategoryBody>;

/** One category's routing: the authority for the whole city (null: the triage desk) and per-area overrides. */
export const categoryRouting = z.object({
  category: code,
  default: code.nullable(),
  areas: z.record(code, code),
});
export type CategoryRouting = z.infer<typeof categoryRouting>;

export const routingView = z.object({
  /** Receives reports of a category that has no city-wide rule and no rule for the report's area. */
  defaultAuthority: z.string(),
  categories: z.array(categoryRouting),
});
