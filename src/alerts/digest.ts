/**
 * The daily digest: what subscribers who chose "once a day" (and anyone over the hourly
 * limit) did not get at once, gathered into one message per address at DIGEST_HOUR Moroccan
 * time. An hourly outbox job per city (dedupe key per hour, like the triage re-scoring) checks
 * the hour; the digest itself is a notification
 * keyed by its first item, written in the transaction that marks its items sent: a crash
 * mid-run sends nobody two digests and loses no item.
 */
import type { City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import { displayTimeZone } from "../i18n/index.ts";
import * as repo from "./alerts.repo.ts";
import { notify, type NotifyDeps } from "./notify.ts";
import type { RenderedNotification } from "./render.ts";

export const DIGEST_TOPIC = "alerts.digest";
export const DIGEST_HOUR = 18;
const HOUR = 3_600_000;
const BATCH = 5000;

const hourKey = (cityId: string, at: Date) => `${DIGEST_TOPIC}:${cityId}:${at.toISOString().slice(0, 13)}`;

export async function scheduleDigest(db: Db, cityId: string, at = new Date()): Promise<void> {
  await enqueue(db, { topic: DIGEST_TOPIC, cityId, payload: {}, runAfter: at, dedupeKey: hourKey(cityId, at) });
}

/** The hour of day (0–23) in Casablanca. */
function localHour(at: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: displayTimeZone, hour: "2-digit", hourCycle: "h23" }).format(at));
}

/** Sends every waiting digest of the city now; returns how many addresses got one. */
export async function sendDigests(deps: NotifyDeps, city: City, now = new Date()): Promise<number> {
  const items = await repo.pendingDigestItems(deps.db, city.id, BATCH);
  const byRecipient = new Map<string, repo.NotificationRow[]>();
  for (const item of items) {
    const key = `${item.channel}\u0000${item.address}`;
    byRecipient.set(key, [...byRecipient.get(key) ?? [], item]);
  }
  let sent = 0;
  for (const rows of byRecipient.values()) {
    // The digest goes with the newest alert of this address still there (for its links and language).
    const subscriptionId = rows.map((r) => r.subscriptionId).filter((id): id is string => id !== null).at(-1);
    const subscription = subscriptionId ? await repo.findSubscription(deps.db, subscriptionId) : undefined;
    await deps.db.transaction(async (tx) => {
      if (subscription) {
        const lines = rows.map((r) => `• ${(r.params as unknown as RenderedNotification).line}`);
        await notify(tx, deps, city, subscription, {
          key: `digest:${rows[0]!.id}`, template: "digest", urgent: true,
          params: () => ({ count: rows.length, items: lines.join("\n"), link: `${deps.config.publicUrl}/` }),
        }, now);
        sent++;
      }
      await repo.setNotificationStatus(tx, rows.map((r) => r.id), subscription ? "sent" : "suppressed");
    });
  }
  return sent;
}

export function digestHandler(deps: NotifyDeps): OutboxHandler {
  return async (message) => {
    const city = message.cityId ? deps.city(message.cityId) : undefined;
    if (!city) return { ok: true, result: { skipped: "unknown city" } };
    const now = new Date();
    const sent = localHour(now) === DIGEST_HOUR ? await sendDigests(deps, city, now) : 0;
    await scheduleDigest(deps.db, city.id, new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR));
    return { ok: true, result: { sent } };
  };
}
