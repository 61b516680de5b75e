/**
 * "My alerts": a signed-in citizen manages the subscriptions of their account; anyone else
 * reaches the subscriptions of their address through the signed "all your alerts" link at
 * the bottom of every message (no account needed). Both can change language and frequency
 * or stop an alert.
 */
import { AppError, fieldError } from "../errors.ts";
import { type Language } from "../i18n/index.ts";
import { verifySignedToken } from "../lib/signed-token.ts";
import { requireUser, type Actor } from "../people/index.ts";
import { reportRefs } from "../reports/index.ts";
import type { AlertsContext } from "./alerts.context.ts";
import * as repo from "./alerts.repo.ts";
import type { SubscriptionView } from "./alerts.schemas.ts";
import { whatOf } from "./fan-out.ts";
import { languageOf } from "./notify.ts";

type Owner = { userId: string } | { channel: string; address: string };

function ownerOfToken(ctx: AlertsContext, token: string): Owner {
  const payload = verifySignedToken(ctx.secret, "manage-alerts", token);
  const at = payload?.s.indexOf(":") ?? -1;
  if (!payload || at < 1) throw fieldError("invalid_token", "token", "invalid");
  return { channel: payload.s.slice(0, at), address: payload.s.slice(at + 1) };
}

export function ownerOf(ctx: AlertsContext, actor: Actor, token?: string): Owner {
  return token ? ownerOfToken(ctx, token) : { userId: requireUser(actor).id };
}

async function subscriptionsOfOwner(ctx: AlertsContext, owner: Owner): Promise<repo.SubscriptionRow[]> {
  return "userId" in owner ? repo.subscriptionsOfUser(ctx.db, ctx.cityId, owner.userId) : repo.subscriptionsOf(ctx.db, ctx.cityId, owner.channel, owner.address);
}

async function ownedSubscription(ctx: AlertsContext, owner: Owner, id: string): Promise<repo.SubscriptionRow> {
  const found = (await subscriptionsOfOwner(ctx, owner)).find((s) => s.id === id);
  if (!found) throw new AppError("not_found");
  return found;
}

export async function listSubscriptions(ctx: AlertsContext, owner: Owner, lang: Language): Promise<SubscriptionView[]> {
  const rows = await subscriptionsOfOwner(ctx, owner);
  const refs = await reportRefs(ctx.db, rows.map((s) => s.reportId).filter((id): id is string => id !== null));
  return rows.map((s) => {
    const ref = s.reportId ? refs.get(s.reportId) ?? null : null;
    return {
      id: s.id, kind: s.kind as SubscriptionView["kind"], channel: s.channel, label: whatOf(ctx.city, s, lang, ref ?? undefined), ref,
      areaCode: s.areaCode, categoryCode: s.categoryCode, lat: s.lat, lon: s.lon, radiusM: s.radiusM,
      language: languageOf(s, ctx.city), frequency: s.frequency === "daily" ? "daily" : "instant", confirmed: s.confirmedAt !== null, createdAt: s.createdAt.toISOString(),
    };
  });
}

export async function changeSubscription(ctx: AlertsContext, owner: Owner, id: string, change: { language?: Language; frequency?: "instant" | "daily" }): Promise<void> {
  await ownedSubscription(ctx, owner, id);
  await repo.updateSubscription(ctx.db, id, change);
}

export async function stopSubscription(ctx: AlertsContext, owner: Owner, id: string): Promise<void> {
  await ownedSubscription(ctx, owner, id);
  await repo.deleteSubscription(ctx.db, id);
}
