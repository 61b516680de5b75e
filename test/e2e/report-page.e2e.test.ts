/**
 * The public report page in Chromium: a report with a photo and a staff response shows its
 * facts and timeline (Arabic, and French on a phone); a signed-in citizen adds an update and
 * reopens their fixed report; a visitor subscribes by e-mail and shares the link; an unknown
 * reference gets a friendly page.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newCitizen, newConfirmedReport, newReportBody, newStaff } from "../support/factories.ts";
import { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;
/** A confirmed report with a photo, moved to in_progress by its authority's staff with a public response. */
let handled: { ref: string; title: string };

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  handled = await reportWithPhotoAndResponse();
});
afterAll(() => closeWebPlatform(browser, tp));

async function staffFor(ref: string) {
  const { body } = await new Client(tp.url).get(`/api/reports/${ref}`);
  return newStaff(tp, body.report.authority.code);
}

async function reportWithPhotoAndResponse() {
  const body = newReportBody({ title: "Nid-de-poule profond boulevard Zerktouni", reporter: { name: "Amina Tazi", email: "amina.page@example.org", showName: true } });
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) {
    if (k === "reporter") for (const [rk, rv] of Object.entries(v as Record<string, unknown>)) form.append(`reporter.${rk}`, String(rv));
    else form.append(k, String(v));
  }
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 90, b: 90 } } }).jpeg().toBuffer();
  form.append("photos", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "trou.jpg");
  const created = await new Client(tp.url).request("POST", "/api/reports", { form });
  expect(created.status).toBe(201);
  const ref = created.body.ref as string;
  await tp.drain();
  const mail = tp.mailbox.to("amina.page@example.org").find((m) => m.text?.includes(ref))!;
  const token = new URL(mail.text!.match(/https?:\/\/\S+confirm\?token=\S+/)![0]).searchParams.get("token");
  expect((await new Client(tp.url).post(`/api/reports/${ref}/confirm`, { token })).status).toBe(200);
  const staff = await staffFor(ref);
  expect((await staff.post(`/api/reports/${ref}/updates`, { text: "Une équipe passe cette semaine pour reboucher le trou.", state: "in_progress" })).status).toBe(201);
  return { ref, title: body.title as string };
}

async function signIn(context: BrowserContext, email: string) {
  const res = await context.request.post("/api/session", { data: { email, password: "correct horse battery staple" } });
  expect(res.status()).toBe(200);
}

const timeline = (page: Page) => page.locator(".timeline");

describe("the report page", () => {
  it("shows the report, who handles it and its timeline, in Arabic and in French on a phone", async () => {
    const ar = await newContext(browser, tp, { lang: "ar" });
    const page = await ar.newPage();
    const errors = watchErrors(page);
    await page.goto(`/r/${handled.ref}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(handled.title);
    expect(await page.locator(".report-state .state-badge").textContent()).toBe("قيد المعالجة");
    expect(await page.locator(".report-facts").textContent()).toContain("الجهة المكلفة");
    expect(await page.locator(".report-facts").textContent()).toContain("Amina Tazi");
    expect(await page.getByRole("img", { name: `الصورة 1 من البلاغ «${handled.title}»` }).count()).toBe(1);
    // Oldest first: filed, then the staff response with its state change.
    const items = await timeline(page).locator("li").allTextContents();
    expect(items).toHaveLength(2);
    expect(items[0]).toContain("تم إرسال البلاغ");
    expect(items[1]).toContain("موظف بالجماعة");
    expect(items[1]).toContain("تغيّرت الحالة:");
    expect(items[1]).toContain("Une équipe passe cette semaine");
    // The pin (and the area outlines) are drawn even though tiles cannot load here.
    await expect.poll(() => page.locator(".report-map path").count()).toBeGreaterThan(1);
    await expectAccessible(page, "report page ar");
    await screenshot(page, "report-page-ar");
    expect(errors).toEqual([]);
    await ar.close();

    const fr = await newContext(browser, tp, { lang: "fr", viewport: { width: 360, height: 740 } });
    const phone = await fr.newPage();
    const phoneErrors = watchErrors(phone);
    await phone.goto(`/r/${handled.ref}`);
    await expect.poll(() => phone.locator(".report-state .state-badge").textContent()).toBe("En cours");
    expect(await timeline(phone).textContent()).toContain("Agent de la ville");
    expect(await phone.getByRole("link", { name: "Connectez-vous pour ajouter une information" }).getAttribute("href")).toBe(`/signin?next=/r/${handled.ref}`);
    await expectAccessible(phone, "report page fr");
    await screenshot(phone, "report-page-fr-phone");
    expect(phoneErrors).toEqual([]);
    await fr.close();
  });

  it("lets a signed-in citizen add an update, and the reporter reopen their report once it is marked fixed", async () => {
    const citizen = await newCitizen(tp);
    const created = await citizen.post("/api/reports", newReportBody({ title: "Lampadaire éteint devant le lycée", category: "street_lighting", reporter: { showName: false } }));
    expect(created.status).toBe(201);
    const ref = created.body.ref as string;
    const staff = await staffFor(ref);
    expect((await staff.post(`/api/reports/${ref}/updates`, { text: "Lampe remplacée.", state: "fixed" })).status).toBe(201);

    const context = await newContext(browser, tp, { lang: "fr" });
    await signIn(context, citizen.email);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/r/${ref}`);
    await expect.poll(() => page.locator(".report-state .state-badge").textContent()).toBe("Réparé");

    await page.getByLabel("Votre message").fill("La lampe s'est de nouveau éteinte hier soir.");
    await page.getByRole("button", { name: "Publier le message" }).click();
    await expect.poll(() => timeline(page).textContent()).toContain("La lampe s'est de nouveau éteinte hier soir.");
    expect(await page.getByText("Votre message a été ajouté.").count()).toBe(1);

    await page.getByLabel("Qu'est-ce qui ne va toujours pas ?").fill("Toujours éteint ce soir.");
    await page.getByRole("button", { name: "Rouvrir le signalement" }).click();
    await expect.poll(() => page.locator(".report-state .state-badge").textContent()).toBe("Rouvert");
    // Reopened, the report is no longer "fixed": the reopen form goes away.
    await expect.poll(() => page.getByRole("button", { name: "Rouvrir le signalement" }).count()).toBe(0);
    expect((await new Client(tp.url).get(`/api/reports/${ref}`)).body.report.state).toBe("reopened");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("subscribes a visitor by e-mail, copies the link to share it, and says when a report does not exist", async () => {
    const context = await newContext(browser, tp, { lang: "fr" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/r/${handled.ref}`);
    await page.getByLabel("Adresse e-mail").fill("voisin@example.org");
    await page.getByRole("button", { name: "Suivre ce signalement" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Consultez vos e-mails" }).count()).toBe(1);
    await tp.drain();
    expect(tp.mailbox.to("voisin@example.org").some((m) => m.text?.includes("/subscriptions/confirm?token="))).toBe(true);

    await page.getByRole("button", { name: "Partager" }).click();
    await expect.poll(() => page.locator(".share-status").textContent()).toBe("Lien copié.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${tp.url}/r/${handled.ref}`);

    await page.goto("/r/CAS-2026-999999");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Signalement introuvable");
    expect(await page.getByText("Ce signalement n'existe pas ou n'est pas encore public.").count()).toBe(1);
    await expectAccessible(page, "report not found fr");
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    await context.close();
  });
});
