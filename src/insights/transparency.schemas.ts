/**
 * Zod schemas of the public statistics and open data: the query every endpoint shares
 * (period, area, category) and the shapes of the answers. Also imported by the web app.
 */
import { z } from "zod";

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);
const day = z.iso.date();

/** from/to are UTC days (YYYY-MM-DD), `to` included; the default period is the last 365 days. */
export const statsQuery = z.object({
  from: day.optional().describe("first day (UTC), YYYY-MM-DD; default: 365 days before `to`"),
  to: day.optional().describe("last day (UTC), YYYY-MM-DD, included; default: today"),
  area: code.optional().describe("an arrondissement or préfecture code"),
  category: code.optional().describe("a category code"),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "must not be before from" });
export type StatsQuery = z.infer<typeof statsQuery>;

const localized = z.record(z.string(), z.string());
const hours = z.number().nullable().describe("hours");

export const selection = z.object({
  from: z.string().describe("first day, UTC"),
  to: z.string().describe("last day, UTC, included"),
  area: z.string().nullable(),
  category: z.string().nullable(),
});

export const figuresShape = z.object({
  received: z.number().int(),
  acknowledged: z.number().int(),
  fixed: z.number().int(),
  timeToAcknowledge: z.object({ median: hours, p90: hours }),
  timeToFix: z.object({ median: hours, p90: hours }),
  /** Share of the fixed reports fixed within their category's target time (0–1), null when none is fixed. */
  withinTarget: z.object({ count: z.number().int(), share: z.number().nullable() }),
  backlog: z.object({ count: z.number().int(), overdue: z.number().int(), medianAge: hours, maxAge: hours }),
});
export type Figures = z.infer<typeof figuresShape>;

export const summaryReply = z.object({
  selection,
  figures: figuresShape,
  satisfaction: z.object({
    answers: z.number().int().describe("answers to \"Is it really fixed?\""),
    confirmedFixed: z.number().int(),
    confirmedShare: z.number().nullable(),
    scored: z.number().int(),
    meanScore: z.number().nullable().describe("1 to 5"),
  }),
});

export const authoritiesReply = z.object({
  selection,
  /** The league: fastest median time to fix first (none fixed last), then the smallest backlog. */
  authorities: z.array(figuresShape.extend({ rank: z.number().int(), code: z.string(), name: localized })),
});

export const categoriesReply = z.object({
  selection,
  categories: z.array(figuresShape.extend({ code: z.string(), name: localized, targetDays: z.number().int() })),
});

export const areasReply = z.object({
  selection,
  /** Every arrondissement of the city (zero where nothing was reported), for the choropleth. */
  areas: z.array(z.object({
    code: z.string(), name: localized, parent: z.string().nullable(), population: z.number().int().nullable(),
    received: z.number().int(), fixed: z.number().int(), backlog: z.number().int(), fixMedian: hours,
    perTenThousand: z.number().nullable().describe("reports received per 10,000 inhabitants"),
  })),
});

export const heatmapReply = z.object({
  selection,
  cellDegrees: z.number(),
  points: z.array(z.object({ lat: z.number(), lon: z.number(), count: z.number().int() })),
});

export const timelineReply = z.object({
  selection,
  unit: z.enum(["week", "month"]),
  buckets: z.array(z.object({ start: z.string(), received: z.number().int(), fixed: z.number().int() })),
});

const photo = z.object({ url: z.string(), thumbnailUrl: z.string() }).nullable();
export const storiesReply = z.object({
  selection,
  stories: z.array(z.object({
    ref: z.string(), title: z.string(), category: z.string(), area: z.string(), authority: z.string(),
    url: z.string(), startedAt: z.string(), fixedAt: z.string(), hoursToFix: z.number(), before: photo, after: photo,
  })),
});

export const dashboardReply = z.object({
  summary: summaryReply, authorities: authoritiesReply, categories: categoriesReply, areas: areasReply,
  heatmap: heatmapReply, timeline: timelineReply, stories: storiesReply,
});
