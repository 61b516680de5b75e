/**
 * Writing an event: called by the reports domain inside the transaction of the change, so an
 * event exists iff the change committed. Only public information goes in, and never a report
 * still awaiting its e-mail confirmation.
 */
import type { Tx } from "../db/client.ts";
import * as repo from "./events.repo.ts";
import type { LiveEventType } from "./events.schemas.ts";

export interface ReportEvent {
  type: LiveEventType;
  cityId: string;
  ref: string;
  category: string;
  area: string;
  lat: number;
  lon: number;
  state: string;
  title: string;
}

/** Records the event (returns its id), or nothing for a report the public cannot see. */
export async function recordReportEvent(tx: Tx, event: ReportEvent): Promise<number | undefined> {
  if (event.state === "open") return undefined;
  const { type, cityId, ref, category, area, lat, lon, state, title } = event;
  return repo.insertEvent(tx, { type, cityId, ref, category, area, lat, lon, state, title });
}
