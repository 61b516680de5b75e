/**
 * Sends one decided notification on its channel, from the outbox. E-mail goes on to the mail
 * topic (SMTP, retries, mail log) with RFC 8058 one-click unsubscribe headers; push, SMS and
 * WhatsApp go to their channel, and an address the channel says is gone for good is
 * suppressed (a push subscription the browser dropped is deleted). A notification already
 * handled (status no longer "queued") is not sent again.
 */
import type { Channel, ChannelName } from "../channels/index.ts";
import type { Db } from "../db/client.ts";
import type { OutboxHandler } from "../db/outbox.ts";
import { isLanguage } from "../i18n/index.ts";
import { queueMessage } from "../mail/index.ts";
import * as repo from "./alerts.repo.ts";
import type { RenderedNotification } from "./render.ts";

export interface DeliverDeps {
  db: Db;
  channels: Partial<Record<ChannelName, Channel>>;
}

export function deliverNotificationHandler(deps: DeliverDeps): OutboxHandler {
  return async (message) => {
    const id = Number(message.payload.notificationId);
    const notification = await repo.findNotification(deps.db, id);
    // Unsubscribed since (the row went with its subscription) or handled already.
    if (!notification || notification.status !== "queued") return { ok: true, result: { skipped: notification?.status ?? "gone" } };
    const { cityId, channel, address } = notification;
    if (await repo.isSuppressed(deps.db, cityId, channel, address)) {
      await repo.setNotificationStatus(deps.db, [id], "suppressed");
      return { ok: true, result: { suppressed: true } };
    }
    const body = notification.params as unknown as RenderedNotification & { oneClick?: string };
    const language = isLanguage(notification.language) ? notification.language : "fr";

    if (channel === "email") {
      await deps.db.transaction(async (tx) => {
        await queueMessage(tx, cityId, {
          to: address, language, subject: body.subject, text: body.text,
          headers: body.oneClick ? { "List-Unsubscribe": `<${body.oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {},
        }, { dedupeKey: `mail:notification:${id}` });
        await repo.setNotificationStatus(tx, [id], "sent");
      });
      return { ok: true };
    }

    const sender = deps.channels[channel as ChannelName];
    if (!sender) return { ok: false, error: `no ${channel} channel configured`, retryable: false };
    const subscription = notification.subscriptionId ? await repo.findSubscription(deps.db, notification.subscriptionId) : undefined;
    const result = await sender.send({
      address, pushKeys: subscription?.pushKeys ?? null, language, subject: body.subject,
      text: channel === "push" ? body.line : `${body.line}${body.url && !body.line.includes(body.url) ? ` ${body.url}` : ""}`,
      url: body.url, key: `notification-${id}`,
    });
    if (result.ok) {
      await repo.setNotificationStatus(deps.db, [id], "sent");
      return { ok: true, result: result.id ? { id: result.id } : {} };
    }
    if (result.gone) {
      await repo.suppress(deps.db, { cityId, channel, address, reason: "gone", detail: result.error.slice(0, 500) });
      if (channel === "push" && subscription) await repo.deleteSubscription(deps.db, subscription.id);
      await repo.setNotificationStatus(deps.db, [id], "suppressed");
      return { ok: true, result: { gone: true } };
    }
    return result;
  };
}
