/**
 * Alerts in Chromium against the real platform and SMTP mailbox: a citizen subscribes to an
 * arrondissement by e-mail in Arabic (RTL), confirms from the mail, hears of a new report there,
 * and stops the alert from the "all your alerts" link; a signed-in citizen creates an alert
 * around their position, active at once, and manages it under "My alerts"; a city admin
 * previews and sends an announcement (each subscriber gets it in their language), edits a
 * notification text, and lifts a suppressed address. Axe on each page.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, linkIn, tokenOf } from "../support/http.ts";
import { newCitizen, newConfirmedReport, newStaff, places } from "../support/factories.ts";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import type { TestPlatform } from "../support/platform.ts";

const BOUNCE_SECRET = "bounce-secret-for-the-alerts-e2e";
const PASSWORD = "correct horse battery staple";
const PHONE = { width: 360, height: 740 };
let tp: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform({ BOUNCE_WEBHOOK_SECRET: BOUNCE_SECRET }), launchBrowser()]);
});
afterAll(() => closeWebPlatform(browser, tp));

const city = () => tp.platform.ctx.cities.get(tp.config.citySlug);
const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const status = (page: Page) => page.getByRole("status").filter({ hasText: /\S/ });

/** The newest mail to an address whose subject or text holds `needle`, once the worker sent it. */
async function mailWith(email: string, needle: string) {
  for (let i = 0; i < 100; i++) {
    const mail = tp.mailbox.to(email).reverse().find((m) => `${m.subject}\n${m.text}`.includes(needle));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${email} with ${needle}`);
}
const pathOf = (link: string) => { const u = new URL(link); return u.pathname + u.search; };

/** An area alert subscribed and confirmed through the API, as a person would from the mailed link. */
async function confirmedAreaAlert(email: string, areaCode: string, language: "ar" | "fr" | "en") {
  const r = await new Client(tp.url).post("/api/subscriptions", { kind: "area", areaCode, email, language });
  expect(r.status).toBe(202);
  const mail = await mailWith(email, "/subscriptions/confirm?token=");
  const confirmed = await new Client(tp.url).post("/api/subscriptions/confirm", { token: tokenOf(linkIn(mail.text, `${tp.url}/subscriptions/confirm?token=`)) });
  expect(confirmed.status).toBe(200);
}

async function signedInContext(email: string, lang: "ar" | "fr", viewport?: { width: number; height: number }): Promise<BrowserContext> {
  const context = await newContext(browser, tp, { lang, viewport });
  const res = await context.request.post("/api/session", { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return context;
}

describe("a citizen without an account, in Arabic", () => {
  it("subscribes to an arrondissement by e-mail, confirms from the mail, hears of a new report there, and stops the alert from the mail's link", async () => {
    const email = "salma.maarif@example.org";
    const maarif = city().areas.get("maarif")!.name.ar!;
    const context = await newContext(browser, tp, { lang: "ar", viewport: PHONE });
    const page = await context.newPage();
    const errors = watchErrors(page);

    // From the header, on every page.
    await page.goto("/");
    await page.getByRole("navigation", { name: "القائمة الرئيسية" }).getByRole("link", { name: "التنبيهات" }).click();
    await expect.poll(() => h1(page).textContent()).toBe("التنبيهات");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.getByRole("radio", { name: "مقاطعة" }).isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: "البريد الإلكتروني" }).isChecked()).toBe(true);
    // The messages' language defaults to the interface's.
    expect(await page.getByLabel("لغة الرسائل").inputValue()).toBe("ar");
    await expectAccessible(page, "alerts ar");
    await screenshot(page, "alerts-form-ar-phone");

    // Nothing chosen: said beside the field before anything is sent.
    await page.getByRole("button", { name: "أنشئ التنبيه" }).click();
    await page.getByText("اختر مقاطعة.").waitFor();
    expect(await page.getByLabel("المقاطعة").getAttribute("aria-invalid")).toBe("true");

    // A bad address: the server's 400 names the field, shown beside it.
    await page.getByLabel("المقاطعة").selectOption({ label: maarif });
    const address = page.getByRole("textbox", { name: "البريد الإلكتروني" });
    await address.fill("salma@");
    await page.getByRole("button", { name: "أنشئ التنبيه" }).click();
    await expect.poll(() => address.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#${await address.getAttribute("aria-describedby")}`).textContent()).not.toBe("");

    await address.fill(email);
    await page.getByRole("button", { name: "أنشئ التنبيه" }).click();
    await status(page).getByText("تفقّد بريدك الإلكتروني").waitFor();
    await screenshot(page, "alerts-check-email-ar-phone");

    // The confirmation mail, in Arabic, names the arrondissement; its link makes the alert active.
    const confirmation = await mailWith(email, "/subscriptions/confirm?token=");
    expect(confirmation.subject).toContain(maarif);
    await page.goto(pathOf(linkIn(confirmation.text, `${tp.url}/subscriptions/confirm?token=`)));
    await status(page).getByText("تنبيهك مفعّل").waitFor();
    expect(await page.getByRole("link", { name: "عرض تنبيهاتك وتدبيرها" }).getAttribute("href")).toBe("/alerts");
    await expectAccessible(page, "alert confirmed ar");

    // A report confirmed in the Maârif is mailed to the subscriber, with the "all your alerts" link.
    const report = await newConfirmedReport(tp, { ...places.maarif, title: "Poubelles renversées rue Abou Bakr Al Kadiri" });
    const news = await mailWith(email, report.ref);
    expect(news.text).toContain(`${tp.url}/r/${report.ref}`);
    const manage = linkIn(news.text, `${tp.url}/alerts/manage?token=`);

    await page.goto(pathOf(manage));
    await expect.poll(() => h1(page).textContent()).toBe("تنبيهاتك");
    const item = page.getByRole("listitem").filter({ hasText: maarif });
    await item.waitFor();
    expect(await item.getByRole("combobox").inputValue()).toBe("instant");
    await expectAccessible(page, "manage alerts ar");
    await screenshot(page, "alerts-manage-ar-phone");
    await item.getByRole("button", { name: `إيقاف التنبيه: ${maarif}` }).click();
    await status(page).getByText(`أُوقف التنبيه: ${maarif}.`).waitFor();
    await page.getByText("ليس لديك أي تنبيه بعد.").waitFor();
    expect((await new Client(tp.url).get(`/api/subscriptions/mine?token=${encodeURIComponent(tokenOf(manage))}`)).body.items).toEqual([]);

    // A link that was tampered with says so.
    await page.goto("/alerts/manage?token=not-a-real-token-at-all");
    await page.getByRole("alert").getByText("هذا الرابط غير صالح").waitFor();
    expect(errors).toEqual([]);
    await context.close();
    }, 120_000);
});

describe("a signed-in citizen, in French", () => {
  it("creates an alert around their position, active at once, and changes and stops it under My alerts", async () => {
    const citizen = await newCitizen(tp, { language: "fr" });
    const context = await signedInContext(citizen.email, "fr");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/alerts");
    await expect.poll(() => h1(page).textContent()).toBe("Alertes");
    await page.getByText("Vous n'avez pas encore d'alerte.").waitFor();

    await page.getByRole("radio", { name: "Autour d'un lieu" }).check();
    // Prefilled with the account's address, and fixed.
    const address = page.getByRole("textbox", { name: "Adresse e-mail" });
    expect(await address.inputValue()).toBe(citizen.email);
    expect(await address.getAttribute("readonly")).not.toBeNull();
    await page.getByRole("button", { name: "Créer l'alerte" }).click();
    await page.getByText("Placez l'épingle sur la carte, ou utilisez votre position.").waitFor();

    await page.getByRole("button", { name: "Utiliser ma position" }).click();
    await page.locator(".alerts-map .report-pin").waitFor();
    await page.getByLabel("Distance autour de l'épingle").selectOption("500");
    await page.getByLabel("Fréquence", { exact: true }).selectOption("daily");
    await expectAccessible(page, "alerts radius fr");
    await screenshot(page, "alerts-radius-fr");
    await page.getByRole("button", { name: "Créer l'alerte" }).click();
    await status(page).getByText("Votre alerte est active.").waitFor();

    const item = page.getByRole("listitem").filter({ hasText: "500 m" });
    await item.waitFor();
    const label = (await item.locator(".alerts-label").textContent())!;
    expect(await item.getByRole("combobox").inputValue()).toBe("daily");
    await item.getByRole("combobox").selectOption("instant");
    await status(page).getByText(`Enregistré : ${label}, Au fil de l'eau.`).waitFor();
    const [saved] = (await citizen.get("/api/subscriptions/mine")).body.items;
    expect(saved).toMatchObject({ kind: "radius", radiusM: 500, frequency: "instant", confirmed: true, channel: "email" });
    expect(saved.lat).toBeCloseTo(places.maarif.lat, 3);

    await item.getByRole("button", { name: `Arrêter l'alerte : ${label}` }).click();
    await status(page).getByText(`Alerte arrêtée : ${label}.`).waitFor();
    expect((await citizen.get("/api/subscriptions/mine")).body.items).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("a city admin, in French", () => {
  let admin: Client;
  let adminEmail: string;
  beforeAll(async () => {
    admin = await newStaff(tp, null, "city_admin");
    adminEmail = (await admin.get("/api/session")).body.user.email;
  });

  it("previews an announcement (who it reaches), sends it after confirming, and each subscriber gets it in their language", async () => {
    await confirmedAreaAlert("anfa.ar@example.org", "anfa", "ar");
    await confirmedAreaAlert("anfa.en@example.org", "anfa", "en");
    await confirmedAreaAlert("ailleurs@example.org", "hay-hassani", "fr");
    const context = await signedInContext(adminEmail, "fr");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/staff/admin");
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Annonces" }).click();
    await expect.poll(() => h1(page).textContent()).toBe("Annonces");
    await page.getByText("Aucune annonce pour l'instant.").waitFor();
    await expectAccessible(page, "announcements fr");

    const texts = {
      title: { ar: "انقطاع الماء يوم الأحد بأنفا", fr: "Coupure d'eau dimanche à Anfa", en: "Water cut on Sunday in Anfa" },
      body: { ar: "سينقطع الماء من الساعة 8 إلى 14.", fr: "L'eau sera coupée de 8 h à 14 h.", en: "Water will be off from 8 am to 2 pm." },
    };
    for (const [legend, field] of [["Titre", "title"], ["Texte", "body"]] as const) {
      const group = page.getByRole("group", { name: legend, exact: true });
      await group.getByLabel("العربية").fill(texts[field].ar);
      await group.getByLabel("Français").fill(texts[field].fr);
      await group.getByLabel("English").fill(texts[field].en);
    }
    await page.getByRole("group", { name: "Arrondissements" }).getByLabel(city().areas.get("anfa")!.name.fr!, { exact: true }).check();
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    await page.getByText("Atteint 2 abonnés.").waitFor();
    const preview = page.getByRole("region", { name: "Aperçu" });
    expect(await preview.getByRole("article", { name: "English" }).textContent()).toContain("Water will be off from 8 am to 2 pm.");
    expect(await preview.getByRole("article", { name: "العربية" }).locator("[dir=rtl]").textContent()).toContain("انقطاع الماء يوم الأحد بأنفا");
    await expectAccessible(page, "announcement preview fr");
    await screenshot(page, "announcement-preview-fr");

    await page.getByRole("button", { name: "Envoyer…" }).click();
    await page.getByText("Envoyer cette annonce à 2 abonnés maintenant ?").waitFor();
    await page.getByRole("button", { name: "Oui, envoyer" }).click();
    await status(page).getByText("L'annonce « Coupure d'eau dimanche à Anfa » part vers 2 abonnés.").waitFor();

    expect((await mailWith("anfa.ar@example.org", "انقطاع الماء يوم الأحد بأنفا")).text).toContain("سينقطع الماء");
    expect((await mailWith("anfa.en@example.org", "Water cut on Sunday in Anfa")).text).toContain("Water will be off");
    expect(tp.mailbox.to("ailleurs@example.org").filter((m) => m.subject?.includes("Coupure d'eau"))).toHaveLength(0);

    // The log: who sent what to how many, and when it went out.
    const row = page.getByRole("row").filter({ hasText: "Coupure d'eau dimanche à Anfa" });
    await expect.poll(async () => {
      await page.getByRole("button", { name: "Actualiser" }).click();
      return (await row.textContent()) ?? "";
    }, { timeout: 15_000 }).not.toContain("Envoi en cours");
    expect(await row.getByRole("cell").nth(2).textContent()).toBe("2");
    expect(errors).toEqual([]);
    await context.close();
    }, 90_000);

  it("rewrites a notification text with its placeholders, previews it, and goes back to the default", async () => {
    const context = await signedInContext(adminEmail, "fr");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/staff/admin/notifications");
    await expect.poll(() => h1(page).textContent()).toBe("Textes des notifications");
    expect(await page.getByLabel("Message", { exact: true }).inputValue()).toBe("newReport");
    const french = page.getByRole("group", { name: "Français" });
    await french.locator("code", { hasText: "{{ref}}" }).waitFor();
    expect(await page.getByRole("group", { name: "العربية" }).getByLabel("Objet").getAttribute("dir")).toBe("rtl");
    await expectAccessible(page, "notification texts fr");
    await screenshot(page, "notification-texts-fr");

    const subject = french.getByLabel("Objet");
    await subject.fill("Alerte {{ref}} dans {{quartier}}");
    await french.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => subject.getAttribute("aria-invalid")).toBe("true");
    await subject.fill("Alerte {{ref}} : {{title}}");
    await french.getByRole("button", { name: "Aperçu" }).click();
    const preview = french.getByRole("region", { name: "Rendu — Français" });
    await preview.waitFor();
    expect(await preview.locator(".preview-subject").textContent()).toMatch(/^Alerte \S+ : .+/);
    await french.getByRole("button", { name: "Enregistrer" }).click();
    await status(page).getByText("Enregistré : Nouveau signalement (alertes), Français.").waitFor();
    await french.getByText(/^Modifié le/).waitFor();
    const listed = (await admin.get("/api/admin/notification-templates")).body.items.find((t: { template: string; language: string }) => t.template === "newReport" && t.language === "fr");
    expect(listed).toMatchObject({ subject: "Alerte {{ref}} : {{title}}", edited: true });

    await french.getByRole("button", { name: "Revenir au texte par défaut" }).click();
    await status(page).getByText("Texte par défaut rétabli : Nouveau signalement (alertes), Français.").waitFor();
    expect(await page.getByRole("group", { name: "Français" }).getByLabel("Objet").inputValue()).not.toContain("Alerte {{ref}}");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the notification pages pass axe in Arabic, right-to-left", async () => {
    const context = await signedInContext(adminEmail, "ar");
    const page = await context.newPage();
    const errors = watchErrors(page);
    for (const [path, heading] of [["/staff/admin/announcements", "الإعلانات"], ["/staff/admin/notifications", "نصوص الإشعارات"], ["/staff/admin/suppressions", "العناوين الموقوفة"]]) {
      await page.goto(path!);
      await expect.poll(() => h1(page).textContent(), { message: path }).toBe(heading);
      await page.locator("form, table, .admin-content p.muted").first().waitFor();
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      await expectAccessible(page, `${path} ar`);
    }
    await screenshot(page, "admin-suppressions-ar");
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("lifts the suppression of an address that bounced", async () => {
    const bounced = await new Client(tp.url).post("/api/webhooks/bounces", { email: "revenu@example.org", type: "bounce", detail: "550 mailbox unavailable" }, { "x-webhook-secret": BOUNCE_SECRET });
    expect(bounced.status).toBe(200);
    const context = await signedInContext(adminEmail, "fr");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/staff/admin/suppressions");
    await expect.poll(() => h1(page).textContent()).toBe("Adresses bloquées");
    const row = page.getByRole("row").filter({ hasText: "revenu@example.org" });
    await row.getByText("Message revenu").waitFor();
    await expectAccessible(page, "suppressions fr");
    await row.getByRole("button", { name: "Débloquer revenu@example.org" }).click();
    await status(page).getByText("revenu@example.org recevra de nouveau les messages.").waitFor();
    await page.getByText("Aucune adresse bloquée.").waitFor();
    expect((await admin.get("/api/admin/suppressions")).body.items).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
