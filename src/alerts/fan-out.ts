/**
 * From the reports domain's outbox events to notifications: who follows what.
 * - report.published: area, category and radius alerts the new report falls in.
 * - report.updated: the report's followers hear every public update; area, category and
 *   radius alerts hear its state changes.
 * - report.supported: a confirmed "me too" follows the report from then on.
 * Each event's notifications are decided in one transaction; the per-recipient decision
 * rows make a retried event a no-op. The reporter (who has the reporter's own mails) and the
 * update's author are never notified as subscribers.
 */
import type { City } from "../cities/index.ts";
import type { OutboxHandler } from "../db/outbox.ts";
import { translator, type Language } from "../i18n/index.ts";
import type { ReportPlace, ReportPublishedEvent, ReportSupportedEvent, ReportUpdatedEvent } from "../reports/index.ts";
import * as repo from "./alerts.repo.ts";
import { notify, type NotificationEvent, type NotifyDeps } from "./notify.ts";
import type { Params } from "./render.ts";

/** Says which alert matched, in the subscriber's words ("within 500 m of your point"). */
export function whatOf(city: City, subscription: repo.SubscriptionRow, language: Language, ref?: string): string {
  const t = translator(language);
  const area = subscription.areaCode ? city.areas.get(subscription.areaCode)?.name[language] ?? subscription.areaCode : "";
  const category = subscription.categoryCode ? city.categories.get(subscription.categoryCode)?.name[language] ?? subscription.categoryCode : "";
  switch (subscription.kind) {
    case "area": return t("notify.what.area", { area });
    case "category": return subscription.areaCode ? t("notify.what.category", { category, area }) : t("notify.what.categoryCity", { category });
    case "radius": return t("notify.what.radius", { radius: new Intl.NumberFormat(language === "ar" ? "ar-MA" : language).format(subscription.radiusM ?? 0) });
    default: return t("notify.what.report", { ref: ref ?? "" });
  }
}

function placeParams(city: City, place: ReportPlace, language: Language): Params {
  return {
    category: city.categories.get(place.categoryCode)?.name[language] ?? place.categoryCode,
    area: city.areas.get(place.areaCode)?.name[language] ?? place.areaCode,
  };
}

const isPlace = (e: Partial<ReportPlace>): e is ReportPlace => e.areaCode !== undefined && e.categoryCode !== undefined && e.lat !== undefined && e.lon !== undefined;

/** Not the reporter (they get the reporter's mails) and not the author of the change. */
function notSelf(event: { reporterEmail: string | null; authorUserId?: string | null; reporterUserId?: string | null }) {
  return (s: repo.SubscriptionRow) => !(s.userId && (s.userId === event.authorUserId || s.userId === event.reporterUserId))
    && !(s.channel === "email" && event.reporterEmail && s.address === event.reporterEmail.toLowerCase());
}

export function reportPublishedHandler(deps: NotifyDeps): OutboxHandler {
  return async (message) => {
    const city = deps.city(message.cityId!);
    if (!city) return { ok: true, result: { skipped: "unknown city" } };
    const event = message.payload as unknown as ReportPublishedEvent;
    const subscribers = (await repo.confirmedPlaceSubscribers(deps.db, city.id, event)).filter(notSelf(event));
    const notification: NotificationEvent = {
      key: `report.published:${event.reportId}`, template: "newReport",
      params: (language, s) => ({ ...placeParams(city, event, language), ref: event.ref, title: event.title, what: whatOf(city, s, language), link: `${deps.config.publicUrl}/r/${event.ref}` }),
    };
    await deps.db.transaction(async (tx) => { for (const s of subscribers) await notify(tx, deps, city, s, notification); });
    return { ok: true, result: { notified: subscribers.length } };
  };
}

export function reportUpdatedHandler(deps: NotifyDeps): OutboxHandler {
  return async (message) => {
    const city = deps.city(message.cityId!);
    if (!city) return { ok: true, result: { skipped: "unknown city" } };
    const event = message.payload as unknown as ReportUpdatedEvent;
    const self = notSelf(event);
    const followers = (await repo.confirmedReportSubscribers(deps.db, event.reportId)).filter(self);
    const link = `${deps.config.publicUrl}/r/${event.ref}`;
    const state = (language: Language) => translator(language)(`state.${event.state}`);
    const followed: NotificationEvent = {
      key: `report.updated:${event.updateId}`, template: "reportUpdate",
      params: (language) => ({ ref: event.ref, title: event.title, state: state(language), text: event.text, link }),
    };
    // Area alerts carry state changes, not every comment.
    const place = event.stateTo && isPlace(event) ? event : null;
    const nearby = place ? (await repo.confirmedPlaceSubscribers(deps.db, city.id, place)).filter(self) : [];
    const changed: NotificationEvent = {
      key: `report.updated:${event.updateId}`, template: "stateChange",
      params: (language, s) => ({ ...placeParams(city, place!, language), ref: event.ref, title: event.title, state: state(language), text: event.text, what: whatOf(city, s, language), link }),
    };
    await deps.db.transaction(async (tx) => {
      // Followers first: someone following the report and its area gets the report's wording.
      for (const s of followers) await notify(tx, deps, city, s, followed);
      for (const s of nearby) await notify(tx, deps, city, s, changed);
    });
    return { ok: true, result: { notified: followers.length + nearby.length } };
  };
}

export function reportSupportedHandler(deps: NotifyDeps): OutboxHandler {
  return async (message) => {
    const event = message.payload as unknown as ReportSupportedEvent;
    if (!event.email) return { ok: true, result: { skipped: "no address" } };
    // The "me too" was confirmed (signed in with a verified address, or by the e-mailed link).
    await repo.upsertReportSubscription(deps.db, {
      cityId: message.cityId!, reportId: event.reportId, address: event.email.toLowerCase(), userId: event.userId, language: event.language, confirmed: true,
    });
    return { ok: true };
  };
}
