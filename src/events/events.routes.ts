/** GET /api/events: the public Server-Sent Events stream of report changes. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../errors.ts";
import * as s from "./events.schemas.ts";

export const eventsRoutes: FastifyPluginAsyncZod = async (app) => {
  const streams = app.ctx.streams;
  app.addHook("preClose", async () => { streams.closeAll(); });

  app.get("/api/events", {
    schema: {
      tags: ["events"],
      summary: "Live report events (Server-Sent Events): report.created, report.updated, report.state_changed, filtered by box, area, category or report",
      description: "Public reports only. Each event has an `id:` (resume with the Last-Event-ID header), an `event:` type and a JSON `data:` line. "
        + "A comment line every 20 s keeps the connection open. Filters combine (all must match); none means the whole city.",
      querystring: s.eventsQuery,
      headers: s.eventsHeaders,
      response: { 200: z.string().describe("text/event-stream; each data line: " + Object.keys(s.eventData.shape).join(", ")) },
    },
  }, async (request, reply) => {
    if (!streams.admits(request.ip)) throw new AppError("rate_limited");
    const lastEventId = request.headers["last-event-id"];
    reply.hijack();
    await streams.serve(reply.raw, request.ip, request.city.id, request.query, lastEventId === undefined ? undefined : Number(lastEventId));
  });
};
