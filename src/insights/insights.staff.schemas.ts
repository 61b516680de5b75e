/** Request and response schemas of the staff analytics and exports (`/api/staff/insights/...`, `/api/staff/exports`). */
import { z } from "zod";
import { reportSchemas } from "../reports/index.ts";

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);
const codes = z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)).pipe(z.array(code).min(1).max(50));

export const scopeQuery = z.object({
  authority: codes.optional().describe("city admins: only these authorities (comma list); staff always see their own authority"),
});

export const anomaliesReply = z.object({
  weekStart: z.date(), weekEnd: z.date(),
  baselineWeeks: z.number().int().describe("weeks of history the baseline could read (at most 17: the 8 before and last year's ±4)"),
  items: z.array(z.object({
    category: z.string(), area: z.string(), direction: z.enum(["up", "down"]),
    count: z.number().int().describe("reports in the last 7 days"),
    usual: z.number().describe("the baseline's median"),
    ratio: z.number().describe("count / max(usual, 1)"),
    spread: z.number(), score: z.number().describe("(count − usual) / spread"),
    baselineWeeks: z.number().int(),
    summary: z.string().describe("the finding in a sentence, in the request's language"),
    reports: z.array(z.object({ ref: z.string(), title: z.string(), state: z.string(), createdAt: z.date() })),
  })),
});

export const hotspotsQuery = scopeQuery.extend({
  radius: z.coerce.number().int().min(20).max(2000).optional().describe("metres between neighbouring reports (default 150)"),
  minReports: z.coerce.number().int().min(2).max(100).optional().describe("reports around a core point (default: 5, or three times what an even spread of the open reports puts in a disc of the radius, if more)"),
});
export const hotspotsReply = z.object({
  radiusM: z.number(), minReports: z.number().int(),
  openReports: z.number().int().describe("open reports looked at"),
  truncated: z.boolean().describe("more open reports than the newest 20,000 looked at"),
  items: z.array(z.object({
    size: z.number().int(), mainCategory: z.string(), mainCategoryCount: z.number().int(), area: z.string(),
    lat: z.number(), lon: z.number(), radiusM: z.number(),
    categories: z.array(z.object({ category: z.string(), count: z.number().int() })),
    refs: z.array(z.string()),
  })),
});

const resourceFigures = {
  backlog: z.number().int(), high: z.number().int(), medium: z.number().int(), low: z.number().int(),
  weightedBacklog: z.number().int(), fixedLast28Days: z.number().int(), fixRatePerWeek: z.number(),
  daysToClear: z.number().nullable().describe("null: nothing fixed in the last 28 days"),
};
export const resourcesReply = z.object({
  fixRateDays: z.number().int(),
  weights: z.object({ high: z.number(), medium: z.number(), low: z.number() }),
  bands: z.object({ high: z.number().int(), medium: z.number().int() }).describe("lowest priority of the high and medium bands"),
  lines: z.array(z.object({ authority: z.string(), area: z.string(), ...resourceFigures })),
  authorities: z.array(z.object({ authority: z.string(), ...resourceFigures })),
});

export const equityQuery = z.object({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe("default: a year before `to`"),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().describe("default: now"),
});
export const equityReply = z.object({
  from: z.date(), to: z.date(),
  threshold: z.number().describe("an area under this share of the city's rate is under-represented"),
  cityPer10k: z.number().nullable(),
  areas: z.array(z.object({
    area: z.string(), population: z.number().int().nullable(), reports: z.number().int(),
    per10k: z.number().nullable(), index: z.number().nullable(), underRepresented: z.boolean(),
  })),
});

/** The queue's filters (GET /api/staff/reports), without paging. */
export const exportQuery = reportSchemas.staffListQuery.omit({ cursor: true, limit: true });
export const exportBody = exportQuery.extend({
  async: z.boolean().optional().describe("true: always run as a job (large sets do anyway)"),
}).strict();

export const exportJobParams = z.object({ id: z.uuid() });
export const exportJobReply = z.object({
  id: z.uuid(),
  status: z.enum(["pending", "running", "done", "failed"]),
  total: z.number().int().nullable().describe("rows expected when it was asked"),
  rows: z.number().int().nullable().describe("rows written (once done)"),
  createdAt: z.date(), doneAt: z.date().nullable(),
  statusUrl: z.string(),
  downloadUrl: z.string().nullable().describe("once done"),
});
export const exportStartReply = z.object({
  mode: z.enum(["direct", "job"]),
  total: z.number().int(),
  downloadUrl: z.string().nullable().describe("direct: the CSV now; job: once done (see statusUrl)"),
  id: z.uuid().nullable(), statusUrl: z.string().nullable(),
});
