/**
 * Following a report by e-mail. A signed-in citizen with a verified address is subscribed at
 * once; anyone else confirms by a link first (nobody can sign a stranger up), and every
 * notification carries a one-click unsubscribe link.
 */
import { AppError, fieldError } from "../errors.ts";
import type { Language } from "../i18n/index.ts";
import { createSignedToken, verifySignedToken } from "../lib/signed-token.ts";
import { queueMail } from "../mail/index.ts";
import type { Actor } from "../people/index.ts";
import type { AlertsContext } from "./alerts.context.ts";
import * as repo from "./alerts.repo.ts";

const CONFIRM_TTL_SECONDS = 7 * 86400;
export const UNSUBSCRIBE_TTL_SECONDS = 5 * 365 * 86400;

export async function subscribeToReport(ctx: AlertsContext, actor: Actor, ref: string, input: { email?: string; language?: Language }): Promise<{ confirmationRequired: boolean }> {
  const report = await ctx.findPublicReport(ref);
  if (!report) throw new AppError("not_found");
  const user = actor.kind === "user" ? actor : null;
  const email = user?.email ?? input.email;
  if (!email) throw fieldError("validation", "email", "required");
  const language = input.language ?? user?.language ?? ctx.defaultLanguage;
  const trusted = user !== null && user.emailVerified;
  return ctx.db.transaction(async (tx) => {
    const subscription = await repo.upsertReportSubscription(tx, { cityId: ctx.cityId, reportId: report.id, email, userId: user?.id ?? null, language, confirmed: trusted });
    if (trusted) return { confirmationRequired: false };
    const token = createSignedToken(ctx.secret, "confirm-subscription", `${subscription.id}/${report.ref}`, CONFIRM_TTL_SECONDS);
    await queueMail(tx, ctx.cityId, { email, language }, "confirmSubscription", {
      title: report.title, ref: report.ref, link: `${ctx.publicUrl}/subscriptions/confirm?token=${token}`,
    }, ctx.cityName[language] ?? "");
    return { confirmationRequired: true };
  });
}

function subjectOf(ctx: AlertsContext, purpose: string, token: string): { id: string; ref: string | null } {
  const payload = verifySignedToken(ctx.secret, purpose, token);
  if (!payload) throw fieldError("invalid_token", "token", "invalid");
  const [id = "", ref = null] = payload.s.split("/");
  return { id, ref };
}

export async function confirmSubscription(ctx: AlertsContext, token: string): Promise<{ ref: string }> {
  const { id, ref } = subjectOf(ctx, "confirm-subscription", token);
  const subscription = await repo.findSubscription(ctx.db, id);
  // An unsubscribed (deleted) subscription is not brought back by an old confirmation link.
  if (!subscription || subscription.cityId !== ctx.cityId || !ref) throw fieldError("invalid_token", "token", "invalid");
  await repo.confirmSubscription(ctx.db, id);
  return { ref };
}

export async function unsubscribe(ctx: AlertsContext, token: string): Promise<{ ref: string | null }> {
  const { id, ref } = subjectOf(ctx, "unsubscribe", token);
  // Idempotent: a second click finds nothing to delete and says the same.
  await repo.deleteSubscription(ctx.db, id);
  return { ref };
}

export function unsubscribeLink(ctx: Pick<AlertsContext, "secret" | "publicUrl">, subscriptionId: string, ref: string): string {
  return `${ctx.publicUrl}/subscriptions/unsubscribe?token=${createSignedToken(ctx.secret, "unsubscribe", `${subscriptionId}/${ref}`, UNSUBSCRIBE_TTL_SECONDS)}`;
}
