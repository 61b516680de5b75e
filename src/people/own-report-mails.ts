/**
 * "Everything I reported": whether an account hears of its own reports (users.notify_own_reports,
 * on by default). The reports domain asks before mailing a reporter who has an account, and the
 * one-click link in those mails turns it off; people own the flag, reports never read users.
 */
import type { Db, Tx } from "../db/client.ts";
import * as repo from "./people.repo.ts";

/** True unless the account turned its own-report mails off (an unknown account: nothing to stop). */
export async function ownReportMailsOn(db: Db | Tx, userId: string): Promise<boolean> {
  return (await repo.findUserById(db, userId))?.notifyOwnReports ?? true;
}

export async function setOwnReportMails(db: Db | Tx, userId: string, on: boolean): Promise<void> {
  await repo.updateUser(db, userId, { notifyOwnReports: on });
}
