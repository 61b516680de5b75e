/**
 * The map and the staff queue, live, in Chromium: a citizen has the map open on Maârif and a
 * staff member of the roads authority has the queue open (with a report ticked); a new report
 * there is confirmed through the API. Without a reload, the map counts and draws it where it
 * was (same view), and the queue shows its row, keeps the ticked one, and says "1 nouveau
 * signalement" politely.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newConfirmedReport, newStaff, places } from "../support/factories.ts";
import { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

const PASSWORD = "correct horse battery staple";
let tp: TestPlatform;
let browser: Browser;
let staffEmail: string;
/** There before the pages open. */
let existing: string;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  staffEmail = (await (await newStaff(tp, "voirie")).get("/api/session")).body.user.email;
  existing = (await newConfirmedReport(tp, { ...places.maarif, title: "Bordure cassée rue Ibn Batouta" })).ref;
});
afterAll(() => closeWebPlatform(browser, tp));

/** The number in "N signalements dans cette vue". */
async function shownCount(page: Page): Promise<number> {
  const text = (await page.locator(".home-status").textContent()) ?? "";
  return Number(text.replace(/[^\d]/g, "") || "0");
}

/** A mark on the window: a reload would wipe it. */
const mark = (page: Page) => page.evaluate(() => { (window as unknown as { sameDocument: boolean }).sameDocument = true; });
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

describe("the map and the staff queue, live", () => {
  it("show a report confirmed through the API without a reload, keeping the view and the selection", async () => {
    // The citizen's map, at street level on Maârif.
    const citizen = await newContext(browser, tp, { lang: "fr" });
    const map = await citizen.newPage();
    const mapErrors = watchErrors(map);
    const mapStream = map.waitForResponse((r) => r.url().includes("/api/events?bbox="));
    const at = `16/${places.maarif.lat.toFixed(5)}/${places.maarif.lon.toFixed(5)}`;
    await map.goto(`/?at=${at}`);
    await map.locator(".map-point").first().waitFor();
    expect((await mapStream).headers()["content-type"]).toContain("text/event-stream");
    await expect.poll(() => shownCount(map), { timeout: 10_000 }).toBe(1);
    await mark(map);

    // The staff member's queue, one report ticked.
    const staffContext = await newContext(browser, tp, { lang: "fr" });
    expect((await staffContext.request.post("/api/session", { data: { email: staffEmail, password: PASSWORD } })).status()).toBe(200);
    const queue = await staffContext.newPage();
    const queueErrors = watchErrors(queue);
    const queueStream = queue.waitForResponse((r) => new URL(r.url()).pathname === "/api/events");
    await queue.goto("/staff");
    const rows = queue.locator(".queue-table tbody tr");
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await queueStream;
    const ticked = queue.getByRole("checkbox", { name: `Sélectionner ${existing}` });
    await ticked.check();
    const live = queue.locator(".live-notice");
    expect(await live.getAttribute("aria-live")).toBe("polite");
    expect(await live.textContent()).toBe("");
    await mark(queue);

    // A citizen files a report there and confirms it from the e-mailed link (all through the API).
    const title = "Regard d'égout ouvert boulevard Zerktouni";
    // A few hundred metres away: its own marker at this zoom, not a cluster with the first.
    const { ref } = await newConfirmedReport(tp, { lat: places.maarif.lat + 0.003, lon: places.maarif.lon + 0.003, title });

    // The map: one more report, drawn, in the same view.
    await expect.poll(() => shownCount(map), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => map.locator(".map-point").count(), { timeout: 10_000 }).toBe(2);
    expect(new URL(map.url()).searchParams.get("at")).toBe(at);
    expect(await map.locator(".home-status .muted").count()).toBe(0);
    expect(await sameDocument(map)).toBe(true);

    // The queue: the new row, the tick kept, a polite word.
    await expect.poll(() => rows.filter({ hasText: title }).count(), { timeout: 10_000 }).toBe(1);
    expect(await rows.count()).toBe(2);
    expect(await queue.getByRole("checkbox", { name: `Sélectionner ${ref}` }).isChecked()).toBe(false);
    expect(await ticked.isChecked()).toBe(true);
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe("1 nouveau signalement");
    expect(await sameDocument(queue)).toBe(true);
    await expectAccessible(queue, "staff queue live fr");

    // A state change elsewhere in the queue is news too, but not a new report.
    const staff = await new Client(tp.url).signIn(staffEmail, PASSWORD);
    expect((await staff.post(`/api/reports/${ref}/updates`, { text: "Équipe prévenue.", state: "in_progress" })).status).toBe(201);
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe("La file a été mise à jour.");
    expect(await ticked.isChecked()).toBe(true);

    expect(mapErrors).toEqual([]);
    expect(queueErrors).toEqual([]);
    await citizen.close();
    await staffContext.close();
  });
});
