/**
 * Subscribing: to one report, or to alerts on an area, a category (in an area or the whole
 * city) or a radius around a point; by e-mail, Web Push, SMS or WhatsApp. Nobody can sign a
 * stranger up: an address is confirmed by a signed link sent to it (e-mail, SMS, WhatsApp)
 * unless it is the signed-in citizen's verified e-mail; a push subscription is its own proof
 * (the browser asked its user). Every message carries a one-click unsubscribe link.
 */
import { AppError, fieldError } from "../errors.ts";
import type { Language } from "../i18n/index.ts";
import { createSignedToken, verifySignedToken } from "../lib/signed-token.ts";
import { queueMail } from "../mail/index.ts";
import type { Actor } from "../people/index.ts";
import type { AlertsContext } from "./alerts.context.ts";
import * as repo from "./alerts.repo.ts";
import type { AlertInput, ContactInput } from "./alerts.schemas.ts";
import { whatOf } from "./fan-out.ts";
import { notify, type NotifyDeps } from "./notify.ts";

const CONFIRM_TTL_SECONDS = 7 * 86400;

interface Contact { channel: string; address: string; pushKeys: { p256dh: string; auth: string } | null; userId: string | null; language: Language; trusted: boolean }

/** Who and where: the channel's address from the input or the signed-in account, and whether it needs confirming. */
function contactOf(ctx: AlertsContext, actor: Actor, input: ContactInput): Contact {
  const user = actor.kind === "user" ? actor : null;
  const language = input.language ?? user?.language ?? ctx.defaultLanguage;
  const base = { channel: input.channel, userId: user?.id ?? null, language, pushKeys: null };
  switch (input.channel) {
    case "push":
      if (!input.push) throw fieldError("validation", "push", "required");
      return { ...base, address: input.push.endpoint, pushKeys: input.push.keys, trusted: true };
    case "sms":
    case "whatsapp":
      if (!input.phone) throw fieldError("validation", "phone", "required");
      return { ...base, address: input.phone, trusted: false };
    default: {
      const email = input.email ?? user?.email.toLowerCase();
      if (!email) throw fieldError("validation", "email", "required");
      return { ...base, address: email, trusted: user !== null && user.emailVerified && user.email.toLowerCase() === email };
    }
  }
}

function notifyDeps(ctx: AlertsContext): NotifyDeps {
  return { db: ctx.db, config: { sessionSecret: ctx.secret, publicUrl: ctx.publicUrl }, city: () => ctx.city };
}

const confirmLink = (ctx: AlertsContext, subscriptionId: string, ref: string | null) =>
  `${ctx.publicUrl}/subscriptions/confirm?token=${createSignedToken(ctx.secret, "confirm-subscription", `${subscriptionId}/${ref ?? ""}`, CONFIRM_TTL_SECONDS)}`;

export async function subscribeToReport(ctx: AlertsContext, actor: Actor, ref: string, input: ContactInput): Promise<{ confirmationRequired: boolean }> {
  const report = await ctx.findPublicReport(ref);
  if (!report) throw new AppError("not_found");
  const contact = contactOf(ctx, actor, input);
  return ctx.db.transaction(async (tx) => {
    const subscription = await repo.upsertReportSubscription(tx, {
      cityId: ctx.cityId, reportId: report.id, channel: contact.channel, address: contact.address, pushKeys: contact.pushKeys,
      userId: contact.userId, language: contact.language, confirmed: contact.trusted,
    });
    if (input.frequency !== subscription.frequency) await repo.updateSubscription(tx, subscription.id, { frequency: input.frequency });
    if (contact.trusted || subscription.confirmedAt) return { confirmationRequired: !contact.trusted && !subscription.confirmedAt };
    const link = confirmLink(ctx, subscription.id, report.ref);
    if (contact.channel === "email") {
      await queueMail(tx, ctx.cityId, { email: contact.address, language: contact.language }, "confirmSubscription", { title: report.title, ref: report.ref, link }, ctx.cityName[contact.language] ?? "");
    } else {
      await sendConfirmation(ctx, tx, subscription, link, report.ref);
    }
    return { confirmationRequired: true };
  });
}

/** An area, category or radius alert. */
export async function subscribeToAlert(ctx: AlertsContext, actor: Actor, input: AlertInput): Promise<{ confirmationRequired: boolean }> {
  const { city } = ctx;
  const place = input.kind === "radius"
    ? { lat: input.lat, lon: input.lon, radiusM: input.radiusM, areaCode: null, categoryCode: null }
    : { lat: null, lon: null, radiusM: null, areaCode: input.areaCode ?? null, categoryCode: input.kind === "category" ? input.categoryCode : null };
  if (place.areaCode !== null && !city.areas.get(place.areaCode)) throw fieldError("validation", "areaCode", "invalid");
  if (place.categoryCode !== null && !city.categories.has(place.categoryCode)) throw fieldError("unknown_category", "categoryCode", "invalid");
  if (input.kind === "radius" && !city.areas.locate(input.lat, input.lon)) throw fieldError("outside_area", "lat", "invalid");
  const contact = contactOf(ctx, actor, input);
  return ctx.db.transaction(async (tx) => {
    const values = {
      cityId: city.id, kind: input.kind, channel: contact.channel, address: contact.address, pushKeys: contact.pushKeys, userId: contact.userId,
      language: contact.language, frequency: input.frequency, confirmedAt: contact.trusted ? new Date() : null, ...place,
    };
    let subscription = await repo.findSameSubscription(tx, values);
    if (subscription) {
      await repo.updateSubscription(tx, subscription.id, { language: contact.language, frequency: input.frequency, ...(contact.pushKeys ? { pushKeys: contact.pushKeys } : {}) });
      if (contact.trusted && !subscription.confirmedAt) await repo.confirmSubscription(tx, subscription.id);
    } else {
      subscription = await repo.insertSubscription(tx, values);
    }
    if (contact.trusted || subscription.confirmedAt) return { confirmationRequired: false };
    await sendConfirmation(ctx, tx, subscription, confirmLink(ctx, subscription.id, null), null);
    return { confirmationRequired: true };
  });
}

/** The confirmation link, on the subscription's own channel; at most one per subscription and hour. */
async function sendConfirmation(ctx: AlertsContext, tx: Parameters<Parameters<AlertsContext["db"]["transaction"]>[0]>[0], subscription: repo.SubscriptionRow, link: string, ref: string | null) {
  await notify(tx, notifyDeps(ctx), ctx.city, subscription, {
    key: `confirm:${subscription.id}:${new Date().toISOString().slice(0, 13)}`, template: "confirmAlert", urgent: true,
    params: (language) => ({ what: whatOf(ctx.city, subscription, language, ref ?? undefined), link }),
  });
}

function subjectOf(ctx: AlertsContext, purpose: string, token: string): { id: string; ref: string | null } {
  const payload = verifySignedToken(ctx.secret, purpose, token);
  if (!payload) throw fieldError("invalid_token", "token", "invalid");
  const [id = "", ref = ""] = payload.s.split("/");
  return { id, ref: ref || null };
}

export async function confirmSubscription(ctx: AlertsContext, token: string): Promise<{ ref: string | null; kind: string }> {
  const { id, ref } = subjectOf(ctx, "confirm-subscription", token);
  const subscription = await repo.findSubscription(ctx.db, id);
  // An unsubscribed (deleted) subscription is not brought back by an old confirmation link.
  if (!subscription || subscription.cityId !== ctx.cityId) throw fieldError("invalid_token", "token", "invalid");
  await repo.confirmSubscription(ctx.db, id);
  return { ref, kind: subscription.kind };
}

export async function unsubscribe(ctx: AlertsContext, token: string): Promise<{ ref: string | null }> {
  const { id, ref } = subjectOf(ctx, "unsubscribe", token);
  // Idempotent: a second click finds nothing to delete and says the same.
  await repo.deleteSubscription(ctx.db, id);
  return { ref };
}
