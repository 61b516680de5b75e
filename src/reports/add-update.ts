/**
 * Updates on a report: public comments (citizens and staff, optionally with a photo),
 * internal notes (staff only), and state changes, recorded with the history and the
 * reporter's notification in one transaction. A move to fixed asks the reporter "Is it
 * really fixed?"; the reporter reopening a fixed report counts as their "not fixed".
 * An authority's own back-office (Open311) writes public staff updates through the same path.
 */
import type { Tx } from "../db/client.ts";
import { enqueue } from "../db/outbox.ts";
import { AppError, fieldError } from "../errors.ts";
import { translator } from "../i18n/index.ts";
import { requireUser, type Actor } from "../people/index.ts";
import { fixFeedbackLink, notifyAuthorityNotFixed } from "./answer-fix-feedback.ts";
import { queueReporterMail } from "./reporter-mail.ts";
import * as feedback from "./reports.feedback.repo.ts";
import { canManage } from "./reports.access.ts";
import type { ReportsContext } from "./reports.context.ts";
import { canTransition, isPublicState, type ReportState } from "./reports.lifecycle.ts";
import { processPhoto, type ProcessedPhoto } from "./reports.photos.ts";
import * as repo from "./reports.repo.ts";
import { publishLiveEvent, REPORT_UPDATED_TOPIC, type ReportUpdatedEvent } from "./reports.events.ts";
import { updateViewOf } from "./reports.views.ts";

export interface AddUpdateInput {
  text: string;
  state?: ReportState;
  visibility: "public" | "internal";
}

const stateTimestamps: Partial<Record<ReportState, "fixedAt" | "closedAt">> = { fixed: "fixedAt", closed: "closedAt" };

/** Who writes an update: a signed-in person, or an authority's own system (no account). */
interface UpdateAuthor {
  userId: string | null;
  name: string | null;
  role: string;
  language: string;
  /** Handles the report: may change its state and write internal notes. */
  staff: boolean;
  /**
   * Another system's word: a state that is no move of ours from the current one (already
   * there, or not allowed) is dropped rather than refused, and an update left with nothing
   * to say (no text, or the text it last wrote here) is not written (inTransaction still runs;
   * the answer is null).
   */
  lenient?: boolean;
}

export async function addUpdate(ctx: ReportsContext, actor: Actor, ref: string, input: AddUpdateInput, photoBuffers: Buffer[]) {
  const user = requireUser(actor);
  const photos: ProcessedPhoto[] = [];
  for (const [i, b] of photoBuffers.entries()) photos.push(await processPhoto(b, `photos[${i}]`));
  const view = await writeUpdate(ctx, (tx) => repo.findReportByRef(tx, ctx.city.id, ref, { forUpdate: true }), (report) => ({
    userId: user.id, name: user.name, role: user.role, language: user.language, staff: canManage(user, report),
  }), input, photos);
  // Only a lenient author's update can come out empty.
  return view!;
}

/**
 * An update from the authority's own back-office (its Open311 server), on the report it
 * knows by `externalId`: a public staff update in the authority's name, with the same state
 * change, history, reporter mail, subscribers' alerts and live event as one written in the
 * console. `inTransaction` records, in the update's transaction, that it was applied.
 * Undefined when the authority has no such report of ours.
 */
export async function addAuthorityUpdate(
  ctx: ReportsContext, authority: { id: string; name: string }, externalId: string, input: { text: string; state?: ReportState },
  inTransaction: (tx: Tx, reportId: string) => Promise<void>,
) {
  try {
    return await writeUpdate(ctx, async (tx) => repo.findReportByExternalId(tx, ctx.city.id, authority.id, externalId, { forUpdate: true }), () => ({
      userId: null, name: authority.name, role: "staff", language: ctx.city.manifest.defaultLanguage, staff: true, lenient: true,
    }), { ...input, visibility: "public" }, [], inTransaction);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return undefined;
    throw err;
  }
}

async function writeUpdate(
  ctx: ReportsContext, findReport: (tx: Tx) => Promise<repo.ReportRow | undefined>, authorOf: (report: repo.ReportRow) => UpdateAuthor,
  input: AddUpdateInput, photos: ProcessedPhoto[], inTransaction?: (tx: Tx, reportId: string) => Promise<void>,
) {
  const saved: string[] = [];
  try {
    for (const p of photos) { await ctx.photos.save(ctx.city.id, p); saved.push(p.id); }
    return await ctx.db.transaction(async (tx) => {
      const report = await findReport(tx);
      if (!report || !isPublicState(report.state)) throw new AppError("not_found");
      const user = authorOf(report);
      const { staff } = user;
      if (input.visibility === "internal" && !staff) throw new AppError("forbidden");
      const now = new Date();
      const from = report.state as ReportState;
      let to = input.state && input.state !== from ? input.state : undefined;
      if (to && user.lenient && !canTransition(from, to, "staff")) to = undefined;
      // Another system saying again what it last said here (read twice, or by another way) says nothing new.
      const repeated = user.lenient && !to && (await repo.listUpdates(tx, report.id, false))
        .filter((u) => u.authorUserId === null && u.authorName === user.name).at(-1)?.text === input.text;
      if (user.lenient && !to && (!input.text.trim() || repeated)) {
        if (inTransaction) await inTransaction(tx, report.id);
        return null;
      }
      if (to && !canTransition(from, to, staff ? "staff" : "citizen")) {
        throw staff ? fieldError("invalid_transition", "state", "invalid") : new AppError("forbidden");
      }
      if (to && input.visibility === "internal") throw fieldError("validation", "visibility", "invalid");
      // A citizen may reopen only their own report; anyone signed in may comment.
      if (to && !staff && (!user.userId || report.reporterUserId !== user.userId)) throw new AppError("forbidden");

      const update = await repo.insertUpdate(tx, {
        cityId: ctx.city.id, reportId: report.id, authorUserId: user.userId, authorName: user.name, authorRole: user.role,
        visibility: input.visibility, text: input.text, stateFrom: to ? from : null, stateTo: to ?? null, language: user.language,
      });
      await repo.insertPhotos(tx, photos.map((p) => ({
        id: p.id, cityId: ctx.city.id, reportId: report.id, updateId: update.id, storageKey: p.id, width: p.width, height: p.height, bytes: p.image.length,
      })));
      const history: Parameters<typeof repo.insertHistory>[1] = [{ cityId: ctx.city.id, reportId: report.id, actorUserId: user.userId, actorKind: user.role, action: input.visibility === "internal" ? "note" : "update", field: null, oldValue: null, newValue: update.id }];
      if (to) {
        const stamp = stateTimestamps[to];
        await repo.updateReport(tx, report.id, {
          state: to,
          // fixed_at names the fix the reporter's "Is it really fixed?" answers.
          ...(stamp ? { [stamp]: now } : {}),
          // The first staff response acknowledges the report.
          ...(staff && !report.acknowledgedAt ? { acknowledgedAt: now } : {}),
        });
        history.push({ cityId: ctx.city.id, reportId: report.id, actorUserId: user.userId, actorKind: user.role, action: "state", field: "state", oldValue: from, newValue: to });
      } else if (staff && input.visibility === "public" && !report.acknowledgedAt) {
        await repo.updateReport(tx, report.id, { acknowledgedAt: now });
      } else {
        await repo.updateReport(tx, report.id, {});
      }
      await repo.insertHistory(tx, history);

      // The reporter hears of every public staff response and state change, in their language,
      // unless they stopped these mails; a fix comes with the question "Is it really fixed?".
      if (input.visibility === "public" && (to || staff) && (!user.userId || report.reporterUserId !== user.userId)) {
        if (to === "fixed") {
          await queueReporterMail(ctx, tx, report, "fixFeedback", () => ({
            name: report.reporterName ?? "", title: report.title, ref: report.ref, text: input.text, link: fixFeedbackLink(ctx, report, now),
          }));
        } else {
          await queueReporterMail(ctx, tx, report, "reportUpdated", (lang) => ({
            name: report.reporterName ?? "", title: report.title, ref: report.ref, state: translator(lang)(`state.${to ?? from}`),
            text: input.text, link: `${ctx.publicUrl}/r/${report.ref}`,
          }));
        }
      }
      // The reporter reopening their fixed report says "not fixed": kept as their answer to
      // this fix (unless they already gave one), and the authority hears of it.
      if (to === "reopened" && from === "fixed" && !staff && report.fixedAt) {
        await feedback.insertFixFeedback(tx, {
          cityId: ctx.city.id, reportId: report.id, fixedAt: report.fixedAt, fixed: false, score: null, comment: input.text, language: user.language,
        });
        await notifyAuthorityNotFixed(ctx, tx, report, { comment: input.text, score: null });
      }
      if (input.visibility === "public") {
        const event: ReportUpdatedEvent = {
          reportId: report.id, ref: report.ref, title: report.title, updateId: update.id, text: input.text,
          stateFrom: update.stateFrom, stateTo: update.stateTo, state: to ?? from, authorUserId: user.userId, reporterEmail: report.reporterEmail,
          categoryCode: report.categoryCode, areaCode: report.areaCode, lat: report.lat, lon: report.lon,
        };
        await enqueue(tx, { topic: REPORT_UPDATED_TOPIC, cityId: ctx.city.id, payload: { ...event } });
      }
      if (inTransaction) await inTransaction(tx, report.id);
      const allPhotos = await repo.listPhotos(tx, [report.id]);
      if (input.visibility === "public") await publishLiveEvent(tx, { ...report, state: to ?? from }, to ? "report.state_changed" : "report.updated");
      return updateViewOf(ctx.publicUrl, update, allPhotos);
    });
  } catch (err) {
    await Promise.all(saved.map((id) => ctx.photos.remove(ctx.city.id, id)));
    throw err;
  }
}
