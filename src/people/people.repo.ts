/** The only SQL over users, sessions and API tokens. */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { apiTokens, sessions, users } from "../db/schema.ts";

export type UserRow = typeof users.$inferSelect;
type Handle = Db | Tx;

export async function findUserByEmail(db: Handle, cityId: string, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(and(eq(users.cityId, cityId), sql`lower(${users.email}) = ${email.toLowerCase()}`));
  return row;
}

export async function findUserById(db: Handle, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(db: Handle, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(db: Handle, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

export async function listUsers(db: Handle, cityId: string, roles: string[]): Promise<UserRow[]> {
  return db.select().from(users).where(and(eq(users.cityId, cityId), sql`${users.role} in ${roles}`)).orderBy(users.email);
}

export async function insertSession(db: Handle, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** The session and its user, if the session is live and the user's security stamp still matches. */
export async function findLiveSession(db: Handle, tokenHash: string) {
  const [row] = await db.select({ session: sessions, user: users }).from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), isNull(users.disabledAt), eq(sessions.securityStamp, users.securityStamp)));
  return row;
}

export async function deleteSession(db: Handle, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOf(db: Handle, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function insertApiToken(db: Handle, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function findLiveApiToken(db: Handle, tokenHash: string) {
  const [row] = await db.select({ token: apiTokens, user: users }).from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
  if (row) await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
  return row;
}

export async function listApiTokens(db: Handle, userId: string) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(apiTokens.createdAt);
}

export async function revokeApiToken(db: Handle, userId: string, id: string): Promise<boolean> {
  const rows = await db.update(apiTokens).set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
  return rows.length > 0;
}
