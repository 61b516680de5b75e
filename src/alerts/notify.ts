/**
 * Deciding what one subscriber receives for one event, in one place: nothing if the address
 * is suppressed (bounced, complained); a place in the daily digest if they chose it or if
 * they already had MAX_INSTANT_PER_HOUR messages this hour (nobody is flooded, nothing is
 * dropped); otherwise an instant message through the outbox. The decision is a row keyed by
 * event and recipient, so a retried handler or two alerts matching one report give one message.
 */
import type { City } from "../cities/index.ts";
import type { Db, Tx } from "../db/client.ts";
import { enqueue } from "../db/outbox.ts";
import { isLanguage, type Language } from "../i18n/index.ts";
import { createSignedToken } from "../lib/signed-token.ts";
import * as repo from "./alerts.repo.ts";
import { renderNotification, type NotificationTemplate, type Params } from "./render.ts";

export const NOTIFICATION_TOPIC = "notification.send";
export const MAX_INSTANT_PER_HOUR = 10;
const LINK_TTL_SECONDS = 5 * 365 * 86400;

export interface NotifyDeps {
  db: Db;
  /** Read at send time: the public URL may be known only once the server listens. */
  config: { sessionSecret: string; publicUrl: string };
  city(cityId: string): City | undefined;
}

export interface NotificationEvent {
  /** Unique per event: "report.updated:<update id>", "announcement:<id>"... */
  key: string;
  template: NotificationTemplate;
  /** The template's parameters in the subscriber's language. */
  params(language: Language, subscription: repo.SubscriptionRow): Params;
  /** Sent at once whatever the subscriber's frequency (announcements, confirmations). */
  urgent?: boolean;
}

export function languageOf(subscription: { language: string }, city: City): Language {
  return isLanguage(subscription.language) ? subscription.language : city.manifest.defaultLanguage;
}

export function unsubscribeToken(secret: string, subscription: { id: string; kind: string }, ref: string | null): string {
  return createSignedToken(secret, "unsubscribe", `${subscription.id}/${ref ?? ""}`, LINK_TTL_SECONDS);
}

export function manageToken(secret: string, channel: string, address: string): string {
  return createSignedToken(secret, "manage-alerts", `${channel}:${address}`, LINK_TTL_SECONDS);
}

export function unsubscribeLinks(config: NotifyDeps["config"], subscription: repo.SubscriptionRow, ref: string | null) {
  const token = unsubscribeToken(config.sessionSecret, subscription, ref);
  return {
    unsubscribe: `${config.publicUrl}/subscriptions/unsubscribe?token=${token}`,
    oneClick: `${config.publicUrl}/api/subscriptions/unsubscribe/one-click?token=${token}`,
    manage: `${config.publicUrl}/alerts/manage?token=${manageToken(config.sessionSecret, subscription.channel, subscription.address)}`,
  };
}

/** Records and, when instant, queues the notification of `event` for `subscription`. Returns its status, or null if already decided. */
export async function notify(tx: Db | Tx, deps: NotifyDeps, city: City, subscription: repo.SubscriptionRow, event: NotificationEvent, now = new Date()): Promise<string | null> {
  const language = languageOf(subscription, city);
  const { channel, address } = subscription;
  const ref = subscription.kind === "report" ? (event.params(language, subscription).ref as string | undefined) ?? null : null;
  const links = unsubscribeLinks(deps.config, subscription, ref);
  const rendered = await renderNotification(tx, city.id, event.template, language, event.params(language, subscription),
    { unsubscribe: links.unsubscribe, manage: links.manage, cityName: city.manifest.name[language] ?? "" });
  let status: string;
  if (await repo.isSuppressed(tx, city.id, channel, address)) status = "suppressed";
  else if (event.urgent) status = "queued";
  else if (subscription.frequency === "daily") status = "digest";
  else status = await repo.recentInstantCount(tx, channel, address, new Date(now.getTime() - 3_600_000)) >= MAX_INSTANT_PER_HOUR ? "digest" : "queued";
  const row = await repo.insertNotification(tx, {
    cityId: city.id, subscriptionId: subscription.id, channel, address, language, eventKey: event.key, template: event.template,
    params: { ...rendered, oneClick: links.oneClick }, status,
  });
  if (!row) return null;
  if (status === "queued") await enqueue(tx, { topic: NOTIFICATION_TOPIC, cityId: city.id, payload: { notificationId: row.id }, dedupeKey: `notification:${row.id}` });
  return status;
}
