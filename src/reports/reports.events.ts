/**
 * Events the reports domain publishes through the outbox, in the transaction of the change:
 * other domains (alerts today, live updates and Open311 later) subscribe by topic and never
 * reach into the reports tables. Live events for the public stream go to the events domain's
 * log in the same transaction.
 */
import type { Tx } from "../db/client.ts";
import { recordReportEvent, type LiveEventType } from "../events/index.ts";
import type { ReportRow } from "./reports.repo.ts";

export const REPORT_UPDATED_TOPIC = "report.updated";
export const REPORT_PUBLISHED_TOPIC = "report.published";

/** Where a report is and what it is about: what area, category and radius alerts match on. */
export interface ReportPlace {
  categoryCode: string;
  areaCode: string;
  lat: number;
  lon: number;
}

/** A report became public (confirmed by its reporter, or filed by a trusted reporter). */
export interface ReportPublishedEvent extends ReportPlace {
  reportId: string;
  ref: string;
  title: string;
  reporterEmail: string | null;
  reporterUserId: string | null;
}

/** A public update on a report: a comment, a response, or a state change. */
export interface ReportUpdatedEvent extends Partial<ReportPlace> {
  reportId: string;
  ref: string;
  title: string;
  updateId: string;
  text: string;
  stateFrom: string | null;
  stateTo: string | null;
  /** The state after the update. */
  state: string;
  authorUserId: string | null;
  /** The reporter already hears of it by the reporter's own mail; subscribers with this address are skipped. */
  reporterEmail: string | null;
}

/**
 * The public live event of a change (GET /api/events), written in the change's transaction.
 * Call it last in the transaction: it serializes event writers until their commit.
 */
export async function publishLiveEvent(tx: Tx, report: Pick<ReportRow, "cityId" | "ref" | "categoryCode" | "areaCode" | "lat" | "lon" | "state" | "title">, type: LiveEventType): Promise<void> {
  await recordReportEvent(tx, {
    type, cityId: report.cityId, ref: report.ref, category: report.categoryCode, area: report.areaCode,
    lat: report.lat, lon: report.lon, state: report.state, title: report.title,
  });
}
