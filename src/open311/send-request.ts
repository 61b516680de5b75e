/**
 * The client half, sending: the routing domain's `open311` sender POSTs a confirmed report to
 * its authority's own GeoReport v2 back-office (settings read from the authority at send
 * time, checked with zod) and answers the service_request_id it gets, which the routing
 * handler keeps as the report's external id. A back-office that answers only a token is
 * asked for the id at once, then again by an outbox message of its own, with back-off.
 */
import { currentAuthority, parseOpen311Config, type Open311SendConfig } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import { recordExternalId } from "../reports/index.ts";
import type { ReportSnapshot, Sender, SendResult } from "../routing/index.ts";
import { MAX_DESCRIPTION } from "./file-request.ts";
import { callBackOffice, field, RemoteError } from "./open311.remote.ts";

export const OPEN311_TOKEN_TOPIC = "open311.token";

interface TokenPayload { reportId: string; authorityId: string; token: string }

/** The authority's Open311 settings now, or why they cannot be used (a permanent failure: an admin must fix them). */
async function settingsOf(db: Db, cityId: string, authorityId: string): Promise<{ ok: true; config: Open311SendConfig } | { ok: false; error: string }> {
  const authority = await currentAuthority(db, cityId, authorityId);
  if (!authority) return { ok: false, error: "the authority no longer exists" };
  return parseOpen311Config(authority.sendConfig);
}

/** The GeoReport v2 POST fields of a report (without api_key and jurisdiction_id, added by the call). */
export function requestFields(r: ReportSnapshot, config: Open311SendConfig): URLSearchParams {
  const form = new URLSearchParams();
  form.set("service_code", config.serviceCodes[r.categoryCode] ?? r.categoryCode);
  form.set("lat", String(r.lat));
  form.set("long", String(r.lon));
  // GeoReport has no title: the title leads the description.
  const description = [r.title, r.description].map((s) => s.trim()).filter(Boolean).join("\n\n");
  form.set("description", description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION - 1)}…` : description);
  for (const [code, value] of Object.entries(r.attributes ?? {})) {
    if (Array.isArray(value)) for (const v of value) form.append(`attribute[${code}][]`, String(v));
    else if (value !== null && value !== undefined && value !== "") form.set(`attribute[${code}]`, String(value));
  }
  // The spec has one media_url: the first photo (public, re-encoded without its metadata).
  if (r.photoUrls[0]) form.set("media_url", r.photoUrls[0]);
  return form;
}

const failure = (err: unknown): SendResult => (err instanceof RemoteError
  ? { ok: false, error: err.message, retryable: err.retryable }
  : { ok: false, error: (err as Error).message || String(err), retryable: true });

/** tokens/{token}: the service_request_id once the back-office has one. */
async function resolveToken(config: Open311SendConfig, token: string, timeoutMs: number): Promise<string | undefined> {
  const [record] = await callBackOffice(config, "GET", `tokens/${encodeURIComponent(token)}`, new URLSearchParams(), timeoutMs);
  return record ? field(record, "service_request_id") : undefined;
}

export function open311Sender(opts: { timeoutMs: number }): Sender {
  return async (report, { db, cityId }) => {
    const settings = await settingsOf(db, cityId, report.authority.id);
    if (!settings.ok) return { ok: false, error: `Open311 settings of ${report.authority.code}: ${settings.error}`, retryable: false };
    const { config } = settings;
    let answer;
    try {
      [answer] = await callBackOffice(config, "POST", "requests", requestFields(report, config), opts.timeoutMs);
    } catch (err) {
      return failure(err);
    }
    const id = answer && field(answer, "service_request_id");
    if (id) return { ok: true, externalId: id };
    const token = answer && field(answer, "token");
    if (!token) return { ok: false, error: "POST requests: the answer has neither a service_request_id nor a token", retryable: false };
    // The request is filed: from here on, never POST it again. The id is asked for now, else later.
    const resolved = await resolveToken(config, token, opts.timeoutMs).catch(() => undefined);
    if (resolved) return { ok: true, externalId: resolved };
    const payload: TokenPayload = { reportId: report.reportId, authorityId: report.authority.id, token };
    await enqueue(db, { topic: OPEN311_TOKEN_TOPIC, cityId, payload: { ...payload }, runAfter: new Date(Date.now() + 30_000) });
    return { ok: true, externalId: null };
  };
}

/** Asks the back-office for a token's service_request_id until it has one (retried with the outbox's back-off). */
export function open311TokenHandler(db: Db, opts: { timeoutMs: number }): OutboxHandler {
  return async (message) => {
    const { reportId, authorityId, token } = message.payload as unknown as TokenPayload;
    const settings = await settingsOf(db, message.cityId!, authorityId);
    if (!settings.ok) return { ok: false, error: settings.error, retryable: false };
    let id;
    try {
      id = await resolveToken(settings.config, token, opts.timeoutMs);
    } catch (err) {
      return failure(err);
    }
    if (!id) return { ok: false, error: `tokens/${token}: no service_request_id yet`, retryable: true };
    await recordExternalId(db, reportId, id);
    return { ok: true, result: { externalId: id } };
  };
}
