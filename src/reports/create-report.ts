/**
 * Filing a report: validate against the city, place it, route it, store it with its photos,
 * history and outbox messages in one transaction. An Idempotency-Key makes a retry return
 * the first result; a failure after photos were written removes them.
 */
import { createHash } from "node:crypto";
import { normalizeForSearch } from "../ai/index.ts";
import type { Tx } from "../db/client.ts";
import { enqueue } from "../db/outbox.ts";
import { AppError, fieldError } from "../errors.ts";
import { createSignedToken } from "../lib/signed-token.ts";
import { queueMail } from "../mail/index.ts";
import type { Actor } from "../people/index.ts";
import { chooseAuthority } from "../routing/index.ts";
import { reportText } from "../triage/index.ts";
import { onReportConfirmed } from "./confirm-report.ts";
import type { ReportsContext } from "./reports.context.ts";
import { processPhoto, type ProcessedPhoto } from "./reports.photos.ts";
import * as repo from "./reports.repo.ts";
import type { CreateReportInput } from "./reports.schemas.ts";

export interface CreateReportResult {
  id: string;
  ref: string;
  state: "open" | "confirmed";
  area: string;
  authority: { id: string; code: string; name: Record<string, string> };
  trackingUrl: string;
  confirmationRequired: boolean;
}

const CONFIRM_TTL_SECONDS = 7 * 86400;

class IdempotencyRace extends Error {}

export async function createReport(
  ctx: ReportsContext, actor: Actor, input: CreateReportInput, photoBuffers: Buffer[],
  opts: {
    idempotencyKey?: string; source?: string; trustedClient?: boolean;
    /** Runs in the report's transaction: a caller's own row about the report (an Open311 token) commits with it or not at all. */
    inTransaction?: (tx: Tx, reportId: string) => Promise<void>;
  } = {},
): Promise<CreateReportResult & { replayed: boolean }> {
  const { city } = ctx;
  const category = city.categories.get(input.category);
  if (!category || !category.active) throw fieldError("unknown_category", "category", "invalid");

  const requestHash = opts.idempotencyKey ? hashRequest(input, photoBuffers) : "";
  if (opts.idempotencyKey) {
    const replay = await replayIdempotent(ctx, opts.idempotencyKey, requestHash);
    if (replay) return replay;
  }

  const user = actor.kind === "user" ? actor : null;
  const reporterEmail = user?.email ?? input.reporter.email;
  // A trusted API client (Open311 api_key) answers for its user: GeoReport lets them stay anonymous.
  if (!reporterEmail && !opts.trustedClient) throw fieldError("contact_required", "reporter.email", "required");

  const photos: ProcessedPhoto[] = [];
  for (const [i, buffer] of photoBuffers.entries()) photos.push(await processPhoto(buffer, `photos[${i}]`));

  const point = input.lat !== undefined && input.lon !== undefined ? { lat: input.lat, lon: input.lon } : photos.find((p) => p.gps)?.gps;
  if (!point) throw fieldError("location_required", "lat", photos.length ? "no_gps" : "required");
  const location = city.areas.locate(point.lat, point.lon);
  if (!location) throw fieldError("outside_area", "lat", "invalid");
  const authority = chooseAuthority(city, category.code, location);

  // Signed-in citizens with a verified address, staff and API clients skip the e-mail confirmation.
  const trusted = opts.trustedClient === true || (user !== null && (user.emailVerified || user.role !== "citizen" || user.via === "token"));
  const now = new Date();
  const prefecture = location.parents.find((p) => p.kind === "prefecture");

  // Triage reads only: it runs before the transaction, which stays short.
  const triage = await ctx.triage.analyse(ctx.db, city, { text: reportText(input), lat: point.lat, lon: point.lon, category: category.code, at: now });

  const saved: string[] = [];
  try {
    for (const p of photos) { await ctx.photos.save(city.id, p); saved.push(p.id); }
    const seq = await repo.reserveReferenceNumbers(ctx.db, city.id, now.getUTCFullYear(), 1);
    const ref = city.profile.formatReference(city.manifest.referencePrefix, now.getUTCFullYear(), seq);
    const report = await ctx.db.transaction(async (tx) => {
      const row = await repo.insertReport(tx, {
        cityId: city.id, ref, categoryCode: category.code, areaCode: location.area.code, prefectureCode: prefecture?.code ?? null,
        authorityId: authority.id, lat: point.lat, lon: point.lon, title: input.title, description: input.description,
        language: input.language, state: "open", priority: triage.urgency.score, source: opts.source ?? "web",
        attributes: input.attributes, reporterUserId: user?.id ?? null, reporterName: input.reporter.name ?? user?.name ?? null,
        reporterEmail: reporterEmail ?? null, reporterPhone: input.reporter.phone ?? null, showName: input.reporter.showName,
        createdAt: now, updatedAt: now,
        search: repo.searchVector(normalizeForSearch(input.title), normalizeForSearch(input.description)) as never,
      });
      await ctx.triage.record(tx, city.id, row.id, triage);
      await repo.insertPhotos(tx, photos.map((p) => ({
        id: p.id, cityId: city.id, reportId: row.id, storageKey: p.id, width: p.width, height: p.height, bytes: p.image.length,
      })));
      await repo.insertHistory(tx, [{ cityId: city.id, reportId: row.id, actorUserId: user?.id ?? null, actorKind: user?.role ?? (opts.trustedClient ? "api_client" : "anonymous"), action: "created", field: "state", newValue: "open" }]);
      if (opts.idempotencyKey && !(await repo.insertIdempotencyKey(tx, { cityId: city.id, key: opts.idempotencyKey, requestHash, reportId: row.id }))) {
        throw new IdempotencyRace();
      }
      if (opts.inTransaction) await opts.inTransaction(tx, row.id);
      if (trusted) return onReportConfirmed(ctx, tx, row, user);
      const token = createSignedToken(ctx.secret, "confirm-report", row.id, CONFIRM_TTL_SECONDS);
      await queueMail(tx, city.id, { email: reporterEmail!, language: input.language }, "confirmReport", {
        name: row.reporterName ?? "", title: row.title, ref: row.ref, link: `${ctx.publicUrl}/r/${row.ref}/confirm?token=${token}`,
      }, city.manifest.name[input.language]);
      return row;
    });
    return { ...resultOf(ctx, report), replayed: false };
  } catch (err) {
    await Promise.all(saved.map((id) => ctx.photos.remove(city.id, id)));
    if (err instanceof IdempotencyRace && opts.idempotencyKey) {
      const replay = await replayIdempotent(ctx, opts.idempotencyKey, requestHash);
      if (replay) return replay;
    }
    throw err;
  }
}

function hashRequest(input: CreateReportInput, photos: Buffer[]): string {
  const h = createHash("sha256").update(JSON.stringify(input));
  for (const p of photos) h.update(createHash("sha256").update(p).digest());
  return h.digest("hex");
}

async function replayIdempotent(ctx: ReportsContext, key: string, requestHash: string) {
  const existing = await repo.findIdempotencyKey(ctx.db, ctx.city.id, key);
  if (!existing) return undefined;
  if (existing.requestHash !== requestHash) throw new AppError("idempotency_conflict", { fields: [{ field: "Idempotency-Key", message: "invalid" }] });
  const report = await repo.findReportById(ctx.db, existing.reportId);
  if (!report) return undefined;
  return { ...resultOf(ctx, report), replayed: true };
}

function resultOf(ctx: ReportsContext, r: repo.ReportRow): CreateReportResult {
  const a = ctx.city.authorities.get(r.authorityId)!;
  return {
    id: r.id, ref: r.ref, state: r.state === "open" ? "open" : "confirmed", area: r.areaCode,
    authority: { id: a.id, code: a.code, name: a.name }, trackingUrl: `${ctx.publicUrl}/r/${r.ref}`, confirmationRequired: r.state === "open",
  };
}

export type { Tx };
