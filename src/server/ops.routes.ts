/** Operator routes: health, readiness, and for admins the mail log and the outbox's dead letters. */
import fs from "node:fs/promises";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listOutbox, requeue } from "../db/outbox.ts";
import { AppError } from "../errors.ts";
import { findMail, listMail } from "../mail/index.ts";
import { requireAdmin } from "../people/index.ts";
import { maskAddresses, maskedRecipients } from "./ops.mask.ts";
import { sendProblem } from "./problem.ts";

export const opsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/api/health", {
    config: { rateLimit: false },
    schema: { tags: ["ops"], summary: "Liveness", response: { 200: z.object({ status: z.literal("ok"), version: z.string() }) } },
  }, async () => ({ status: "ok" as const, version: app.ctx.version }));

  app.get("/api/ready", {
    config: { rateLimit: false },
    schema: { tags: ["ops"], summary: "Readiness: the database answers", response: { 200: z.object({ status: z.literal("ready"), database: z.string() }) } },
  }, async (request, reply) => {
    try {
      await app.ctx.database.ping();
    } catch (err) {
      request.log.error({ err }, "database not reachable");
      return sendProblem(request, reply, "unavailable", 503);
    }
    return { status: "ready" as const, database: app.ctx.database.kind };
  });

  const mailRow = z.object({ id: z.number(), toAddress: z.string(), subject: z.string(), messageId: z.string(), transport: z.string(), createdAt: z.date() });
  app.get("/api/admin/mail", {
    schema: { tags: ["admin"], summary: "E-mail sent or written to .eml files", querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: z.array(mailRow) } },
  }, async (request) => {
    const admin = requireAdmin(request.actor);
    return listMail(app.ctx.database.db, admin.cityId, request.query.limit);
  });

  app.get("/api/admin/mail/:id", {
    schema: { tags: ["admin"], summary: "One e-mail as .eml (file transport only)", params: z.object({ id: z.coerce.number().int().positive() }) },
  }, async (request, reply) => {
    const admin = requireAdmin(request.actor);
    const row = await findMail(app.ctx.database.db, admin.cityId, request.params.id);
    if (!row?.file) throw new AppError("not_found");
    return reply.type("message/rfc822").send(await fs.readFile(row.file));
  });

  const outboxRow = z.object({
    id: z.number(), topic: z.string(), status: z.string(), attempts: z.number(), lastError: z.string().nullable(), runAfter: z.date(), createdAt: z.date(),
    recipients: z.array(z.string()).describe("who the message goes to, masked (a•••@example.org, +••••••••••44)"),
  });
  app.get("/api/admin/outbox", {
    schema: {
      tags: ["admin"], summary: "Outgoing messages by status (dead letters need attention); payloads are not returned, addresses are masked",
      querystring: z.object({ status: z.enum(["pending", "dead", "done"]).default("dead") }), response: { 200: z.array(outboxRow) },
    },
  }, async (request) => {
    requireAdmin(request.actor);
    const rows = await listOutbox(app.ctx.database.db, request.city.id, request.query.status);
    // An SMTP or SMS provider's error quotes the address it refused.
    return rows.map((r) => ({ ...r, lastError: r.lastError === null ? null : maskAddresses(r.lastError), recipients: maskedRecipients(r.payload) }));
  });

  app.post("/api/admin/outbox/:id/retry", {
    schema: { tags: ["admin"], summary: "Retry a dead letter", params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    requireAdmin(request.actor);
    if (!(await requeue(app.ctx.database.db, request.city.id, request.params.id))) throw new AppError("not_found");
    app.ctx.worker.poke();
    return { ok: true as const };
  });
};
