/**
 * The app around the pages: the first screen the server paints, the language (from the
 * browser, switchable, remembered, right-to-left in Arabic), the skip link, the installable
 * PWA (manifest and service worker under the real CSP) and the offline banner.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
});
afterAll(() => closeWebPlatform(browser, tp));

describe("the page the server renders", () => {
  it("is in the browser's language, right-to-left for Arabic, with a first screen before any script", async () => {
    for (const [lang, dir, heading] of [["ar", "rtl", "مشكل في زنقتك؟"], ["fr", "ltr", "Un problème dans votre rue ?"], ["en", "ltr", "A problem in your street?"]] as const) {
      const res = await fetch(`${tp.url}/`, { headers: { "accept-language": lang } });
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}" dir="${dir}">`);
      expect(html).toContain(heading);
      expect(html).toMatch(/<style>[^<]*--green/);
      // The inlined stylesheet keeps a disabled link (never fetched) for Vite's chunk loader.
      expect(html).not.toMatch(/<link rel="stylesheet"(?![^>]*\sdisabled)/);
      expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/index-[\w-]+\.css" disabled \/>/);
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    }
  });

  it("names each page's lazy chunks for preloading, so they download beside the entry script", async () => {
    const preloads = async (pathname: string) => {
      const html = await (await fetch(`${tp.url}${pathname}`)).text();
      return [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]!);
    };
    const transparency = await preloads("/transparency?area=anfa");
    expect(transparency.some((href) => /^\/assets\/TransparencyPage-[\w-]+\.js$/.test(href))).toBe(true);
    const insights = await preloads("/staff/insights");
    expect(insights.some((href) => /^\/assets\/StaffApp-[\w-]+\.js$/.test(href))).toBe(true);
    expect(insights.some((href) => /^\/assets\/InsightsPage-[\w-]+\.js$/.test(href))).toBe(true);
    for (const href of insights) {
      const res = await fetch(`${tp.url}${href}`);
      expect(res.status, href).toBe(200);
      expect(res.headers.get("content-type")).toContain("javascript");
    }
    // The map home's chunks are in the entry script: nothing more to name.
    expect(await preloads("/")).toEqual([]);
  });

  it("gives unknown paths the app (its own not-found page) and unknown API paths a problem", async () => {
    expect((await fetch(`${tp.url}/no/such/page`)).headers.get("content-type")).toContain("text/html");
    const api = await fetch(`${tp.url}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("in the browser", () => {
  it("opens a lazily loaded page without fetching the stylesheet the page already carries inline", async () => {
    const context = await newContext(browser, tp, { lang: "fr" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const stylesheets: string[] = [];
    page.on("request", (r) => { if (r.url().endsWith(".css")) stylesheets.push(new URL(r.url()).pathname); });
    await page.goto("/transparency");
    await page.locator("table.league").waitFor();
    expect(stylesheets.length).toBeGreaterThan(0); // the page's own chunk has one
    expect(stylesheets.filter((href) => /^\/assets\/index-/.test(href))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("switches language everywhere, remembers it, and lays Arabic out right-to-left", async () => {
    const context = await newContext(browser, tp, { lang: "fr" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/signin");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Se connecter");
    await page.getByLabel("Langue").selectOption("ar");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("تسجيل الدخول");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("تسجيل الدخول");
    expect(await page.getAttribute("html", "lang")).toBe("ar");
    // Arabic-Indic digits on demand.
    await page.getByLabel("الأرقام الهندية (٠١٢٣)").check();
    await expectAccessible(page, "sign-in ar");
    await screenshot(page, "signin-ar");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("offers a skip link as the first stop of the keyboard", async () => {
    const context = await newContext(browser, tp, { lang: "en" });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => location.hash)).toBe("#main");
    await context.close();
  });

  it("is installable: a localized manifest with icons, and a service worker that activates under the CSP", async () => {
    const context = await newContext(browser, tp, { lang: "ar" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/signin");
    const href = await page.getAttribute('link[rel="manifest"]', "href");
    const manifest = await (await fetch(`${tp.url}${href}`, { headers: { cookie: "lang=ar" } })).json();
    expect(manifest).toMatchObject({ lang: "ar", dir: "rtl", display: "standalone", start_url: "/" });
    for (const icon of manifest.icons) expect((await fetch(`${tp.url}${icon.src}`)).status).toBe(200);
    // The worker precaches the citizen app, never the staff console.
    const worker = await (await fetch(`${tp.url}/sw.js`)).text();
    expect(worker).toMatch(/assets\/index-[\w-]+\.js/);
    expect(worker).not.toMatch(/StaffApp|AdminApp/);
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? "none"), { timeout: 15_000 }).toBe("activated");
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(`${tp.url}/`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says when the connection is lost", async () => {
    const context = await newContext(browser, tp, { lang: "fr" });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await context.setOffline(true);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Vous êtes hors ligne");
    await context.setOffline(false);
    await context.close();
  });
});
