/**
 * Server-Sent Events streams: a stream replays the log after the client's Last-Event-ID,
 * then follows the bus live, sending each matching event once and in id order. Holds the
 * per-address and total limits, the heartbeat, and the shutdown of every open stream.
 */
import type { ServerResponse } from "node:http";
import type { Db } from "../db/client.ts";
import type { EventBus, LiveEvent } from "./events.bus.ts";
import * as repo from "./events.repo.ts";
import type { EventData, EventsQuery } from "./events.schemas.ts";

export interface StreamLimits {
  perAddress: number;
  total: number;
  heartbeatMs: number;
  /** A client that reads slower than this much is buffered gets cut off (it resumes with Last-Event-ID). */
  maxBufferedBytes: number;
}

export const defaultLimits: StreamLimits = { perAddress: 8, total: 5000, heartbeatMs: 20_000, maxBufferedBytes: 1 << 20 };

const REPLAY_PAGE = 500;

export function matches(filter: EventsQuery, e: LiveEvent): boolean {
  if (filter.bbox) {
    const [west, south, east, north] = filter.bbox;
    if (e.lon < west || e.lon > east || e.lat < south || e.lat > north) return false;
  }
  if (filter.area && !filter.area.includes(e.area)) return false;
  if (filter.category && !filter.category.includes(e.category)) return false;
  if (filter.report && !filter.report.includes(e.ref)) return false;
  return true;
}

export function dataOf(e: LiveEvent): EventData {
  return { ref: e.ref, category: e.category, area: e.area, state: e.state, lat: e.lat, lon: e.lon, title: e.title, updatedAt: e.createdAt.toISOString() };
}

/** One event in the wire format (data is one JSON line, so no line of it can end the event early). */
export function frame(e: LiveEvent): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(dataOf(e))}\n\n`;
}

export class EventStreams {
  private readonly open = new Set<ServerResponse>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly db: Db, private readonly bus: EventBus, readonly limits: StreamLimits = defaultLimits) {}

  get count(): number {
    return this.open.size;
  }

  /** Whether one more stream from this address fits. */
  admits(address: string): boolean {
    return this.open.size < this.limits.total && (this.perAddress.get(address) ?? 0) < this.limits.perAddress;
  }

  /**
   * Runs a stream on a response whose headers are not yet sent, until the client goes away
   * or the server closes. `lastEventId` undefined: live events only.
   */
  async serve(res: ServerResponse, address: string, cityId: string, filter: EventsQuery, lastEventId: number | undefined): Promise<void> {
    // Until the starting point is known, live events are held back.
    let replaying = true;
    const held: LiveEvent[] = [];
    const unsubscribe = this.bus.subscribe(cityId, (e) => (replaying ? held.push(e) : send(e)));
    let last: number;
    try {
      // Without Last-Event-ID a stream starts at what is committed now (before the client
      // sees the headers), not at what this process's bus has caught up with.
      last = lastEventId ?? await repo.lastEventId(this.db);
    } catch {
      unsubscribe();
      res.writeHead(503, { "content-type": "application/problem+json" }).end(JSON.stringify({ type: "https://baladiya.org/problems/unavailable", status: 503 }));
      return;
    }

    this.open.add(res);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    let ended = false;
    const send = (e: LiveEvent) => {
      if (ended || res.destroyed || e.id <= last || !matches(filter, e)) return;
      last = e.id;
      res.write(frame(e));
      if (res.writableLength > this.limits.maxBufferedBytes) res.destroy();
    };
    const heartbeat = setInterval(() => { if (!ended && !res.destroyed) res.write(": ping\n\n"); }, this.limits.heartbeatMs);
    heartbeat.unref();
    const done = new Promise<void>((resolve) => {
      res.once("close", () => {
        ended = true;
        unsubscribe();
        clearInterval(heartbeat);
        this.open.delete(res);
        const n = (this.perAddress.get(address) ?? 1) - 1;
        if (n > 0) this.perAddress.set(address, n); else this.perAddress.delete(address);
        resolve();
      });
    });

    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      // Proxies (nginx) would otherwise hold events back to fill a buffer.
      "x-accel-buffering": "no",
    });
    // How long EventSource waits before reconnecting.
    res.write("retry: 3000\n\n");

    try {
      // Listening before reading: an event committed during the replay is held, then sent unless the replay had it.
      while (lastEventId !== undefined && !ended) {
        const rows = await repo.matchingEventsAfter(this.db, cityId, last, filter, REPLAY_PAGE);
        for (const row of rows) send(row);
        if (rows.length < REPLAY_PAGE) break;
      }
    } catch {
      // The client reconnects with the last id it got.
      res.destroy();
    }
    replaying = false;
    for (const e of held.splice(0)) send(e);
    return done;
  }

  /** Ends every open stream (shutdown): clients reconnect, to another instance if there is one. */
  closeAll(): void {
    for (const res of this.open) res.end();
  }
}
