/**
 * A worker killed mid-batch sends nothing twice and loses nothing. Thirty notifications wait
 * in the outbox; a real server process (`src/main.ts serve`) delivers them to a real SMTP
 * server that accepts the first five and then holds every message unanswered, so the worker
 * is caught with all its lanes mid-send; it is killed with SIGKILL. A second process takes the
 * messages over once their lease expires, and every address receives exactly one mail.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueMail } from "../src/mail/index.ts";
import { freshDatabase, startTestPlatform, type TestDatabase } from "./support/platform.ts";

const N = 30;
const ACCEPT_FIRST = 5;
const LANES = 4;

/** An SMTP server that accepts `acceptFirst` messages, then holds the rest until told to accept all. */
async function holdingSmtp(acceptFirst: number) {
  const accepted: string[] = [];
  let held = 0;
  let acceptAll = false;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS"], logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        const to = [mail.to].flat().flatMap((t) => t?.value ?? []).map((v) => v.address!.toLowerCase());
        if (acceptAll || accepted.length < acceptFirst) { accepted.push(...to); callback(); return; }
        held++; // Never answered: the sender waits until it dies.
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`,
    accepted, held: () => held,
    acceptEverything() { acceptAll = true; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(what: string, ok: () => boolean, ms = 60_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let testDb: TestDatabase;
let webDir: string;
const children: ChildProcess[] = [];

function startWorkerProcess(smtpUrl: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "serve"], {
    env: {
      ...process.env, NODE_ENV: "test", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", DEMO: "false", RATE_LIMIT: "false",
      SMTP_URL: smtpUrl, DATA_DIR: testDb.dataDir, WEB_DIR: webDir, OUTBOX_LEASE_SECONDS: "2",
      SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
      ...(testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : { DATABASE_URL: "" }),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  return child;
}

beforeAll(async () => {
  testDb = await freshDatabase();
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), "baladiya-noweb-"));
  // Migrate, load the city and queue the mail in-process; then hand the database over.
  const tp = await startTestPlatform({ testDb, smtp: false });
  const cityId = tp.platform.ctx.cities.get(tp.config.citySlug).id;
  await tp.platform.ctx.database.db.transaction(async (tx) => {
    for (let i = 0; i < N; i++) {
      await queueMail(tx, cityId, { email: `citizen${i}@example.org`, language: "fr" }, "verifyEmail", { name: `Citoyen ${i}`, link: "https://example.org/v" }, "Casablanca");
    }
  });
  await tp.platform.close();
  await tp.mailbox.close();
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await testDb.drop();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe("a worker process killed mid-batch", () => {
  it("sends nothing twice and loses nothing", async () => {
    const smtp = await holdingSmtp(ACCEPT_FIRST);
    try {
      const first = startWorkerProcess(smtp.url);
      // Every lane stuck on an unanswered message means every earlier message was recorded as sent.
      await until("the first worker to be caught mid-send", () => smtp.accepted.length === ACCEPT_FIRST && smtp.held() === LANES);
      first.kill("SIGKILL");
      await new Promise((resolve) => first.once("exit", resolve));
      expect(smtp.accepted).toHaveLength(ACCEPT_FIRST);

      smtp.acceptEverything();
      // PGlite's directory lock of the killed process goes stale after 15 s; the server's restart waits for it.
      let second = startWorkerProcess(smtp.url);
      await until("the second worker to deliver the rest", () => {
        if (second.exitCode !== null && smtp.accepted.length < N) second = startWorkerProcess(smtp.url);
        return smtp.accepted.length >= N;
      }, 90_000);
      // Anything sent twice would arrive now.
      await new Promise((r) => setTimeout(r, 1500));
      second.kill("SIGTERM");

      const expected = Array.from({ length: N }, (_, i) => `citizen${i}@example.org`).sort();
      expect([...smtp.accepted].sort()).toEqual(expected);
    } finally {
      await smtp.close();
    }
  }, 150_000);
});
