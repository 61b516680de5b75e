/**
 * The transactional outbox. Producers call `enqueue(tx, ...)` inside the transaction of the
 * change the message announces, so a message exists if and only if the change committed.
 * Workers claim due rows with FOR UPDATE SKIP LOCKED and a lease, so one process or many
 * can run side by side; failures are retried with exponential back-off, then dead-lettered.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Db, Tx } from "./client.ts";
import { outbox } from "./schema.ts";

export type OutboxRow = typeof outbox.$inferSelect;
export type HandlerResult = { ok: true; result?: Record<string, unknown> } | { ok: false; error: string; retryable: boolean };
export type OutboxHandler = (message: OutboxRow) => Promise<HandlerResult>;

export async function enqueue(tx: Db | Tx, message: { topic: string; cityId: string | null; payload: Record<string, unknown>; runAfter?: Date; dedupeKey?: string }) {
  await tx.insert(outbox).values({
    topic: message.topic, cityId: message.cityId, payload: message.payload, runAfter: message.runAfter ?? new Date(), dedupeKey: message.dedupeKey ?? null,
  }).onConflictDoNothing({ target: outbox.dedupeKey });
}

export const MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min ... capped at 1 h, with ±20% jitter so retries of a burst spread out. */
export function backoffSeconds(attempt: number): number {
  const base = Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export class OutboxWorker {
  private readonly handlers = new Map<string, OutboxHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;

  constructor(private readonly db: Db, private readonly log: FastifyBaseLogger, private readonly opts: { batchSize?: number; pollMs?: number; concurrency?: number; leaseSeconds?: number } = {}) {}

  register(topic: string, handler: OutboxHandler): this {
    this.handlers.set(topic, handler);
    return this;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Ask for a run soon (after a commit that enqueued something). */
  poke(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** Processes every due message until none is left; returns how many were handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) return total;
    }
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { void this.tick(); }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    try {
      const n = await this.runOnce();
      if (!this.stopped) this.schedule(n > 0 ? 0 : this.opts.pollMs ?? 1000);
    } catch (err) {
      this.log.error({ err }, "outbox worker run failed");
      if (!this.stopped) this.schedule(5000);
    }
  }

  runOnce(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.processBatch().finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Handles a claimed batch a few messages at a time: sending is mostly waiting on SMTP, files or the database. */
  private async processBatch(): Promise<number> {
    const claimed = await this.claim(this.opts.batchSize ?? 20);
    let next = 0;
    const lane = async () => { while (next < claimed.length) await this.handle(claimed[next++]!); };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency ?? 4, claimed.length) }, lane));
    return claimed.length;
  }

  /** One statement: lock due rows nobody else holds, lease them, return them. */
  private async claim(limit: number): Promise<OutboxRow[]> {
    const due = this.db.select({ id: outbox.id }).from(outbox)
      .where(and(eq(outbox.status, "pending"), sql`${outbox.runAfter} <= now()`, sql`(${outbox.lockedUntil} is null or ${outbox.lockedUntil} < now())`))
      .orderBy(asc(outbox.id)).limit(limit).for("update", { skipLocked: true });
    const claimed = await this.db.update(outbox)
      .set({ lockedUntil: sql`now() + make_interval(secs => ${this.opts.leaseSeconds ?? 120})`, attempts: sql`${outbox.attempts} + 1` })
      .where(inArray(outbox.id, due)).returning();
    return claimed.sort((a, b) => a.id - b.id);
  }

  private async handle(message: OutboxRow): Promise<void> {
    const handler = this.handlers.get(message.topic);
    let outcome: HandlerResult;
    try {
      outcome = handler ? await handler(message) : { ok: false, error: `no handler for topic "${message.topic}"`, retryable: false };
    } catch (err) {
      outcome = { ok: false, error: (err as Error).message || String(err), retryable: true };
    }
    if (outcome.ok) {
      await this.db.update(outbox).set({ status: "done", doneAt: new Date(), lockedUntil: null, result: outcome.result ?? null, lastError: null })
        .where(eq(outbox.id, message.id));
      return;
    }
    const dead = !outcome.retryable || message.attempts >= MAX_ATTEMPTS;
    this.log.warn({ outboxId: message.id, topic: message.topic, attempts: message.attempts, dead, error: outcome.error }, "outbox message failed");
    await this.db.update(outbox).set({
      status: dead ? "dead" : "pending",
      lockedUntil: null,
      lastError: outcome.error.slice(0, 2000),
      runAfter: dead ? message.runAfter : new Date(Date.now() + backoffSeconds(message.attempts) * 1000),
    }).where(eq(outbox.id, message.id));
  }
}

/** Admin views: dead letters and a requeue. */
export async function listOutbox(db: Db, cityId: string, status: "pending" | "dead" | "done", limit = 100): Promise<OutboxRow[]> {
  return db.select().from(outbox).where(and(eq(outbox.cityId, cityId), eq(outbox.status, status))).orderBy(asc(outbox.id)).limit(limit);
}

export async function requeue(db: Db, cityId: string, id: number): Promise<boolean> {
  const rows = await db.update(outbox).set({ status: "pending", runAfter: new Date(), lockedUntil: null, attempts: 0 })
    .where(and(eq(outbox.id, id), eq(outbox.cityId, cityId), eq(outbox.status, "dead"))).returning({ id: outbox.id });
  return rows.length > 0;
}
