/** HTTP routes of the city administration: authorities, categories, routing (city admins only). */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createAuthority, listAuthorities, updateAuthority } from "./admin-authorities.ts";
import { listCategories, updateCategory } from "./admin-categories.ts";
import type { CityAdminContext } from "./admin-context.ts";
import { getRouting, replaceRouting } from "./admin-routing.ts";
import * as s from "./cities.admin.schemas.ts";

const tags = ["admin"];

export const citiesAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const context = (request: FastifyRequest): CityAdminContext => ({
    db: app.ctx.database.db,
    city: request.city,
    reload: () => app.ctx.cities.reload(request.city.slug),
    log: request.log,
  });

  app.get("/api/admin/authorities", {
    schema: { tags, summary: "Authorities of the city, with the routing rules that reach each", response: { 200: z.array(s.authorityView) } },
  }, async (request) => listAuthorities(context(request), request.actor));

  app.post("/api/admin/authorities", {
    schema: { tags, summary: "Add an authority", body: s.createAuthorityBody, response: { 201: s.authorityView } },
  }, async (request, reply) => reply.code(201).send(await createAuthority(context(request), request.actor, request.body)));

  app.patch("/api/admin/authorities/:code", {
    schema: {
      tags, summary: "Change an authority (refused, naming the rules, when deactivating one that still receives reports)",
      params: s.codeParams, body: s.updateAuthorityBody, response: { 200: s.authorityView },
    },
  }, async (request) => updateAuthority(context(request), request.actor, request.params.code, request.body));

  app.get("/api/admin/categories", {
    schema: { tags, summary: "Categories of the city (active or not) and their groups", response: { 200: s.categoriesView } },
  }, async (request) => listCategories(context(request), request.actor));

  app.patch("/api/admin/categories/:code", {
    schema: { tags, summary: "Change a category's texts, severity, target days or availability", params: s.codeParams, body: s.updateCategoryBody, response: { 200: s.categoryView } },
  }, async (request) => updateCategory(context(request), request.actor, request.params.code, request.body));

  app.get("/api/admin/routing", {
    schema: { tags, summary: "The routing matrix: for each category, the city-wide authority and per-area overrides", response: { 200: s.routingView } },
  }, async (request) => getRouting(context(request), request.actor));

  app.put("/api/admin/routing", {
    schema: { tags, summary: "Replace one category's routing; applies to the next report", body: s.categoryRouting, response: { 200: s.categoryRouting } },
  }, async (request) => replaceRouting(context(request), request.actor, request.body));
};
