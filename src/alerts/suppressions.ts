/**
 * Addresses nothing more is sent to: an SMTP server refused the address for good (a hard
 * bounce, reported by the mail sender), a mail provider's bounce or complaint webhook, a push
 * subscription or phone number a channel says is gone. Admins see the list and can lift an entry
 * (an address fixed by its owner).
 */
import type { City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Actor } from "../people/index.ts";
import * as repo from "./alerts.repo.ts";
import { cityAdmin } from "./notification-templates.ts";

export async function recordBounce(db: Db, cityId: string | null, channel: string, address: string, reason: "bounce" | "complaint", detail: string): Promise<void> {
  if (!cityId) return;
  await repo.suppress(db, { cityId, channel, address: channel === "email" ? address.toLowerCase() : address, reason, detail: detail.slice(0, 500) });
}

export async function listSuppressions(db: Db, actor: Actor, city: City) {
  cityAdmin(actor, city);
  return (await repo.listSuppressions(db, city.id, 500)).map((s) => ({ channel: s.channel, address: s.address, reason: s.reason, detail: s.detail, createdAt: s.createdAt.toISOString() }));
}

export async function liftSuppression(db: Db, actor: Actor, city: City, channel: string, address: string): Promise<void> {
  cityAdmin(actor, city);
  if (!(await repo.deleteSuppression(db, city.id, channel, address))) throw new AppError("not_found");
}
