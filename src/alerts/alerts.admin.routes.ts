/** City admin routes of notifications: editable templates, announcements, suppressions; and the bounce webhook. */
import { timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../errors.ts";
import * as s from "./alerts.schemas.ts";
import { listAnnouncements, previewAnnouncement, sendAnnouncement } from "./announcements.ts";
import { listNotificationTemplates, previewTemplate, resetNotificationTemplate, saveNotificationTemplate, cityAdmin } from "./notification-templates.ts";
import type { NotifyDeps } from "./notify.ts";
import { liftSuppression, listSuppressions, recordBounce } from "./suppressions.ts";

const ok = z.object({ ok: z.literal(true) });
const suppressionKey = z.object({ channel: z.enum(["email", "push", "sms", "whatsapp"]), address: z.string().min(3).max(1000) });

export const alertsAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const deps = (): NotifyDeps => ({ db: db(), config: app.ctx.config, city: (id) => app.ctx.cities.all().find((c) => c.id === id) });

  app.get("/api/admin/notification-templates", {
    schema: { tags: ["admin"], summary: "Notification texts per template and language (edited or the default)", response: { 200: s.templateList } },
  }, async (request) => ({ items: await listNotificationTemplates(db(), request.actor, request.city) }));

  app.put("/api/admin/notification-templates/:template/:language", {
    schema: { tags: ["admin"], summary: "Rewrite a notification text (only its template's {{placeholders}})", params: s.templateParams, body: s.templateBody, response: { 200: ok } },
  }, async (request) => {
    await saveNotificationTemplate(db(), request.actor, request.city, request.params.template, request.params.language, request.body);
    return { ok: true as const };
  });

  app.delete("/api/admin/notification-templates/:template/:language", {
    schema: { tags: ["admin"], summary: "Back to the default text", params: s.templateParams, response: { 200: ok } },
  }, async (request) => {
    await resetNotificationTemplate(db(), request.actor, request.city, request.params.template, request.params.language);
    return { ok: true as const };
  });

  app.post("/api/admin/notification-templates/:template/:language/preview", {
    schema: { tags: ["admin"], summary: "How a text reads with sample values", params: s.templateParams, body: s.templateBody, response: { 200: s.templatePreview } },
  }, async (request) => {
    cityAdmin(request.actor, request.city);
    return previewTemplate(request.params.template, request.body);
  });

  app.post("/api/admin/announcements/preview", {
    schema: { tags: ["admin"], summary: "Who an announcement would reach, and how it reads in each language", body: s.announcementBody, response: { 200: s.announcementPreview } },
  }, async (request) => previewAnnouncement(deps(), request.actor, request.city, request.body));

  app.post("/api/admin/announcements", {
    config: { rateLimit: { max: app.ctx.config.rateLimit ? 10 : 1_000_000, timeWindow: "1 hour" } },
    schema: { tags: ["admin"], summary: "Send an announcement to the subscribers of chosen areas and categories", body: s.announcementBody, response: { 202: z.object({ id: z.uuid() }) } },
  }, async (request, reply) => {
    const result = await sendAnnouncement(db(), request.actor, request.city, request.body);
    app.ctx.worker.poke();
    return reply.code(202).send(result);
  });

  app.get("/api/admin/announcements", {
    schema: { tags: ["admin"], summary: "Announcements sent, newest first", response: { 200: s.announcementList } },
  }, async (request) => ({ items: await listAnnouncements(db(), request.actor, request.city) }));

  app.get("/api/admin/suppressions", {
    schema: { tags: ["admin"], summary: "Addresses nothing is sent to (bounces, complaints, gone)", response: { 200: z.object({ items: z.array(z.object({ channel: z.string(), address: z.string(), reason: z.string(), detail: z.string().nullable(), createdAt: z.string() })) }) } },
  }, async (request) => ({ items: await listSuppressions(db(), request.actor, request.city) }));

  app.delete("/api/admin/suppressions", {
    schema: { tags: ["admin"], summary: "Lift a suppression (the owner fixed the address)", querystring: suppressionKey, response: { 200: ok } },
  }, async (request) => {
    await liftSuppression(db(), request.actor, request.city, request.query.channel, request.query.address);
    return { ok: true as const };
  });

  // A mail provider's bounce and complaint webhook, authenticated by a shared secret in X-Webhook-Secret (BOUNCE_WEBHOOK_SECRET).
  app.post("/api/webhooks/bounces", {
    schema: {
      tags: ["alerts"], summary: "Report a hard bounce or a complaint (header X-Webhook-Secret: <BOUNCE_WEBHOOK_SECRET>)",
      body: z.object({ email: z.email().max(254), type: z.enum(["bounce", "complaint"]), detail: z.string().max(500).default("") }).strict(),
      response: { 200: ok },
    },
  }, async (request) => {
    const secret = app.ctx.config.bounceWebhookSecret;
    const header = request.headers["x-webhook-secret"];
    const given = Buffer.from(typeof header === "string" ? header : "");
    if (!secret || given.length !== Buffer.byteLength(secret) || !timingSafeEqual(given, Buffer.from(secret))) throw new AppError("forbidden");
    await recordBounce(db(), request.city.id, "email", request.body.email, request.body.type, request.body.detail);
    return { ok: true as const };
  });
};
