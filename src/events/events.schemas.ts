/** The event stream's query, header and event shapes (zod: validation, types and the OpenAPI document). */
import { z } from "zod";

export const eventTypes = ["report.created", "report.updated", "report.state_changed"] as const;
export type LiveEventType = (typeof eventTypes)[number];

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);
const ref = z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{3,9}$/);
const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z.string().transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)).pipe(z.array(item).min(1).max(50));

export const eventsQuery = z.object({
  bbox: z.string().transform((s) => s.split(",").map((x) => (x.trim() === "" ? Number.NaN : Number(x)))).pipe(z.tuple([
    z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90),
  ]).refine(([west, south, east, north]) => west <= east && south <= north, "west ≤ east and south ≤ north")).optional()
    .describe("west,south,east,north: only reports inside the box"),
  area: csv(code).optional().describe("arrondissement codes, comma-separated"),
  category: csv(code).optional().describe("category codes, comma-separated"),
  report: csv(ref).optional().describe("report references, comma-separated"),
});
export type EventsQuery = z.infer<typeof eventsQuery>;

export const eventsHeaders = z.object({
  "last-event-id": z.string().regex(/^\d{1,15}$/).optional().describe("resume after this event id (sent by EventSource on reconnect)"),
});

/** The `data:` of every event: public fields only. */
export const eventData = z.object({
  ref: z.string(),
  category: z.string(),
  area: z.string(),
  state: z.string(),
  lat: z.number(),
  lon: z.number(),
  title: z.string(),
  updatedAt: z.string().describe("when the change was committed (ISO 8601, UTC)"),
});
export type EventData = z.infer<typeof eventData>;
