/**
 * The administration in Chromium: a city admin changes an authority's contact in French,
 * routes a category elsewhere for one arrondissement, and invites a colleague; every admin
 * page passes axe in French and in Arabic; other staff are turned away.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newReportBody, newStaff, places } from "../support/factories.ts";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import type { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;
let admin: Client;
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  admin = await newStaff(tp, null, "city_admin");
});
afterAll(() => closeWebPlatform(browser, tp));

/** A browser signed in as the given account (the session cookie is set through the API). */
async function signedIn(client: Client, lang: "ar" | "fr", viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const { email } = (await client.get("/api/session")).body.user;
  const context = await newContext(browser, tp, { lang, viewport });
  const res = await context.request.post("/api/session", { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return { context, page: await context.newPage() };
}

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const status = (page: Page) => page.getByRole("status").filter({ hasText: /\S/ });

describe("a city admin, in French", () => {
  it("changes a contact e-mail, routes a category for one arrondissement, and invites a colleague", async () => {
    const { context, page } = await signedIn(admin, "fr");
    const errors = watchErrors(page);

    await page.goto("/staff/admin");
    await expect.poll(() => h1(page).textContent()).toBe("Autorités");
    expect(new URL(page.url()).pathname).toBe("/staff/admin/authorities");
    await page.getByRole("link", { name: "Commune de Casablanca — Direction de la voirie" }).waitFor();
    await expectAccessible(page, "authorities fr");
    await screenshot(page, "admin-authorities-fr");

    // The contact e-mail of the roads department.
    await page.getByRole("link", { name: "Commune de Casablanca — Direction de la voirie" }).click();
    await expect.poll(() => h1(page).textContent()).toBe("Modifier une autorité");
    const email = page.getByLabel("E-mail de contact");
    expect(await email.inputValue()).toBe("voirie@casablanca.example.org");
    await expectAccessible(page, "authority form fr");
    await email.fill("pas-une-adresse");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Cette valeur n'est pas valide").waitFor();
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    await email.fill("voirie.signalements@casablanca.example.org");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await status(page).getByText("Autorité « Commune de Casablanca — Direction de la voirie » enregistrée.").waitFor();
    await expect.poll(() => h1(page).textContent()).toBe("Autorités");
    expect((await admin.get("/api/admin/authorities")).body.find((a: { code: string }) => a.code === "voirie").email).toBe("voirie.signalements@casablanca.example.org");

    // Street lighting in Maârif goes to the mobility department from now on.
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Orientation" }).click();
    await expect.poll(() => h1(page).textContent()).toBe("Orientation");
    await page.getByRole("region", { name: "Matrice d'orientation" }).waitFor();
    await expectAccessible(page, "routing fr");
    await screenshot(page, "admin-routing-fr");
    const lighting = (await admin.get("/api/admin/categories")).body.categories.find((c: { code: string }) => c.code === "street_lighting").name.fr;
    await page.getByRole("link", { name: lighting, exact: true }).click();
    await page.getByLabel("Maârif").waitFor();
    await expectAccessible(page, "routing form fr");
    await screenshot(page, "admin-routing-form-fr");
    await page.getByLabel("Maârif").selectOption("mobilite");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await status(page).getByText(`Orientation de « ${lighting} » enregistrée : le prochain signalement la suit.`).waitFor();
    await page.getByRole("columnheader", { name: "Maârif" }).waitFor();
    const report = await admin.post("/api/reports", newReportBody({ ...places.maarif, category: "street_lighting" }));
    expect(report.body.authority.code).toBe("mobilite");

    // A new colleague at the roads department, invited by e-mail.
    await page.getByRole("link", { name: "Comptes des agents" }).click();
    await expect.poll(() => h1(page).textContent()).toBe("Comptes des agents");
    await expectAccessible(page, "staff fr");
    await page.getByRole("link", { name: "Ajouter un compte" }).click();
    await page.getByLabel("E-mail", { exact: true }).fill("fatima.zahra@casablanca.example.org");
    await page.getByLabel("Nom", { exact: true }).fill("Fatima Zahra Amrani");
    await page.getByLabel("Autorité", { exact: true }).selectOption({ label: "Commune de Casablanca — Direction de la voirie" });
    await expectAccessible(page, "staff form fr");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await status(page).getByText("Compte créé : une invitation a été envoyée à fatima.zahra@casablanca.example.org.").waitFor();
    const row = page.getByRole("row", { name: /Fatima Zahra Amrani/ });
    await row.getByText("Invitation en attente").waitFor();
    expect(await row.getByText("Agent", { exact: true }).count()).toBe(1);
    await expect.poll(() => tp.mailbox.to("fatima.zahra@casablanca.example.org").length, { timeout: 10_000 }).toBe(1);

    await page.getByRole("link", { name: "Catégories" }).click();
    await page.getByRole("region", { name: "Catégories" }).waitFor();
    await expectAccessible(page, "categories fr");
    await page.getByRole("link", { name: lighting, exact: true }).click();
    await page.getByLabel("Délai cible (jours)").waitFor();
    await expectAccessible(page, "category form fr");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("in Arabic", () => {
  it("every admin page passes axe, right-to-left", async () => {
    const { context, page } = await signedIn(admin, "ar");
    const errors = watchErrors(page);
    const pages: [string, string][] = [
      ["/staff/admin/authorities", "الجهات المختصة"], ["/staff/admin/authorities/voirie", "تعديل جهة"], ["/staff/admin/authorities/new", "جهة جديدة"],
      ["/staff/admin/categories", "الفئات"], ["/staff/admin/categories/road_damage", "تعديل فئة"],
      ["/staff/admin/routing", "التوجيه"], ["/staff/admin/routing/waste_collection", "توجيه «"],
      ["/staff/admin/staff/new", "حساب موظف جديد"], ["/staff/admin/staff", "حسابات الموظفين"],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      await expect.poll(() => h1(page).textContent(), { message: path }).toContain(heading);
      await page.locator("form, table").first().waitFor();
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      await expectAccessible(page, `${path} ar`);
    }
    await screenshot(page, "admin-staff-ar");
    // Arabic names are typed right-to-left.
    await page.goto("/staff/admin/authorities/voirie");
    expect(await page.getByRole("group", { name: "الاسم" }).getByLabel("العربية").getAttribute("dir")).toBe("rtl");
    expect(errors).toEqual([]);
    await context.close();
    // Nine pages, each loaded and checked by axe: 17–23 s on CI's two cores, 30 s when loaded.
  }, 90_000);
});

describe("other people", () => {
  it("see that the section is for administrators only, on a phone too", async () => {
    const staff = await newStaff(tp, "voirie");
    const { context, page } = await signedIn(staff, "fr", { width: 360, height: 740 });
    await page.goto("/staff/admin/authorities");
    await expect.poll(() => h1(page).textContent()).toBe("Réservé aux administrateurs");
    expect(await page.getByRole("table").count()).toBe(0);
    await expectAccessible(page, "admin only fr");
    await context.close();
  });
});
