/**
 * What the city administration use-cases share: their context, the access rule (admins of
 * this city, or a superadmin) and the audit line every change writes. The configuration
 * tables have no history table, so the audit trail is the log: one info line per change,
 * naming the actor, the target and each changed field's old and new value.
 */
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { requireAdmin, type Actor, type UserActor } from "../people/index.ts";
import type { City } from "./cities.service.ts";

export interface AuditLogger {
  info(obj: object, msg: string): void;
}

export interface CityAdminContext {
  db: Db;
  city: City;
  /** Rebuilds the in-memory city from the database, so the next report is routed by the new rules. */
  reload(): Promise<City>;
  log: AuditLogger;
}

export function requireCityAdmin(actor: Actor, city: City): UserActor {
  const admin = requireAdmin(actor);
  if (admin.role !== "superadmin" && admin.cityId !== city.id) throw new AppError("forbidden");
  return admin;
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields of `next` whose value differs from `before`. */
export function changesOf<T extends object>(before: T, next: Partial<T>): Changes {
  const changes: Changes = {};
  for (const [field, to] of Object.entries(next) as [keyof T & string, unknown][]) {
    const from = before[field];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

export function audit(ctx: CityAdminContext, actor: UserActor, action: string, target: string, changes: Changes): void {
  ctx.log.info({ audit: { action, target, city: ctx.city.slug, actorId: actor.id, changes } }, `admin ${action} ${target} by ${actor.id}`);
}
