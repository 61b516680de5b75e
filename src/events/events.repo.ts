/**
 * The only SQL of the events domain: writing an event in the caller's transaction, reading
 * the log after a cursor (live delivery and Last-Event-ID replay), and pruning old rows.
 */
import { and, asc, eq, gt, gte, inArray, lt, lte, max, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { liveEvents } from "../db/schema.ts";

export type LiveEventRow = typeof liveEvents.$inferSelect;
export type NewLiveEvent = Omit<typeof liveEvents.$inferInsert, "id" | "createdAt">;

/** NOTIFY channel; the payload is "<cityId>:<id>", listeners read the rows themselves. */
export const CHANNEL = "baladiya_events";
/**
 * Event writers take this transaction-level lock before taking an id, so ids are handed out
 * in commit order: a reader that has seen id n has seen every committed id below n, and a
 * cursor never skips a row committed late. It is held only from the insert to the commit.
 */
const ORDER_LOCK = 727275;

export async function insertEvent(tx: Tx, event: NewLiveEvent): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ORDER_LOCK})`);
  const [row] = await tx.insert(liveEvents).values(event).returning({ id: liveEvents.id });
  // Transactional: delivered at commit, dropped on rollback.
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${`${event.cityId}:${row!.id}`})`);
  return row!.id;
}

export async function lastEventId(db: Db): Promise<number> {
  const [row] = await db.select({ id: max(liveEvents.id) }).from(liveEvents);
  return row?.id ?? 0;
}

/** Every city's events after a cursor, oldest first: what a bus delivers. */
export async function eventsAfter(db: Db, after: number, limit: number): Promise<LiveEventRow[]> {
  return db.select().from(liveEvents).where(gt(liveEvents.id, after)).orderBy(asc(liveEvents.id)).limit(limit);
}

export interface EventFilterSql {
  bbox?: [number, number, number, number];
  area?: string[];
  category?: string[];
  report?: string[];
}

/** One city's events after a cursor that match a stream's filter: a reconnecting client's replay. */
export async function matchingEventsAfter(db: Db, cityId: string, after: number, filter: EventFilterSql, limit: number): Promise<LiveEventRow[]> {
  const where: SQL[] = [eq(liveEvents.cityId, cityId), gt(liveEvents.id, after)];
  if (filter.bbox) {
    const [west, south, east, north] = filter.bbox;
    where.push(gte(liveEvents.lon, west), lte(liveEvents.lon, east), gte(liveEvents.lat, south), lte(liveEvents.lat, north));
  }
  if (filter.area) where.push(inArray(liveEvents.area, filter.area));
  if (filter.category) where.push(inArray(liveEvents.category, filter.category));
  if (filter.report) where.push(inArray(liveEvents.ref, filter.report));
  return db.select().from(liveEvents).where(and(...where)).orderBy(asc(liveEvents.id)).limit(limit);
}

export async function deleteEventsBefore(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(liveEvents).where(lt(liveEvents.createdAt, before)).returning({ id: liveEvents.id });
  return rows.length;
}
