/** Environment → config: defaults, and every bad value stops the start naming the variable. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const SECRET = "a-session-secret-of-at-least-32-chars!";

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("has working defaults for development", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: "development", port: 3000, host: "0.0.0.0", publicUrl: "http://localhost:3000", databaseUrl: undefined,
      smtpUrl: undefined, citySlug: "casablanca", logLevel: "info", rateLimit: true, worker: true, demo: true, trustProxy: false,
    });
    expect(c.dataDir).toBe(path.resolve("var"));
    expect(c.uploadDir).toBe(path.join(path.resolve("var"), "uploads"));
    expect(c.mailDir).toBe(path.join(path.resolve("var"), "mail"));
    expect(c.citiesDir).toBe(path.resolve("data/cities"));
    // Without a secret, development gets a random one of its own.
    expect(c.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({}).sessionSecret).not.toBe(c.sessionSecret);
  });

  it("reads the values it is given", () => {
    const c = loadConfig({
      NODE_ENV: "production", PORT: "8080", PUBLIC_URL: "https://baladiya.example.org/", DATABASE_URL: "postgres://u:p@db:5432/baladiya",
      DATA_DIR: "/srv/baladiya", SMTP_URL: "smtps://mail.example.org:465", SESSION_SECRET: SECRET, RATE_LIMIT: "false", WORKER: "0", TRUST_PROXY: "1",
    });
    expect(c).toMatchObject({
      env: "production", port: 8080, publicUrl: "https://baladiya.example.org", databaseUrl: "postgres://u:p@db:5432/baladiya",
      dataDir: "/srv/baladiya", uploadDir: "/srv/baladiya/uploads", smtpUrl: "smtps://mail.example.org:465", sessionSecret: SECRET,
      rateLimit: false, worker: false, trustProxy: true, demo: false,
    });
    expect(loadConfig({ DATABASE_URL: "postgresql://localhost/x" }).databaseUrl).toBe("postgresql://localhost/x");
    expect(loadConfig({ PORT: "0" }).port).toBe(0);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "", SMTP_URL: "" })).toMatchObject({ port: 3000, databaseUrl: undefined, smtpUrl: undefined });
  });

  it.each([
    ["PORT", { PORT: "abc" }],
    ["PORT", { PORT: "70000" }],
    ["PORT", { PORT: "-1" }],
    ["PORT", { PORT: "80.5" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://x" }],
    ["DATABASE_URL", { DATABASE_URL: "not a url" }],
    ["SMTP_URL", { SMTP_URL: "http://x" }],
    ["PUBLIC_URL", { PUBLIC_URL: "ftp://x" }],
    ["SESSION_SECRET", { SESSION_SECRET: "too-short" }],
    ["NODE_ENV", { NODE_ENV: "staging" }],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }],
    ["RATE_LIMIT", { RATE_LIMIT: "maybe" }],
  ] as [string, NodeJS.ProcessEnv][])("%s %j throws a ConfigError naming the variable", (variable, env) => {
    const err = configError(env);
    expect(err.message).toMatch(new RegExp(`^  ${variable}: `, "m"));
    // One line per problem: the other variables are not blamed.
    expect(err.message.split("\n").filter((l) => l.startsWith("  "))).toHaveLength(1);
  });

  it("NODE_ENV=production without SESSION_SECRET throws naming SESSION_SECRET", () => {
    const err = configError({ NODE_ENV: "production" });
    expect(err.message).toContain("SESSION_SECRET");
    expect(err.message).toContain("production");
    expect(() => loadConfig({ NODE_ENV: "production", SESSION_SECRET: SECRET })).not.toThrow();
  });

  it("lists every bad variable at once", () => {
    const err = configError({ PORT: "abc", SMTP_URL: "http://x", DATABASE_URL: "mysql://x" });
    for (const v of ["PORT", "SMTP_URL", "DATABASE_URL"]) expect(err.message).toMatch(new RegExp(`^  ${v}: `, "m"));
  });
});
