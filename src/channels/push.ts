/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) through the `web-push` package: the payload is
 * encrypted for the browser's subscription keys (aes128gcm) and posted to the push service
 * of that browser (Google, Mozilla, Apple...), which wakes our service worker (web/public/push-sw.js).
 */
import type { Agent } from "node:https";
import webpush from "web-push";
import type { Channel, ChannelMessage, ChannelResult } from "./channel.ts";
import { shorten } from "./channels.text.ts";
import type { VapidKeys } from "./channels.repo.ts";

/** What the service worker receives, decrypted. */
export interface PushPayload {
  title: string;
  body: string;
  url: string | undefined;
  lang: string;
  dir: "rtl" | "ltr";
}

export interface PushOptions {
  keys: VapidKeys;
  /** mailto: or https: contact for the push services. */
  subject: string;
  /** Where a notification without its own link leads (the site). */
  defaultUrl?: string;
  /** For a private CA in front of the push service (and tests). */
  agent?: Agent;
  timeoutMs?: number;
}

/** A day: an alert about a report that arrives later than that is news no more. */
const TTL_SECONDS = 24 * 60 * 60;

const base64url = (s: string) => (/^[A-Za-z0-9_-]+=*$/.test(s) ? Buffer.from(s, "base64url") : Buffer.alloc(0));

/** A subscription that can never work, or undefined: its endpoint must be https, its keys a P-256 point and a 16-byte secret. */
function unusable(message: ChannelMessage): string | undefined {
  let endpoint: URL;
  try { endpoint = new URL(message.address); } catch { return "endpoint is not a URL"; }
  if (endpoint.protocol !== "https:") return "endpoint is not https";
  if (!message.pushKeys) return "no subscription keys";
  const p256dh = base64url(message.pushKeys.p256dh);
  if (p256dh.length !== 65 || p256dh[0] !== 4) return "p256dh is not an uncompressed P-256 public key";
  if (base64url(message.pushKeys.auth).length !== 16) return "auth secret is not 16 bytes";
  return undefined;
}

export function pushChannel(opts: PushOptions): Channel {
  const vapidDetails = { subject: opts.subject, publicKey: opts.keys.publicKey, privateKey: opts.keys.privateKey };
  return {
    name: "push",
    async send(message: ChannelMessage): Promise<ChannelResult> {
      const problem = unusable(message);
      if (problem) return { ok: false, error: `push: ${problem}`, retryable: false, gone: true };
      const payload: PushPayload = {
        title: shorten(message.subject, 120),
        body: shorten(message.text.replace(/\s+/g, " ").trim(), 600),
        url: message.url ?? opts.defaultUrl,
        lang: message.language,
        dir: message.language === "ar" ? "rtl" : "ltr",
      };
      try {
        const res = await webpush.sendNotification(
          { endpoint: message.address, keys: message.pushKeys! },
          JSON.stringify(payload),
          { vapidDetails, TTL: TTL_SECONDS, contentEncoding: "aes128gcm", timeout: opts.timeoutMs ?? 15_000, ...(opts.agent ? { agent: opts.agent } : {}) },
        );
        const location = res.headers.location;
        return { ok: true, id: typeof location === "string" ? location : undefined };
      } catch (err) {
        return pushFailure(err);
      }
    },
  };
}

/** 404/410: the browser dropped the subscription; 429/5xx: try later; any other 4xx will not get better. */
function pushFailure(err: unknown): ChannelResult {
  if (err instanceof webpush.WebPushError) {
    const status = err.statusCode;
    const error = `push ${status}: ${(err.body || err.message).slice(0, 200)}`;
    if (status === 404 || status === 410) return { ok: false, error, retryable: false, gone: true };
    if (status === 429 || status >= 500) return { ok: false, error, retryable: true };
    return { ok: false, error, retryable: false };
  }
  // No answer (refused, reset, timed out): the network, not the subscription.
  return { ok: false, error: `push: ${(err as Error).message}`, retryable: true };
}

export function generateVapidKeys(): VapidKeys {
  return webpush.generateVAPIDKeys();
}
