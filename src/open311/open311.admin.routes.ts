/** City admins' routes for Open311 API clients (create, the key shown once; list; revoke), and how the authorities' back-offices are followed. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createClient, listClients, revokeClient } from "./open311.clients.ts";
import { listPollStatus } from "./poll-updates.ts";

const clientView = z.object({
  id: z.uuid(),
  name: z.string(),
  contactEmail: z.string().nullable(),
  keyHint: z.string().describe("the key's last four characters"),
  rateLimitPerMinute: z.number().int(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const createBody = z.object({
  name: z.string().trim().min(2).max(100),
  contactEmail: z.email().max(254).optional(),
  rateLimitPerMinute: z.number().int().min(1).max(10_000).optional(),
}).strict();

const tags = ["admin"];

export const open311AdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;

  app.post("/api/admin/open311/clients", {
    schema: {
      tags, summary: "Issue an Open311 api_key to a client (the key is in this answer only; only its hash is stored)", body: createBody,
      response: { 201: clientView.extend({ apiKey: z.string() }) },
    },
  }, async (request, reply) => reply.code(201).send(await createClient(db, request.actor, request.city.id, request.body)));

  app.get("/api/admin/open311/clients", {
    schema: { tags, summary: "Open311 clients of the city, revoked ones included", response: { 200: z.array(clientView) } },
  }, async (request) => listClients(db, request.actor, request.city.id));

  app.delete("/api/admin/open311/clients/:id", {
    schema: { tags, summary: "Revoke an Open311 client's api_key", params: z.object({ id: z.uuid() }), response: { 200: clientView } },
  }, async (request) => revokeClient(db, request.actor, request.city.id, request.params.id));

  app.get("/api/admin/open311/authorities", {
    schema: {
      tags, summary: "Authorities sending by Open311: when their back-office was last polled, the last update read, the last error",
      response: { 200: z.array(z.object({ authority: z.string(), polledAt: z.date().nullable(), lastUpdateAt: z.date().nullable(), lastError: z.string().nullable() })) },
    },
  }, async (request) => listPollStatus(db, request.actor, request.city.id));
};
