/**
 * The settings of an authority's send method, kept in authorities.send_config. For
 * `open311`: the authority's own GeoReport v2 back-office (its endpoint, the api_key it
 * issued us, its jurisdiction_id, and its service_code for each of our categories). The
 * api_key is a secret: it is written by admins and read only by the Open311 sender and
 * poller, never shown back (admins see its last four characters) nor logged.
 */
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { code } from "./cities.schemas.ts";
import { findAuthorities, type AuthorityRow } from "./cities.repo.ts";

/** GeoReport's service_code is the back-office's own identifier: free text within reason. */
const serviceCode = z.string().trim().min(1).max(100);

export const open311SendConfig = z.object({
  /** The GeoReport v2 base, e.g. https://311.example.org/open311/v2 (no trailing slash needed). */
  endpoint: z.url({ protocol: /^https?$/ }).max(500).transform((u) => u.replace(/\/+$/, "")),
  apiKey: z.string().trim().min(1).max(500),
  jurisdictionId: z.string().trim().min(1).max(200).nullable().default(null),
  /** Our category code → the back-office's service_code; a category not listed is sent under its own code. */
  serviceCodes: z.record(code, serviceCode).default({}),
  /** The format asked of the back-office (every GeoReport server speaks XML; most speak JSON). */
  format: z.enum(["json", "xml"]).default("json"),
  /**
   * How its status changes are read: mySociety's servicerequestupdates (since the last poll),
   * or, for back-offices without it, requests by id (the reports still open here).
   */
  updates: z.enum(["servicerequestupdates", "requests"]).default("servicerequestupdates"),
});
export type Open311SendConfig = z.infer<typeof open311SendConfig>;

/** What admins read back: everything but the key, of which only a hint. */
export const open311SendConfigView = z.object({
  endpoint: z.string(),
  jurisdictionId: z.string().nullable(),
  serviceCodes: z.record(z.string(), z.string()),
  format: z.enum(["json", "xml"]),
  updates: z.enum(["servicerequestupdates", "requests"]),
  /** "••••" and the key's last four characters; null when no key is set. */
  apiKeyHint: z.string().nullable(),
});
export type Open311SendConfigView = z.infer<typeof open311SendConfigView>;

export const maskSecret = (secret: string): string => `••••${secret.slice(-4)}`;

/** The stored settings as admins may see them; null when there are none (or they no longer parse). */
export function open311ConfigView(stored: Record<string, unknown>): Open311SendConfigView | null {
  const parsed = open311SendConfig.partial({ apiKey: true }).safeParse(stored);
  if (!parsed.success) return null;
  const { apiKey, ...rest } = parsed.data;
  return { ...rest, apiKeyHint: apiKey ? maskSecret(apiKey) : null };
}

/** The Open311 settings of an authority, or the first problem with them (never quoting the key). */
export function parseOpen311Config(stored: Record<string, unknown>): { ok: true; config: Open311SendConfig } | { ok: false; error: string } {
  const parsed = open311SendConfig.safeParse(stored);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `send_config.${issue.path.join(".") || "?"}: ${issue.code}` };
}

/** One authority as the database has it now: a sender reads the settings of the moment, not the snapshot's. */
export async function currentAuthority(db: Db, cityId: string, id: string): Promise<AuthorityRow | undefined> {
  return (await findAuthorities(db, cityId, { id }))[0];
}

/** The city's active authorities that receive reports by this send method. */
export async function authoritiesSendingBy(db: Db, cityId: string, sendMethod: string): Promise<AuthorityRow[]> {
  return (await findAuthorities(db, cityId, { sendMethod })).filter((a) => a.active);
}
