/**
 * Public entry of the channels module: delivery of one already-rendered message by Web Push,
 * SMS or WhatsApp. The alerts domain decides who hears what and renders it; it calls
 * `channels.get(subscription.channel)?.send(...)` from its outbox handler.
 */
import type { Agent } from "node:https";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { Channel, ChannelName } from "./channel.ts";
import { storedVapidKeys } from "./channels.repo.ts";
import { generateVapidKeys, pushChannel } from "./push.ts";
import { logSmsProvider, smsChannel, twilioSmsProvider, type ChannelLog, type SmsProvider } from "./sms.ts";

export type { Channel, ChannelMessage, ChannelName, ChannelResult } from "./channel.ts";
export type { PushPayload } from "./push.ts";
export type { ChannelLog, OutgoingSms, SmsMedium, SmsProvider } from "./sms.ts";
export { isE164, smsSegments, smsText, whatsappText } from "./channels.text.ts";
export { channelsRoutes } from "./channels.routes.ts";

export interface Channels {
  /** Every channel this configuration can deliver on (WhatsApp only with a WhatsApp sender). */
  readonly byName: Readonly<Partial<Record<ChannelName, Channel>>>;
  /** The channel for a subscription's `channel` column; undefined for "email" or one not configured. */
  get(name: string): Channel | undefined;
  /** The VAPID public key browsers subscribe with (base64url). */
  vapidPublicKey(): string;
}

export interface ChannelsOptions {
  /** Replaces the provider chosen by SMS_PROVIDER. */
  smsProvider?: SmsProvider;
  /** An https.Agent for the push services (a private CA; tests). */
  pushAgent?: Agent;
}

export async function createChannels(config: Config, db: Db, log: ChannelLog, opts: ChannelsOptions = {}): Promise<Channels> {
  const keys = config.vapidKeys ?? await storedVapidKeys(db, generateVapidKeys);
  const provider = opts.smsProvider ?? (config.smsProvider === "twilio" && config.twilio ? twilioSmsProvider(config.twilio) : logSmsProvider(log));
  const byName: Partial<Record<ChannelName, Channel>> = {
    push: pushChannel({ keys, subject: config.vapidSubject, defaultUrl: config.publicUrl, agent: opts.pushAgent }),
  };
  for (const medium of provider.media) byName[medium] = smsChannel(medium, provider);
  return {
    byName,
    get: (name) => (Object.hasOwn(byName, name) ? byName[name as ChannelName] : undefined),
    vapidPublicKey: () => keys.publicKey,
  };
}
