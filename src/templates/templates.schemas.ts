/** Request and response schemas of response templates: canned public answers in ar, fr and en. */
import { z } from "zod";
import { reportSchemas } from "../reports/index.ts";

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);

/** A template goes with a state staff move a report to; "open" (awaiting the reporter's confirmation) is never one. */
export const templateState = reportSchemas.reportState.exclude(["open"]);

/** Every language required and non-empty: whichever language the reporter wrote in, the answer exists. */
const localized = (max: number) => z.object({
  ar: z.string().trim().min(1).max(max),
  fr: z.string().trim().min(1).max(max),
  en: z.string().trim().min(1).max(max),
}).strict();

export const templateBody = z.object({
  /** null: offered for every category. */
  category: code.nullable().default(null),
  /** The state the answer goes with, or null for a reply without a change of state (e.g. an acknowledgement). */
  state: templateState.nullable().default(null),
  title: localized(120),
  body: localized(5000),
}).strict();
export type TemplateInput = z.infer<typeof templateBody>;

export const templateView = z.object({
  id: z.uuid(),
  category: z.string().nullable(),
  state: templateState.nullable(),
  title: z.object({ ar: z.string(), fr: z.string(), en: z.string() }),
  body: z.object({ ar: z.string(), fr: z.string(), en: z.string() }),
  updatedAt: z.date(),
});
export type TemplateView = z.infer<typeof templateView>;

export const templatesReply = z.object({ items: z.array(templateView) });

/** Staff ask for what fits the report at hand: its category and the state they are moving it to. */
export const applicableQuery = z.object({
  category: code.optional(),
  state: templateState.optional(),
});
export type ApplicableQuery = z.infer<typeof applicableQuery>;

export const templateParams = z.object({ id: z.uuid() });
