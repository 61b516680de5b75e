/**
 * The reporter's own mails (published, updated, "Is it really fixed?"). Whether one is sent:
 * the report's reporter_notify, and for account holders their "everything I reported" switch
 * (people own it). Each goes in the report's language with one-click links to stop them — this
 * report, and all own reports for account holders — and the List-Unsubscribe headers (RFC 8058)
 * that mail clients turn into an unsubscribe button.
 */
import type { Tx } from "../db/client.ts";
import { isLanguage, type Language } from "../i18n/index.ts";
import { translator } from "../i18n/index.ts";
import { createSignedToken } from "../lib/signed-token.ts";
import { queueMail, type MailTemplate } from "../mail/index.ts";
import { ownReportMailsOn } from "../people/index.ts";
import type { ReportsContext } from "./reports.context.ts";
import type { ReportRow } from "./reports.repo.ts";

export const REPORTER_MAILS_OFF_PURPOSE = "reporter-mails-off";
/** The stop links must outlive any report: a reporter may click one years later. */
const OFF_TTL_SECONDS = 5 * 365 * 86400;

export function reporterLanguage(ctx: ReportsContext, report: Pick<ReportRow, "language">): Language {
  return isLanguage(report.language) ? report.language : ctx.city.manifest.defaultLanguage;
}

/** The token names the report and, for account holders, the account ("stop all" needs it). */
export function reporterMailsOffToken(ctx: ReportsContext, report: Pick<ReportRow, "id" | "reporterUserId">): string {
  return createSignedToken(ctx.secret, REPORTER_MAILS_OFF_PURPOSE, `${report.id}/${report.reporterUserId ?? ""}`, OFF_TTL_SECONDS);
}

/** Whether the reporter wants mails about this report now. */
export async function reporterWantsMail(tx: Tx, report: ReportRow): Promise<boolean> {
  if (!report.reporterEmail || !report.reporterNotify) return false;
  return report.reporterUserId ? ownReportMailsOn(tx, report.reporterUserId) : true;
}

/**
 * Queues a mail to the reporter in the caller's transaction, unless they turned these mails
 * off; returns whether it was queued. `params` get the language, so they can translate a state.
 */
export async function queueReporterMail(ctx: ReportsContext, tx: Tx, report: ReportRow, template: MailTemplate,
  params: (lang: Language) => Record<string, string | number>): Promise<boolean> {
  if (!(await reporterWantsMail(tx, report))) return false;
  const lang = reporterLanguage(ctx, report);
  const t = translator(lang);
  const token = reporterMailsOffToken(ctx, report);
  const page = `${ctx.publicUrl}/r/${report.ref}/mails-off?token=${token}`;
  const stop = [t("mail.reporterLinks.report", { link: page })];
  if (report.reporterUserId) stop.push(t("mail.reporterLinks.all", { link: `${page}&all=1` }));
  // The one-click target is the API itself: mail clients POST `List-Unsubscribe=One-Click` to it.
  const oneClick = `${ctx.publicUrl}/api/reports/${report.ref}/reporter-notifications/off?token=${token}`;
  await queueMail(tx, ctx.city.id, { email: report.reporterEmail!, language: lang }, template, { ...params(lang), unsubscribe: stop.join("\n") },
    ctx.city.manifest.name[lang] ?? "", { headers: { "List-Unsubscribe": `<${oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } });
  return true;
}
