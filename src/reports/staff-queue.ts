/**
 * The staff queue: the reports of the staff member's authority (the whole city's for admins),
 * every state but unconfirmed, with what triage needs (assignee, due date, overdue), and the
 * counts per state its tabs show.
 */
import { AppError } from "../errors.ts";
import type { Language } from "../i18n/index.ts";
import { findTriages, urgencyView, type TriageRow } from "../triage/index.ts";
import { requireStaff, type Actor, type UserActor } from "../people/index.ts";
import { page, toFilter } from "./query-reports.ts";
import type { ReportsContext } from "./reports.context.ts";
import { openStates, publicStates, type ReportState } from "./reports.lifecycle.ts";
import * as repo from "./reports.repo.ts";
import type { StaffCountsQuery, StaffListQuery } from "./reports.schemas.ts";
import { dueOf, listItemView } from "./reports.views.ts";

const DAY = 86_400_000;

/** Each category's cutoff: a report still to do, confirmed before it, is overdue. */
function dueCutoffs(ctx: ReportsContext, now: Date): repo.DueCutoffs {
  return [...ctx.city.categories.values()].map((c) => ({ category: c.code, before: new Date(now.getTime() - c.targetDays * DAY) }));
}

function staffFilter(ctx: ReportsContext, staff: UserActor, q: StaffCountsQuery & { state?: ReportState[] }, now: Date): repo.ReportFilter {
  const filter = toFilter(ctx, q, publicStates);
  if (staff.role === "staff") {
    if (filter.authorityIds && !filter.authorityIds.every((id) => id === staff.authorityId)) throw new AppError("forbidden");
    filter.authorityIds = [staff.authorityId!];
  }
  if (q.assignee) filter.assigneeId = q.assignee === "me" ? staff.id : q.assignee === "none" ? null : q.assignee;
  if (q.overdue) {
    filter.overdue = dueCutoffs(ctx, now);
    filter.states = filter.states?.filter((s) => (openStates as string[]).includes(s));
  }
  return filter;
}

function staffItemView(ctx: ReportsContext, r: repo.ListRow, now: Date, triage: TriageRow | undefined, lang: Language) {
  const reasons = triage
    ? urgencyView({ score: triage.urgencyScore, factors: triage.urgencyFactors }, lang).factors.sort((a, b) => b.points - a.points).map((f) => f.text)
    : [];
  return { ...listItemView(ctx.city, ctx.publicUrl, r), assigneeId: r.assigneeId, acknowledgedAt: r.acknowledgedAt, ...dueOf(ctx.city, r, now), reasons };
}

export async function listStaffQueue(ctx: ReportsContext, actor: Actor, q: StaffListQuery, lang: Language = "fr") {
  const staff = requireStaff(actor);
  const now = new Date();
  const { items, nextCursor } = await page(ctx, staffFilter(ctx, staff, q, now), q);
  const triages = await findTriages(ctx.db, items.map((r) => r.id));
  return { items: items.map((r) => staffItemView(ctx, r, now, triages.get(r.id), lang)), nextCursor };
}

export async function countStaffQueue(ctx: ReportsContext, actor: Actor, q: StaffCountsQuery) {
  const staff = requireStaff(actor);
  const now = new Date();
  const rows = await repo.countReportsByState(ctx.db, staffFilter(ctx, staff, q, now), dueCutoffs(ctx, now));
  const states = Object.fromEntries(publicStates.map((s) => [s, 0])) as Partial<Record<ReportState, number>>;
  let total = 0;
  let overdue = 0;
  for (const row of rows) {
    states[row.state as ReportState] = row.count;
    total += row.count;
    if ((openStates as string[]).includes(row.state)) overdue += row.overdue;
  }
  return { total, overdue, states };
}
