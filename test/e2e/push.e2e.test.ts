/**
 * The service worker's side of Web Push in Chromium: a push message (delivered through the
 * DevTools protocol, as the browser's push service would) becomes a notification with the
 * title, text, language, direction and link the server put in the payload.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, launchBrowser, newContext, startWebPlatform, watchErrors } from "../support/browser.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
});
afterAll(() => closeWebPlatform(browser, tp));

describe("push notifications in the service worker", () => {
  it("imports the push handlers into sw.js, served uncached like the worker itself", async () => {
    // fetch asks for br: the precompressed copies must carry the worker's headers too.
    const sw = await fetch(`${tp.url}/sw.js`);
    expect(sw.headers.get("cache-control")).toBe("no-cache");
    expect(await sw.text()).toContain("push-sw.js");
    const handlers = await fetch(`${tp.url}/push-sw.js`);
    expect(handlers.status).toBe(200);
    expect(handlers.headers.get("cache-control")).toBe("no-cache");
    expect(await handlers.text()).toContain("notificationclick");
  });

  it("shows a pushed message as a notification in the subscriber's language and direction", async () => {
    const context = await newContext(browser, tp, { lang: "ar" });
    await context.grantPermissions(["notifications"], { origin: tp.url });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/");
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? "none"), { timeout: 15_000 }).toBe("activated");

    const cdp = await context.newCDPSession(page);
    const registrations: { registrationId: string; scopeURL: string }[] = [];
    cdp.on("ServiceWorker.workerRegistrationUpdated", (e) => registrations.push(...e.registrations));
    await cdp.send("ServiceWorker.enable");
    // The machine is shared: the worker may take several seconds (it missed the 10 s default once on CI).
    const POLL = { timeout: 15_000 };
    await expect.poll(() => registrations.find((r) => r.scopeURL === `${tp.url}/`), POLL).toBeDefined();
    const { registrationId } = registrations.find((r) => r.scopeURL === `${tp.url}/`)!;

    const notifications = () => page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return (await reg!.getNotifications()).map((n) => ({ title: n.title, body: n.body, lang: n.lang, dir: n.dir, tag: n.tag, data: n.data }));
    });
    const url = `${tp.url}/r/BLD-2024-0012`;
    const push = (payload: object) => cdp.send("ServiceWorker.deliverPushMessage", { origin: `${tp.url}/`, registrationId, data: JSON.stringify(payload) });

    await push({ title: "البلاغ BLD-2024-0012: تم الإصلاح", body: "أصلحت البلدية الحفرة.", url, lang: "ar", dir: "rtl" });
    await expect.poll(notifications, POLL).toEqual([{ title: "البلاغ BLD-2024-0012: تم الإصلاح", body: "أصلحت البلدية الحفرة.", lang: "ar", dir: "rtl", tag: url, data: { url } }]);

    // A newer update of the same report replaces the notification instead of piling up.
    await push({ title: "البلاغ BLD-2024-0012: أعيد فتحه", body: "", url, lang: "ar", dir: "rtl" });
    await expect.poll(async () => (await notifications()).map((n) => n.title), POLL).toEqual(["البلاغ BLD-2024-0012: أعيد فتحه"]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
