/**
 * "Is it really fixed?": when a report is marked fixed its reporter is asked (by e-mail, with a
 * signed link, and on the report page when signed in) whether it really is, how satisfied they
 * are (1–5) and what they would add. One answer per fix (the fix is named by its fixed_at).
 * "Not fixed" reopens the report in the same transaction — public update, history, triage,
 * the subscribers' event, the live event — and tells the authority. The answers stay in
 * fix_feedback for the insights.
 */
import type { Tx } from "../db/client.ts";
import { enqueue } from "../db/outbox.ts";
import { AppError, fieldError } from "../errors.ts";
import { formatDateTime, isLanguage, translator, type Language } from "../i18n/index.ts";
import { createSignedToken, verifySignedToken } from "../lib/signed-token.ts";
import { queueMail } from "../mail/index.ts";
import type { Actor } from "../people/index.ts";
import type { ReportsContext } from "./reports.context.ts";
import { publishLiveEvent, REPORT_UPDATED_TOPIC, type ReportUpdatedEvent } from "./reports.events.ts";
import * as feedback from "./reports.feedback.repo.ts";
import { isPublicState } from "./reports.lifecycle.ts";
import * as repo from "./reports.repo.ts";
import type { FixFeedbackInput } from "./reports.schemas.ts";
import { reporterLanguage } from "./reporter-mail.ts";

export const FIX_FEEDBACK_PURPOSE = "fix-feedback";
/** Long enough to answer after a holiday; a new fix sends a new link anyway. */
const FEEDBACK_TTL_SECONDS = 90 * 86400;

const subjectOf = (report: { id: string }, fixedAt: Date) => `${report.id}/${fixedAt.getTime()}`;

/** The report page with the e-mailed token: the page shows the question to whoever holds it. */
export function fixFeedbackLink(ctx: ReportsContext, report: Pick<repo.ReportRow, "id" | "ref">, fixedAt: Date): string {
  const token = createSignedToken(ctx.secret, FIX_FEEDBACK_PURPOSE, subjectOf(report, fixedAt), FEEDBACK_TTL_SECONDS);
  return `${ctx.publicUrl}/r/${report.ref}?feedback=${token}`;
}

/** The fix (its fixed_at, in ms) a token answers, if it is authentic and about this report. */
function fixOfToken(ctx: ReportsContext, token: string, report: { id: string }): number | null {
  const payload = verifySignedToken(ctx.secret, FIX_FEEDBACK_PURPOSE, token);
  const [reportId, fixedAt] = payload?.s.split("/") ?? [];
  return payload && reportId === report.id && fixedAt && /^\d+$/.test(fixedAt) ? Number(fixedAt) : null;
}

/** Whether this viewer may answer now: the report is fixed, unanswered, and they are its reporter or hold the link of this fix. */
export async function feedbackAwaited(ctx: ReportsContext, actor: Actor, report: repo.ReportRow, token?: string): Promise<boolean> {
  if (report.state !== "fixed" || !report.fixedAt) return false;
  const reporter = actor.kind === "user" && report.reporterUserId === actor.id;
  if (!reporter && !(token && fixOfToken(ctx, token, report) === report.fixedAt.getTime())) return false;
  return !(await feedback.hasFixFeedback(ctx.db, report.id, report.fixedAt));
}

export async function answerFixFeedback(ctx: ReportsContext, actor: Actor, ref: string, input: FixFeedbackInput): Promise<{ ref: string; fixed: boolean; state: "fixed" | "reopened" }> {
  return ctx.db.transaction(async (tx) => {
    const report = await repo.findReportByRef(tx, ctx.city.id, ref, { forUpdate: true });
    if (!report || !isPublicState(report.state)) throw new AppError("not_found");
    const user = actor.kind === "user" ? actor : null;
    const reporter = user !== null && report.reporterUserId === user.id;
    // Without the reporter's session, the e-mailed link is the proof.
    let fix: number | null = null;
    if (!reporter) {
      if (!input.token) throw new AppError(user ? "forbidden" : "unauthenticated");
      fix = fixOfToken(ctx, input.token, report);
      if (fix === null) throw fieldError("invalid_token", "token", "invalid");
    }
    // A link of an earlier fix answers nothing once the report moved on.
    if (report.state !== "fixed" || !report.fixedAt || (fix !== null && fix !== report.fixedAt.getTime())) throw new AppError("not_awaiting_feedback");

    const language: Language = input.language ?? (reporter && user ? user.language : reporterLanguage(ctx, report));
    const comment = input.comment?.trim() || null;
    const stored = await feedback.insertFixFeedback(tx, {
      cityId: ctx.city.id, reportId: report.id, fixedAt: report.fixedAt, fixed: input.fixed, score: input.score ?? null, comment, language,
    });
    if (!stored) throw new AppError("already_answered");
    const actorUserId = reporter ? user!.id : report.reporterUserId;
    await repo.insertHistory(tx, [{
      cityId: ctx.city.id, reportId: report.id, actorUserId, actorKind: "reporter", action: "feedback", field: "fixed",
      oldValue: null, newValue: `${input.fixed ? "yes" : "no"}${input.score ? ` ${input.score}/5` : ""}`,
    }]);
    if (input.fixed) return { ref: report.ref, fixed: true, state: "fixed" };
    await reopenAsNotFixed(ctx, tx, report, { actorUserId, comment, score: input.score ?? null, language });
    return { ref: report.ref, fixed: false, state: "reopened" };
  });
}

/**
 * "Not fixed": the report is reopened by its reporter, with their words as a public update
 * (or a standard sentence), and everyone who follows it hears as for any state change.
 */
async function reopenAsNotFixed(ctx: ReportsContext, tx: Tx, report: repo.ReportRow,
  who: { actorUserId: string | null; comment: string | null; score: number | null; language: Language }): Promise<void> {
  const text = who.comment ?? translator(who.language)("loop.notFixed");
  const update = await repo.insertUpdate(tx, {
    cityId: ctx.city.id, reportId: report.id, authorUserId: who.actorUserId, authorName: report.showName ? report.reporterName : null,
    authorRole: "citizen", visibility: "public", text, stateFrom: "fixed", stateTo: "reopened", language: who.language,
  });
  const reopened = await repo.updateReport(tx, report.id, { state: "reopened" });
  await repo.insertHistory(tx, [
    { cityId: ctx.city.id, reportId: report.id, actorUserId: who.actorUserId, actorKind: "reporter", action: "update", field: null, oldValue: null, newValue: update.id },
    { cityId: ctx.city.id, reportId: report.id, actorUserId: who.actorUserId, actorKind: "reporter", action: "state", field: "state", oldValue: "fixed", newValue: "reopened" },
  ]);
  // Work to do again: its age counts again in the urgency (unless staff fixed the priority).
  await ctx.triage.rescore(tx, ctx.city, reopened);
  await notifyAuthorityNotFixed(ctx, tx, report, { comment: who.comment, score: who.score });
  const event: ReportUpdatedEvent = {
    reportId: report.id, ref: report.ref, title: report.title, updateId: update.id, text, stateFrom: "fixed", stateTo: "reopened",
    state: "reopened", authorUserId: who.actorUserId, reporterEmail: report.reporterEmail,
    categoryCode: report.categoryCode, areaCode: report.areaCode, lat: report.lat, lon: report.lon,
  };
  await enqueue(tx, { topic: REPORT_UPDATED_TOPIC, cityId: ctx.city.id, payload: { ...event } });
  await publishLiveEvent(tx, reopened, "report.state_changed");
}

/**
 * The authority hears that the citizen disputes the fix, by mail in its language (as it
 * received the report), with the staff link. Console-only authorities (noop) see the reopened
 * report in their queue.
 */
export async function notifyAuthorityNotFixed(ctx: ReportsContext, tx: Tx, report: repo.ReportRow, what: { comment: string | null; score: number | null }): Promise<void> {
  const authority = ctx.city.authorities.get(report.authorityId);
  if (!authority || authority.sendMethod === "noop" || !authority.email) return;
  const lang: Language = isLanguage(authority.language) ? authority.language : ctx.city.manifest.defaultLanguage;
  const t = translator(lang);
  await queueMail(tx, ctx.city.id, { email: authority.email, language: lang }, "fixDisputed", {
    ref: report.ref, title: report.title, comment: what.comment ?? t("loop.none"),
    score: what.score ? t("loop.score", { score: what.score }) : t("loop.none"),
    fixedAt: report.fixedAt ? formatDateTime(report.fixedAt, lang) : t("loop.none"),
    link: `${ctx.publicUrl}/staff/r/${report.ref}`,
  }, ctx.city.manifest.name[lang] ?? "");
}
