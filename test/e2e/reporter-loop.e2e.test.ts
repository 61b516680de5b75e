/**
 * The reporter loop in Chromium: a neighbour presses "Me too" on a report and is counted; once
 * the authority marks it fixed, the reporter opens the link of the "Is it really fixed?" e-mail,
 * answers "not fixed" with two stars and a comment, and the page shows the report reopened;
 * the staff console and the map card show the supporter and the answer.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, signedInPage, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newCitizen, newConfirmedReport, newStaff, places } from "../support/factories.ts";
import { Client, linkIn } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

/** The machine is shared: a page may take a few seconds to settle. */
const POLL = { timeout: 15_000 };

let tp: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
});
afterAll(() => closeWebPlatform(browser, tp));

describe("the reporter loop on the report page", () => {
  it("a neighbour says \"me too\", and the reporter answers \"not fixed\" from the e-mailed link", async () => {
    const report = await newConfirmedReport(tp, { ...places.maarif, title: "Nid-de-poule devant la pharmacie", reporter: { name: "Amina Tazi", email: "amina.loop@example.org", showName: false } });
    const code = (await new Client(tp.url).get(`/api/reports/${report.ref}`)).body.report.authority.code as string;

    // A signed-in neighbour presses "Me too": counted at once.
    const neighbour = await newCitizen(tp);
    const context = await newContext(browser, tp, { lang: "fr" });
    const login = await context.request.post("/api/session", { data: { email: neighbour.email, password: "correct horse battery staple" } });
    expect(login.status()).toBe(200);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/r/${report.ref}`);
    await expect.poll(() => page.locator(".metoo-count").textContent(), POLL).toBe("Personne d'autre n'a encore indiqué avoir ce problème.");
    await page.getByRole("button", { name: "Moi aussi" }).click();
    await expect.poll(() => page.locator(".metoo-count").textContent(), POLL).toBe("1 personne a aussi ce problème");
    expect(await page.getByRole("status").filter({ hasText: "C'est noté : vous avez aussi ce problème." }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Moi aussi" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    // The authority marks it fixed; the reporter is asked by e-mail.
    const staff = await newStaff(tp, code);
    expect((await staff.post(`/api/reports/${report.ref}/updates`, { text: "Trou rebouché ce matin.", state: "fixed" })).status).toBe(201);
    await expect.poll(async () => { await tp.drain(); return tp.mailbox.to("amina.loop@example.org").filter((m) => m.subject?.startsWith("Est-ce vraiment réparé ?")).length; }, POLL).toBe(1);
    const mail = tp.mailbox.to("amina.loop@example.org").find((m) => m.subject?.startsWith("Est-ce vraiment réparé ?"))!;
    const link = new URL(linkIn(mail.text, `${tp.url}/r/${report.ref}?feedback=`));

    // The reporter, not signed in, opens the link and answers on the page.
    const reporter = await newContext(browser, tp, { lang: "fr", viewport: { width: 390, height: 844 } });
    const phone = await reporter.newPage();
    const phoneErrors = watchErrors(phone);
    await phone.goto(link.pathname + link.search);
    await expect.poll(() => phone.getByRole("heading", { name: "Est-ce vraiment réparé ?" }).count(), POLL).toBe(1);
    expect(await phone.locator(".report-state .state-badge").textContent()).toBe("Réparé");
    // Fixed: nobody can add "me too" any more.
    expect(await phone.locator(".metoo .notice").textContent()).toBe("Ce signalement n'est plus en cours de traitement : il ne peut plus être soutenu.");
    await expectAccessible(phone, "fix feedback card fr");
    await phone.getByRole("radio", { name: "Non, ce n'est pas réparé" }).check();
    await phone.getByRole("radio", { name: "2 étoiles" }).check();
    await phone.getByLabel("Quelque chose à ajouter ? (facultatif)").fill("Le trou s'est rouvert après la pluie.");
    await screenshot(phone, "fix-feedback-fr-phone");
    await phone.getByRole("button", { name: "Envoyer ma réponse" }).click();
    await expect.poll(() => phone.getByRole("status").filter({ hasText: "Le signalement a été rouvert" }).count(), POLL).toBe(1);
    await expect.poll(() => phone.locator(".report-state .state-badge").textContent(), POLL).toBe("Rouvert");
    await expect.poll(() => phone.locator(".timeline").textContent(), POLL).toContain("Le trou s'est rouvert après la pluie.");
    // Reopened: still one supporter, and open to more.
    expect(await phone.locator(".metoo-count").textContent()).toBe("1 personne a aussi ce problème");
    expect(await phone.getByRole("button", { name: "Moi aussi" }).count()).toBe(1);
    expect(phoneErrors).toEqual([]);
    await reporter.close();

    // The authority heard that it is not fixed.
    const authority = tp.platform.ctx.cities.get(tp.config.citySlug).authorityByCode.get(code)!;
    await expect.poll(async () => { await tp.drain(); return tp.mailbox.to(authority.email).some((m) => m.subject === `[${report.ref}] Pas réparé selon le citoyen : Nid-de-poule devant la pharmacie`); }, POLL).toBe(true);

    // The staff console shows the supporter and the answer; the map card shows the supporter.
    const staffEmail = (await staff.get("/api/session")).body.user.email as string;
    const console_ = await signedInPage(browser, tp, { lang: "fr", email: staffEmail, password: "correct horse battery staple" });
    await console_.page.goto(`/staff/r/${report.ref}`);
    const facts = console_.page.locator(".staff-facts").first();
    await expect.poll(() => facts.textContent(), POLL).toContain("Personnes ayant aussi ce problème1");
    expect(await facts.textContent()).toContain("Réponses à « Est-ce réparé ? »1 réponse, 1 non réparé, satisfaction moyenne 2 / 5");
    await console_.page.goto(`/?at=18/${places.maarif.lat}/${places.maarif.lon}`);
    const marker = console_.page.locator(".map-point").first();
    await marker.waitFor();
    await marker.focus();
    await console_.page.keyboard.press("Enter");
    await expect.poll(() => console_.page.locator(".map-card-supporters").textContent(), POLL).toBe("1 personne a aussi ce problème");
    expect(console_.errors).toEqual([]);
    await console_.context.close();
  }, 120_000);
});
