/**
 * The client half, following: for every active authority whose send method is open311, a
 * periodic job asks its back-office what changed (mySociety's servicerequestupdates since
 * the cursor, or requests by id for back-offices without it) and applies each change to the
 * report it knows by that id, as a public update in the authority's name through the reports
 * domain (state change, history, reporter mail, alerts, live event). Each back-office update
 * is recorded in open311_remote_updates in the same transaction, so none is applied twice;
 * the cursor and the last error are kept per authority.
 */
import { authoritiesSendingBy, parseOpen311Config, type Authority, type City, type Open311SendConfig } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { requireAdmin, type Actor } from "../people/index.ts";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import { addAuthorityUpdate, openExternalIds, type ReportsContext, type ReportState } from "../reports/index.ts";
import { callBackOffice, field, RemoteError, type RemoteRecord } from "./open311.remote.ts";
import * as repo from "./open311.repo.ts";

export const OPEN311_POLL_TOPIC = "open311.poll";

const DAY = 86_400_000;
/** A GeoReport server answers windows of at most 90 days (ours does): one day of margin. */
const WINDOW = 89 * DAY;
/** Each poll reads again a little before the cursor: an update committed late with an earlier time is not missed (repeats are skipped). */
const OVERLAP = 10 * 60_000;
/** Pages of updates read per authority and poll (a busy back-office is caught up over the next polls). */
const MAX_PAGES = 5;
const PAGE = 1000;
const IDS_PER_CALL = 100;

/**
 * FixMyStreet's status names (upper case, or lower case with spaces as FixMyStreet writes
 * them) to our states. OPEN says nothing new of a report open here; undefined: no change.
 */
const FROM_FMS: Record<string, ReportState | undefined> = {
  OPEN: undefined, CONFIRMED: undefined, INVESTIGATING: "in_progress", IN_PROGRESS: "in_progress", ACTION_SCHEDULED: "action_scheduled",
  FIXED: "fixed", DUPLICATE: "duplicate", NOT_COUNCILS_RESPONSIBILITY: "not_responsible", NO_FURTHER_ACTION: "closed",
  INTERNAL_REFERRAL: "referred", CLOSED: "closed", REOPEN: "reopened", REOPENED: "reopened",
};

export function stateOfStatus(status: string | undefined): ReportState | undefined {
  if (!status) return undefined;
  return FROM_FMS[status.trim().toUpperCase().replace(/[\s-]+/g, "_")];
}

export interface PollResult {
  authority: string;
  /** Back-office updates written as public updates. */
  applied: number;
  error: string | null;
}

interface RemoteUpdate { id: string; externalId: string; at: Date; state: ReportState | undefined; text: string }

const isUniqueViolation = (err: unknown) => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === "23505") return true;
  return false;
};

/** Applies one back-office update once; true when it wrote a public update (false: no report of ours, nothing new, or applied by another poller meanwhile). */
async function applyUpdate(ctx: ReportsContext, authority: Authority, u: RemoteUpdate): Promise<boolean> {
  const name = authority.name[ctx.city.manifest.defaultLanguage] ?? authority.name.fr ?? authority.code;
  try {
    const done = await addAuthorityUpdate(ctx, { id: authority.id, name }, u.externalId, { text: u.text, state: u.state }, (tx, reportId) =>
      repo.insertRemoteUpdate(tx, { authorityId: authority.id, updateId: u.id, cityId: ctx.city.id, reportId }));
    // undefined: no report of ours; null: recorded, with nothing new to write.
    return Boolean(done);
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Applies the updates not applied yet, oldest first; answers how many were, and the time of the last one read. */
async function applyAll(ctx: ReportsContext, authority: Authority, updates: RemoteUpdate[]): Promise<{ applied: number; last?: Date }> {
  const sorted = [...updates].sort((a, b) => a.at.getTime() - b.at.getTime());
  const seen = await repo.appliedUpdateIds(ctx.db, authority.id, sorted.map((u) => u.id));
  let applied = 0;
  let last: Date | undefined;
  for (const u of sorted) {
    if (!seen.has(u.id) && await applyUpdate(ctx, authority, u)) applied++;
    last = u.at;
  }
  return { applied, last };
}

function toUpdate(r: RemoteRecord): RemoteUpdate | undefined {
  const id = field(r, "update_id");
  const externalId = field(r, "service_request_id");
  const at = new Date(field(r, "updated_datetime") ?? "");
  if (!id || !externalId || Number.isNaN(at.getTime())) return undefined;
  return { id, externalId, at, state: stateOfStatus(field(r, "status")), text: field(r, "description") ?? "" };
}

/** servicerequestupdates from the cursor on, page after page (each page starts where the last ended). */
async function pollUpdates(ctx: ReportsContext, authority: Authority, config: Open311SendConfig, cursor: Date | null, timeoutMs: number, now: Date) {
  let from = cursor ? new Date(cursor.getTime() - OVERLAP) : new Date(now.getTime() - WINDOW);
  let applied = 0;
  let last: Date | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const to = new Date(Math.min(now.getTime(), from.getTime() + WINDOW));
    const params = new URLSearchParams({ start_date: from.toISOString(), end_date: to.toISOString() });
    const records = await callBackOffice(config, "GET", "servicerequestupdates", params, timeoutMs);
    const updates = records.map(toUpdate).filter((u): u is RemoteUpdate => u !== undefined);
    const result = await applyAll(ctx, authority, updates);
    applied += result.applied;
    if (result.last && (!last || result.last > last)) last = result.last;
    // A full page: more may follow from its last update on; a window ending before now: read the next.
    if (records.length >= PAGE && result.last && result.last > from) from = result.last;
    else if (to < now) from = to;
    else break;
  }
  return { applied, last };
}

/**
 * requests by id, for back-offices without servicerequestupdates: each report still open here
 * whose request changed since the cursor is given the request's state (closed is taken as
 * fixed, as FixMyStreet does) and status_notes; the request's updated_datetime makes the
 * update's id and moves the cursor (shared with the other way of reading, so a switch between
 * them does not read the past again).
 */
async function pollRequests(ctx: ReportsContext, authority: Authority, config: Open311SendConfig, cursor: Date | null, timeoutMs: number) {
  const sent = await openExternalIds(ctx.db, ctx.city.id, authority.id);
  let applied = 0;
  let last: Date | undefined;
  for (let i = 0; i < sent.length; i += IDS_PER_CALL) {
    const ids = sent.slice(i, i + IDS_PER_CALL).map((s) => s.externalId);
    const records = await callBackOffice(config, "GET", "requests", new URLSearchParams({ service_request_id: ids.join(",") }), timeoutMs);
    const updates = records.flatMap((r): RemoteUpdate[] => {
      const externalId = field(r, "service_request_id");
      const at = new Date(field(r, "updated_datetime") ?? field(r, "requested_datetime") ?? "");
      if (!externalId || !ids.includes(externalId) || Number.isNaN(at.getTime())) return [];
      if (!last || at > last) last = at;
      // Datetimes are often to the second: the cursor's own second is read again (its ids dedupe it).
      if (cursor && at < cursor) return [];
      const state = field(r, "status")?.toLowerCase() === "closed" ? "fixed" : undefined;
      const text = field(r, "status_notes") ?? "";
      return state || text ? [{ id: `${externalId}@${at.toISOString()}`, externalId, at, state, text }] : [];
    });
    applied += (await applyAll(ctx, authority, updates)).applied;
  }
  return { applied, last };
}

/** One poll of every Open311 authority of the city; an authority's failure is recorded and does not stop the others. */
export async function pollOpen311(ctx: ReportsContext, opts: { timeoutMs: number }, now = new Date()): Promise<PollResult[]> {
  const results: PollResult[] = [];
  for (const authority of await authoritiesSendingBy(ctx.db, ctx.city.id, "open311")) {
    const cursor = await repo.findPollCursor(ctx.db, authority.id);
    let outcome: { applied: number; last?: Date } = { applied: 0 };
    let error: string | null = null;
    try {
      const settings = parseOpen311Config(authority.sendConfig);
      if (!settings.ok) throw new RemoteError(settings.error, false);
      outcome = settings.config.updates === "requests"
        ? await pollRequests(ctx, authority, settings.config, cursor?.lastUpdateAt ?? null, opts.timeoutMs)
        : await pollUpdates(ctx, authority, settings.config, cursor?.lastUpdateAt ?? null, opts.timeoutMs, now);
    } catch (err) {
      error = ((err as Error).message || String(err)).slice(0, 1000);
    }
    // The cursor never goes back (the overlap re-reads are older than it).
    const lastUpdateAt = outcome.last && (!cursor?.lastUpdateAt || outcome.last > cursor.lastUpdateAt) ? outcome.last : undefined;
    await repo.savePollCursor(ctx.db, { authorityId: authority.id, cityId: ctx.city.id, polledAt: now, lastUpdateAt, lastError: error });
    results.push({ authority: authority.code, applied: outcome.applied, error });
  }
  return results;
}

/** The poll job of a city at `at`; one per interval slot, however many processes schedule it. */
export async function scheduleOpen311Poll(db: Db, cityId: string, intervalSeconds: number, at = new Date()): Promise<void> {
  const slot = Math.floor(at.getTime() / (intervalSeconds * 1000));
  await enqueue(db, { topic: OPEN311_POLL_TOPIC, cityId, payload: {}, runAfter: at, dedupeKey: `${OPEN311_POLL_TOPIC}:${cityId}:${intervalSeconds}:${slot}` });
}

/** Polls, then schedules the next poll one interval later (failures are in the cursors, never a dead job). */
export function open311PollHandler(deps: { db: Db; city(cityId: string): City | undefined; context(city: City): ReportsContext; intervalSeconds: number; timeoutMs: number }): OutboxHandler {
  return async (message) => {
    const city = deps.city(message.cityId!);
    if (!city) return { ok: true, result: { skipped: "unknown city" } };
    let results: PollResult[] = [];
    try {
      results = await pollOpen311(deps.context(city), { timeoutMs: deps.timeoutMs });
    } finally {
      await scheduleOpen311Poll(deps.db, city.id, deps.intervalSeconds, new Date(Date.now() + deps.intervalSeconds * 1000));
    }
    return { ok: true, result: { applied: results.reduce((n, r) => n + r.applied, 0), failed: results.filter((r) => r.error).map((r) => r.authority) } };
  };
}

export interface PollStatus {
  authority: string;
  /** When its back-office was last asked, and the time of the last update read from it. */
  polledAt: Date | null;
  lastUpdateAt: Date | null;
  /** Why the last poll failed (never the api_key); null when it went through. */
  lastError: string | null;
}

/** For the city's admins: how the following of each Open311 authority goes. */
export async function listPollStatus(db: Db, actor: Actor, cityId: string): Promise<PollStatus[]> {
  const admin = requireAdmin(actor);
  if (admin.role !== "superadmin" && admin.cityId !== cityId) throw new AppError("forbidden");
  const cursors = new Map((await repo.listPollCursors(db, cityId)).map((c) => [c.authorityId, c]));
  return (await authoritiesSendingBy(db, cityId, "open311")).map((a) => {
    const c = cursors.get(a.id);
    return { authority: a.code, polledAt: c?.polledAt ?? null, lastUpdateAt: c?.lastUpdateAt ?? null, lastError: c?.lastError ?? null };
  });
}
