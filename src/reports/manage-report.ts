/**
 * Staff changes to a report other than its state: category, authority (re-routes it and
 * notifies the new authority; the correction is kept for training), assignee, priority
 * override, duplicate-of (the original gains a supporter). Each change is a history row, in
 * the same transaction.
 */
import { AppError, fieldError } from "../errors.ts";
import { findStaffMember, type Actor } from "../people/index.ts";
import { chooseAuthority } from "../routing/index.ts";
import { queueSend } from "./confirm-report.ts";
import { assertCanManage } from "./reports.access.ts";
import type { ReportsContext } from "./reports.context.ts";
import * as repo from "./reports.repo.ts";
import { publishLiveEvent } from "./reports.events.ts";
import { canTransition, isPublicState, type ReportState } from "./reports.lifecycle.ts";

export interface ManageReportInput {
  category?: string;
  authority?: string;
  assigneeId?: string | null;
  priority?: number;
  duplicateOf?: string;
}

export async function manageReport(ctx: ReportsContext, actor: Actor, ref: string, input: ManageReportInput) {
  const { city } = ctx;
  return ctx.db.transaction(async (tx) => {
    const report = await repo.findReportByRef(tx, city.id, ref, { forUpdate: true });
    if (!report) throw new AppError("not_found");
    const user = assertCanManage(actor, report);
    const changes: Partial<repo.ReportRow> = {};
    const history: { field: string; oldValue: string | null; newValue: string | null }[] = [];

    if (input.category && input.category !== report.categoryCode) {
      if (!city.categories.has(input.category)) throw fieldError("unknown_category", "category", "invalid");
      changes.categoryCode = input.category;
      history.push({ field: "category", oldValue: report.categoryCode, newValue: input.category });
      // A new category may belong to another authority, unless staff also chose one.
      if (!input.authority) {
        const location = city.areas.locate(report.lat, report.lon);
        if (location) changes.authorityId = chooseAuthority(city, input.category, location).id;
      }
    }
    if (input.authority) {
      const authority = city.authorityByCode.get(input.authority);
      if (!authority) throw fieldError("validation", "authority", "invalid");
      changes.authorityId = authority.id;
    }
    if (changes.authorityId === report.authorityId) delete changes.authorityId;
    if (changes.authorityId) {
      history.push({ field: "authority", oldValue: city.authorities.get(report.authorityId)?.code ?? null, newValue: city.authorities.get(changes.authorityId)?.code ?? null });
      changes.assigneeId = null;
    }
    if (input.assigneeId !== undefined && input.assigneeId !== report.assigneeId) {
      // Only someone who handles the report's (new) authority, or a city admin, can be given it.
      const assignee = input.assigneeId ? await findStaffMember(tx, city.id, input.assigneeId) : null;
      const authorityId = changes.authorityId ?? report.authorityId;
      if (assignee === undefined || (assignee && assignee.role !== "city_admin" && assignee.authorityId !== authorityId)) {
        throw fieldError("validation", "assigneeId", "not_assignable");
      }
      changes.assigneeId = input.assigneeId;
      history.push({ field: "assignee", oldValue: report.assigneeId, newValue: input.assigneeId });
    }
    // Confirming the AI's score as it stands is an override too: it then stops moving.
    if (input.priority !== undefined && (input.priority !== report.priority || !report.priorityOverridden)) {
      changes.priority = input.priority;
      // From now on re-scoring leaves it alone; the history row says who decided.
      changes.priorityOverridden = true;
      history.push({ field: "priority", oldValue: String(report.priority), newValue: String(input.priority) });
    }
    if (input.duplicateOf) {
      const original = await repo.findReportByRef(tx, city.id, input.duplicateOf);
      if (!original || original.id === report.id || !isPublicState(original.state)) throw fieldError("validation", "duplicateOf", "invalid");
      if (!canTransition(report.state as ReportState, "duplicate", "staff")) throw fieldError("invalid_transition", "duplicateOf", "invalid");
      changes.duplicateOfId = original.id;
      changes.state = "duplicate";
      history.push({ field: "duplicate_of", oldValue: null, newValue: original.ref }, { field: "state", oldValue: report.state, newValue: "duplicate" });
    }
    if (history.length === 0) return report;

    const updated = await repo.updateReport(tx, report.id, changes);
    await repo.insertHistory(tx, history.map((h) => ({ cityId: city.id, reportId: report.id, actorUserId: user.id, actorKind: user.role, action: "change", ...h })));
    // A corrected category teaches the next model, and changes the urgency.
    if (changes.categoryCode) await ctx.triage.onCategoryCorrected(tx, city, updated, report.categoryCode, user.id);
    // One more citizen reported the original's problem: it climbs the queue.
    if (changes.duplicateOfId) {
      const original = await repo.findReportById(tx, changes.duplicateOfId);
      if (original) await ctx.triage.rescore(tx, city, original);
    }
    // Re-routed: the new authority receives the report as if it had been sent to it first.
    if (changes.authorityId && updated.state !== "open") {
      await queueSend(ctx, tx, updated);
    }
    // Assignee and priority are the staff's business; the rest the public sees change.
    if (changes.state) await publishLiveEvent(tx, updated, "report.state_changed");
    else if (changes.categoryCode || changes.authorityId) await publishLiveEvent(tx, updated, "report.updated");
    return updated;
  });
}
