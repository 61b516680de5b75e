/** Request and response shapes of the triage API (zod: validated at the edge, documented in OpenAPI). */
import { z } from "zod";

export const triageBody = z.object({
  text: z.string().trim().min(1).max(5000).describe("What the citizen wrote (title and description), in any language"),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  category: z.string().max(64).optional().describe("The category the citizen chose, if any: urgency and duplicates follow it"),
}).refine((b) => (b.lat === undefined) === (b.lon === undefined), { message: "lat and lon go together", path: ["lon"] });

export const urgencyFactor = z.object({
  kind: z.enum(["severity", "hazard", "duration", "near", "supporters", "overdue"]),
  points: z.number(),
  text: z.string().describe("The factor in plain words, in the request's language"),
});
export const urgencyView = z.object({ score: z.number().int().min(0).max(100), factors: z.array(urgencyFactor) });

export const triageReply = z.object({
  modelVersion: z.string(),
  language: z.enum(["ary", "ary-Latn", "ar", "fr", "en", "es", "zgh", "und"]),
  languageConfidence: z.number(),
  categories: z.array(z.object({ code: z.string(), p: z.number(), name: z.string() })).describe("The three most probable categories, calibrated"),
  confident: z.boolean().describe("false: ask the citizen to choose the category"),
  urgency: urgencyView,
  duplicates: z.array(z.object({
    ref: z.string(), title: z.string(), category: z.string(), state: z.string(), createdAt: z.string(),
    distance: z.number().describe("metres"), similarity: z.number(), score: z.number(),
  })).describe("Open reports that are probably the same problem, most probable first"),
});

export const modelReply = z.object({
  version: z.string(),
  trainedAt: z.string(),
  training: z.record(z.string(), z.unknown()),
  evaluation: z.record(z.string(), z.unknown()).nullable().describe("npm run eval on the held-out test split"),
  corrections: z.object({
    sinceTraining: z.number().int(),
    total: z.number().int(),
    recent: z.array(z.object({
      reportRef: z.string().nullable(), text: z.string(), language: z.string(), fromCategory: z.string(), toCategory: z.string(),
      predictedCategory: z.string().nullable(), modelVersion: z.string().nullable(), correctedBy: z.string().nullable(), createdAt: z.string(),
    })),
  }),
});
