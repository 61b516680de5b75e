/** Shapes report rows into the public and staff views. The only place that decides what is public. */
import type { City } from "../cities/index.ts";
import type { ListRow, PhotoRow, ReportRow, UpdateRow } from "./reports.repo.ts";
import { closedStates, type ReportState } from "./reports.lifecycle.ts";

const DAY = 86_400_000;

/**
 * When a report is due: confirmed (or filed) plus its category's target days; overdue while
 * still to do after that. What the staff queue and the staff view show.
 */
export function dueOf(city: City, r: Pick<ReportRow, "categoryCode" | "confirmedAt" | "createdAt" | "state">, now = new Date()) {
  const category = city.categories.get(r.categoryCode);
  const dueAt = category ? new Date((r.confirmedAt ?? r.createdAt).getTime() + category.targetDays * DAY) : null;
  return { dueAt, overdue: dueAt !== null && dueAt < now && !closedStates.includes(r.state as ReportState) };
}

export function photoView(publicUrl: string, p: PhotoRow) {
  return { id: p.id, url: `${publicUrl}/api/photos/${p.id}.jpg`, thumbnailUrl: `${publicUrl}/api/photos/${p.id}.thumb.jpg`, width: p.width, height: p.height };
}

function authorityView(city: City, id: string) {
  const a = city.authorities.get(id);
  return { id, code: a?.code ?? "unknown", name: a?.name ?? {} };
}

export function publicReportView(city: City, publicUrl: string, r: ReportRow, photos: PhotoRow[], duplicateRef: string | null) {
  return {
    id: r.id, ref: r.ref, category: r.categoryCode, area: r.areaCode, prefecture: r.prefectureCode, authority: authorityView(city, r.authorityId),
    lat: r.lat, lon: r.lon, title: r.title, description: r.description, language: r.language, state: r.state as ReportState,
    priority: r.priority, reporterName: r.showName ? r.reporterName : null, duplicateOf: duplicateRef,
    createdAt: r.createdAt, updatedAt: r.updatedAt, confirmedAt: r.confirmedAt, fixedAt: r.fixedAt, closedAt: r.closedAt,
    photos: photos.filter((p) => p.updateId === null).map((p) => photoView(publicUrl, p)),
    trackingUrl: `${publicUrl}/r/${r.ref}`, supporterCount: r.supporterCount,
  };
}

export function staffReportView(city: City, publicUrl: string, r: ReportRow, photos: PhotoRow[], duplicateRef: string | null) {
  return {
    ...publicReportView(city, publicUrl, r, photos, duplicateRef),
    reporter: { name: r.reporterName, email: r.reporterEmail, phone: r.reporterPhone, showName: r.showName, userId: r.reporterUserId },
    source: r.source, externalId: r.externalId, attributes: r.attributes, assigneeId: r.assigneeId, acknowledgedAt: r.acknowledgedAt, priorityOverridden: r.priorityOverridden, ...dueOf(city, r),
  };
}

export function listItemView(city: City, publicUrl: string, r: ListRow) {
  return {
    ref: r.ref, category: r.categoryCode, area: r.areaCode, authority: city.authorities.get(r.authorityId)?.code ?? "unknown",
    lat: r.lat, lon: r.lon, title: r.title, language: r.language, state: r.state as ReportState, priority: r.priority,
    createdAt: r.createdAt, updatedAt: r.updatedAt, thumbnailUrl: r.thumbnailId ? `${publicUrl}/api/photos/${r.thumbnailId}.thumb.jpg` : null,
    supporterCount: r.supporterCount,
  };
}

export function updateViewOf(publicUrl: string, u: UpdateRow, photos: PhotoRow[]) {
  return {
    id: u.id, createdAt: u.createdAt, authorName: u.authorName, authorRole: u.authorRole, visibility: u.visibility as "public" | "internal",
    text: u.text, stateFrom: u.stateFrom as ReportState | null, stateTo: u.stateTo as ReportState | null,
    photos: photos.filter((p) => p.updateId === u.id).map((p) => photoView(publicUrl, p)),
  };
}
