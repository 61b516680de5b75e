/**
 * SMS and WhatsApp: one channel per medium over a pluggable provider. The development
 * provider writes each message to the log and keeps nothing else, so nothing is sent (or
 * billed) until an operator chooses a real provider; Twilio's Messages API is the one
 * adapter, and another provider is one more `SmsProvider`.
 */
import type { Channel, ChannelMessage, ChannelResult } from "./channel.ts";
import { isE164, smsText, whatsappText } from "./channels.text.ts";

export type SmsMedium = "sms" | "whatsapp";

export interface OutgoingSms {
  medium: SmsMedium;
  /** E.164, checked by the channel. */
  to: string;
  body: string;
  /** The outbox message id, for providers that take an idempotency key. */
  key: string;
}

export interface SmsProvider {
  readonly name: string;
  /** The media this provider can send with its configuration (a sender for each). */
  readonly media: readonly SmsMedium[];
  send(sms: OutgoingSms): Promise<ChannelResult>;
}

/** The part of a pino logger the log provider uses. */
export interface ChannelLog {
  info(obj: object, msg: string): void;
}

export function logSmsProvider(log: ChannelLog): SmsProvider {
  return {
    name: "log",
    media: ["sms", "whatsapp"],
    async send(sms) {
      log.info({ channel: sms.medium, to: sms.to, body: sms.body, key: sms.key }, `${sms.medium} not sent (SMS_PROVIDER=log)`);
      return { ok: true, id: `log-${sms.key}` };
    },
  };
}

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  smsFrom: string | undefined;
  whatsappFrom: string | undefined;
  /** https://api.twilio.com, or a local server in tests. */
  baseUrl: string;
  timeoutMs?: number;
}

/**
 * Errors that say the number will never take our messages: invalid (21211, 21217), not
 * reachable or not a mobile (21214, 21614), or the person answered STOP (21610).
 * https://www.twilio.com/docs/api/errors
 */
const TWILIO_GONE = new Set([21211, 21214, 21217, 21610, 21614]);

/** Twilio's Messages API: POST {base}/2010-04-01/Accounts/{sid}/Messages.json, form-encoded. */
export function twilioSmsProvider(opts: TwilioOptions): SmsProvider {
  const url = `${opts.baseUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString("base64")}`;
  const media: SmsMedium[] = [...(opts.smsFrom ? ["sms" as const] : []), ...(opts.whatsappFrom ? ["whatsapp" as const] : [])];
  return {
    name: "twilio",
    media,
    async send(sms) {
      const from = sms.medium === "whatsapp" ? opts.whatsappFrom : opts.smsFrom;
      if (!from) return { ok: false, error: `twilio: no sender configured for ${sms.medium}`, retryable: false };
      const prefix = sms.medium === "whatsapp" ? "whatsapp:" : "";
      // Twilio has no idempotency key for Messages: a retry after a lost answer can send twice.
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({ To: prefix + sms.to, From: prefix + from, Body: sms.body }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
        });
      } catch (err) {
        return { ok: false, error: `twilio: ${(err as Error).message}`, retryable: true };
      }
      const text = await res.text().catch(() => "");
      let reply: { sid?: string; code?: number; message?: string } = {};
      try { reply = JSON.parse(text); } catch { /* an HTML error page from a proxy: the status says enough */ }
      if (res.ok) return { ok: true, id: reply.sid };
      const error = `twilio ${res.status}${reply.code ? ` ${reply.code}` : ""}: ${reply.message ?? (text.slice(0, 200) || res.statusText)}`;
      if (res.status === 429 || res.status >= 500) return { ok: false, error, retryable: true };
      if (reply.code && TWILIO_GONE.has(reply.code)) return { ok: false, error, retryable: false, gone: true };
      return { ok: false, error, retryable: false };
    },
  };
}

/** The "sms" or "whatsapp" channel: checks the number, fits the text, hands it to the provider. */
export function smsChannel(medium: SmsMedium, provider: SmsProvider): Channel {
  return {
    name: medium,
    async send(message: ChannelMessage): Promise<ChannelResult> {
      if (!isE164(message.address)) return { ok: false, error: `${medium}: not an E.164 number`, retryable: false, gone: true };
      const body = medium === "sms" ? smsText(message.text, message.url) : whatsappText(message.text, message.url);
      return provider.send({ medium, to: message.address, body, key: message.key });
    },
  };
}
