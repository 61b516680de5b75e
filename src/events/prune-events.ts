/**
 * The event log keeps a week: enough for any client to come back with its Last-Event-ID.
 * An hourly outbox job prunes it, so with several instances one of them does it, and the
 * hour's dedupe key makes a restart or a second instance enqueue nothing twice.
 */
import type { Db } from "../db/client.ts";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import { deleteEventsBefore } from "./events.repo.ts";

export const PRUNE_EVENTS_TOPIC = "events.prune";
export const EVENT_RETENTION_DAYS = 7;
const HOUR = 3_600_000;

const hourKey = (at: Date) => `${PRUNE_EVENTS_TOPIC}:${at.toISOString().slice(0, 13)}`;

export async function schedulePruneEvents(db: Db, at = new Date()): Promise<void> {
  await enqueue(db, { topic: PRUNE_EVENTS_TOPIC, cityId: null, payload: {}, runAfter: at, dedupeKey: hourKey(at) });
}

export async function pruneEvents(db: Db, now = new Date()): Promise<number> {
  return deleteEventsBefore(db, new Date(now.getTime() - EVENT_RETENTION_DAYS * 86_400_000));
}

export function pruneEventsHandler(db: Db): OutboxHandler {
  return async () => {
    const pruned = await pruneEvents(db);
    await schedulePruneEvents(db, new Date(Date.now() + HOUR));
    return { ok: true, result: { pruned } };
  };
}
