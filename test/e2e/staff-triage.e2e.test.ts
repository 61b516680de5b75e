/**
 * AI triage in the staff console, in Chromium. A report of bare electric wires in front of a
 * school and a cosmetic one (a bench's faded paint) are filed and confirmed, then a second
 * report of the same wires. A city admin, in French, finds the wires above the bench in the
 * queue with the reasons under the title, reads every factor in the report's triage panel,
 * sets the priority by hand ("set by staff", kept after a reload and after a new category),
 * takes a category the AI suggested, and finds that correction on the AI model page with the
 * evaluation tables. In Arabic on a 360 px phone the queue reads without sideways scrolling,
 * the second report's panel offers the first as a probable duplicate (marked after a
 * confirmation), and the detail and AI model pages pass axe.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newConfirmedReport, newStaff, places } from "../support/factories.ts";
import type { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

const PASSWORD = "correct horse battery staple";
/** About 70 m from the Lycée Mohammed V of the city pack. */
const besideSchool = { lat: 33.5876, lon: -7.6187 };

let tp: TestPlatform;
let browser: Browser;
let admin: Client;
let adminEmail: string;
/** The bench (filed first, so it would lead on age alone), the wires, and the same wires again. */
let bench: string;
let wires: string;
let sameWires: string;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  admin = await newStaff(tp, null, "city_admin");
  adminEmail = (await admin.get("/api/session")).body.user.email;
  bench = (await newConfirmedReport(tp, {
    ...places.hayHassani, category: "graffiti_vandalism", language: "fr",
    title: "Peinture du banc délavée", description: "La peinture du banc du jardin public est un peu délavée.",
  })).ref;
  wires = (await newConfirmedReport(tp, {
    ...besideSchool, category: "street_lighting", language: "fr",
    title: "Fils électriques dénudés devant l'école",
    description: "Des fils électriques dénudés pendent du poteau devant l'école, les enfants passent à côté.",
  })).ref;
  sameWires = (await newConfirmedReport(tp, {
    lat: besideSchool.lat + 0.00005, lon: besideSchool.lon + 0.00008, category: "street_lighting", language: "fr",
    title: "Câbles électriques à nu près du lycée", description: "Des fils électriques dénudés pendent du poteau devant l'école.",
  })).ref;
});
afterAll(() => closeWebPlatform(browser, tp));

async function signedIn(lang: "fr" | "ar", viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser, tp, { lang, viewport });
  expect((await context.request.post("/api/session", { data: { email: adminEmail, password: PASSWORD } })).status()).toBe(200);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

const rows = (page: Page) => page.locator(".queue-table tbody tr");
const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const staffView = async (ref: string) => (await admin.get(`/api/reports/${ref}`)).body.report;

describe("a city admin, in French", () => {
  it("reads why the wires lead the queue, sets their priority by hand, takes the AI's category, and finds the correction on the AI model page", async () => {
    const { context, page, errors } = await signedIn("fr");

    // The queue: the wires above the bench, the reasons under the title, all of them on demand.
    await page.goto("/staff");
    await expect.poll(() => rows(page).count()).toBe(3);
    const refs = await page.locator(".queue-table tbody .ref-cell").allTextContents();
    expect(refs.indexOf(wires)).toBeLessThan(refs.indexOf(bench));
    const wiresRow = rows(page).filter({ hasText: wires });
    const benchRow = rows(page).filter({ hasText: bench });
    expect(Number(await wiresRow.locator(".priority-badge").textContent())).toBeGreaterThan(Number(await benchRow.locator(".priority-badge").textContent()));
    const reasons = wiresRow.getByRole("list", { name: "Pourquoi cette priorité" });
    expect(await reasons.locator("li").count()).toBe(2);
    expect(await reasons.textContent()).toContain("fils électriques");
    expect(await benchRow.textContent()).toContain("gravité de la catégorie 1 sur 5 : +10");
    await wiresRow.locator("summary").click();
    expect(await wiresRow.locator("details ul").textContent()).toContain("Lycée Mohammed V");
    await screenshot(page, "staff-triage-queue-fr");

    // The report's triage panel: every factor, the language, the AI's categories.
    await page.getByRole("link", { name: wires }).click();
    await expect.poll(() => h1(page).textContent()).toBe("Fils électriques dénudés devant l'école");
    const panel = page.getByRole("region", { name: "Tri", exact: true });
    const report = await staffView(wires);
    const factors = panel.getByRole("list", { name: "Ce qui compose le score" }).getByRole("listitem");
    await expect.poll(() => factors.count()).toBe(report.triage.urgency.factors.length);
    const factorTexts = await factors.allTextContents();
    expect(factorTexts.join("\n")).toContain("fils électriques à nu : +30");
    expect(factorTexts.join("\n")).toMatch(/à \d+ m d'une école \(Lycée Mohammed V\) : \+10/);
    expect(await panel.textContent()).toContain(`${report.triage.urgency.score} sur 100`);
    expect(await panel.textContent()).toContain("Français");
    expect(await panel.textContent()).toContain("issue du score d'urgence");
    await expectAccessible(page, "triage detail fr");
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, "staff-triage-detail-fr");

    // Set by hand: said so, and kept after a reload.
    await panel.getByLabel("Priorité (de 0 à 100, la plus haute d'abord)").fill("95");
    await panel.getByRole("button", { name: "Enregistrer la priorité" }).click();
    await expect.poll(() => panel.textContent()).toContain("fixée par un agent");
    expect(await panel.textContent()).toContain("Priorité enregistrée.");
    await page.reload();
    await expect.poll(() => page.getByRole("region", { name: "Tri", exact: true }).textContent()).toContain("fixée par un agent");
    expect(await page.getByRole("region", { name: "Tri", exact: true }).locator(".triage-priority .priority-badge").textContent()).toBe("95");
    expect(await staffView(wires)).toMatchObject({ priority: 95, priorityOverridden: true });

    // One click takes a category the AI suggested (the model decides which: the first offered);
    // the staff-set priority stays.
    const suggestion = page.getByRole("region", { name: "Tri", exact: true }).getByRole("button", { name: /^Choisir cette catégorie : / }).first();
    const chosen = (await suggestion.getAttribute("aria-label"))!.replace("Choisir cette catégorie : ", "");
    await suggestion.click();
    await expect.poll(() => page.getByRole("region", { name: "Tri", exact: true }).textContent()).toContain(`Catégorie changée en « ${chosen} »`);
    const corrected = await staffView(wires);
    expect(corrected.category).not.toBe("street_lighting");
    expect(corrected).toMatchObject({ priority: 95, priorityOverridden: true });
    await expect.poll(() => page.locator(".staff-facts").first().textContent()).toContain(chosen);

    // The AI model page, from the administration's navigation: the evaluation and the correction.
    await page.getByRole("navigation", { name: "Console agents" }).getByRole("link", { name: "Administration" }).click();
    await expect.poll(() => h1(page).textContent()).toBe("Autorités");
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Modèle d'IA" }).click();
    await expect.poll(() => h1(page).textContent()).toBe("Modèle d'IA");
    expect(new URL(page.url()).pathname).toBe("/staff/admin/ai");
    const byLanguage = page.getByRole("region", { name: "Catégories, par langue" });
    await byLanguage.getByRole("columnheader", { name: "Objectif 0,85" }).waitFor();
    expect(await byLanguage.getByRole("rowheader", { name: "Toutes les langues" }).count()).toBe(1);
    expect(await page.getByRole("region", { name: "Matrice de confusion des catégories" }).getByRole("row").count()).toBeGreaterThan(10);
    expect(await page.getByRole("region", { name: "Reconnaissance de la langue" }).getByRole("rowheader", { name: "Darija ou arabe standard" }).count()).toBe(1);
    const corrections = page.getByRole("region", { name: "Corrections des agents" });
    expect(await corrections.textContent()).toContain("1 correction depuis l'entraînement de ce modèle");
    const correction = corrections.getByRole("row").filter({ hasText: wires });
    expect(await correction.textContent()).toContain(`Éclairage public en panne ou endommagé → ${chosen}`);
    expect(await correction.textContent()).toContain("Staff city_admin");
    await expectAccessible(page, "AI model fr");
    await screenshot(page, "staff-admin-ai-fr");

    // The report's link goes back to the console.
    await correction.getByRole("link", { name: wires }).click();
    await expect.poll(() => h1(page).textContent()).toBe("Fils électriques dénudés devant l'école");

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the console in Arabic, on a 360 px phone", () => {
  it("reads the queue without sideways scrolling, marks the probable duplicate after a confirmation, and passes axe", async () => {
    const { context, page, errors } = await signedIn("ar", { width: 360, height: 780 });

    await page.goto("/staff");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await expect.poll(() => rows(page).count()).toBe(3);
    // Rows are cards here, still a table to assistive technology, and nothing sticks out sideways.
    expect(await page.getByRole("table").getByRole("row").count()).toBe(4);
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: document.querySelector(".queue-table-wrap")!.scrollWidth - document.querySelector(".queue-table-wrap")!.clientWidth,
    }));
    expect(overflow).toEqual({ page: 0, table: 0 });
    const sameRow = rows(page).filter({ hasText: sameWires });
    expect(await sameRow.getByRole("list", { name: "سبب هذه الأولوية" }).textContent()).toMatch(/\p{Script=Arabic}/u);
    await expectAccessible(page, "triage queue ar phone");
    await page.locator(".queue-table").scrollIntoViewIfNeeded();
    await screenshot(page, "staff-triage-queue-ar-phone");

    // The second report of the wires: the first is its probable duplicate.
    await page.getByRole("link", { name: sameWires }).click();
    await expect.poll(() => h1(page).textContent()).toBe("Câbles électriques à nu près du lycée");
    const panel = page.getByRole("region", { name: "الفرز" });
    await panel.getByRole("link", { name: wires }).waitFor();
    expect(await panel.textContent()).toContain("الفرنسية");
    await expectAccessible(page, "triage detail ar phone");
    await panel.getByRole("heading", { name: "بلاغات مكررة محتملة" }).scrollIntoViewIfNeeded();
    await screenshot(page, "staff-triage-detail-ar-phone");

    // Marking asks first; cancelling changes nothing.
    const mark = panel.getByRole("button", { name: `تحديد هذا البلاغ كمكرر للبلاغ ${wires}` });
    await mark.click();
    const confirm = panel.getByRole("group");
    expect(await confirm.textContent()).toContain(`إغلاق ${sameWires} باعتباره مكررا للبلاغ ${wires}`);
    await confirm.getByRole("button", { name: "إلغاء" }).click();
    expect((await staffView(sameWires)).state).toBe("confirmed");
    await mark.click();
    await panel.getByRole("group").getByRole("button", { name: "نعم، تحديده كمكرر" }).click();
    await expect.poll(() => panel.textContent()).toContain(`تم تحديده كبلاغ مكرر لـ ${wires}.`);
    expect(await staffView(sameWires)).toMatchObject({ state: "duplicate", duplicateOf: wires });

    // The AI model page in Arabic.
    await page.goto("/staff/admin/ai");
    await expect.poll(() => h1(page).textContent()).toBe("نموذج الذكاء الاصطناعي");
    await page.getByRole("region", { name: "الفئات حسب اللغة" }).getByRole("table").waitFor();
    // Wide tables scroll in their own boxes; the page itself does not.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await expectAccessible(page, "AI model ar phone");
    await screenshot(page, "staff-admin-ai-ar-phone");

    expect(errors).toEqual([]);
    await context.close();
  });
});
