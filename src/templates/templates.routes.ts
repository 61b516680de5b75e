/** HTTP routes of response templates: staff read them, city admins write them. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { City } from "../cities/index.ts";
import * as s from "./templates.schemas.ts";
import * as templates from "./templates.service.ts";

export const templatesRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = (city: City): templates.TemplatesContext => ({ db: app.ctx.database.db, city });

  app.get("/api/staff/templates", {
    schema: {
      tags: ["staff"], summary: "Response templates for a report: its category's and the general ones, for the state it moves to (and those for any state)",
      querystring: s.applicableQuery, response: { 200: s.templatesReply },
    },
  }, async (request) => ({ items: await templates.listApplicableTemplates(ctx(request.city), request.actor, request.query) }));

  app.get("/api/admin/templates", {
    schema: { tags: ["admin"], summary: "Every response template of the city", response: { 200: s.templatesReply } },
  }, async (request) => ({ items: await templates.listTemplates(ctx(request.city), request.actor) }));

  app.post("/api/admin/templates", {
    schema: { tags: ["admin"], summary: "Create a response template (title and body in ar, fr and en)", body: s.templateBody, response: { 201: s.templateView } },
  }, async (request, reply) => reply.code(201).send(await templates.createTemplate(ctx(request.city), request.actor, request.body)));

  app.put("/api/admin/templates/:id", {
    schema: { tags: ["admin"], summary: "Replace a response template", params: s.templateParams, body: s.templateBody, response: { 200: s.templateView } },
  }, async (request) => templates.updateTemplate(ctx(request.city), request.actor, request.params.id, request.body));

  app.delete("/api/admin/templates/:id", {
    schema: { tags: ["admin"], summary: "Delete a response template", params: s.templateParams, response: { 204: z.void() } },
  }, async (request, reply) => {
    await templates.deleteTemplate(ctx(request.city), request.actor, request.params.id);
    return reply.code(204).send();
  });
};
