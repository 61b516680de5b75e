/** References of reports by id, for other domains that keep report ids (subscriptions). */
import type { Db } from "../db/client.ts";
import { findRefsByIds } from "./reports.repo.ts";

export async function reportRefs(db: Db, ids: string[]): Promise<Map<string, string>> {
  return ids.length ? findRefsByIds(db, ids) : new Map();
}
