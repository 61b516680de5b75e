/**
 * Test harness: a real platform on a fresh database (PGlite in a temp dir, or a new
 * database on the PostgreSQL server when DATABASE_URL is set), listening on a real port,
 * with a real SMTP server receiving its mail.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { loadConfig, type Config } from "../../src/config.ts";
import { openDatabase, type Database } from "../../src/db/client.ts";
import type { ChannelsOptions } from "../../src/channels/index.ts";
import { createPlatform, type Platform } from "../../src/server/app.ts";
import { startMailbox, type Mailbox } from "./mailbox.ts";

export interface TestDatabase {
  databaseUrl: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file. */
export async function freshDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-test-"));
  const server = process.env.DATABASE_URL;
  if (!server) {
    return { databaseUrl: undefined, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `baladiya_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestPlatform {
  platform: Platform;
  url: string;
  mailbox: Mailbox;
  config: Config;
  testDb: TestDatabase;
  /** Processes every due outbox message now. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

/** `port`: listen there (a server restarted on its old address); by default any free port. */
export async function startTestPlatform(opts: { env?: Record<string, string>; smtp?: boolean; testDb?: TestDatabase; database?: Database; channels?: ChannelsOptions; port?: number } = {}): Promise<TestPlatform> {
  const testDb = opts.testDb ?? await freshDatabase();
  const mailbox = await startMailbox();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "test",
    DATA_DIR: testDb.dataDir,
    LOG_LEVEL: "silent",
    RATE_LIMIT: "false",
    WORKER: "false",
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    ...(testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : {}),
    ...(opts.smtp === false ? {} : { SMTP_URL: mailbox.url }),
    ...opts.env,
  };
  const base = loadConfig(env);
  const platform = await createPlatform(base, { ...(opts.database ? { database: opts.database } : {}), channels: opts.channels });
  await platform.app.listen({ port: opts.port ?? 0, host: "127.0.0.1" });
  const address = platform.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  // Links in e-mails must point at this server.
  platform.ctx.config.publicUrl = url;
  return {
    platform, url, mailbox, config: platform.ctx.config, testDb,
    drain: () => platform.ctx.worker.drain(),
    async close() {
      await platform.close();
      await mailbox.close();
      if (!opts.testDb) await testDb.drop();
    },
  };
}

export async function openTestDatabase(testDb: TestDatabase): Promise<Database> {
  return openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
}
