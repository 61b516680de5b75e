/**
 * Publishing a report: the reporter's e-mail link (or a trusted reporter at creation) moves
 * it from open to confirmed, and in the same transaction it is queued for sending to its
 * authority and the reporter is told where it went.
 */
import type { Tx } from "../db/client.ts";
import { enqueue } from "../db/outbox.ts";
import { fieldError } from "../errors.ts";
import { verifySignedToken } from "../lib/signed-token.ts";
import type { UserActor } from "../people/index.ts";
import { SEND_REPORT_TOPIC, type ReportSnapshot } from "../routing/index.ts";
import { queueReporterMail } from "./reporter-mail.ts";
import type { ReportsContext } from "./reports.context.ts";
import { publishLiveEvent, REPORT_PUBLISHED_TOPIC, type ReportPublishedEvent } from "./reports.events.ts";
import * as repo from "./reports.repo.ts";

export async function confirmReport(ctx: ReportsContext, token: string): Promise<{ ref: string; state: string }> {
  const payload = verifySignedToken(ctx.secret, "confirm-report", token);
  if (!payload) throw fieldError("invalid_token", "token", "invalid");
  return ctx.db.transaction(async (tx) => {
    const report = await repo.findReportById(tx, payload.s, { forUpdate: true });
    if (!report || report.cityId !== ctx.city.id) throw fieldError("invalid_token", "token", "invalid");
    // A second click on the link is harmless: the report is already published.
    if (report.state !== "open") return { ref: report.ref, state: report.state };
    const confirmed = await onReportConfirmed(ctx, tx, report, null);
    return { ref: confirmed.ref, state: confirmed.state };
  });
}

export async function onReportConfirmed(ctx: ReportsContext, tx: Tx, report: repo.ReportRow, actor: UserActor | null): Promise<repo.ReportRow> {
  const { city } = ctx;
  const now = new Date();
  const row = await repo.updateReport(tx, report.id, { state: "confirmed", confirmedAt: now });
  await repo.insertHistory(tx, [{
    cityId: city.id, reportId: row.id, actorUserId: actor?.id ?? null, actorKind: actor?.role ?? "reporter", action: "confirmed",
    field: "state", oldValue: report.state, newValue: "confirmed",
  }]);
  const authority = city.authorities.get(row.authorityId)!;
  await queueSend(ctx, tx, row);
  await queueReporterMail(ctx, tx, row, "reportConfirmed", (lang) => ({
    name: row.reporterName ?? "", title: row.title, ref: row.ref, authority: authority.name[lang] ?? authority.code, link: `${ctx.publicUrl}/r/${row.ref}`,
  }));
  const published: ReportPublishedEvent = {
    reportId: row.id, ref: row.ref, title: row.title, categoryCode: row.categoryCode, areaCode: row.areaCode, lat: row.lat, lon: row.lon,
    reporterEmail: row.reporterEmail, reporterUserId: row.reporterUserId,
  };
  await enqueue(tx, { topic: REPORT_PUBLISHED_TOPIC, cityId: city.id, payload: { ...published } });
  // From now on the public sees it.
  await publishLiveEvent(tx, row, "report.created");
  return row;
}

/** Queues the report for its authority with a snapshot, so the sender never reads report tables. */
export async function queueSend(ctx: ReportsContext, tx: Tx, row: repo.ReportRow): Promise<void> {
  const { city } = ctx;
  const authority = city.authorities.get(row.authorityId)!;
  const photos = await repo.listPhotos(tx, [row.id]);
  const snapshot: ReportSnapshot = {
    reportId: row.id, ref: row.ref, title: row.title, description: row.description, categoryCode: row.categoryCode,
    category: city.categories.get(row.categoryCode)!.name, area: city.areas.get(row.areaCode)?.name ?? { ar: row.areaCode, fr: row.areaCode, en: row.areaCode },
    lat: row.lat, lon: row.lon, createdAt: row.createdAt.toISOString(), attributes: row.attributes,
    photoUrls: photos.filter((p) => p.updateId === null).map((p) => `${ctx.publicUrl}/api/photos/${p.id}.jpg`), staffUrl: `${ctx.publicUrl}/staff/r/${row.ref}`,
    authority: { id: authority.id, code: authority.code, email: authority.email, language: authority.language, sendMethod: authority.sendMethod },
    cityName: city.manifest.name,
  };
  await enqueue(tx, { topic: SEND_REPORT_TOPIC, cityId: city.id, payload: { ...snapshot } });
}
