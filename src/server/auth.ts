/**
 * Who is asking: a session cookie (browsers) or a bearer API token (integrations).
 * State-changing requests made with a session must carry the session's CSRF token in
 * X-CSRF-Token (the cookie is also SameSite=Lax); token-authenticated calls need none.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { apiTokenActor, sessionActor } from "../people/index.ts";
import { sendProblem } from "./problem.ts";

export const SESSION_COOKIE = "baladiya_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 30 * 86400 });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
}

export function registerAuth(app: FastifyInstance) {
  app.addHook("onRequest", async (request, reply) => {
    request.actor = { kind: "anonymous", cityId: request.city.id };
    request.sessionToken = undefined;
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const actor = await apiTokenActor(app.ctx.database.db, header.slice(7).trim());
      if (!actor) return sendProblem(request, reply, "unauthenticated", 401);
      request.actor = actor;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await sessionActor(app.ctx.database.db, token);
    if (!session || session.actor.cityId !== request.city.id) return;
    if (!SAFE_METHODS.has(request.method) && !sameSecret(request.headers["x-csrf-token"], session.csrfToken)) {
      return sendProblem(request, reply, "csrf", 403);
    }
    request.actor = session.actor;
    request.sessionToken = token;
  });
}
