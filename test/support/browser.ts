/**
 * End-to-end harness: Debian's Chromium driven by playwright-core against a real platform
 * (fresh database, real SMTP mailbox, outbox worker running) serving the built web app.
 * Map tiles point at a closed local port: the app must work without them, as it must on a
 * phone that cannot load them. Screenshots go to test-results/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { startTestPlatform, type TestPlatform } from "./platform.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = path.resolve("test-results/screenshots");

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium fonts-noto-core) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export function startWebPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  // The global setup built the app for this run into WEB_DIR.
  const webDir = process.env.WEB_DIR;
  return startTestPlatform({ env: { WORKER: "true", MAP_TILE_URL: "https://127.0.0.1:9/{z}/{x}/{y}.png", GEOCODER_URL: "off", ...(webDir ? { WEB_DIR: webDir } : {}), ...env } });
}

export interface PageOptions { lang: "ar" | "fr" | "en"; viewport?: { width: number; height: number } }

/** A browser context as a person would have: their language, a phone or desktop screen. */
export async function newContext(browser: Browser, tp: TestPlatform, opts: PageOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: tp.url,
    locale: opts.lang === "ar" ? "ar-MA" : opts.lang === "fr" ? "fr-MA" : "en-GB",
    extraHTTPHeaders: { "accept-language": opts.lang },
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    timezoneId: "Africa/Casablanca",
    geolocation: { latitude: 33.5873, longitude: -7.633 },
    permissions: ["geolocation"],
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** A page signed in (through the API, in the context's cookies) as an account with this e-mail and password. */
export async function signedInPage(browser: Browser, tp: TestPlatform, opts: PageOptions & { email: string; password: string }) {
  const context = await newContext(browser, tp, opts);
  expect((await context.request.post("/api/session", { data: { email: opts.email, password: opts.password } })).status()).toBe(200);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** Fails the test on any uncaught error or console error in the page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // Tiles cannot load here on purpose; everything else must be clean.
    if (m.type() === "error" && !/127\.0\.0\.1:9|ERR_CONNECTION_REFUSED|Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

const axeSource = fs.readFileSync(path.resolve("node_modules/axe-core/axe.min.js"), "utf8");

/** Runs axe-core in the page; fails on any serious or critical violation, naming them. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Evaluated through the DevTools protocol: the page's CSP (kept strict in tests) does not apply to it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run(o?: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } })
      .axe.run({ resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations, `${label}: axe violations`).toEqual([]);
}

/** Resolves when the promise settles or after `ms`, saying on stderr which step hung. */
async function settleWithin(promise: Promise<unknown> | undefined, ms: number, step: string): Promise<void> {
  if (!promise) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => { timer = setTimeout(() => { console.error(`teardown: ${step} still running after ${ms} ms; going on`); resolve(); }, ms); });
  await Promise.race([promise.then(() => undefined, (err) => console.error(`teardown: ${step} failed`, err)), timeout]);
  clearTimeout(timer);
}

/**
 * Tears down an e2e file's browser and platform. Each step is bounded: on a loaded CI
 * machine Chromium once took over a minute to exit after every test had passed, and a
 * teardown must not turn a green run red nor hide which step hung.
 */
export async function closeWebPlatform(browser: Browser | undefined, tp: TestPlatform | undefined): Promise<void> {
  if (browser) {
    await Promise.all(browser.contexts().map((c) => settleWithin(c.close(), 10_000, "context.close")));
    await settleWithin(browser.close(), 20_000, "browser.close");
  }
  await settleWithin(tp?.close(), 20_000, "platform.close");
}
