/**
 * Delivers committed events to this process's streams. Event writers NOTIFY in their
 * transaction; the bus LISTENs (PostgreSQL: on a dedicated `pg` connection, so every process
 * on the database hears every other; PGlite: the embedded instance's own notifications, in
 * process) and, on each notification, reads the log after its cursor and hands the rows to
 * the streams of their city in id order. The notification is only a wake-up: a lost one
 * (a dropped LISTEN connection) costs nothing, since the bus catches up from the log when it
 * reconnects.
 */
import type { FastifyBaseLogger } from "fastify";
import pg from "pg";
import type { Database } from "../db/client.ts";
import * as repo from "./events.repo.ts";

export type LiveEvent = repo.LiveEventRow;
type Listener = { cityId: string; deliver: (event: LiveEvent) => void };

const PAGE = 500;

export class EventBus {
  private cursor = 0;
  private readonly listeners = new Set<Listener>();
  private pulling: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private client: pg.Client | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private retry: NodeJS.Timeout | undefined;
  private reconnectDelay = 500;

  constructor(private readonly database: Database, private readonly log: FastifyBaseLogger) {}

  async start(): Promise<void> {
    this.cursor = await repo.lastEventId(this.database.db);
    if (this.database.pglite) {
      this.unlisten = await this.database.pglite.listen(repo.CHANNEL, () => this.poke());
    } else if (this.database.url) {
      await this.connect();
    }
  }

  /** Adds a stream's listener for one city; returns its removal. */
  subscribe(cityId: string, deliver: (event: LiveEvent) => void): () => void {
    const listener = { cityId, deliver };
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Reads what was committed after the cursor (coalesced: one read at a time, then one more if poked meanwhile). */
  poke(): void {
    if (this.closed) return;
    if (this.pulling) { this.again = true; return; }
    this.pulling = this.pull().finally(() => { this.pulling = undefined; });
  }

  /** Resolves once everything committed before the call has been delivered (tests, shutdown). */
  async settle(): Promise<void> {
    this.poke();
    while (this.pulling) await this.pulling;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.pulling;
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => {});
    if (this.unlisten) await this.unlisten().catch(() => {});
    this.listeners.clear();
  }

  private async pull(): Promise<void> {
    try {
      do {
        this.again = false;
        for (;;) {
          const rows = await repo.eventsAfter(this.database.db, this.cursor, PAGE);
          for (const row of rows) {
            this.cursor = row.id;
            for (const l of this.listeners) {
              if (l.cityId !== row.cityId) continue;
              try { l.deliver(row); } catch (err) { this.log.warn({ err }, "event listener failed"); }
            }
          }
          if (rows.length < PAGE || this.closed) break;
        }
      } while (this.again && !this.closed);
    } catch (err) {
      if (this.closed) return;
      this.log.error({ err }, "reading the event log failed; retrying");
      this.retry = setTimeout(() => this.poke(), 1000);
      this.retry.unref();
    }
  }

  /** A dedicated connection for LISTEN (a pooled one would be handed to queries and lose it). */
  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.database.url });
    const lost = (err?: Error) => {
      if (this.client !== client || this.closed) return;
      this.client = undefined;
      this.log.warn({ err }, "event LISTEN connection lost; reconnecting");
      client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", () => this.poke());
    try {
      await client.connect();
      await client.query(`listen ${repo.CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closed) { await client.end().catch(() => {}); return; }
    this.client = client;
    this.reconnectDelay = 500;
  }

  private scheduleReconnect(): void {
    this.retry = setTimeout(async () => {
      if (this.closed) return;
      try {
        await this.connect();
        // Whatever was committed while nobody listened is in the log.
        this.poke();
      } catch (err) {
        this.log.warn({ err }, "event LISTEN reconnect failed");
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, 30_000);
        this.scheduleReconnect();
      }
    }, this.reconnectDelay);
    this.retry.unref();
  }
}
