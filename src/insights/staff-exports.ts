/**
 * Staff CSV exports of the queue, with the queue's own filters and access rules (they page
 * through `listStaffQueue`, so an export holds exactly what the staff member's queue shows).
 *
 * Memory stays bounded whatever the size: rows are read a page of 500 at a time with the
 * queue's keyset cursor and streamed through csv-stringify, to the HTTP response (direct
 * exports) or to a file (jobs). Large exports run as outbox jobs: the request answers 202 with
 * a status URL, the worker writes `DATA_DIR/exports/<city>/<job>.csv`, and the status then
 * gives the download link. A job's state is its outbox message's (pending, done, dead); only
 * the staff member who asked may read it or download the file, kept for 7 days.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Language } from "../i18n/index.ts";
import { findUser, requireStaff, type Actor, type UserActor } from "../people/index.ts";
import { countStaffQueue, listStaffQueue, publicStates, type ReportsContext, type reportSchemas } from "../reports/index.ts";
import { findExportJob } from "./insights.staff.repo.ts";

export const STAFF_EXPORT_TOPIC = "insights.staff_export";
/** Above this many rows an export runs as a job (202), below it streams at once. */
export const DIRECT_EXPORT_LIMIT = 10_000;
export const EXPORT_PAGE = 500;
const KEEP_MS = 7 * 86_400_000;

export type ExportFilters = Omit<reportSchemas.StaffListQuery, "cursor" | "limit">;

export const CSV_COLUMNS = [
  "ref", "state", "category", "area", "authority", "priority", "overdue", "due_at", "created_at", "updated_at",
  "acknowledged_at", "assignee_id", "supporter_count", "lat", "lon", "title", "url",
] as const;

/** A cell a spreadsheet would run as a formula is quoted with an apostrophe (CSV injection). */
const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const iso = (d: Date | null) => (d ? d.toISOString() : "");

/**
 * The queue's rows, page by page (500 at a time, keyset cursor): never the whole set in memory.
 * The first page is read before anything is yielded, so a refused filter throws at once.
 */
export async function queueRows(ctx: ReportsContext, actor: Actor, filters: ExportFilters, lang: Language, pageSize = EXPORT_PAGE): Promise<AsyncGenerator<string[]>> {
  const read = (cursor?: string) => listStaffQueue(ctx, actor, { ...filters, limit: pageSize, ...(cursor ? { cursor } : {}) }, lang);
  const first = await read();
  return (async function* () {
    let page = first;
    for (;;) {
      for (const r of page.items) {
        yield [
          r.ref, r.state, r.category, r.area, r.authority, String(r.priority), r.overdue ? "true" : "false", iso(r.dueAt), iso(r.createdAt), iso(r.updatedAt),
          iso(r.acknowledgedAt), r.assigneeId ?? "", String(r.supporterCount), String(r.lat), String(r.lon), safe(r.title), `${ctx.publicUrl}/r/${r.ref}`,
        ];
      }
      if (!page.nextCursor) return;
      page = await read(page.nextCursor);
    }
  })();
}

const csvStringifier = () => stringify({ header: true, columns: [...CSV_COLUMNS], bom: true });

/** The CSV of the queue as a stream (UTF-8 with a BOM, so spreadsheets read Arabic right); access and filters are checked before it starts. */
export async function queueCsv(ctx: ReportsContext, actor: Actor, filters: ExportFilters, lang: Language): Promise<Readable> {
  requireStaff(actor);
  return Readable.from(await queueRows(ctx, actor, filters, lang)).pipe(csvStringifier());
}

/** How many rows an export of these filters would have (the queue's counts, summed over the asked states). */
export async function exportSize(ctx: ReportsContext, actor: Actor, filters: ExportFilters): Promise<number> {
  const { state, sort: _sort, ...rest } = filters;
  const counts = await countStaffQueue(ctx, actor, rest);
  return (state ?? publicStates).reduce((s, st) => s + (counts.states[st] ?? 0), 0);
}

export function exportMode(total: number, asked: { async?: boolean }): "direct" | "job" {
  return asked.async === true || total > DIRECT_EXPORT_LIMIT ? "job" : "direct";
}

export const exportsDir = (dataDir: string, cityId: string) => path.join(dataDir, "exports", cityId);

function pruneOldExports(dir: string, now = Date.now()): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > KEEP_MS) fs.rmSync(file, { force: true });
    } catch { /* another process removed it */ }
  }
}

/** Queues an export job for this staff member; its id is the handle of the status and the file. */
export async function startExportJob(db: Db, dataDir: string, actor: Actor, filters: ExportFilters, lang: Language, total: number): Promise<string> {
  const staff = requireStaff(actor);
  pruneOldExports(exportsDir(dataDir, staff.cityId));
  const id = randomUUID();
  await enqueue(db, { topic: STAFF_EXPORT_TOPIC, cityId: staff.cityId, dedupeKey: `staff-export:${id}`, payload: { jobId: id, userId: staff.id, filters, lang, total } });
  return id;
}

export type ExportStatus = "pending" | "running" | "done" | "failed";

/** A job as its owner sees it (anyone else: not found). */
export async function exportJob(db: Db, actor: Actor, id: string) {
  const staff = requireStaff(actor);
  const row = await findExportJob(db, staff.cityId, id);
  const payload = row?.payload as { userId?: string; total?: number } | undefined;
  if (!row || payload?.userId !== staff.id) throw new AppError("not_found");
  const status: ExportStatus = row.status === "done" ? "done" : row.status === "dead" ? "failed" : row.attempts > 0 ? "running" : "pending";
  const result = row.result as { rows?: number } | null;
  return { id, status, total: payload.total ?? null, rows: result?.rows ?? null, createdAt: row.createdAt, doneAt: row.doneAt };
}

/** The finished file of a job, for its owner. */
export async function exportFile(db: Db, dataDir: string, actor: Actor, id: string): Promise<string> {
  const staff = requireStaff(actor);
  const job = await exportJob(db, actor, id);
  const file = path.join(exportsDir(dataDir, staff.cityId), `${id}.csv`);
  if (job.status !== "done" || !fs.existsSync(file)) throw new AppError("not_found");
  return file;
}

export interface StaffExportDeps {
  db: Db;
  dataDir: string;
  /** The reports context of a city, by id (undefined: the city is gone). */
  reportsContext(cityId: string): ReportsContext | undefined;
}

/** The outbox job: writes the CSV to a temporary file, then renames it, so a file that exists is whole. */
export function staffExportHandler(deps: StaffExportDeps): OutboxHandler {
  return async (message) => {
    const { jobId, userId, filters, lang } = message.payload as { jobId: string; userId: string; filters: ExportFilters; lang: Language };
    const ctx = message.cityId ? deps.reportsContext(message.cityId) : undefined;
    const user = await findUser(deps.db, userId);
    if (!ctx || !user) return { ok: false, error: "city or account gone", retryable: false };
    // The staff member as they are now: a role or authority changed since the request applies.
    const actor: UserActor = { kind: "user", cityId: ctx.city.id, via: "session", ...user };
    const dir = exportsDir(deps.dataDir, ctx.city.id);
    fs.mkdirSync(dir, { recursive: true });
    const part = path.join(dir, `${jobId}.csv.part`);
    let rows = 0;
    try {
      requireStaff(actor);
      const source = await queueRows(ctx, actor, filters, lang);
      const counted = async function* () {
        for await (const row of source) {
          rows++;
          yield row;
        }
      };
      await pipeline(Readable.from(counted()), csvStringifier(), fs.createWriteStream(part));
    } catch (err) {
      fs.rmSync(part, { force: true });
      if (err instanceof AppError && (err.code === "forbidden" || err.code === "unauthenticated" || err.code === "validation")) {
        return { ok: false, error: `export refused: ${err.code}`, retryable: false };
      }
      throw err;
    }
    fs.renameSync(part, path.join(dir, `${jobId}.csv`));
    return { ok: true, result: { rows, bytes: fs.statSync(path.join(dir, `${jobId}.csv`)).size } };
  };
}
