/** Who may manage a report: staff of its authority, admins of its city, superadmins. */
import type { Actor, UserActor } from "../people/index.ts";
import { AppError } from "../errors.ts";

export function canManage(actor: Actor, report: { cityId: string; authorityId: string }): boolean {
  if (actor.kind !== "user") return false;
  if (actor.role === "superadmin") return true;
  if (actor.cityId !== report.cityId) return false;
  if (actor.role === "city_admin") return true;
  return actor.role === "staff" && actor.authorityId === report.authorityId;
}

export function assertCanManage(actor: Actor, report: { cityId: string; authorityId: string }): UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  if (!canManage(actor, report)) throw new AppError("forbidden");
  return actor;
}
