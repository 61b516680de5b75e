/**
 * A city admin, in Chromium, sends an authority's reports to its own Open311 back-office:
 * chooses the send method, fills the endpoint, the key and a service code, and saves; the
 * key is never shown again (the form gives its last four characters and keeps it when left
 * empty). The form passes axe in French and in Arabic, right to left.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newStaff } from "../support/factories.ts";
import { closeWebPlatform, expectAccessible, launchBrowser, screenshot, signedInPage, startWebPlatform } from "../support/browser.ts";
import type { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;
let admin: Client;
const PASSWORD = "correct horse battery staple";
const KEY = "o311_back-office-key-of-the-roads-9f3c";

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  admin = await newStaff(tp, null, "city_admin");
});
afterAll(() => closeWebPlatform(browser, tp));

const email = async () => (await admin.get("/api/session")).body.user.email as string;

describe("an authority's Open311 back-office", () => {
  it("is set in the authority form, its key write-only", async () => {
    const { context, page, errors } = await signedInPage(browser, tp, { lang: "fr", email: await email(), password: PASSWORD });
    await page.goto("/staff/admin/authorities/voirie");
    await page.getByLabel("Envoi", { exact: true }).selectOption("open311");
    await page.getByRole("group", { name: "Système Open311 de l'autorité" }).waitFor();
    await expectAccessible(page, "open311 settings fr");

    // Without a key, the server names the field.
    await page.getByLabel("Adresse du point d'accès").fill("https://311.example.org/open311/v2/");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    const keyField = page.getByLabel("Clé d'API");
    await expect.poll(() => keyField.getAttribute("aria-invalid")).toBe("true");

    await keyField.fill(KEY);
    await page.getByLabel("Juridiction (facultative)").fill("roads.casablanca.ma");
    await page.getByLabel("Nids-de-poule et chaussée dégradée").fill("POTHOLE");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("status").filter({ hasText: "Autorité « Commune de Casablanca — Direction de la voirie » enregistrée." }).waitFor();

    const saved = (await admin.get("/api/admin/authorities")).body.find((a: { code: string }) => a.code === "voirie");
    expect(saved).toMatchObject({
      sendMethod: "open311",
      open311: { endpoint: "https://311.example.org/open311/v2", jurisdictionId: "roads.casablanca.ma", serviceCodes: { road_damage: "POTHOLE" }, apiKeyHint: "••••9f3c" },
    });

    // Opened again: the key is not in the page, only its hint; saved empty, it is kept.
    await page.goto("/staff/admin/authorities/voirie");
    await page.getByText("Une clé est enregistrée (••••9f3c)").waitFor();
    expect(await page.getByLabel("Clé d'API").inputValue()).toBe("");
    expect(await page.content()).not.toContain(KEY);
    await screenshot(page, "admin-open311-settings-fr");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("status").filter({ hasText: "enregistrée" }).waitFor();
    const kept = (await admin.get("/api/admin/authorities")).body.find((a: { code: string }) => a.code === "voirie");
    expect(kept.open311.apiKeyHint).toBe("••••9f3c");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads in Arabic, right to left, and passes axe", async () => {
    const { context, page, errors } = await signedInPage(browser, tp, { lang: "ar", email: await email(), password: PASSWORD });
    await page.goto("/staff/admin/authorities/voirie");
    await page.getByRole("group", { name: "نظام Open311 الخاص بالجهة" }).waitFor();
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    await expectAccessible(page, "open311 settings ar");
    await screenshot(page, "admin-open311-settings-ar");
    expect(errors).toEqual([]);
    await context.close();
  });
});
