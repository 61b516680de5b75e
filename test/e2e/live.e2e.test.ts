/**
 * Live updates in Chromium: a citizen has a confirmed report's page open (in French); the staff
 * of its authority move it to in_progress with a public response; without a reload, the page
 * shows the new state and the response, and says politely that the report was just updated.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newConfirmedReport, newStaff } from "../support/factories.ts";
import { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
});
afterAll(() => closeWebPlatform(browser, tp));

describe("the report page, live", () => {
  it("shows a staff member's state change and response without a reload, and announces it", async () => {
    const { ref } = await newConfirmedReport(tp, { title: "Trottoir effondré rue de Fès" });
    const { body } = await new Client(tp.url).get(`/api/reports/${ref}`);
    const staff = await newStaff(tp, body.report.authority.code);

    const context = await newContext(browser, tp, { lang: "fr" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    // Counts the page's open EventSources (added through DevTools: the page's CSP does not apply).
    await page.addInitScript(() => {
      const open: string[] = [];
      (window as unknown as { liveStreams: string[] }).liveStreams = open;
      const Native = window.EventSource;
      const close = Native.prototype.close;
      // Plain functions only: this source is sent to the page as text, so no compiled helpers.
      Native.prototype.close = function (this: EventSource) {
        const at = open.indexOf(this.url);
        if (at >= 0) open.splice(at, 1);
        close.call(this);
      };
      window.EventSource = new Proxy(Native, {
        construct(target, args: [string, EventSourceInit?]) {
          const source = new target(...args);
          open.push(source.url);
          return source;
        },
      });
    });
    const loads: string[] = [];
    page.on("response", (r) => { if (new URL(r.url()).pathname === `/api/reports/${ref}`) loads.push(r.url()); });
    const streamOpened = page.waitForResponse((r) => r.url().includes(`/api/events?report=${ref}`));
    await page.goto(`/r/${ref}`);
    await expect.poll(() => page.locator(".report-state .state-badge").textContent()).toBe("Signalé");
    expect((await streamOpened).headers()["content-type"]).toContain("text/event-stream");
    // The first load, then one more once the stream is open (covering the time before it opened):
    // after that, only an event can bring the staff's change.
    await expect.poll(() => loads.length).toBe(2);
    const live = page.locator(".live-notice");
    expect(await live.getAttribute("aria-live")).toBe("polite");
    expect(await live.textContent()).toBe("");
    // A mark on the window: a reload would wipe it.
    await page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });
    const sameDocument = () => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

    const posted = await staff.post(`/api/reports/${ref}/updates`, { text: "Une équipe sécurise le trottoir ce matin.", state: "in_progress" });
    expect(posted.status).toBe(201);

    await expect.poll(() => page.locator(".report-state .state-badge").textContent(), { timeout: 10_000 }).toBe("En cours");
    expect(loads.length).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator(".timeline").textContent(), { timeout: 10_000 }).toContain("Une équipe sécurise le trottoir ce matin.");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Ce signalement vient d'être mis à jour." }).count(), { timeout: 10_000 }).toBe(1);
    expect(await sameDocument()).toBe(true);
    await expectAccessible(page, "report page live fr");
    expect(errors).toEqual([]);

    // Going to the map inside the app (no page load) closes the report's stream (the map opens its own).
    const reportStreams = () => page.evaluate((r) => (window as unknown as { liveStreams: string[] }).liveStreams.filter((url) => url.includes(`report=${r}`)).length, ref);
    expect(await reportStreams()).toBe(1);
    await page.locator("header").getByRole("link", { name: "Carte" }).click();
    await expect.poll(reportStreams, { timeout: 10_000 }).toBe(0);
    expect(await sameDocument()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
