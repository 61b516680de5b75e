/**
 * AI triage in the citizen's report flow, in Chromium against the real server and the shipped
 * models: the category suggested from what the citizen wrote (Darija in Arabic letters, on a
 * phone in the Arabic interface; Arabizi in the French one), and an open report of the same
 * problem at the same place offered before sending. Then the page's own rules with a fixed
 * answer from the server (what it does when the AI is sure, when it hesitates, when the citizen
 * chose by hand, and how often it asks), so they do not depend on a model's mood.
 */
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import { places } from "../support/factories.ts";
import { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;
const phone = { width: 360, height: 740 };

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
});
afterAll(() => closeWebPlatform(browser, tp));

const heading = (page: Page) => page.locator("#step-heading");
const suggestion = (page: Page) => page.getByTestId("category-suggestion");

async function expectStep(page: Page, text: string) {
  await expect.poll(() => heading(page).textContent()).toBe(text);
}

/** Every /api/triage request the page sends, as JSON bodies. */
function watchTriage(page: Page): { text: string; lat?: number; lon?: number; category?: string }[] {
  const sent: { text: string }[] = [];
  page.on("request", (r) => { if (r.url().endsWith("/api/triage") && r.method() === "POST") sent.push(r.postDataJSON()); });
  return sent;
}

/** The suggestion's first category once it is there (the page names the one it would pick). */
async function firstSuggestion(page: Page): Promise<string | null> {
  await expect.poll(() => suggestion(page).getAttribute("data-suggested"), { timeout: 10_000 }).not.toBeNull();
  return suggestion(page).getAttribute("data-suggested");
}

async function confirmByMail(ref: string, email: string) {
  await tp.drain();
  const mail = tp.mailbox.to(email).find((m) => m.text?.includes(ref));
  expect(mail, `confirmation e-mail to ${email}`).toBeDefined();
  const token = new URL(mail!.text!.match(/https?:\/\/\S+\/confirm\?token=\S+/)![0]).searchParams.get("token");
  expect((await new Client(tp.url).post(`/api/reports/${ref}/confirm`, { token })).status).toBe(200);
  await tp.drain();
}

describe("AI triage in the report flow, with the shipped models", () => {
  it("(a) suggests street lighting for a Darija description in Arabic letters, on a phone in Arabic", async () => {
    const context = await newContext(browser, tp, { lang: "ar", viewport: phone });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const sent = watchTriage(page);
    await page.goto(`/report?lat=${places.sidiMoumen.lat}&lon=${places.sidiMoumen.lon}`);
    await expect.poll(() => page.locator(".pin-status").textContent()).toContain("سيدي مومن");
    await page.getByRole("button", { name: "التالي" }).click();

    await expectStep(page, "صف المشكل");
    // Typed as a person types: the page waits for a pause before asking, and not for the first few letters.
    await page.getByLabel("العنوان").pressSequentially("الضو ديال الزنقة طافي", { delay: 40 });
    await page.getByLabel("الوصف (اختياري)").pressSequentially("الضو ديال الزنقة طافي هادي سيمانة، والزنقة كاملة ولات ظلمة فالليل.", { delay: 20 });
    await page.getByLabel("البريد الإلكتروني").fill("darija.ar@example.org");
    // The last question is asked after the pause that follows the typing: wait for it.
    await expect.poll(() => sent.at(-1)?.text ?? "").toContain("هادي سيمانة");
    // One question per pause in the typing (title, then description), not one per key (90 keys):
    // a few more pauses are allowed for a loaded machine where a key can take longer than the debounce.
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent.at(-1)).toMatchObject({ lat: places.sidiMoumen.lat, lon: places.sidiMoumen.lon });
    await page.getByRole("button", { name: "التالي" }).click();

    await expectStep(page, "ما نوع المشكل؟");
    const first = await firstSuggestion(page);
    await screenshot(page, "triage-category-ar-phone");
    expect(first, `the suggestion for a Darija street-light text (shown: ${await suggestion(page).textContent()})`).toBe("street_lighting");
    await expect.poll(() => suggestion(page).textContent()).toContain("إنارة عمومية معطلة أو متضررة");
    if (await suggestion(page).getAttribute("data-confident") === "true") {
      // Sure of it: already chosen, and the page says so.
      expect(await page.getByRole("radio", { checked: true }).getAttribute("value")).toBe("street_lighting");
      expect(await suggestion(page).textContent()).toContain("اقتراح بناءً على وصفك");
    } else {
      // Hesitating: it is the first of the large buttons.
      expect(await page.getByRole("button", { name: "إنارة عمومية معطلة أو متضررة" }).count()).toBe(1);
    }
    await expectAccessible(page, "category step with the suggestion, ar");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("(b) suggests waste collection or illegal dumping for an Arabizi text in the French interface", async () => {
    const context = await newContext(browser, tp, { lang: "fr" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/report?lat=${places.hayHassani.lat}&lon=${places.hayHassani.lon}`);
    await expect.poll(() => page.locator(".pin-status").textContent()).toContain("Hay Hassani");
    await page.getByRole("button", { name: "Suivant" }).click();
    await expectStep(page, "Décrivez le problème");
    await page.getByLabel("Titre", { exact: true }).fill("zbel m3ammer f zan9a hadi 3 iyam");
    await page.getByLabel("Adresse e-mail").fill("arabizi.fr@example.org");
    await page.getByRole("button", { name: "Suivant" }).click();

    await expectStep(page, "De quel type de problème s'agit-il ?");
    const first = await firstSuggestion(page);
    expect(["waste_collection", "illegal_dumping"], `shown: ${await suggestion(page).textContent()}`).toContain(first);
    // Words only: no probabilities, no percentages.
    expect(await suggestion(page).textContent()).not.toMatch(/\d[.,]\d|%/);
    await expectAccessible(page, "category step with the suggestion, fr");
    await screenshot(page, "triage-category-fr");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("(c) offers the report a first citizen filed at the same place as a probable duplicate, with a link to it", async () => {
    // The first citizen files a street light through the app and confirms it from the e-mail.
    const first = await newContext(browser, tp, { lang: "fr", viewport: phone });
    const page1 = await first.newPage();
    const errors1 = watchErrors(page1);
    await page1.goto(`/report?lat=${places.maarif.lat}&lon=${places.maarif.lon}`);
    await expect.poll(() => page1.locator(".pin-status").textContent()).toContain("Maârif");
    await page1.getByRole("button", { name: "Suivant" }).click();
    await page1.getByLabel("Titre", { exact: true }).fill("Lampadaire éteint devant la pharmacie");
    await page1.getByLabel("Description (facultatif)").fill("Le lampadaire de la rue ne s'allume plus depuis une semaine, la rue est toute noire la nuit.");
    await page1.getByLabel("Adresse e-mail").fill("first.fr@example.org");
    await page1.getByRole("button", { name: "Suivant" }).click();
    await expectStep(page1, "De quel type de problème s'agit-il ?");
    await page1.getByRole("radio", { name: /Éclairage public en panne/ }).check();
    await page1.getByRole("button", { name: "Suivant" }).click();
    await expectStep(page1, "Vérifiez et envoyez");
    // Nothing open there yet.
    expect(await page1.getByTestId("duplicates").count()).toBe(0);
    await page1.getByRole("button", { name: "Envoyer le signalement" }).click();
    await expect.poll(() => page1.getByTestId("report-ref").textContent()).toMatch(/^CAS-\d{4}-\d+$/);
    const ref = (await page1.getByTestId("report-ref").textContent())!;
    await confirmByMail(ref, "first.fr@example.org");
    expect(errors1).toEqual([]);
    await first.close();

    // A second citizen, in English, about 20 m away, says the same in their own words.
    const second = await newContext(browser, tp, { lang: "en", viewport: phone });
    const page = await second.newPage();
    const errors = watchErrors(page);
    await page.goto(`/report?lat=${places.maarif.lat + 0.0002}&lon=${places.maarif.lon}`);
    await expect.poll(() => page.locator(".pin-status").textContent()).toContain("Maarif");
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByLabel("Title", { exact: true }).fill("Lampadaire éteint");
    await page.getByLabel("Description (optional)").fill("Le lampadaire ne s'allume plus depuis une semaine, la rue est noire la nuit.");
    await page.getByLabel("E-mail").fill("second.en@example.org");
    await page.getByRole("button", { name: "Next" }).click();
    await expectStep(page, "What kind of problem is it?");
    await page.getByRole("radio", { name: /Street light out or damaged/ }).check();
    await page.getByRole("button", { name: "Next" }).click();

    await expectStep(page, "Check and send");
    const duplicates = page.getByTestId("duplicates");
    await expect.poll(() => duplicates.getByRole("heading").textContent()).toBe("Already reported? It may be one of these:");
    const link = duplicates.getByRole("link", { name: "Lampadaire éteint devant la pharmacie" });
    expect(await link.getAttribute("href")).toBe(`/r/${ref}`);
    // Distance in metres as English writes it, and the report's state.
    expect(await duplicates.locator("li").first().textContent()).toMatch(/— \d{1,3} m from your pin — Reported, /);
    await expectAccessible(page, "review with a duplicate, en");
    await screenshot(page, "triage-duplicate-en-phone");
    // Following it instead leads to its page.
    await link.click();
    await expect.poll(() => page.locator("main").textContent()).toContain(ref);
    expect(errors).toEqual([]);
    await second.close();
  });
});

describe("the page's rules around the suggestion (fixed server answers)", () => {
  const reply = (categories: [string, number][], confident: boolean) => ({
    modelVersion: "test", language: "fr", languageConfidence: 0.9, confident,
    categories: categories.map(([code, p]) => ({ code, p, name: code })),
    urgency: { score: 20, factors: [] }, duplicates: [],
  });
  const answer = (body: unknown) => (route: Route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) });

  it("(d) when unsure, offers three large buttons reachable by keyboard; when sure, chooses for the citizen, never over their own choice", async () => {
    const context = await newContext(browser, tp, { lang: "fr", viewport: phone });
    const page = await context.newPage();
    const errors = watchErrors(page);
    let asked = 0;
    await page.route("**/api/triage", (route) => {
      asked++;
      return answer(reply([["sidewalk", 0.41], ["road_damage", 0.31], ["water_leak", 0.14]], false))(route);
    });
    await page.goto(`/report?lat=${places.sidiBelyout.lat}&lon=${places.sidiBelyout.lon}`);
    await page.getByRole("button", { name: "Suivant" }).click();
    await expectStep(page, "Décrivez le problème");
    // Eleven characters: too few to ask.
    await page.getByLabel("Titre", { exact: true }).pressSequentially("Dalle cassé", { delay: 30 });
    await page.waitForTimeout(700);
    expect(asked).toBe(0);
    // Typing on at a steady pace: one question once the typing stops.
    await page.getByLabel("Titre", { exact: true }).pressSequentially("e devant la pharmacie", { delay: 60 });
    await expect.poll(() => asked).toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(700);
    // 21 keys: one question when the typing stops (two if a loaded machine stalled mid-word), never one per key.
    expect(asked).toBeLessThanOrEqual(2);
    await page.getByLabel("Adresse e-mail").fill("rules.fr@example.org");
    await page.getByRole("button", { name: "Suivant" }).click();

    await expectStep(page, "De quel type de problème s'agit-il ?");
    await expect.poll(() => suggestion(page).getByRole("heading").textContent()).toBe("Laquelle correspond le mieux ?");
    const choices = suggestion(page).getByRole("button");
    expect(await choices.allTextContents()).toEqual(["Trottoir dégradé ou encombré", "Nids-de-poule et chaussée dégradée", "Fuite d'eau potable ou coupure d'eau"]);
    // Nothing is chosen for the citizen when the AI hesitates.
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    await expectAccessible(page, "unsure suggestion fr");
    await screenshot(page, "triage-unsure-fr-phone");
    // The keyboard: from the heading, Tab reaches the first button; Enter chooses it.
    await heading(page).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-category"))).toBe("sidewalk");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await page.getByRole("radio", { checked: true }).getAttribute("value")).toBe("road_damage");
    expect(await choices.nth(1).getAttribute("aria-pressed")).toBe("true");

    // Later the AI becomes sure of something else: the citizen's own choice stays, the page only offers it.
    await page.unroute("**/api/triage");
    await page.route("**/api/triage", answer(reply([["street_lighting", 0.93], ["traffic_signals", 0.03], ["other", 0.02]], true)));
    await page.getByRole("button", { name: "Retour" }).click();
    await page.getByLabel("Description (facultatif)").fill("Et le lampadaire au-dessus est éteint.");
    await page.getByRole("button", { name: "Suivant" }).click();
    await expectStep(page, "De quel type de problème s'agit-il ?");
    await expect.poll(() => suggestion(page).textContent()).toContain("D'après votre description, il s'agit plutôt de : Éclairage public en panne ou endommagé.");
    expect(await page.getByRole("radio", { checked: true }).getAttribute("value")).toBe("road_damage");
    await page.getByRole("button", { name: "Choisir « Éclairage public en panne ou endommagé »" }).click();
    expect(await page.getByRole("radio", { checked: true }).getAttribute("value")).toBe("street_lighting");
    expect(errors).toEqual([]);
    await context.close();

    // A new citizen with the sure answer: the category is chosen for them, and the page says so.
    const fresh = await newContext(browser, tp, { lang: "en", viewport: phone });
    const page2 = await fresh.newPage();
    const errors2 = watchErrors(page2);
    await page2.route("**/api/triage", answer(reply([["street_lighting", 0.93], ["traffic_signals", 0.03], ["other", 0.02]], true)));
    await page2.goto(`/report?lat=${places.sidiBelyout.lat}&lon=${places.sidiBelyout.lon}`);
    await page2.getByRole("button", { name: "Next" }).click();
    await page2.getByLabel("Title", { exact: true }).fill("Street light out on our street");
    await page2.getByLabel("E-mail").fill("sure.en@example.org");
    await expect.poll(() => page2.evaluate(() => JSON.parse(sessionStorage.getItem("report-draft") ?? "{}").category)).toBe("street_lighting");
    await page2.getByRole("button", { name: "Next" }).click();
    await expectStep(page2, "What kind of problem is it?");
    await expect.poll(() => suggestion(page2).textContent()).toBe("Suggested from your description: Street light out or damaged. Change it below if it is wrong.");
    expect(await page2.getByRole("radio", { checked: true }).getAttribute("value")).toBe("street_lighting");
    // Its own questions are open under its group.
    expect(await page2.getByRole("heading", { name: "A few questions — Street light out or damaged" }).count()).toBe(1);
    await expectAccessible(page2, "sure suggestion en");
    await page2.getByRole("button", { name: "Next" }).click();
    await expectStep(page2, "Check and send");
    expect(await page2.locator('section[aria-labelledby="review-category"]').textContent()).toContain("Street light out or damaged");
    expect(errors2).toEqual([]);
    await fresh.close();
  });
});
