/**
 * The one-click stop in every reporter mail: mails about this report end (reporter_notify),
 * and with `all`, an account holder's mails about every report of theirs (people own that
 * switch). No sign-in: the signed link is the proof, and a second click says the same.
 */
import { fieldError } from "../errors.ts";
import { verifySignedToken } from "../lib/signed-token.ts";
import { setOwnReportMails } from "../people/index.ts";
import { REPORTER_MAILS_OFF_PURPOSE } from "./reporter-mail.ts";
import type { ReportsContext } from "./reports.context.ts";
import * as repo from "./reports.repo.ts";

export async function stopReporterMails(ctx: ReportsContext, ref: string, input: { token?: string; all?: boolean }):
  Promise<{ ref: string; reportMails: false; allOwnReports: boolean }> {
  if (!input.token) throw fieldError("validation", "token", "required");
  const payload = verifySignedToken(ctx.secret, REPORTER_MAILS_OFF_PURPOSE, input.token);
  const [reportId = "", userId = ""] = payload?.s.split("/") ?? [];
  if (!payload) throw fieldError("invalid_token", "token", "invalid");
  return ctx.db.transaction(async (tx) => {
    const report = await repo.findReportById(tx, reportId);
    if (!report || report.cityId !== ctx.city.id || report.ref !== ref) throw fieldError("invalid_token", "token", "invalid");
    await repo.setReporterNotify(tx, report.id, false);
    // "All my reports" is the account's switch: only a link made for an account holder reaches it.
    const all = Boolean(input.all && userId);
    if (all) await setOwnReportMails(tx, userId, false);
    return { ref: report.ref, reportMails: false, allOwnReports: all };
  });
}
