/**
 * One error handler: AppError, zod validation errors and Fastify's own errors become
 * application/problem+json (RFC 9457) with a translated title and the offending fields.
 * 5xx details stay in the log, never in the response.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, type FieldError, type ProblemCode } from "../errors.ts";
import { translator } from "../i18n/index.ts";
import { MAX_PHOTO_MB, MAX_PHOTOS } from "../reports/index.ts";

const TYPE_BASE = "https://baladiya.org/problems/";

export function sendProblem(request: FastifyRequest, reply: FastifyReply, code: ProblemCode, status: number, fields: FieldError[] = [], detail?: string) {
  const t = translator(request.lang);
  const body = {
    type: `${TYPE_BASE}${code}`,
    title: t(`problem.${code}`),
    status,
    ...(detail ? { detail } : {}),
    instance: request.url.split("?")[0],
    requestId: request.id,
    ...(fields.length ? {
      field: fields[0]!.field,
      errors: fields.map((f) => ({ field: f.field, message: t(`field.${f.message}`, f.params ?? {}) })),
    } : {}),
  };
  return reply.code(status).type("application/problem+json; charset=utf-8").send(body);
}

/** Maps a zod issue to a field message key of our catalog. */
function fieldOf(context: string | undefined, path: string, issue: { keyword?: string; params?: Record<string, unknown>; message?: string }): FieldError {
  const zodIssue = (issue.params?.issue ?? issue.params) as { code?: string; maximum?: number; minimum?: number; origin?: string; input?: unknown } | undefined;
  const segments = path.replace(/^\//, "").split("/");
  // A query parameter is one string on the wire ("bbox=1,2,3", "state=a,b"): name the parameter, not an item parsed out of it.
  const field = (context === "querystring" ? segments[0] : segments.join(".")) || (context ?? "body");
  const c = zodIssue?.code ?? issue.keyword;
  if (c === "invalid_type" && zodIssue?.input === undefined) return { field, message: "required" };
  if (c === "too_big" && zodIssue?.origin === "string") return { field, message: "too_long", params: { max: Number(zodIssue.maximum) } };
  if (c === "too_small" && zodIssue?.origin === "string") return { field, message: "too_short", params: { min: Number(zodIssue.minimum) } };
  return { field, message: "invalid" };
}

/** Renders a page of the web app for a path that is neither the API nor a file. */
export type PageRenderer = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const isPageRequest = (request: FastifyRequest) => (request.method === "GET" || request.method === "HEAD")
  && !request.url.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(request.url.split("?")[0]!);

export function registerProblemHandlers(app: FastifyInstance, renderPage?: PageRenderer) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(request, reply, error.code, error.status, error.fields);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => fieldOf(error.validationContext, v.instancePath, v as never));
      return sendProblem(request, reply, "validation", 400, fields);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, "response did not match its schema");
      return sendProblem(request, reply, "internal", 500);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return sendProblem(request, reply, "rate_limited", 429);
    if (error.code === "FST_FILES_LIMIT") {
      return sendProblem(request, reply, "payload_too_large", 413, [{ field: "photos", message: "too_many_photos", params: { max: MAX_PHOTOS } }]);
    }
    if (error.code === "FST_REQ_FILE_TOO_LARGE") {
      return sendProblem(request, reply, "payload_too_large", 413, [{ field: "photos", message: "photo_too_large", params: { max: MAX_PHOTO_MB } }]);
    }
    if (status === 413 || error.code === "FST_PARTS_LIMIT" || error.code === "FST_FIELDS_LIMIT") return sendProblem(request, reply, "payload_too_large", 413);
    if (status === 415) return sendProblem(request, reply, "unsupported_media", 415);
    if (status >= 400 && status < 500) {
      // Malformed JSON, bad content-type, etc.: the client's fault, said plainly.
      return sendProblem(request, reply, "validation", status, [], error.message);
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(request, reply, "internal", 500);
  });
  app.setNotFoundHandler((request, reply) => (renderPage && isPageRequest(request) ? renderPage(request, reply) : sendProblem(request, reply, "not_found", 404)));
}
