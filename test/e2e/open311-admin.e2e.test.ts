/**
 * Open311 clients in Chromium: a city admin creates a client in French, reads its key once,
 * the key files a request over /open311/v2, the admin revokes it and the key is refused; the
 * page in Arabic is right-to-left and accessible.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newStaff, places } from "../support/factories.ts";
import type { TestPlatform } from "../support/platform.ts";

const PASSWORD = "correct horse battery staple";
let tp: TestPlatform;
let browser: Browser;
let adminEmail: string;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  adminEmail = (await (await newStaff(tp, null, "city_admin")).get("/api/session")).body.user.email;
});
afterAll(() => closeWebPlatform(browser, tp));

async function adminPage(lang: "ar" | "fr") {
  const context = await newContext(browser, tp, { lang });
  expect((await context.request.post("/api/session", { data: { email: adminEmail, password: PASSWORD } })).status()).toBe(200);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

const post = (apiKey: string) => fetch(`${tp.url}/open311/v2/requests.json`, {
  method: "POST",
  body: new URLSearchParams({ api_key: apiKey, service_code: "road_damage", lat: String(places.maarif.lat), long: String(places.maarif.lon), description: "Nid de poule devant l'école" }),
});

describe("Open311 clients, for a city admin", () => {
  it("creates a key shown once, which files a request until it is revoked", async () => {
    const { context, page, errors } = await adminPage("fr");
    await page.goto("/staff/admin");
    await page.getByRole("link", { name: "Clients Open311" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 }).toBe("Clients Open311");
    await page.getByText("Aucun client pour l'instant.").waitFor();
    await page.getByLabel("Nom").fill("Appli Casa 311");
    await page.getByLabel("E-mail de contact (facultatif)").fill("dev@casa311.example.org");
    await page.getByRole("button", { name: "Créer la clé" }).click();
    await page.getByRole("heading", { name: "Clé de Appli Casa 311" }).waitFor();
    const apiKey = await page.getByLabel("Clé d'API").inputValue();
    expect(apiKey).toMatch(/^o311_/);
    const row = page.locator("tbody tr").filter({ hasText: "Appli Casa 311" });
    await row.waitFor();
    expect(await row.textContent()).toContain(`…${apiKey.slice(-4)}`);

    const filed = await post(apiKey);
    expect(filed.status).toBe(200);

    await page.getByRole("button", { name: "Révoquer la clé de Appli Casa 311" }).click();
    await page.getByRole("status").filter({ hasText: "La clé de Appli Casa 311 est révoquée." }).waitFor();
    await row.getByText(/Révoquée le/).waitFor();
    const refused = await post(apiKey);
    expect(refused.status).toBe(403);
    // Reloaded, the page never shows the key again.
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(apiKey);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("is right-to-left and accessible in Arabic", async () => {
    const { context, page, errors } = await adminPage("ar");
    await page.goto("/staff/admin/open311");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 10_000 }).toBe("عملاء Open311");
    await page.locator("tbody tr").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expectAccessible(page, "open311 clients ar");
    expect(errors).toEqual([]);
    await context.close();
  });
});
