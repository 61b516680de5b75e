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
  const dataDir = path.resolve(e.DATA_DIR);
  const port = overrides.port ?? e.PORT;
  return {
    env: e.NODE_ENV,
    port,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
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
    ...overrides,
  };
}
