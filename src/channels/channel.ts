/**
 * What every notification channel other than e-mail (Web Push, SMS, WhatsApp) implements.
 * The alerts domain renders a message in the recipient's language and hands it here from the
 * outbox; a channel only delivers. `gone` says the address will never work again (a push
 * subscription the browser dropped, a number the provider rejects): the caller suppresses it.
 */
import type { Language } from "../i18n/index.ts";

export type ChannelName = "push" | "sms" | "whatsapp";

export interface ChannelMessage {
  /** E.164 phone number (sms, whatsapp) or the push service endpoint URL (push). */
  address: string;
  /** Web Push subscription keys (push only). */
  pushKeys?: { p256dh: string; auth: string } | null;
  language: Language;
  /** Short title (push notification title; ignored by SMS). */
  subject: string;
  /** Plain text; channels shorten it to what they carry. */
  text: string;
  /** Where a tap or click leads (the report page). */
  url?: string;
  /** Stable per message (the outbox message id): providers that accept an idempotency key get it. */
  key: string;
}

export type ChannelResult =
  | { ok: true; id?: string }
  | { ok: false; error: string; retryable: boolean; gone?: boolean };

export interface Channel {
  readonly name: ChannelName;
  send(message: ChannelMessage): Promise<ChannelResult>;
}
