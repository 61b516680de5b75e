/**
 * Published reports and their public updates as flat records, for systems that follow the
 * city (Open311 requests and servicerequestupdates). What is public is decided here, as in
 * reports.views.ts: no e-mail, phone or name, no internal note, nothing still awaiting
 * confirmation.
 */
import type { ReportsContext } from "./reports.context.ts";
import { closedStates, type ReportState } from "./reports.lifecycle.ts";
import * as repo from "./reports.records.repo.ts";
import { dueOf } from "./reports.views.ts";

export interface PublicRecord {
  id: string;
  ref: string;
  category: string;
  area: string;
  authorityId: string;
  state: ReportState;
  title: string;
  description: string;
  lat: number;
  lon: number;
  createdAt: Date;
  updatedAt: Date;
  /** Confirmation (or filing) plus the category's target days, while there is work to do. */
  dueAt: Date | null;
  /** The latest public update's text. */
  note: string | null;
  photoUrl: string | null;
}

export interface PublicRecordQuery {
  refs?: string[];
  ids?: string[];
  categories?: string[];
  states?: readonly ReportState[];
  from?: Date;
  to?: Date;
  limit: number;
}

export async function listPublicRecords(ctx: ReportsContext, q: PublicRecordQuery): Promise<PublicRecord[]> {
  const rows = await repo.listRecords(ctx.db, {
    cityId: ctx.city.id, refs: q.refs, ids: q.ids, categories: q.categories, states: q.states ? [...q.states] : undefined, from: q.from, to: q.to,
  }, q.limit);
  return rows.map((r) => {
    const { dueAt } = dueOf(ctx.city, { ...r, state: r.state });
    return {
      id: r.id, ref: r.ref, category: r.categoryCode, area: r.areaCode, authorityId: r.authorityId, state: r.state as ReportState,
      title: r.title, description: r.description, lat: r.lat, lon: r.lon, createdAt: r.createdAt, updatedAt: r.updatedAt,
      dueAt: closedStates.includes(r.state as ReportState) ? null : dueAt, note: r.note,
      photoUrl: r.photoId ? `${ctx.publicUrl}/api/photos/${r.photoId}.jpg` : null,
    };
  });
}

export interface PublicUpdateRecord {
  id: string;
  ref: string;
  /** The state the update moved the report to, or the report's state now for a plain comment. */
  state: ReportState;
  text: string;
  at: Date;
  photoUrl: string | null;
}

export async function listPublicUpdateRecords(ctx: ReportsContext, q: { from: Date; to: Date; limit: number }): Promise<PublicUpdateRecord[]> {
  const rows = await repo.listUpdateRecords(ctx.db, { cityId: ctx.city.id, from: q.from, to: q.to }, q.limit);
  return rows.map((r) => ({
    id: r.key, ref: r.ref, state: (r.stateTo ?? r.state) as ReportState, text: r.text, at: r.at,
    photoUrl: r.photoId ? `${ctx.publicUrl}/api/photos/${r.photoId}.jpg` : null,
  }));
}
