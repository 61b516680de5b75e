/**
 * The whole journey, as the issue tells it, in the interface's own words (read from the
 * message catalogs, so the test follows the app in each language): a citizen files a report
 * with a photo and gets a reference, confirms it from the e-mail, a staff member signs in and
 * moves it to in_progress with a public response, and the citizen's report page shows the new
 * state and the response. In Arabic on a desktop screen, and in French on a 360×740 phone.
 */
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import flowMessages from "../../web/src/features/report-flow/report-flow.messages.ts";
import detailMessages from "../../web/src/staff/detail.messages.ts";
import stateMessages from "../../web/src/lib/states.messages.ts";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newStaff, places } from "../support/factories.ts";
import { linkIn } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
});
afterAll(() => closeWebPlatform(browser, tp));

const journeys = [
  { lang: "ar", viewport: { width: 1280, height: 800 }, title: "حفرة خطيرة في زنقة إبن منير", response: "فرقنا في الطريق، الإصلاح مبرمج هذا الأسبوع." },
  { lang: "fr", viewport: { width: 360, height: 740 }, title: "Nid-de-poule dangereux rue Ibnou Mounir", response: "Nos équipes sont en route, réparation prévue cette semaine." },
] as const;

async function mailLink(email: string, prefix: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = tp.mailbox.to(email).find((m) => m.text?.includes(prefix));
    if (mail) {
      const url = new URL(linkIn(mail.text, prefix));
      return url.pathname + url.search;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${email} with ${prefix}`);
}

const next = (page: Page, label: string) => page.getByRole("button", { name: label, exact: true }).click();

describe.each(journeys)("the journey in $lang", ({ lang, viewport, title, response }) => {
  it("a report with a photo goes from the citizen to the staff and back", async () => {
    const m = flowMessages[lang];
    const states = stateMessages[lang];
    const staffWords = detailMessages[lang].state;
    const email = `journey.${lang}@example.org`;
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 120, g: 104, b: 90 } } }).jpeg().toBuffer();

    // The citizen files it.
    const citizen = await newContext(browser, tp, { lang, viewport });
    const page = await citizen.newPage();
    const errors = watchErrors(page);
    await page.goto(`/report?lat=${places.maarif.lat}&lon=${places.maarif.lon}`);
    await expect.poll(() => page.locator("#step-heading").textContent()).toBe(m.placeHeading);
    await next(page, m.next);
    await expect.poll(() => page.locator("#step-heading").textContent()).toBe(m.describeHeading);
    await page.getByLabel(m.titleLabel, { exact: true }).fill(title);
    await page.locator('input[type="file"]').last().setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: photo });
    await expect.poll(() => page.getByRole("img", { name: m.photoAlt.replace("{n}", "1") }).count()).toBe(1);
    await page.getByLabel(m.emailLabel, { exact: true }).fill(email);
    await next(page, m.next);
    await expect.poll(() => page.locator("#step-heading").textContent()).toBe(m.categoryHeading);
    const roads = (await (await fetch(`${tp.url}/api/city`)).json()).categories.find((c: { code: string }) => c.code === "road_damage").name[lang];
    await page.getByRole("radio", { name: new RegExp(roads) }).check();
    await next(page, m.next);
    await expect.poll(() => page.locator("#step-heading").textContent()).toBe(m.reviewHeading);
    await page.getByRole("button", { name: m.send }).click();
    await expect.poll(() => page.getByTestId("report-ref").textContent()).toMatch(/^CAS-\d{4}-\d+$/);
    const ref = (await page.getByTestId("report-ref").textContent())!;
    await screenshot(page, `journey-sent-${lang}`);

    // …confirms it from the e-mail…
    await page.goto(await mailLink(email, `${tp.url}/r/${ref}/confirm?token=`));
    await expect.poll(() => page.locator("main").textContent()).toContain(ref);

    // …a staff member of the roads service answers and moves it to in_progress…
    const staffEmail = (await (await newStaff(tp, "voirie")).get("/api/session")).body.user.email;
    const staff = await newContext(browser, tp, { lang, viewport });
    expect((await staff.request.post("/api/session", { data: { email: staffEmail, password: "correct horse battery staple" } })).status()).toBe(200);
    const desk = await staff.newPage();
    const staffErrors = watchErrors(desk);
    await desk.goto(`/staff/r/${ref}`);
    await expect.poll(() => desk.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    const respond = desk.getByRole("region", { name: staffWords.heading });
    await respond.getByLabel(staffWords.state, { exact: true }).selectOption({ label: states.in_progress });
    await respond.getByLabel(staffWords.response).fill(response);
    await respond.getByRole("button", { name: staffWords.submit }).click();
    await expect.poll(() => respond.getByRole("status").textContent()).toContain(states.in_progress);
    await screenshot(desk, `journey-staff-${lang}`);

    // …and the citizen's page says so.
    await page.goto(`/r/${ref}`);
    await expect.poll(() => page.locator("main").textContent()).toContain(states.in_progress);
    expect(await page.locator("main").textContent()).toContain(response);
    expect(await page.locator("img[src*='/api/photos/']").count()).toBeGreaterThan(0);
    await expectAccessible(page, `report page ${lang}`);
    await screenshot(page, `journey-report-page-${lang}`);
    expect(errors).toEqual([]);
    expect(staffErrors).toEqual([]);
    await citizen.close();
    await staff.close();
  });
});
