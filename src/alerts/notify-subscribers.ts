/**
 * Fans a report's public update out to its confirmed subscribers, from the outbox event the
 * reports domain publishes. Each mail has a dedupe key (update × subscription), so a handler
 * retried after a crash never mails anyone twice. The author and the reporter (who gets the
 * reporter's own mail) are skipped.
 */
import type { Db } from "../db/client.ts";
import type { OutboxHandler } from "../db/outbox.ts";
import { isLanguage, translator, type Language } from "../i18n/index.ts";
import { queueMail } from "../mail/index.ts";
import type { ReportUpdatedEvent } from "../reports/index.ts";
import * as repo from "./alerts.repo.ts";
import { unsubscribeLink } from "./subscribe-to-report.ts";

export interface NotifyDeps {
  db: Db;
  /** Read at send time: the public URL may be known only once the server listens. */
  config: { sessionSecret: string; publicUrl: string };
  cityName(cityId: string): Record<string, string>;
}

export function notifySubscribersHandler(deps: NotifyDeps): OutboxHandler {
  return async (message) => {
    const event = message.payload as unknown as ReportUpdatedEvent;
    const cityId = message.cityId!;
    const subscribers = (await repo.confirmedReportSubscribers(deps.db, event.reportId)).filter((s) =>
      !(s.userId && s.userId === event.authorUserId) && s.email.toLowerCase() !== event.reporterEmail?.toLowerCase());
    await deps.db.transaction(async (tx) => {
      for (const s of subscribers) {
        const lang: Language = isLanguage(s.language) ? s.language : "fr";
        await queueMail(tx, cityId, { email: s.email, language: lang }, "subscriptionUpdate", {
          ref: event.ref, title: event.title, state: translator(lang)(`state.${event.state}`), text: event.text,
          link: `${deps.config.publicUrl}/r/${event.ref}`,
          unsubscribe: unsubscribeLink({ secret: deps.config.sessionSecret, publicUrl: deps.config.publicUrl }, s.id, event.ref),
        }, deps.cityName(cityId)[lang] ?? "", { dedupeKey: `report.updated:${event.updateId}:${s.id}` });
      }
    });
    return { ok: true, result: { notified: subscribers.length } };
  };
}
