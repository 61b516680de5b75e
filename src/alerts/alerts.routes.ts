/** HTTP routes of subscriptions. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { alertsContext } from "../server/context.ts";
import * as s from "./alerts.schemas.ts";
import { confirmSubscription, subscribeToReport, unsubscribe } from "./subscribe-to-report.ts";

const refParams = z.object({ ref: z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{3,9}$/) });

export const alertsRoutes: FastifyPluginAsyncZod = async (app) => {
  const strict = { rateLimit: { max: app.ctx.config.rateLimit ? 10 : 1_000_000, timeWindow: "1 minute" } };

  app.post("/api/reports/:ref/subscriptions", {
    config: strict,
    schema: {
      tags: ["alerts"], summary: "Follow a report by e-mail (anonymous subscribers confirm by a link first)",
      params: refParams, body: s.subscribeBody, response: { 201: s.subscribeReply, 202: s.subscribeReply },
    },
  }, async (request, reply) => {
    const result = await subscribeToReport(alertsContext(app, request.city), request.actor, request.params.ref, { email: request.body.email, language: request.body.language ?? request.lang });
    app.ctx.worker.poke();
    return reply.code(result.confirmationRequired ? 202 : 201).send(result);
  });

  app.post("/api/subscriptions/confirm", {
    schema: { tags: ["alerts"], summary: "Confirm a subscription with the e-mailed link's token", body: s.tokenBody, response: { 200: s.confirmReply } },
  }, async (request) => confirmSubscription(alertsContext(app, request.city), request.body.token));

  app.post("/api/subscriptions/unsubscribe", {
    schema: { tags: ["alerts"], summary: "Stop a subscription with the link in any notification", body: s.tokenBody, response: { 200: s.unsubscribeReply } },
  }, async (request) => unsubscribe(alertsContext(app, request.city), request.body.token));
};
