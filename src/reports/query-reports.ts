/** Reading reports: the public list and page, the staff detail, photo access (the staff queue is in staff-queue.ts). */
import { normalizeForSearch } from "../ai/index.ts";
import { AppError, fieldError } from "../errors.ts";
import type { Language } from "../i18n/index.ts";
import { findTriage, urgencyView } from "../triage/index.ts";
import { requireUser, type Actor } from "../people/index.ts";
import { feedbackAwaited } from "./answer-fix-feedback.ts";
import { canManage } from "./reports.access.ts";
import { summarizeFixFeedback } from "./reports.feedback.repo.ts";
import { isConfirmedSupporter } from "./reports.supporters.repo.ts";
import type { ReportsContext } from "./reports.context.ts";
import { publicStates, states, type ReportState } from "./reports.lifecycle.ts";
import * as repo from "./reports.repo.ts";
import type { ListReportsQuery } from "./reports.schemas.ts";
import { listItemView, publicReportView, staffReportView, updateViewOf } from "./reports.views.ts";

function encodeCursor(c: repo.ListCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(s: string): repo.ListCursor {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as repo.ListCursor;
    if (typeof c.c === "string" && !Number.isNaN(Date.parse(c.c)) && typeof c.i === "string" && /^[0-9a-f-]{36}$/.test(c.i)
      && (c.p === undefined || Number.isInteger(c.p))) return c;
  } catch { /* fall through */ }
  throw fieldError("validation", "cursor", "invalid");
}

/** The filters the public list and the map share (everything but paging and format). */
export type FilterQuery = Omit<ListReportsQuery, "sort" | "limit" | "cursor" | "format">;

export function toFilter(ctx: ReportsContext, q: FilterQuery, allowedStates: readonly string[]): repo.ReportFilter {
  const authorityIds = q.authority?.map((code) => {
    const a = ctx.city.authorityByCode.get(code);
    if (!a) throw fieldError("validation", "authority", "invalid");
    return a.id;
  });
  const states = q.state ? q.state.filter((s) => allowedStates.includes(s)) : [...allowedStates];
  const parseDate = (v: string | undefined, field: string, endOfDay: boolean) => {
    if (!v) return undefined;
    const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
    if (endOfDay && v.length === 10) d.setUTCDate(d.getUTCDate() + 1);
    if (Number.isNaN(d.getTime())) throw fieldError("validation", field, "invalid");
    return d;
  };
  return {
    cityId: ctx.city.id, states, authorityIds, areaCodes: q.area, categories: q.category, bbox: q.bbox,
    search: q.q ? normalizeForSearch(q.q) : undefined, from: parseDate(q.from, "from", false), to: parseDate(q.to, "to", true),
  };
}

/** One page of a list and the cursor of the next (keyset: stable while reports come in). */
export async function page(ctx: ReportsContext, filter: repo.ReportFilter, q: { sort: repo.ListSort; limit: number; cursor?: string }) {
  const rows = await repo.listReports(ctx.db, filter, { sort: q.sort, limit: q.limit + 1, cursor: q.cursor ? decodeCursor(q.cursor) : undefined });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > q.limit && last
    ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id, ...(q.sort !== "newest" ? { p: last.priority } : {}) })
    : null;
  return { items, nextCursor };
}

/** A page of list rows shaped for the public list and a citizen's own list. */
async function listItemsPage(ctx: ReportsContext, filter: repo.ReportFilter, q: ListReportsQuery) {
  const { items, nextCursor } = await page(ctx, filter, q);
  return { items: items.map((r) => listItemView(ctx.city, ctx.publicUrl, r)), nextCursor };
}

export function listPublicReports(ctx: ReportsContext, q: ListReportsQuery) {
  return listItemsPage(ctx, toFilter(ctx, q, publicStates), q);
}

/** A signed-in citizen's own reports, in every state (unconfirmed ones too: they are theirs). */
export function listMyReports(ctx: ReportsContext, actor: Actor, q: ListReportsQuery) {
  const user = requireUser(actor);
  return listItemsPage(ctx, { ...toFilter(ctx, q, states), reporterUserId: user.id }, q);
}

/**
 * One report: the public view for everyone, the staff view (contacts, notes, history, the
 * reporter's answers to "Is it really fixed?") for its managers; and what this viewer may do
 * (`feedbackToken`: the e-mailed "Is it really fixed?" link the page was opened from).
 */
export async function getReport(ctx: ReportsContext, actor: Actor, ref: string, lang: Language = "fr", opts: { feedbackToken?: string } = {}) {
  const report = await repo.findReportByRef(ctx.db, ctx.city.id, ref);
  if (!report) throw new AppError("not_found");
  const manager = canManage(actor, report);
  // Unconfirmed reports exist only for their managers (staff may need to see spam, citizens may not).
  if (report.state === "open" && !manager) throw new AppError("not_found");
  const user = actor.kind === "user" ? actor : null;
  const [photos, updates, refs, supporting, feedbackAwaitedNow] = await Promise.all([
    repo.listPhotos(ctx.db, [report.id]),
    repo.listUpdates(ctx.db, report.id, manager),
    repo.findRefsByIds(ctx.db, report.duplicateOfId ? [report.duplicateOfId] : []),
    user ? isConfirmedSupporter(ctx.db, report.id, user.id) : false,
    feedbackAwaited(ctx, actor, report, opts.feedbackToken),
  ]);
  const duplicateRef = report.duplicateOfId ? refs.get(report.duplicateOfId) ?? null : null;
  const updateViews = updates.map((u) => updateViewOf(ctx.publicUrl, u, photos));
  const viewer = { reporter: user !== null && report.reporterUserId === user.id, supporting, feedbackAwaited: feedbackAwaitedNow };
  if (!manager) return { report: publicReportView(ctx.city, ctx.publicUrl, report, photos, duplicateRef), updates: updateViews, viewer };
  const [history, triage, fixFeedback] = await Promise.all([
    repo.listHistory(ctx.db, report.id), findTriage(ctx.db, report.id), summarizeFixFeedback(ctx.db, report.id),
  ]);
  return {
    report: {
      ...staffReportView(ctx.city, ctx.publicUrl, report, photos, duplicateRef),
      fixFeedback,
      triage: triage ? {
        modelVersion: triage.modelVersion, language: triage.language, languageConfidence: triage.languageConfidence, categories: triage.categories,
        urgency: urgencyView({ score: triage.urgencyScore, factors: triage.urgencyFactors }, lang), duplicates: triage.duplicates,
      } : null,
    },
    updates: updateViews,
    history: history.map((h) => ({ at: h.createdAt, action: h.action, field: h.field, from: h.oldValue, to: h.newValue, actor: h.actorKind, actorId: h.actorUserId })),
    viewer,
  };
}

/** A photo file may be served if its report is public and it is not on an internal note, or to the report's managers. */
export async function photoFile(ctx: ReportsContext, actor: Actor, id: string, variant: "full" | "thumb"): Promise<string> {
  const photo = await repo.findPhoto(ctx.db, id);
  if (!photo || photo.cityId !== ctx.city.id) throw new AppError("not_found");
  const hidden = (photo.state as ReportState) === "open" || photo.internal;
  if (hidden && !canManage(actor, { cityId: photo.cityId, authorityId: photo.authorityId })) throw new AppError("not_found");
  return ctx.photos.filePath(photo.cityId, photo.id, variant);
}
