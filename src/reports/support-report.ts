/**
 * "Me too": citizens who have the same problem as an open report. A signed-in citizen with a
 * verified address counts at once; anyone else counts once they open the link e-mailed to the
 * address (nobody can add strangers, and the alerts then mail that address). One person counts once per report, and the reporter does not count
 * twice. Each confirmed supporter updates the report's count and urgency, and is announced
 * ("report.supported") in the same transaction, so the alerts can send them its updates.
 */
import type { Tx } from "../db/client.ts";
import { enqueue } from "../db/outbox.ts";
import { AppError, fieldError } from "../errors.ts";
import { isLanguage, type Language } from "../i18n/index.ts";
import { createSignedToken, verifySignedToken } from "../lib/signed-token.ts";
import { queueMail } from "../mail/index.ts";
import type { Actor } from "../people/index.ts";
import type { ReportsContext } from "./reports.context.ts";
import { publishLiveEvent } from "./reports.events.ts";
import { isPublicState, openStates, type ReportState } from "./reports.lifecycle.ts";
import * as repo from "./reports.repo.ts";
import * as supporters from "./reports.supporters.repo.ts";

export const REPORT_SUPPORTED_TOPIC = "report.supported";
const CONFIRM_PURPOSE = "confirm-supporter";
const CONFIRM_TTL_SECONDS = 7 * 86400;

/** A confirmed supporter: the alerts subscribe them to the report's updates. */
export interface ReportSupportedEvent {
  reportId: string;
  ref: string;
  cityId: string;
  userId: string | null;
  email: string;
  language: Language;
}

const isOpen = (state: string) => openStates.includes(state as ReportState);

export async function supportReport(ctx: ReportsContext, actor: Actor, ref: string, input: { email?: string; language?: Language }):
  Promise<{ confirmationRequired: boolean; supporterCount: number }> {
  const user = actor.kind === "user" ? actor : null;
  const email = (user?.email ?? input.email)?.trim().toLowerCase();
  if (!email) throw fieldError("validation", "email", "required");
  const language = input.language ?? user?.language ?? ctx.city.manifest.defaultLanguage;
  return ctx.db.transaction(async (tx) => {
    const report = await repo.findReportByRef(tx, ctx.city.id, ref, { forUpdate: true });
    if (!report || !isPublicState(report.state)) throw new AppError("not_found");
    if (!isOpen(report.state)) throw new AppError("not_open");
    if ((user && report.reporterUserId === user.id) || report.reporterEmail?.toLowerCase() === email) throw new AppError("own_report");

    // As for filing a report: a verified address, staff, or an API client is trusted at once.
    if (user && (user.emailVerified || user.role !== "citizen" || user.via === "token")) {
      const now = new Date();
      const added = await supporters.insertSupporter(tx, { cityId: ctx.city.id, reportId: report.id, userId: user.id, email, confirmedAt: now });
      if (added) return { confirmationRequired: false, supporterCount: await onSupporterConfirmed(ctx, tx, report, { userId: user.id, email, language }) };
      // Already counted by account or by this address; an unconfirmed e-mail of theirs now counts.
      const pending = await supporters.findSupporterByEmail(tx, report.id, email);
      if (pending && !pending.confirmedAt && (!pending.userId || pending.userId === user.id)) {
        await supporters.confirmSupporter(tx, pending.id, now, user.id);
        return { confirmationRequired: false, supporterCount: await onSupporterConfirmed(ctx, tx, report, { userId: user.id, email, language }) };
      }
      return { confirmationRequired: false, supporterCount: report.supporterCount };
    }

    // Anyone else: the same answer whether or not this address already counts (it says nothing of who supports what).
    const row = await supporters.insertSupporter(tx, { cityId: ctx.city.id, reportId: report.id, userId: user?.id ?? null, email, confirmedAt: null })
      ?? await supporters.findSupporterByEmail(tx, report.id, email);
    if (row && !row.confirmedAt) {
      const token = createSignedToken(ctx.secret, CONFIRM_PURPOSE, `${row.id}/${language}`, CONFIRM_TTL_SECONDS);
      await queueMail(tx, ctx.city.id, { email, language }, "confirmSupport", {
        title: report.title, ref: report.ref, link: `${ctx.publicUrl}/supporters/confirm?token=${token}`,
      }, ctx.city.manifest.name[language] ?? "");
    }
    return { confirmationRequired: true, supporterCount: report.supporterCount };
  });
}

/** The e-mailed link: the supporter counts from now on (a second click changes nothing). */
export async function confirmSupporter(ctx: ReportsContext, token: string): Promise<{ ref: string; supporterCount: number }> {
  const payload = verifySignedToken(ctx.secret, CONFIRM_PURPOSE, token);
  const [id = "", lang] = payload?.s.split("/") ?? [];
  if (!payload || !/^[0-9a-f-]{36}$/.test(id)) throw fieldError("invalid_token", "token", "invalid");
  return ctx.db.transaction(async (tx) => {
    const row = await supporters.findSupporterById(tx, id);
    if (!row || row.cityId !== ctx.city.id || !row.email) throw fieldError("invalid_token", "token", "invalid");
    const report = await repo.findReportById(tx, row.reportId, { forUpdate: true });
    if (!report) throw fieldError("invalid_token", "token", "invalid");
    if (row.confirmedAt) return { ref: report.ref, supporterCount: report.supporterCount };
    if (!isOpen(report.state)) throw new AppError("not_open");
    await supporters.confirmSupporter(tx, row.id, new Date());
    const language = isLanguage(lang) ? lang : ctx.city.manifest.defaultLanguage;
    return { ref: report.ref, supporterCount: await onSupporterConfirmed(ctx, tx, report, { userId: row.userId, email: row.email, language }) };
  });
}

/** One more person with this problem: the count, the urgency (unless staff set the priority), the event, the live update. */
async function onSupporterConfirmed(ctx: ReportsContext, tx: Tx, report: repo.ReportRow,
  who: { userId: string | null; email: string; language: Language }): Promise<number> {
  const supporterCount = await supporters.recountSupporters(tx, report.id);
  await ctx.triage.rescore(tx, ctx.city, report);
  const event: ReportSupportedEvent = { reportId: report.id, ref: report.ref, cityId: ctx.city.id, ...who };
  await enqueue(tx, { topic: REPORT_SUPPORTED_TOPIC, cityId: ctx.city.id, payload: { ...event } });
  await publishLiveEvent(tx, report, "report.updated");
  return supporterCount;
}
