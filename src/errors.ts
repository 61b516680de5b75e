/**
 * The one application error. Services throw it with a stable code; the server's error
 * handler turns it into application/problem+json with a translated title.
 */
import type { en } from "./i18n/locales/en.ts";

export type ProblemCode = keyof typeof en.problem;
export type FieldMessage = keyof typeof en.field;

export interface FieldError {
  /** Dotted path of the offending field, e.g. "reporter.email" or "photos[2]". */
  field: string;
  /** Key into the field catalog, translated for the request's language. */
  message: FieldMessage;
  params?: Record<string, string | number>;
}

const defaultStatus: Partial<Record<ProblemCode, number>> = {
  validation: 400, not_found: 404, outside_area: 422, unknown_category: 422, unauthenticated: 401,
  forbidden: 403, csrf: 403, rate_limited: 429, payload_too_large: 413, unsupported_media: 415,
  idempotency_conflict: 409, invalid_transition: 409, invalid_token: 400, email_taken: 409,
  invalid_credentials: 401, email_not_verified: 403, location_required: 422, contact_required: 422,
  code_taken: 409, authority_in_use: 409, own_account: 422,
  not_awaiting_feedback: 409, already_answered: 409, not_open: 409, own_report: 422,
  internal: 500, unavailable: 503,
};

export class AppError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly fields: FieldError[];

  constructor(code: ProblemCode, opts: { message?: string; status?: number; fields?: FieldError[] } = {}) {
    super(opts.message ?? code);
    this.name = "AppError";
    this.code = code;
    this.status = opts.status ?? defaultStatus[code] ?? 400;
    this.fields = opts.fields ?? [];
  }
}

/** A 4xx naming one field: the common case of a service rejecting input. */
export function fieldError(code: ProblemCode, field: string, message: FieldMessage, params?: FieldError["params"]): AppError {
  return new AppError(code, { message: `${field}: ${message}`, fields: [{ field, message, ...(params ? { params } : {}) }] });
}
