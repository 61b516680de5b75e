/**
 * The citizen's report flow in Chromium (place, details, category, review): in Arabic with a
 * photo whose EXIF places the pin; in French on a phone screen, partly with the keyboard alone
 * and without the AI; a probable duplicate offered, then without a connection (kept, then sent
 * when it returns); and a pin outside the city, refused by the page and by the server. The AI
 * suggestions themselves are in triage-flow.e2e.test.ts.
 */
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newConfirmedReport, places } from "../support/factories.ts";
import { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;
const phone = { width: 360, height: 740 };

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
});
afterAll(() => closeWebPlatform(browser, tp));

/** Degrees as EXIF writes them: "33/1 35/1 1428/100". */
function exifDegrees(value: number): string {
  const abs = Math.abs(value);
  const degrees = Math.floor(abs);
  const minutes = Math.floor((abs - degrees) * 60);
  const seconds = Math.round(((abs - degrees) * 60 - minutes) * 60 * 100);
  return `${degrees}/1 ${minutes}/1 ${seconds}/100`;
}

/** A 3000×2000 street-coloured JPEG taken at the given place, as a phone would give it. */
function photoAt({ lat, lon }: { lat: number; lon: number }): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 128, g: 116, b: 98 } } })
    .jpeg({ quality: 80 })
    .withExif({ IFD3: { GPSLatitudeRef: lat >= 0 ? "N" : "S", GPSLatitude: exifDegrees(lat), GPSLongitudeRef: lon >= 0 ? "E" : "W", GPSLongitude: exifDegrees(lon) } })
    .toBuffer();
}

const heading = (page: Page) => page.locator("#step-heading");

async function expectStep(page: Page, text: string) {
  await expect.poll(() => heading(page).textContent()).toBe(text);
  // The new step's heading has the focus, so a screen reader announces it.
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("step-heading");
}

/** The API's view of a report once its reporter confirmed it with the e-mailed link. */
async function confirmAndFetch(ref: string, email: string) {
  await tp.drain();
  const mail = tp.mailbox.to(email).find((m) => m.text?.includes(ref));
  expect(mail, `confirmation e-mail to ${email}`).toBeDefined();
  const link = mail!.text!.match(/https?:\/\/\S+\/r\/[A-Z]+-\d+-\d+\/confirm\?token=\S+/)![0];
  const client = new Client(tp.url);
  expect((await client.post(`/api/reports/${ref}/confirm`, { token: new URL(link).searchParams.get("token") })).status).toBe(200);
  const report = await client.get(`/api/reports/${ref}`);
  expect(report.status).toBe(200);
  return report.body.report;
}

describe("the report flow", () => {
  it("files a report with a photo in Arabic, the photo's GPS placing the pin, and gives its reference", async () => {
    const context = await newContext(browser, tp, { lang: "ar" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/report");
    await expect.poll(() => heading(page).textContent()).toBe("أين يوجد المشكل؟");
    expect(await page.getByText("الخطوة 1 من 4").count()).toBe(1);

    await page.getByLabel("استعمال موقع صورة").setInputFiles({ name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: await photoAt(places.maarif) });
    await expect.poll(() => page.locator(".pin-status").textContent()).toContain("يوجد الدبوس في المعاريف");
    await expectAccessible(page, "step 1 ar");
    await screenshot(page, "report-step1-ar");
    await page.getByRole("button", { name: "التالي" }).click();

    await expectStep(page, "صف المشكل");
    expect(await page.getByText("الخطوة 2 من 4").count()).toBe(1);
    // The photo chosen on step 1 is already there, made smaller.
    expect(await page.getByRole("img", { name: "الصورة 1" }).count()).toBe(1);
    await page.getByLabel("العنوان").fill("حفرة عميقة أمام مدرسة الأمل");
    await page.getByLabel("الوصف (اختياري)").fill("حفرة عرضها حوالي نصف متر، والسيارات تنحرف لتفاديها.");
    await page.getByLabel("البريد الإلكتروني").fill("amina.ar@example.org");
    await expectAccessible(page, "step 2 ar");
    await page.getByRole("button", { name: "التالي" }).click();

    await expectStep(page, "ما نوع المشكل؟");
    expect(await page.getByText("الخطوة 3 من 4").count()).toBe(1);
    await page.getByRole("radio", { name: /حفر وتدهور قارعة الطريق/ }).check();
    // The chosen category's own questions open under its group.
    await expect.poll(() => page.getByRole("heading", { name: /بعض الأسئلة/ }).count()).toBe(1);
    await expectAccessible(page, "step 3 ar");
    await screenshot(page, "report-step3-ar");
    await page.getByRole("button", { name: "التالي" }).click();

    await expectStep(page, "راجع بلاغك وأرسله");
    expect(await page.getByText("حفرة عميقة أمام مدرسة الأمل").count()).toBe(1);
    await expectAccessible(page, "review ar");
    await page.getByRole("button", { name: "إرسال البلاغ" }).click();

    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent()).toBe("شكرا لك، تم تسجيل بلاغك");
    const ref = (await page.getByTestId("report-ref").textContent())!;
    expect(ref).toMatch(/^CAS-\d{4}-\d+$/);
    expect(await page.getByText("أرسلنا إليك رسالة إلكترونية").count()).toBe(1);
    await expectAccessible(page, "sent ar");
    await screenshot(page, "report-sent-ar");

    const report = await confirmAndFetch(ref, "amina.ar@example.org");
    expect(report).toMatchObject({ category: "road_damage", area: "maarif", language: "ar", title: "حفرة عميقة أمام مدرسة الأمل", state: "confirmed" });
    expect(report.lat).toBeCloseTo(places.maarif.lat, 4);
    expect(report.lon).toBeCloseTo(places.maarif.lon, 4);
    expect(report.photos).toHaveLength(1);
    // Resized in the browser: the 3000 px photo arrives at 2048 px.
    expect(Math.max(report.photos[0].width, report.photos[0].height)).toBe(2048);
    // Sent: the draft is gone, a reload starts a new report.
    await page.goto("/report");
    await expect.poll(() => page.locator(".pin-status").textContent()).toContain("لم يوضع الدبوس بعد");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("works in French on a phone screen without the AI, with the keyboard alone for the place and the category, and keeps the draft across a reload", async () => {
    const context = await newContext(browser, tp, { lang: "fr", viewport: phone });
    const page = await context.newPage();
    const errors = watchErrors(page);
    // No answer from the AI (as offline, or a server without it): the form works as it did without it.
    let asked = 0;
    await page.route("**/api/triage", (route) => { asked++; return route.abort(); });
    // The map home passes its centre: the pin starts there.
    await page.goto(`/report?lat=${places.sidiBelyout.lat}&lon=${places.sidiBelyout.lon}`);
    await expect.poll(() => page.locator(".pin-status").textContent()).toContain("Sidi Belyout");
    await expectAccessible(page, "step 1 fr");

    // Keyboard: tab to the pin, nudge it with the arrow keys, then on to "Suivant".
    const pin = page.getByRole("button", { name: /Lieu du problème/ });
    for (let i = 0; i < 20 && !(await pin.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    const before = await page.locator(".coordinates").textContent();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Shift+ArrowLeft");
    expect(await page.locator(".coordinates").textContent()).not.toBe(before);
    await tabTo(page, "Suivant");
    await page.keyboard.press("Enter");

    await expectStep(page, "Décrivez le problème");
    await page.getByLabel("Titre", { exact: true }).fill("Tr");
    await page.getByLabel("Adresse e-mail").fill("pas-une-adresse");
    await page.getByRole("button", { name: "Suivant" }).click();
    // Refused before sending, each message beside its field, the focus on the first.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("title");
    expect(await page.locator("#title-error").textContent()).toBe("Écrivez au moins 3 caractères.");
    expect(await page.locator("#reporter-email-error").textContent()).toBe("Cette adresse e-mail ne semble pas valide.");
    await page.getByLabel("Titre", { exact: true }).fill("Dalles soulevées devant la pharmacie");
    await page.getByLabel("Adresse e-mail").fill("karim.fr@example.org");
    await page.getByLabel("Afficher mon nom publiquement sur le signalement").check();
    await page.getByLabel("Nom (facultatif)").fill("Karim Benali");
    await page.getByLabel("Ajouter des photos").setInputFiles({ name: "trottoir.jpg", mimeType: "image/jpeg", buffer: await photoAt(places.sidiBelyout) });
    await expect.poll(() => page.getByText("1 photo sur 5").count()).toBe(1);
    await expectAccessible(page, "step 2 fr");
    await page.locator(".photos").scrollIntoViewIfNeeded();
    await screenshot(page, "report-step2-fr-phone");

    // A reload keeps the draft, its step and its photo.
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe("Décrivez le problème");
    expect(await page.getByLabel("Titre", { exact: true }).inputValue()).toBe("Dalles soulevées devant la pharmacie");
    await expect.poll(() => page.getByRole("img", { name: "Photo 1" }).count()).toBe(1);
    await page.getByRole("button", { name: "Suivant" }).click();

    await expectStep(page, "De quel type de problème s'agit-il ?");
    // The AI was asked and did not answer: no suggestion, nothing chosen.
    // Asked when the details step was left; the answer is in flight, so wait for the request itself.
    await expect.poll(() => asked).toBeGreaterThan(0);
    expect(await page.getByTestId("category-suggestion").textContent()).toBe("");
    await expectAccessible(page, "step 3 fr");
    // Nothing chosen: the page says so and puts the focus in the list.
    await tabTo(page, "Suivant");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Choisissez une catégorie.");
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("category");
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    expect(await page.getByRole("radio", { checked: true }).getAttribute("value")).toBe("sidewalk");
    await tabTo(page, "Suivant");
    await page.keyboard.press("Enter");

    await expectStep(page, "Vérifiez et envoyez");
    expect(await page.getByText("Votre nom sera affiché sur le signalement publié.").count()).toBe(1);
    await expectAccessible(page, "review fr");
    await screenshot(page, "report-review-fr-phone");
    // "Modifier" goes back to the step that holds the part.
    await page.getByRole("button", { name: "Modifier — Catégorie" }).click();
    await expectStep(page, "De quel type de problème s'agit-il ?");
    await page.getByRole("button", { name: "Suivant" }).click();
    await expectStep(page, "Vérifiez et envoyez");
    await page.getByRole("button", { name: "Modifier — Détails" }).click();
    await expectStep(page, "Décrivez le problème");
    await page.getByRole("button", { name: "Suivant" }).click();
    await page.getByRole("button", { name: "Suivant" }).click();
    await expectStep(page, "Vérifiez et envoyez");
    // A double click files one report.
    await page.getByRole("button", { name: "Envoyer le signalement" }).dblclick();
    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent()).toBe("Merci, votre signalement est enregistré");
    const ref = (await page.getByTestId("report-ref").textContent())!;
    await expectAccessible(page, "sent fr");

    const report = await confirmAndFetch(ref, "karim.fr@example.org");
    expect(report).toMatchObject({ category: "sidewalk", area: "sidi-belyout", language: "fr", reporterName: "Karim Benali" });
    expect(report.photos).toHaveLength(1);
    const mine = await new Client(tp.url).get(`/api/reports?category=sidewalk&limit=50`);
    expect(mine.body.items.filter((r: { title: string }) => r.title === "Dalles soulevées devant la pharmacie")).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("suggests a nearby open report of the same kind saying the same; offline, keeps the report, says it waits, and sends it when the connection returns", async () => {
    const earlier = await newConfirmedReport(tp, {
      ...places.hayHassani, category: "street_lighting", title: "Lampadaires éteints depuis une semaine",
      description: "Trois lampadaires de la rue 12 sont éteints depuis une semaine.",
    });
    const context = await newContext(browser, tp, { lang: "fr", viewport: phone });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/report?lat=${places.hayHassani.lat + 0.0004}&lon=${places.hayHassani.lon}`);
    await expect.poll(() => page.locator(".pin-status").textContent()).toContain("Hay Hassani");
    await page.getByRole("button", { name: "Suivant" }).click();
    await page.getByLabel("Titre", { exact: true }).fill("Trois lampadaires éteints rue 12");
    await page.getByLabel("Description (facultatif)").fill("Ils sont éteints depuis une semaine.");
    await page.getByLabel("Adresse e-mail").fill("offline.fr@example.org");
    await page.getByRole("button", { name: "Suivant" }).click();
    await expectStep(page, "De quel type de problème s'agit-il ?");
    await page.getByRole("radio", { name: /Éclairage public en panne/ }).check();
    await page.getByRole("button", { name: "Suivant" }).click();
    await expectStep(page, "Vérifiez et envoyez");
    // About 45 m away, same category, much the same words, still open: offered to follow instead.
    await expect.poll(() => page.getByRole("heading", { name: "Déjà signalé ? C'est peut-être l'un de ceux-ci :" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Lampadaires éteints depuis une semaine" }).getAttribute("href")).toBe(`/r/${earlier.ref}`);

    await context.setOffline(true);
    await page.getByRole("button", { name: "Envoyer le signalement" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent()).toBe("En attente d'envoi");
    await expect.poll(() => page.getByTestId("pending-count").textContent()).toBe("1 signalement en attente d'envoi");
    await expectAccessible(page, "waiting fr");

    await context.setOffline(false);
    await expect.poll(() => page.getByRole("heading", { level: 2 }).textContent(), { timeout: 15_000 }).toBe("Merci, votre signalement est enregistré");
    const ref = (await page.getByTestId("report-ref").textContent())!;
    await expect.poll(() => page.getByTestId("pending-count").count()).toBe(0);
    const report = await confirmAndFetch(ref, "offline.fr@example.org");
    expect(report).toMatchObject({ area: "hay-hassani", title: "Trois lampadaires éteints rue 12" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("refuses a pin outside the city, on the page and, when the page cannot tell, from the server on the same step", async () => {
    const context = await newContext(browser, tp, { lang: "fr" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/report?lat=${places.ocean.lat}&lon=${places.ocean.lon}`);
    await expect.poll(() => page.locator(".pin-status").textContent()).toContain("Ce lieu est en dehors de Casablanca");
    await page.getByRole("button", { name: "Suivant" }).click();
    expect(await heading(page).textContent()).toBe("Où se trouve le problème ?");
    // "Use my location" (the browser is in Maârif) brings the pin back into the city...
    await page.getByRole("button", { name: "Utiliser ma position" }).click();
    await expect.poll(() => page.locator(".pin-status").textContent()).toContain("L'épingle se trouve à Maârif");
    // ...and a refused permission is explained.
    await context.clearPermissions();
    await page.getByRole("button", { name: "Utiliser ma position" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("L'accès à votre position a été refusé");

    // Without the boundaries (as offline), the server refuses it: the citizen is brought back to the place.
    const blind = await context.newPage();
    await blind.route("**/api/city/areas.geojson", (route) => route.abort());
    await blind.goto(`/report?lat=${places.ocean.lat}&lon=${places.ocean.lon}`);
    await expect.poll(() => blind.locator(".pin-status").textContent()).toContain("L'épingle est placée");
    await blind.getByRole("button", { name: "Suivant" }).click();
    await blind.getByLabel("Titre", { exact: true }).fill("Nid-de-poule au large");
    await blind.getByLabel("Adresse e-mail").fill("ocean@example.org");
    await blind.getByRole("button", { name: "Suivant" }).click();
    await blind.getByRole("radio", { name: /Nids-de-poule/ }).check();
    await blind.getByRole("button", { name: "Suivant" }).click();
    await blind.getByRole("button", { name: "Envoyer le signalement" }).click();
    await expect.poll(() => heading(blind).textContent()).toBe("Où se trouve le problème ?");
    await expect.poll(() => blind.locator("#place-error").textContent()).toBe("Ce lieu est en dehors du territoire desservi");
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Presses Tab until the button with this name has the focus. */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((n) => document.activeElement?.textContent?.trim().startsWith(n) ?? false, name)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`no focusable "${name}"`);
}
