/**
 * The ids authorities' own systems give our reports (reports.external_id): kept when a
 * sender gets one, and read by the Open311 poller to follow those systems' updates.
 */
import type { Db } from "../db/client.ts";
import { openStates } from "./reports.lifecycle.ts";
import * as repo from "./reports.repo.ts";

export function recordExternalId(db: Db, reportId: string, externalId: string): Promise<void> {
  return repo.setExternalId(db, reportId, externalId);
}

/** The external ids of an authority's reports still open here (for systems that can only be asked request by request). */
export function openExternalIds(db: Db, cityId: string, authorityId: string, limit = 1000): Promise<{ externalId: string; state: string }[]> {
  return repo.listExternalIds(db, cityId, authorityId, openStates, limit);
}
