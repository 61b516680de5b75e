/**
 * The only SQL over the Open311 tables: API clients and the tokens of filed requests (server
 * half); poll cursors and applied back-office updates (client half).
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { open311Clients, open311PollCursors, open311RemoteUpdates, open311Tokens } from "../db/schema.ts";

export type ClientRow = typeof open311Clients.$inferSelect;
type Handle = Db | Tx;

export async function insertClient(db: Handle, values: typeof open311Clients.$inferInsert): Promise<ClientRow> {
  const [row] = await db.insert(open311Clients).values(values).returning();
  return row!;
}

export async function listClients(db: Handle, cityId: string): Promise<ClientRow[]> {
  return db.select().from(open311Clients).where(eq(open311Clients.cityId, cityId)).orderBy(desc(open311Clients.createdAt));
}

/** Revokes a live client of the city; undefined when there is none by that id. */
export async function revokeClient(db: Handle, cityId: string, id: string): Promise<ClientRow | undefined> {
  const [row] = await db.update(open311Clients).set({ revokedAt: sql`coalesce(${open311Clients.revokedAt}, now())` })
    .where(and(eq(open311Clients.cityId, cityId), eq(open311Clients.id, id))).returning();
  return row;
}

/** A live (not revoked) client by its key's hash, marked as used now. */
export async function useClientByKeyHash(db: Handle, keyHash: string): Promise<ClientRow | undefined> {
  const [row] = await db.update(open311Clients).set({ lastUsedAt: new Date() })
    .where(and(eq(open311Clients.keyHash, keyHash), isNull(open311Clients.revokedAt))).returning();
  return row;
}

export async function insertToken(db: Handle, values: typeof open311Tokens.$inferInsert): Promise<void> {
  await db.insert(open311Tokens).values(values);
}

export async function findToken(db: Handle, cityId: string, token: string) {
  const [row] = await db.select().from(open311Tokens).where(and(eq(open311Tokens.cityId, cityId), eq(open311Tokens.token, token)));
  return row;
}

export type PollCursorRow = typeof open311PollCursors.$inferSelect;

export async function findPollCursor(db: Handle, authorityId: string): Promise<PollCursorRow | undefined> {
  const [row] = await db.select().from(open311PollCursors).where(eq(open311PollCursors.authorityId, authorityId));
  return row;
}

/** Records a poll: when, how far it read (unchanged when lastUpdateAt is undefined), and its error or none. */
export async function savePollCursor(db: Handle, values: { authorityId: string; cityId: string; polledAt: Date; lastUpdateAt?: Date; lastError: string | null }): Promise<void> {
  await db.insert(open311PollCursors).values(values).onConflictDoUpdate({
    target: open311PollCursors.authorityId,
    set: { polledAt: values.polledAt, lastError: values.lastError, ...(values.lastUpdateAt ? { lastUpdateAt: values.lastUpdateAt } : {}) },
  });
}

export async function listPollCursors(db: Handle, cityId: string): Promise<PollCursorRow[]> {
  return db.select().from(open311PollCursors).where(eq(open311PollCursors.cityId, cityId));
}

/** The back-office update ids of this authority already applied, among these. */
export async function appliedUpdateIds(db: Handle, authorityId: string, updateIds: string[]): Promise<Set<string>> {
  if (!updateIds.length) return new Set();
  const rows = await db.select({ updateId: open311RemoteUpdates.updateId }).from(open311RemoteUpdates)
    .where(and(eq(open311RemoteUpdates.authorityId, authorityId), inArray(open311RemoteUpdates.updateId, updateIds)));
  return new Set(rows.map((r) => r.updateId));
}

/** Marks a back-office update applied; a second poller applying the same one fails here and its transaction rolls back. */
export async function insertRemoteUpdate(db: Handle, values: typeof open311RemoteUpdates.$inferInsert): Promise<void> {
  await db.insert(open311RemoteUpdates).values(values);
}
