/**
 * Finished outbox messages are kept 30 days (what admins look back on, and longer than any
 * staff export's file lives), then deleted: the periodic jobs alone — the stored figures'
 * refresh every 5 minutes, the hourly re-scoring and pruning — add ~400 rows a day that would
 * otherwise stay for ever. Dead letters stay until an admin re-queues them. A daily outbox job,
 * so with several instances one of them does it; the day's dedupe key makes a restart or a
 * second instance enqueue nothing twice.
 */
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "./client.ts";
import { enqueue, type OutboxHandler } from "./outbox.ts";
import { outbox } from "./schema.ts";

export const PRUNE_OUTBOX_TOPIC = "outbox.prune";
export const DONE_RETENTION_DAYS = 30;
const DAY = 86_400_000;
/** Rows deleted per statement: a short lock each, however many have piled up. */
const BATCH = 5_000;

export async function scheduleOutboxPrune(db: Db, at = new Date()): Promise<void> {
  await enqueue(db, { topic: PRUNE_OUTBOX_TOPIC, cityId: null, payload: {}, runAfter: at, dedupeKey: `${PRUNE_OUTBOX_TOPIC}:${at.toISOString().slice(0, 10)}` });
}

/** Deletes the messages done before `now` − 30 days; returns how many. */
export async function pruneOutbox(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - DONE_RETENTION_DAYS * DAY);
  let pruned = 0;
  for (;;) {
    const batch = db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.status, "done"), lt(outbox.doneAt, before))).limit(BATCH);
    const gone = await db.delete(outbox).where(inArray(outbox.id, batch)).returning({ id: outbox.id });
    pruned += gone.length;
    if (gone.length < BATCH) return pruned;
  }
}

export function pruneOutboxHandler(db: Db): OutboxHandler {
  return async () => {
    const pruned = await pruneOutbox(db);
    await scheduleOutboxPrune(db, new Date(Date.now() + DAY));
    return { ok: true, result: { pruned } };
  };
}
