/**
 * Open311 API clients: a city admin issues a client its api_key (shown once, only its
 * sha256 stored), lists the clients and revokes them. A POST names its client by the key;
 * each key has its own per-minute budget, counted in this process (as the platform's other
 * rate limits are).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { requireAdmin, type Actor } from "../people/index.ts";
import * as repo from "./open311.repo.ts";

export interface ClientView {
  id: string;
  name: string;
  contactEmail: string | null;
  keyHint: string;
  rateLimitPerMinute: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

function viewOf(r: repo.ClientRow): ClientView {
  return { id: r.id, name: r.name, contactEmail: r.contactEmail, keyHint: r.keyHint, rateLimitPerMinute: r.rateLimitPerMinute, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt, revokedAt: r.revokedAt };
}

function requireCityAdmin(actor: Actor, cityId: string) {
  const admin = requireAdmin(actor);
  if (admin.role !== "superadmin" && admin.cityId !== cityId) throw new AppError("forbidden");
  return admin;
}

export async function createClient(db: Db, actor: Actor, cityId: string, input: { name: string; contactEmail?: string; rateLimitPerMinute?: number }): Promise<ClientView & { apiKey: string }> {
  const admin = requireCityAdmin(actor, cityId);
  const apiKey = `o311_${randomBytes(24).toString("base64url")}`;
  const row = await repo.insertClient(db, {
    cityId, name: input.name, contactEmail: input.contactEmail ?? null, keyHash: hashKey(apiKey), keyHint: apiKey.slice(-4),
    rateLimitPerMinute: input.rateLimitPerMinute ?? 60, createdBy: admin.id,
  });
  return { ...viewOf(row), apiKey };
}

export async function listClients(db: Db, actor: Actor, cityId: string): Promise<ClientView[]> {
  requireCityAdmin(actor, cityId);
  return (await repo.listClients(db, cityId)).map(viewOf);
}

export async function revokeClient(db: Db, actor: Actor, cityId: string, id: string): Promise<ClientView> {
  requireCityAdmin(actor, cityId);
  const row = await repo.revokeClient(db, cityId, id);
  if (!row) throw new AppError("not_found");
  return viewOf(row);
}

/** Per-key request counts of the current minute. */
export class KeyRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts one request; false when the key is over its budget for this minute. */
  take(clientId: string, perMinute: number, now = Date.now()): boolean {
    let w = this.windows.get(clientId);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      this.windows.set(clientId, w);
      if (this.windows.size > 10_000) for (const [k, v] of this.windows) if (now - v.start >= 60_000) this.windows.delete(k);
    }
    w.count++;
    return w.count <= perMinute;
  }
}

/** The client a POST's api_key names, in this city; 403 when missing, unknown or revoked; 429 over its budget. */
export async function authenticateClient(db: Db, cityId: string, apiKey: string | undefined, limiter: KeyRateLimiter): Promise<repo.ClientRow> {
  const forbidden = () => new AppError("forbidden", { message: "api_key", fields: [{ field: "api_key", message: apiKey ? "invalid" : "required" }] });
  if (!apiKey || apiKey.length > 200) throw forbidden();
  const client = await repo.useClientByKeyHash(db, hashKey(apiKey));
  if (!client || client.cityId !== cityId) throw forbidden();
  if (!limiter.take(client.id, client.rateLimitPerMinute)) throw new AppError("rate_limited");
  return client;
}
