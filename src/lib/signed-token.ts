/**
 * Stateless signed links (confirm a report, verify an e-mail, reset a password):
 * base64url(JSON payload) + "." + HMAC-SHA256. No table to clean, nothing to leak from the
 * database; a `stamp` in the payload lets a link die when the thing it acts on changes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface TokenPayload {
  /** What the link does: "confirm-report", "verify-email", "reset-password"... */
  p: string;
  /** Subject id (report id, user id). */
  s: string;
  /** Expiry, seconds since the epoch. */
  e: number;
  /** Optional version of the subject (e.g. user's security stamp). */
  v?: number;
}

function sign(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}

export function createSignedToken(secret: string, purpose: string, subject: string, ttlSeconds: number, version?: number): string {
  const payload: TokenPayload = { p: purpose, s: subject, e: Math.floor(Date.now() / 1000) + ttlSeconds, ...(version !== undefined ? { v: version } : {}) };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(secret, body)}`;
}

/** Returns the payload if the token is authentic, unexpired and for this purpose; otherwise null. */
export function verifySignedToken(secret: string, purpose: string, token: string): TokenPayload | null {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as TokenPayload;
  } catch {
    return null;
  }
  if (payload.p !== purpose || typeof payload.s !== "string" || payload.e * 1000 < Date.now()) return null;
  return payload;
}
