/**
 * HTTP routes of the reporter loop: the reporter's "Is it really fixed?" answer, the one-click
 * stop of the reporter's mails, and "me too" supporters with their e-mailed confirmation.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { reportsContext } from "../server/context.ts";
import { answerFixFeedback } from "./answer-fix-feedback.ts";
import * as s from "./reports.schemas.ts";
import { stopReporterMails } from "./stop-reporter-mails.ts";
import { confirmSupporter, supportReport } from "./support-report.ts";

export const reportsLoopRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = (city: Parameters<typeof reportsContext>[1]) => reportsContext(app, city);
  const written = (city: { id: string }) => {
    app.ctx.worker.poke();
    app.ctx.listCache.invalidate(city.id);
  };
  // Mail clients send the one-click unsubscribe (RFC 8058) as a form: `List-Unsubscribe=One-Click`.
  // Only these routes accept forms (the plugin's own content-type parser).
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
  const strict = { rateLimit: { max: app.ctx.config.rateLimit ? 10 : 1_000_000, timeWindow: "1 minute" } };

  app.post("/api/reports/:ref/fix-feedback", {
    config: strict,
    schema: {
      tags: ["reports"], summary: "The reporter answers \"Is it really fixed?\" (signed in, or with the e-mailed link's token); \"not fixed\" reopens the report",
      params: s.refParams, body: s.fixFeedbackBody, response: { 200: s.fixFeedbackReply },
    },
  }, async (request) => {
    const result = await answerFixFeedback(ctx(request.city), request.actor, request.params.ref, request.body);
    written(request.city);
    return result;
  });

  app.post("/api/reports/:ref/reporter-notifications/off", {
    schema: {
      tags: ["reports"], summary: "Stop the reporter's e-mails about this report (all: about all the account's reports) with the link in any of them; also the List-Unsubscribe one-click target",
      params: s.refParams, querystring: s.reporterMailsOffQuery, body: s.reporterMailsOffBody, response: { 200: s.reporterMailsOffReply },
    },
  }, async (request) => stopReporterMails(ctx(request.city), request.params.ref, {
    token: request.body?.token ?? request.query.token, all: request.body?.all ?? request.query.all,
  }));

  app.post("/api/reports/:ref/supporters", {
    config: strict,
    schema: {
      tags: ["reports"], summary: "\"Me too\": a signed-in citizen with a verified address counts at once (201); anyone else confirms the e-mail by a link first (202)",
      params: s.refParams, body: s.supportBody, response: { 201: s.supportReply, 202: s.supportReply },
    },
  }, async (request, reply) => {
    const result = await supportReport(ctx(request.city), request.actor, request.params.ref, { email: request.body.email, language: request.body.language ?? request.lang });
    written(request.city);
    return reply.code(result.confirmationRequired ? 202 : 201).send(result);
  });

  app.post("/api/supporters/confirm", {
    schema: { tags: ["reports"], summary: "Confirm a \"me too\" with the e-mailed link's token", body: s.supporterConfirmBody, response: { 200: s.supporterConfirmReply } },
  }, async (request) => {
    const result = await confirmSupporter(ctx(request.city), request.body.token);
    written(request.city);
    return result;
  });
};
