/** HTTP routes of accounts and sessions. */
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { clearSessionCookie, setSessionCookie } from "../server/auth.ts";
import { peopleContext } from "../server/context.ts";
import * as s from "./people.schemas.ts";
import * as people from "./people.service.ts";

const ok = z.object({ ok: z.literal(true) });

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = app.ctx.config.publicUrl.startsWith("https://");
  const strict = { rateLimit: { max: app.ctx.config.rateLimit ? 10 : 1_000_000, timeWindow: "1 minute" } };

  app.get("/api/session", {
    schema: { tags: ["people"], summary: "The signed-in user and the CSRF token to send back", response: { 200: s.sessionView } },
  }, async (request) => {
    if (request.actor.kind !== "user" || !request.sessionToken) return { user: null, csrfToken: null };
    const session = await people.sessionActor(app.ctx.database.db, request.sessionToken);
    const user = await people.findUser(app.ctx.database.db, request.actor.id);
    return { user: user ?? null, csrfToken: session?.csrfToken ?? null };
  });

  app.post("/api/session", {
    config: strict,
    schema: { tags: ["people"], summary: "Sign in", body: s.signInBody, response: { 200: s.sessionView } },
  }, async (request, reply) => {
    const { user, sessionToken, csrfToken } = await people.signIn(peopleContext(app, request.city), request.body.email, request.body.password);
    setSessionCookie(reply, sessionToken, secure);
    return { user, csrfToken };
  });

  app.delete("/api/session", { schema: { tags: ["people"], summary: "Sign out", response: { 200: ok } } }, async (request, reply) => {
    if (request.sessionToken) await people.signOut(app.ctx.database.db, request.sessionToken);
    clearSessionCookie(reply, secure);
    return { ok: true as const };
  });

  app.post("/api/account", {
    config: strict,
    schema: { tags: ["people"], summary: "Create a citizen account (a confirmation e-mail is sent)", body: s.signUpBody, response: { 201: s.userView } },
  }, async (request, reply) => {
    const user = await people.signUp(peopleContext(app, request.city), request.body);
    app.ctx.worker.poke();
    return reply.code(201).send(user);
  });

  app.post("/api/account/verify", {
    schema: { tags: ["people"], summary: "Confirm an e-mail address with the link's token", body: s.tokenBody, response: { 200: s.userView } },
  }, async (request) => people.verifyEmail(peopleContext(app, request.city), request.body.token));

  app.post("/api/account/password-reset", {
    config: strict,
    schema: { tags: ["people"], summary: "Ask for a password reset link (same answer whether or not the account exists)", body: s.resetRequestBody, response: { 202: ok } },
  }, async (request, reply) => {
    await people.requestPasswordReset(peopleContext(app, request.city), request.body.email);
    app.ctx.worker.poke();
    return reply.code(202).send({ ok: true as const });
  });

  app.post("/api/account/password", {
    config: strict,
    schema: { tags: ["people"], summary: "Choose a new password with a reset token", body: s.resetBody, response: { 200: ok } },
  }, async (request) => {
    await people.resetPassword(peopleContext(app, request.city), request.body.token, request.body.password);
    return { ok: true as const };
  });

  app.get("/api/account/tokens", {
    schema: { tags: ["people"], summary: "Your API tokens", response: { 200: z.array(s.apiTokenView) } },
  }, async (request) => people.listApiTokens(app.ctx.database.db, request.actor));

  app.post("/api/account/tokens", {
    schema: { tags: ["people"], summary: "Create an API token (shown once)", body: s.createApiTokenBody, response: { 201: z.object({ id: z.uuid(), name: z.string(), token: z.string() }) } },
  }, async (request, reply) => reply.code(201).send(await people.createApiToken(app.ctx.database.db, request.actor, request.body.name)));

  app.delete("/api/account/tokens/:id", {
    schema: { tags: ["people"], summary: "Revoke an API token", params: z.object({ id: z.uuid() }), response: { 200: ok } },
  }, async (request) => {
    await people.revokeApiToken(app.ctx.database.db, request.actor, request.params.id);
    return { ok: true as const };
  });

  // Admin changes to accounts are logged with the acting admin's id: the audit trail of staff accounts.
  const adminContext = (request: FastifyRequest) => ({ ...peopleContext(app, request.city), log: request.log });

  app.get("/api/admin/staff", {
    schema: { tags: ["admin"], summary: "Staff accounts of the city", response: { 200: z.array(s.staffView) } },
  }, async (request) => people.listStaff(app.ctx.database.db, request.actor));

  app.post("/api/admin/staff", {
    schema: { tags: ["admin"], summary: "Create a staff or city admin account (without a password: an invitation is e-mailed)", body: s.createStaffBody, response: { 201: s.staffView } },
  }, async (request, reply) => {
    const user = await people.createStaffUser(adminContext(request), request.actor, request.body);
    app.ctx.worker.poke();
    return reply.code(201).send(user);
  });

  app.patch("/api/admin/staff/:id", {
    schema: {
      tags: ["admin"], summary: "Change a staff account: name, role, authority, active (a disabled account is signed out and cannot sign in)",
      params: z.object({ id: z.uuid() }), body: s.updateStaffBody, response: { 200: s.staffView },
    },
  }, async (request) => people.updateStaffUser(adminContext(request), request.actor, request.params.id, request.body));

  app.post("/api/admin/staff/:id/invitation", {
    schema: { tags: ["admin"], summary: "E-mail a staff member a new link to choose their password", params: z.object({ id: z.uuid() }), response: { 202: ok } },
  }, async (request, reply) => {
    await people.inviteStaffUser(adminContext(request), request.actor, request.params.id);
    app.ctx.worker.poke();
    return reply.code(202).send({ ok: true as const });
  });
};
