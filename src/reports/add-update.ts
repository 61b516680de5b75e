/**
 * Updates on a report: public comments (citizens and staff, optionally with a photo),
 * internal notes (staff only), and state changes, recorded with the history and the
 * reporter's notification in one transaction.
 */
import { enqueue } from "../db/outbox.ts";
import { AppError, fieldError } from "../errors.ts";
import { isLanguage } from "../i18n/index.ts";
import { translator } from "../i18n/index.ts";
import { queueMail } from "../mail/index.ts";
import { requireUser, type Actor } from "../people/index.ts";
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

export async function addUpdate(ctx: ReportsContext, actor: Actor, ref: string, input: AddUpdateInput, photoBuffers: Buffer[]) {
  const user = requireUser(actor);
  const photos: ProcessedPhoto[] = [];
  for (const [i, b] of photoBuffers.entries()) photos.push(await processPhoto(b, `photos[${i}]`));

  const saved: string[] = [];
  try {
    for (const p of photos) { await ctx.photos.save(ctx.city.id, p); saved.push(p.id); }
    return await ctx.db.transaction(async (tx) => {
      const report = await repo.findReportByRef(tx, ctx.city.id, ref, { forUpdate: true });
      if (!report || !isPublicState(report.state)) throw new AppError("not_found");
      const staff = canManage(user, report);
      if (input.visibility === "internal" && !staff) throw new AppError("forbidden");
      const from = report.state as ReportState;
      const to = input.state && input.state !== from ? input.state : undefined;
      if (to && !canTransition(from, to, staff ? "staff" : "citizen")) {
        throw staff ? fieldError("invalid_transition", "state", "invalid") : new AppError("forbidden");
      }
      if (to && input.visibility === "internal") throw fieldError("validation", "visibility", "invalid");
      // A citizen may reopen only their own report; anyone signed in may comment.
      if (to && !staff && report.reporterUserId !== user.id) throw new AppError("forbidden");

      const update = await repo.insertUpdate(tx, {
        cityId: ctx.city.id, reportId: report.id, authorUserId: user.id, authorName: user.name, authorRole: user.role,
        visibility: input.visibility, text: input.text, stateFrom: to ? from : null, stateTo: to ?? null, language: user.language,
      });
      await repo.insertPhotos(tx, photos.map((p) => ({
        id: p.id, cityId: ctx.city.id, reportId: report.id, updateId: update.id, storageKey: p.id, width: p.width, height: p.height, bytes: p.image.length,
      })));
      const history: Parameters<typeof repo.insertHistory>[1] = [{ cityId: ctx.city.id, reportId: report.id, actorUserId: user.id, actorKind: user.role, action: input.visibility === "internal" ? "note" : "update", field: null, oldValue: null, newValue: update.id }];
      if (to) {
        const stamp = stateTimestamps[to];
        await repo.updateReport(tx, report.id, {
          state: to,
          ...(stamp ? { [stamp]: new Date() } : {}),
          // The first staff response acknowledges the report.
          ...(staff && !report.acknowledgedAt ? { acknowledgedAt: new Date() } : {}),
        });
        history.push({ cityId: ctx.city.id, reportId: report.id, actorUserId: user.id, actorKind: user.role, action: "state", field: "state", oldValue: from, newValue: to });
      } else if (staff && input.visibility === "public" && !report.acknowledgedAt) {
        await repo.updateReport(tx, report.id, { acknowledgedAt: new Date() });
      } else {
        await repo.updateReport(tx, report.id, {});
      }
      await repo.insertHistory(tx, history);

      // The reporter hears of every public staff response and state change, in their language.
      if (input.visibility === "public" && (to || staff) && report.reporterEmail && report.reporterUserId !== user.id) {
        const lang = isLanguage(report.language) ? report.language : ctx.city.manifest.defaultLanguage;
        await queueMail(tx, ctx.city.id, { email: report.reporterEmail, language: lang }, "reportUpdated", {
          name: report.reporterName ?? "", title: report.title, ref: report.ref, state: translator(lang)(`state.${to ?? from}`),
          text: input.text, link: `${ctx.publicUrl}/r/${report.ref}`,
        }, ctx.city.manifest.name[lang]);
      }
      if (input.visibility === "public") {
        const event: ReportUpdatedEvent = {
          reportId: report.id, ref: report.ref, title: report.title, updateId: update.id, text: input.text,
          stateFrom: update.stateFrom, stateTo: update.stateTo, state: to ?? from, authorUserId: user.id, reporterEmail: report.reporterEmail,
        };
        await enqueue(tx, { topic: REPORT_UPDATED_TOPIC, cityId: ctx.city.id, payload: { ...event } });
      }
      const allPhotos = await repo.listPhotos(tx, [report.id]);
      if (input.visibility === "public") await publishLiveEvent(tx, { ...report, state: to ?? from }, to ? "report.state_changed" : "report.updated");
      return updateViewOf(ctx.publicUrl, update, allPhotos);
    });
  } catch (err) {
    await Promise.all(saved.map((id) => ctx.photos.remove(ctx.city.id, id)));
    throw err;
  }
}
