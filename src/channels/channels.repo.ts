/**
 * The only SQL of the channels module: the Web Push (VAPID) key pair kept in `settings`, so
 * every instance on one database signs with the same key and browsers' subscriptions, made
 * with its public half, keep working across restarts.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { settings } from "../db/schema.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const VAPID_KEY = "vapid";

/**
 * The stored key pair, or `generate()`'s when there is none yet. Two instances starting at
 * once may both generate: the first insert wins and both read back the winner.
 */
export async function storedVapidKeys(db: Db, generate: () => VapidKeys): Promise<VapidKeys> {
  const read = async () => {
    const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, VAPID_KEY));
    return row?.value as VapidKeys | undefined;
  };
  const existing = await read();
  if (existing) return existing;
  const keys = generate();
  await db.insert(settings).values({ key: VAPID_KEY, value: { publicKey: keys.publicKey, privateKey: keys.privateKey } }).onConflictDoNothing();
  return (await read())!;
}
