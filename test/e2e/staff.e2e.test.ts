/**
 * The staff console in Chromium: a staff member signs in from the console's gate, works the
 * queue in French (counts, filters), answers a report with a template and moves it to
 * in_progress (the citizen's page shows it), adds an internal note nobody else sees, and closes
 * two reports at once; the queue and a report pass axe in French and Arabic; a city admin
 * writes a response template with its Arabic side right-to-left.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import { newConfirmedReport, newReportBody, newStaff } from "../support/factories.ts";
import { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

const PASSWORD = "correct horse battery staple";
let tp: TestPlatform;
let browser: Browser;
let staffEmail: string;
let adminEmail: string;
/** The report answered in the browser (with a photo), two to close in bulk, an overdue one, and another authority's. */
let answered: string;
let toClose: string[];
let overdue: string;
let lighting: string;

const emailOf = async (c: Client) => (await c.get("/api/session")).body.user.email as string;

/** Filed with a photo, as a citizen would, then confirmed from the e-mailed link. */
async function reportWithPhoto(title: string) {
  const body = newReportBody({ title, reporter: { name: "Nadia Alaoui", email: "nadia.staff-e2e@example.org", showName: false } });
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) {
    if (k === "reporter") for (const [rk, rv] of Object.entries(v as Record<string, unknown>)) form.append(`reporter.${rk}`, String(rv));
    else form.append(k, String(v));
  }
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 80, g: 80, b: 80 } } }).jpeg().toBuffer();
  form.append("photos", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "trou.jpg");
  const created = await new Client(tp.url).request("POST", "/api/reports", { form });
  expect(created.status).toBe(201);
  const ref = created.body.ref as string;
  await tp.drain();
  const mail = tp.mailbox.to("nadia.staff-e2e@example.org").find((m) => m.text?.includes(ref))!;
  const token = new URL(mail.text!.match(/https?:\/\/\S+confirm\?token=\S+/)![0]).searchParams.get("token");
  expect((await new Client(tp.url).post(`/api/reports/${ref}/confirm`, { token })).status).toBe(200);
  return ref;
}

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  staffEmail = await emailOf(await newStaff(tp, "voirie"));
  adminEmail = await emailOf(await newStaff(tp, null, "city_admin"));
  answered = await reportWithPhoto("Nid-de-poule dangereux rue Ibnou Mounir");
  toClose = [(await newConfirmedReport(tp, { title: "Trou rebouché boulevard Anfa" })).ref, (await newConfirmedReport(tp, { title: "Affaissement réparé rue de Fès" })).ref];
  overdue = (await newConfirmedReport(tp, { title: "Chaussée défoncée depuis un mois rue Soumaya" })).ref;
  await tp.platform.ctx.database.db.execute(sql`update reports set confirmed_at = now() - interval '40 days' where ref = ${overdue}`);
  lighting = (await newConfirmedReport(tp, { category: "street_lighting", title: "Lampadaire éteint rue Abou Bakr" })).ref;
});
afterAll(() => closeWebPlatform(browser, tp));

async function signedIn(lang: "fr" | "ar", email: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser, tp, { lang });
  const res = await context.request.post("/api/session", { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

const rows = (page: Page) => page.locator(".queue-table tbody tr");
const status = (page: Page, name: string) => page.getByRole("region", { name }).getByRole("status");

describe("a staff member, in French", () => {
  it("signs in from the console, filters the queue, answers a report from a template, notes, and closes two at once", async () => {
    const context = await newContext(browser, tp, { lang: "fr" });
    const page = await context.newPage();
    const errors = watchErrors(page);

    // The gate sends to the sign-in page, which comes back to the console.
    await page.goto("/staff");
    await page.getByRole("main").getByRole("link", { name: "Se connecter" }).click();
    await expect.poll(() => page.url()).toMatch(/\/signin\?next=%2Fstaff$/);
    await page.getByLabel("Adresse e-mail").fill(staffEmail);
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect.poll(() => page.url()).toMatch(/\/staff$/);

    // The queue: the authority's four reports, counted per state, the overdue one flagged in words.
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("File des signalements");
    await expect.poll(() => rows(page).count()).toBe(4);
    const tabs = page.getByRole("group", { name: "États" });
    await expect.poll(() => tabs.getByRole("button", { name: "Tous (4)" }).count()).toBe(1);
    await expect.poll(() => tabs.getByRole("button", { name: "Signalé (4)" }).count()).toBe(1);
    expect(await page.locator(".queue-table").textContent()).not.toContain(lighting);
    const late = rows(page).filter({ hasText: overdue });
    expect(await late.textContent()).toContain("En retard");
    await expectAccessible(page, "staff queue fr");
    await screenshot(page, "staff-queue-fr");

    // Filters: overdue only, then a text search, kept in the address.
    await tabs.getByRole("button", { name: "En retard (1)" }).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(page.url()).toContain("overdue=true");
    await tabs.getByRole("button", { name: "En retard (1)" }).click();
    await page.getByLabel("Rechercher dans le titre et la description").fill("Ibnou Mounir");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.getByRole("button", { name: "Effacer les filtres" }).click();
    await expect.poll(() => rows(page).count()).toBe(4);

    // The report: answered from the template, in the report's language, and moved to in_progress.
    await page.getByRole("link", { name: answered }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Nid-de-poule dangereux rue Ibnou Mounir");
    await expect.poll(() => page.getByRole("img", { name: "Photo 1 du signalement" }).count()).toBe(1);
    expect(await page.locator("main").textContent()).toContain("nadia.staff-e2e@example.org");
    await expectAccessible(page, "staff detail fr");
    await screenshot(page, "staff-detail-fr");

    const respond = page.getByRole("region", { name: "Répondre ou changer l'état" });
    await respond.getByLabel("État", { exact: true }).selectOption({ label: "En cours" });
    await respond.getByLabel("Modèle de réponse").selectOption({ label: "Intervention en cours" });
    const response = respond.getByLabel("Réponse publique");
    await expect.poll(() => response.inputValue()).toContain("Nos équipes ont pris en charge votre signalement");
    await response.fill(`${await response.inputValue()} Passage prévu jeudi.`);
    await respond.getByRole("button", { name: "Envoyer la réponse" }).click();
    await expect.poll(() => status(page, "Répondre ou changer l'état").textContent()).toContain("État passé à « En cours »");
    await expect.poll(() => page.locator(".staff-detail-header").textContent()).toContain("En cours");

    const note = page.getByRole("region", { name: "Note interne" });
    await note.getByLabel("Note (visible des seuls agents)").fill("Budget à valider avec l'arrondissement avant jeudi.");
    await note.getByRole("button", { name: "Ajouter la note" }).click();
    await expect.poll(() => status(page, "Note interne").textContent()).toContain("Note ajoutée.");
    await expect.poll(() => page.locator(".staff-update.internal").textContent()).toContain("Budget à valider");

    // The citizen's page shows the new state and the response, never the note.
    const citizen = await newContext(browser, tp, { lang: "fr" });
    const publicPage = await citizen.newPage();
    await publicPage.goto(`/r/${answered}`);
    await expect.poll(() => publicPage.locator("main").textContent()).toContain("Passage prévu jeudi.");
    expect(await publicPage.locator("main").textContent()).toContain("En cours");
    expect(await publicPage.locator("main").textContent()).not.toContain("Budget à valider");
    await citizen.close();

    // Back to the queue: two reports closed at once with the general "closed" template.
    await page.getByRole("link", { name: "Retour à la file" }).click();
    await expect.poll(() => rows(page).count()).toBe(4);
    for (const ref of toClose) await page.getByRole("checkbox", { name: `Sélectionner ${ref}` }).check();
    const bulk = page.getByRole("region", { name: "Modifier plusieurs signalements à la fois" });
    expect(await bulk.textContent()).toContain("2 signalements sélectionnés.");
    await bulk.getByLabel("Nouvel état").selectOption({ label: "Clôturé" });
    await bulk.getByLabel("Modèle de réponse").selectOption({ label: "Signalement clôturé" });
    await expect.poll(() => bulk.getByLabel("Réponse publique (envoyée à chaque auteur)").inputValue()).toContain("Ce signalement est clôturé.");
    await bulk.getByRole("button", { name: "Appliquer" }).click();
    await expect.poll(() => bulk.getByRole("status").textContent()).toContain("2 signalements modifiés.");
    for (const ref of toClose) expect((await new Client(tp.url).get(`/api/reports/${ref}`)).body.report.state).toBe("closed");
    await expect.poll(() => page.getByRole("group", { name: "États" }).getByRole("button", { name: "Clôturé (2)" }).count()).toBe(1);

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the console in Arabic", () => {
  it("lays the queue and a report out right-to-left, accessible", async () => {
    const { context, page, errors } = await signedIn("ar", staffEmail);
    await page.goto("/staff");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("قائمة البلاغات");
    await expect.poll(() => rows(page).count()).toBeGreaterThan(0);
    await expectAccessible(page, "staff queue ar");
    await screenshot(page, "staff-queue-ar");

    await page.goto(`/staff/r/${overdue}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Chaussée défoncée depuis un mois rue Soumaya");
    expect(await page.locator(".staff-facts").first().textContent()).toContain("متأخر");
    await expectAccessible(page, "staff detail ar");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("tells a citizen the console is for staff only", async () => {
    const context = await newContext(browser, tp, { lang: "ar" });
    const email = "citizen.staff-e2e@example.org";
    await new Client(tp.url).post("/api/account", { email, password: PASSWORD, name: "مواطن", language: "ar" });
    expect((await context.request.post("/api/session", { data: { email, password: PASSWORD } })).status()).toBe(200);
    const page = await context.newPage();
    await page.goto("/staff");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("خاص بالموظفين");
    await context.close();
  });
});

describe("a city admin", () => {
  it("writes a response template with the three languages side by side, Arabic right-to-left", async () => {
    const { context, page, errors } = await signedIn("fr", adminEmail);
    await page.goto("/staff");
    await page.getByRole("navigation", { name: "Console agents" }).getByRole("link", { name: "Modèles de réponse" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Modèles de réponse");
    await expect.poll(() => page.locator(".templates-table tbody tr").count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByRole("navigation", { name: "Console agents" }).getByRole("link", { name: "Administration" }).count()).toBe(1);
    await expectAccessible(page, "staff templates fr");
    await screenshot(page, "staff-templates-fr");

    await page.getByRole("button", { name: "Nouveau modèle" }).click();
    await page.getByLabel("Catégorie").selectOption({ label: "Éclairage public en panne ou endommagé" });
    await page.getByLabel("État associé à la réponse").selectOption({ label: "Intervention programmée" });
    const arabic = page.getByRole("group", { name: "Arabe" });
    expect(await arabic.getAttribute("dir")).toBe("rtl");
    await arabic.getByLabel("Titre").fill("تدخل مبرمج للإنارة");
    await arabic.getByLabel("Texte").fill("ستتدخل فرقنا لإصلاح الإنارة خلال الأيام القادمة.");
    await page.getByRole("group", { name: "Français" }).getByLabel("Titre").fill("Réparation de l'éclairage programmée");
    await page.getByRole("group", { name: "Français" }).getByLabel("Texte").fill("Nos équipes répareront l'éclairage dans les prochains jours.");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    // English left empty: the server names the field, shown beside it.
    await expect.poll(() => page.getByRole("group", { name: "Anglais" }).locator(".error").count()).toBe(2);
    await page.getByRole("group", { name: "Anglais" }).getByLabel("Titre").fill("Lighting repair scheduled");
    await page.getByRole("group", { name: "Anglais" }).getByLabel("Texte").fill("Our teams will repair the lighting in the coming days.");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => page.getByRole("main").textContent()).toContain("Modèle « Réparation de l'éclairage programmée » enregistré.");
    // The list reloads after the save: wait for it rather than read it mid-render.
    await expect.poll(() => page.locator(".templates-table").textContent()).toContain("Réparation de l'éclairage programmée");
    expect(errors).toEqual([]);
    await context.close();
  });
});
