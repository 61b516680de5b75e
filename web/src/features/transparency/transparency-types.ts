/**
 * The shapes of the public statistics API, taken from the server's zod schemas
 * (src/insights/transparency.schemas.ts, the contract) as types only.
 */
import type { z } from "zod";
import type * as s from "../../../../src/insights/transparency.schemas.ts";

export type Figures = z.infer<typeof s.figuresShape>;
export type Summary = z.infer<typeof s.summaryReply>;
export type AuthoritiesReply = z.infer<typeof s.authoritiesReply>;
export type CategoriesReply = z.infer<typeof s.categoriesReply>;
export type AreasReply = z.infer<typeof s.areasReply>;
export type HeatmapReply = z.infer<typeof s.heatmapReply>;
export type TimelineReply = z.infer<typeof s.timelineReply>;
export type StoriesReply = z.infer<typeof s.storiesReply>;
export type DashboardReply = z.infer<typeof s.dashboardReply>;
