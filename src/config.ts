/**
 * Environment → typed, validated configuration. The only place that reads process.env;
 * a bad value stops the start with one clear line per problem.
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().default("var"),
  UPLOAD_DIR: z.string().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().default("Baladiya <no-reply@baladiya.example.org>"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  CITY: z.string().default("casablanca"),
  CITIES_DIR: z.string().default("data/cities"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RATE_LIMIT: bool.default(true),
  WORKER: bool.default(true),
  DEMO: bool.optional(),
  TRUST_PROXY: bool.default(false),
  MAP_TILE_URL: z.string().regex(/^https:\/\/[^\s]*\{z\}[^\s]*\{x\}[^\s]*\{y\}/, "must be an https URL template with {z}, {x} and {y}")
    .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_ATTRIBUTION: z.string().max(300).default("© OpenStreetMap contributors"),
  GEOCODER_URL: z.union([z.literal("off"), z.url({ protocol: /^https$/ })]).default("https://nominatim.openstreetmap.org"),
  WEB_DIR: z.string().default("web/dist"),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  OPEN311_POLL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  OPEN311_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  BOUNCE_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, "must be a base64url P-256 public key (87 characters)").optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url P-256 private key (43 characters)").optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/, "must be a mailto: address or an https: URL").optional(),
  SMS_PROVIDER: z.enum(["log", "twilio"]).default("log"),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be an account SID (AC followed by 32 hex digits)").optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  // A phone number, or for SMS an alphanumeric sender ID where the country allows one.
  TWILIO_SMS_FROM: z.string().regex(/^(\+[1-9]\d{6,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/, "must be an E.164 number (+212...) or an alphanumeric sender ID of at most 11 characters").optional(),
  TWILIO_WHATSAPP_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number (+212...)").optional(),
  TWILIO_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://api.twilio.com"),
  OPEN_DATA_LICENCE: z.enum(["ODbL-1.0", "CC-BY-4.0"]).default("ODbL-1.0"),
});

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  uploadDir: string;
  mailDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  citySlug: string;
  citiesDir: string;
  logLevel: string;
  rateLimit: boolean;
  worker: boolean;
  demo: boolean;
  trustProxy: boolean;
  /** Map tiles for the web app ({s} subdomains allowed); markers and areas show without them. */
  mapTileUrl: string;
  mapTileAttribution: string;
  /** A Nominatim server for place search beyond the city's gazetteer, or null. */
  geocoderUrl: string | null;
  /** The built web app (vite build output). */
  webDir: string;
  /** How long a worker holds a claimed outbox message: after a crash, others take it over once this has passed. */
  outboxLeaseSeconds: number;
  /** How often the authorities' Open311 back-offices are asked for their updates. */
  open311PollSeconds: number;
  /** How long a call to an authority's Open311 back-office may take before it counts as failed (and is retried). */
  open311TimeoutSeconds: number;
  /** Shared secret of the mail provider's bounce webhook (off when unset). */
  bounceWebhookSecret: string | undefined;
  /** Web Push keys; null: generated once and kept in the database (settings "vapid"). */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  /** Who push services can contact about our messages: a mailto: or https: URL. */
  vapidSubject: string;
  /** SMS and WhatsApp: "log" writes each message to the log (development), "twilio" sends it. */
  smsProvider: "log" | "twilio";
  twilio: { accountSid: string; authToken: string; smsFrom: string | undefined; whatsappFrom: string | undefined; baseUrl: string } | null;
  /** The licence of the open data exports (/api/open-data/...). */
  openDataLicence: "ODbL-1.0" | "CC-BY-4.0";
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && !e.SESSION_SECRET) {
    throw new ConfigError("Invalid configuration:\n  SESSION_SECRET: required when NODE_ENV=production");
  }
  const problems: string[] = [];
  if (!e.VAPID_PUBLIC_KEY !== !e.VAPID_PRIVATE_KEY) problems.push("  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both or neither");
  if (e.SMS_PROVIDER === "twilio") {
    if (!e.TWILIO_ACCOUNT_SID) problems.push("  TWILIO_ACCOUNT_SID: required when SMS_PROVIDER=twilio");
    if (!e.TWILIO_AUTH_TOKEN) problems.push("  TWILIO_AUTH_TOKEN: required when SMS_PROVIDER=twilio");
    if (!e.TWILIO_SMS_FROM && !e.TWILIO_WHATSAPP_FROM) problems.push("  TWILIO_SMS_FROM: set it, TWILIO_WHATSAPP_FROM or both when SMS_PROVIDER=twilio");
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  const dataDir = path.resolve(e.DATA_DIR);
  const port = overrides.port ?? e.PORT;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, "");
  return {
    env: e.NODE_ENV,
    port,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(dataDir, "uploads")),
    mailDir: path.join(dataDir, "mail"),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    // Development without a secret gets a random one: sessions just don't survive a restart.
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString("hex"),
    citySlug: e.CITY,
    citiesDir: path.resolve(e.CITIES_DIR),
    logLevel: e.LOG_LEVEL,
    rateLimit: e.RATE_LIMIT,
    worker: e.WORKER,
    demo: e.DEMO ?? e.NODE_ENV !== "production",
    trustProxy: e.TRUST_PROXY,
    mapTileUrl: e.MAP_TILE_URL,
    mapTileAttribution: e.MAP_TILE_ATTRIBUTION,
    geocoderUrl: e.GEOCODER_URL === "off" ? null : e.GEOCODER_URL.replace(/\/$/, ""),
    webDir: path.resolve(e.WEB_DIR),
    outboxLeaseSeconds: e.OUTBOX_LEASE_SECONDS,
    open311PollSeconds: e.OPEN311_POLL_SECONDS,
    open311TimeoutSeconds: e.OPEN311_TIMEOUT_SECONDS,
    bounceWebhookSecret: e.BOUNCE_WEBHOOK_SECRET,
    vapidKeys: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : null,
    vapidSubject: e.VAPID_SUBJECT ?? defaultVapidSubject(e.MAIL_FROM, publicUrl),
    smsProvider: e.SMS_PROVIDER,
    twilio: e.SMS_PROVIDER === "twilio" ? {
      accountSid: e.TWILIO_ACCOUNT_SID!, authToken: e.TWILIO_AUTH_TOKEN!, smsFrom: e.TWILIO_SMS_FROM, whatsappFrom: e.TWILIO_WHATSAPP_FROM,
      baseUrl: e.TWILIO_BASE_URL.replace(/\/$/, ""),
    } : null,
    openDataLicence: e.OPEN_DATA_LICENCE,
    ...overrides,
  };
}

/** The sender's address of MAIL_FROM, else the public site when it is https, else a postmaster address at its host. */
function defaultVapidSubject(mailFrom: string, publicUrl: string): string {
  const address = mailFrom.match(/<([^<>\s]+@[^<>\s]+)>\s*$/)?.[1] ?? mailFrom.match(/^\s*([^<>\s]+@[^<>\s]+)\s*$/)?.[1];
  if (address) return `mailto:${address}`;
  if (publicUrl.startsWith("https://")) return publicUrl;
  return `mailto:postmaster@${new URL(publicUrl).hostname}`;
}
