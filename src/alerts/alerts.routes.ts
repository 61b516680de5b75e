/** HTTP routes of subscriptions: follow a report, alerts by area / category / radius, confirm, unsubscribe, manage. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { alertsContext } from "../server/context.ts";
import * as s from "./alerts.schemas.ts";
import { changeSubscription, listSubscriptions, ownerOf, stopSubscription } from "./manage-subscriptions.ts";
import { confirmSubscription, subscribeToAlert, subscribeToReport, unsubscribe } from "./subscribe.ts";

const refParams = z.object({ ref: z.string().regex(/^[A-Z]{2,5}-\d{4}-\d{3,9}$/) });
const ok = z.object({ ok: z.literal(true) });

export const alertsRoutes: FastifyPluginAsyncZod = async (app) => {
  const strict = { rateLimit: { max: app.ctx.config.rateLimit ? 10 : 1_000_000, timeWindow: "1 minute" } };
  // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" form-encoded.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post("/api/reports/:ref/subscriptions", {
    config: strict,
    schema: {
      tags: ["alerts"], summary: "Follow a report by e-mail, push, SMS or WhatsApp (addresses other than a signed-in citizen's verified e-mail confirm by a link first)",
      params: refParams, body: s.subscribeBody, response: { 201: s.subscribeReply, 202: s.subscribeReply },
    },
  }, async (request, reply) => {
    const result = await subscribeToReport(alertsContext(app, request.city), request.actor, request.params.ref, request.body);
    app.ctx.worker.poke();
    return reply.code(result.confirmationRequired ? 202 : 201).send(result);
  });

  app.post("/api/subscriptions", {
    config: strict,
    schema: {
      tags: ["alerts"], summary: "Alerts on new reports and state changes in an area, of a category (in an area or the whole city), or within a radius of a point",
      body: s.alertBody, response: { 201: s.subscribeReply, 202: s.subscribeReply },
    },
  }, async (request, reply) => {
    const result = await subscribeToAlert(alertsContext(app, request.city), request.actor, request.body);
    app.ctx.worker.poke();
    return reply.code(result.confirmationRequired ? 202 : 201).send(result);
  });

  app.post("/api/subscriptions/confirm", {
    schema: { tags: ["alerts"], summary: "Confirm a subscription with the link's token", body: s.tokenBody, response: { 200: s.confirmReply } },
  }, async (request) => confirmSubscription(alertsContext(app, request.city), request.body.token));

  app.post("/api/subscriptions/unsubscribe", {
    schema: { tags: ["alerts"], summary: "Stop a subscription with the link in any notification", body: s.tokenBody, response: { 200: s.unsubscribeReply } },
  }, async (request) => unsubscribe(alertsContext(app, request.city), request.body.token));

  app.post("/api/subscriptions/unsubscribe/one-click", {
    schema: {
      tags: ["alerts"], summary: "RFC 8058 one-click unsubscribe (the List-Unsubscribe header of every notification e-mail)",
      querystring: s.tokenQuery, body: z.object({ "List-Unsubscribe": z.literal("One-Click") }).optional(), response: { 200: s.unsubscribeReply },
    },
  }, async (request) => unsubscribe(alertsContext(app, request.city), request.query.token));

  // "My alerts": the account's subscriptions when signed in, or an address's through the signed link in every message.
  app.get("/api/subscriptions/mine", {
    schema: { tags: ["alerts"], summary: "My subscriptions (signed in, or with the token of the \"all your alerts\" link)", querystring: z.object({ token: z.string().min(10).max(1000).optional() }), response: { 200: s.subscriptionList } },
  }, async (request) => {
    const ctx = alertsContext(app, request.city);
    return { items: await listSubscriptions(ctx, ownerOf(ctx, request.actor, request.query.token), request.lang) };
  });

  app.patch("/api/subscriptions/mine/:id", {
    schema: { tags: ["alerts"], summary: "Change one of my subscriptions' language or frequency", params: z.object({ id: z.uuid() }), querystring: z.object({ token: z.string().min(10).max(1000).optional() }), body: s.changeSubscriptionBody, response: { 200: ok } },
  }, async (request) => {
    const ctx = alertsContext(app, request.city);
    await changeSubscription(ctx, ownerOf(ctx, request.actor, request.query.token), request.params.id, request.body);
    return { ok: true as const };
  });

  app.delete("/api/subscriptions/mine/:id", {
    schema: { tags: ["alerts"], summary: "Stop one of my subscriptions", params: z.object({ id: z.uuid() }), querystring: z.object({ token: z.string().min(10).max(1000).optional() }), response: { 200: ok } },
  }, async (request) => {
    const ctx = alertsContext(app, request.city);
    await stopSubscription(ctx, ownerOf(ctx, request.actor, request.query.token), request.params.id);
    return { ok: true as const };
  });
};
