/**
 * The public reads of GeoReport: requests (filtered, or by id), a token's request, and
 * mySociety's servicerequestupdates. Only published reports, never personal data: the
 * reports domain hands over public records only.
 */
import type { City } from "../cities/index.ts";
import { AppError, type FieldError } from "../errors.ts";
import type { Language } from "../i18n/index.ts";
import { closedStates, listPublicRecords, listPublicUpdateRecords, openStates, type PublicRecord, type ReportsContext, type ReportState } from "../reports/index.ts";
import { isoWithOffset, type Value } from "./open311.format.ts";
import * as repo from "./open311.repo.ts";

export const MAX_RESULTS = 1000;
export const DEFAULT_WINDOW_DAYS = 90;
const DAY = 86_400_000;

const bad = (field: string, message: FieldError["message"] = "invalid") =>
  new AppError("validation", { message: `${field}: ${message}`, fields: [{ field, message }] });

/** GeoReport's two statuses. */
export const georeportStatus = (state: ReportState): "open" | "closed" => (closedStates.includes(state) ? "closed" : "open");

/** FixMyStreet's status names (INVESTIGATING and NO_FURTHER_ACTION have no state of ours). */
export const FMS_STATUS: Record<ReportState, string> = {
  open: "OPEN", confirmed: "OPEN", in_progress: "IN_PROGRESS", action_scheduled: "ACTION_SCHEDULED", fixed: "FIXED", closed: "CLOSED",
  duplicate: "DUPLICATE", not_responsible: "NOT_COUNCILS_RESPONSIBILITY", referred: "INTERNAL_REFERRAL", reopened: "REOPEN",
};

const text = (t: Record<string, string> | null | undefined, lang: Language) => t?.[lang] ?? t?.fr ?? Object.values(t ?? {})[0] ?? "";

/** One request, fields in the spec's order; null where we have nothing. */
export function requestView(city: City, r: PublicRecord, lang: Language): Value {
  const at = (d: Date | null) => (d ? isoWithOffset(d, city.manifest.timezone) : null);
  const category = city.categories.get(r.category);
  const area = city.areas.get(r.area);
  return {
    service_request_id: r.ref,
    status: georeportStatus(r.state),
    status_notes: r.note,
    service_name: category ? text(category.name, lang) : null,
    service_code: r.category,
    description: r.description || r.title,
    agency_responsible: text(city.authorities.get(r.authorityId)?.name, lang) || null,
    service_notice: null,
    requested_datetime: at(r.createdAt),
    updated_datetime: at(r.updatedAt),
    expected_datetime: at(r.dueAt),
    address: [area ? text(area.name, lang) : r.area, text(city.manifest.name, lang)].filter(Boolean).join(", "),
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: r.photoUrl,
  };
}

export interface RequestsQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

function dateParam(value: string | undefined, field: string): Date | undefined {
  if (value === undefined || value === "") return undefined;
  // ISO 8601 (a date, or a datetime with or without its offset).
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) throw bad(field);
  const d = new Date(value.trim());
  if (Number.isNaN(d.getTime())) throw bad(field);
  return d;
}

/** A time window: end_date (default now) back to start_date (default 90 days earlier), at most 90 days. */
export function windowOf(q: { start_date?: string; end_date?: string }, now = new Date()) {
  const start = dateParam(q.start_date, "start_date");
  const end = dateParam(q.end_date, "end_date");
  const to = end ?? (start ? new Date(Math.min(now.getTime(), start.getTime() + DEFAULT_WINDOW_DAYS * DAY)) : now);
  const from = start ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY);
  if (from > to) throw bad("start_date");
  if (to.getTime() - from.getTime() > DEFAULT_WINDOW_DAYS * DAY) throw bad("end_date");
  return { from, to };
}

const csv = (v: string | undefined) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);

export async function listRequests(ctx: ReportsContext, lang: Language, q: RequestsQuery): Promise<Value[]> {
  const ids = csv(q.service_request_id);
  if (ids.length > MAX_RESULTS) throw bad("service_request_id");
  // Ids override every other filter (the spec's rule).
  if (ids.length) {
    const records = await listPublicRecords(ctx, { refs: ids, limit: MAX_RESULTS });
    const byRef = new Map(records.map((r) => [r.ref, r]));
    return ids.flatMap((id) => (byRef.has(id) ? [requestView(ctx.city, byRef.get(id)!, lang)] : []));
  }
  const codes = csv(q.service_code);
  for (const code of codes) if (!ctx.city.categories.has(code)) throw bad("service_code");
  const statuses = csv(q.status);
  if (statuses.some((s) => s !== "open" && s !== "closed")) throw bad("status");
  const states = statuses.length === 1 ? (statuses[0] === "open" ? openStates : closedStates) : undefined;
  const { from, to } = windowOf(q);
  const records = await listPublicRecords(ctx, { categories: codes.length ? codes : undefined, states, from, to, limit: MAX_RESULTS });
  return records.map((r) => requestView(ctx.city, r, lang));
}

export async function getRequest(ctx: ReportsContext, lang: Language, ref: string): Promise<Value[]> {
  const [record] = await listPublicRecords(ctx, { refs: [ref], limit: 1 });
  if (!record) throw new AppError("not_found", { fields: [{ field: "service_request_id", message: "invalid" }] });
  return [requestView(ctx.city, record, lang)];
}

/** A token's request; without service_request_id until the report is public. */
export async function tokenRequest(ctx: ReportsContext, token: string): Promise<Value[]> {
  const row = await repo.findToken(ctx.db, ctx.city.id, token);
  if (!row) throw new AppError("not_found", { fields: [{ field: "token", message: "invalid" }] });
  const [record] = await listPublicRecords(ctx, { ids: [row.reportId], limit: 1 });
  return [record ? { service_request_id: record.ref, token } : { token }];
}

/** mySociety's servicerequestupdates: public updates of the window, oldest first, with FixMyStreet's status names. */
export async function listRequestUpdates(ctx: ReportsContext, q: { start_date?: string; end_date?: string }): Promise<Value[]> {
  const { from, to } = windowOf(q);
  const updates = await listPublicUpdateRecords(ctx, { from, to, limit: MAX_RESULTS });
  return updates.map((u) => ({
    update_id: u.id,
    service_request_id: u.ref,
    status: FMS_STATUS[u.state],
    updated_datetime: isoWithOffset(u.at, ctx.city.manifest.timezone),
    description: u.text,
    media_url: u.photoUrl,
  }));
}
