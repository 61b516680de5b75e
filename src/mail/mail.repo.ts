/** The only SQL over mail_log: one row per e-mail handed to a transport. */
import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { mailLog } from "../db/schema.ts";

export async function logMail(db: Db, row: typeof mailLog.$inferInsert): Promise<void> {
  // Unique on outbox_id: a retried send of the same message keeps one row.
  await db.insert(mailLog).values(row).onConflictDoNothing();
}

export async function isLogged(db: Db, outboxId: number): Promise<boolean> {
  const [row] = await db.select({ id: mailLog.id }).from(mailLog).where(eq(mailLog.outboxId, outboxId));
  return row !== undefined;
}

export async function listMail(db: Db, cityId: string, limit: number) {
  return db.select().from(mailLog).where(eq(mailLog.cityId, cityId)).orderBy(desc(mailLog.id)).limit(limit);
}

export async function findMail(db: Db, cityId: string, id: number) {
  const [row] = await db.select().from(mailLog).where(eq(mailLog.id, id));
  return row && row.cityId === cityId ? row : undefined;
}
