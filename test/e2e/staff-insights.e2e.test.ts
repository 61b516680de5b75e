/**
 * The staff insights page in Chromium: a city admin opens it from the console's navigation in
 * French and reads the planted spike (with a link to a report behind it), the hotspot on the
 * map and in its table, the backlog and the under-represented areas highlighted; the same page
 * in Arabic is right-to-left; both pass axe. The queue's "Export as CSV" gives a download link.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReports, type ImportedReport } from "../../src/reports/index.ts";
import { closeWebPlatform, expectAccessible, launchBrowser, screenshot, signedInPage, startWebPlatform } from "../support/browser.ts";
import { newStaff } from "../support/factories.ts";
import { DAY, offset, pointIn, report, weekly, weeks } from "../support/staff-insights-fixtures.ts";
import type { TestPlatform } from "../support/platform.ts";

const PASSWORD = "correct horse battery staple";
let tp: TestPlatform;
let browser: Browser;
let adminEmail: string;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  adminEmail = (await (await newStaff(tp, null, "city_admin")).get("/api/session")).body.user.email;
  const city = tp.platform.ctx.cities.get(tp.config.citySlug);
  const now = Date.now();
  const centre = pointIn(city, "sidi-moumen");
  const items: ImportedReport[] = [
    ...weekly(city, now, "road_damage", "hay-hassani", { 0: 10, ...weeks(1, [2, 3, 4, 3, 3, 2, 4, 3]) }),
    ...Array.from({ length: 7 }, (_, i) => report("illegal_dumping", offset(centre, i * 10, 0), new Date(now - 20 * DAY), { state: "confirmed", priority: 70 })),
    ...Array.from({ length: 30 }, (_, i) => report("sidewalk", offset(pointIn(city, "maarif"), i * 5, 0), new Date(now - 100 * DAY))),
  ];
  await importReports(tp.platform.ctx.database.db, city, items);
});
afterAll(() => closeWebPlatform(browser, tp));

const adminPage = (lang: "ar" | "fr") => signedInPage(browser, tp, { lang, email: adminEmail, password: PASSWORD });

describe("staff insights page", () => {
  it("shows the spike, the hotspot, the backlog and the equity table in French, accessible", async () => {
    const { context, page, errors } = await adminPage("fr");
    // Opened at its address, the page uses the four answers its HTML named for preloading.
    const asked: string[] = [];
    page.on("request", (r) => { if (r.url().includes("/api/staff/insights/")) asked.push(new URL(r.url()).pathname); });
    const html = await (await page.goto("/staff/insights"))!.text();
    expect(html.match(/<link rel="preload" href="\/api\/staff\/insights\/[^"]+" as="fetch"/g)).toHaveLength(4);
    await page.getByRole("table", { name: "Points chauds, les plus grands d’abord" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(asked.sort()).toEqual(["anomalies", "equity", "hotspots", "resources"].map((n) => `/api/staff/insights/${n}`));
    // Anonymous readers get no staff figures named in the page.
    expect(await (await fetch(`${tp.url}/staff/insights`)).text()).not.toContain("/api/staff/insights/");
    await page.goto("/staff");
    await page.getByRole("navigation", { name: "Console agents" }).getByRole("link", { name: "Analyses" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Analyses");
    await page.getByText(/à Hay Hassani : 3,3× l’habituel cette semaine/).waitFor();
    await page.getByText("10 cette semaine, habituellement 3").waitFor();

    const hotspots = page.getByRole("table", { name: "Points chauds, les plus grands d’abord" });
    await expect.poll(() => hotspots.locator("tbody tr").count()).toBe(1);
    expect(await hotspots.locator("tbody tr").first().textContent()).toContain("Sidi Moumen");
    await expect.poll(() => page.getByRole("region", { name: "Carte des points chauds" }).locator("path.leaflet-interactive").count()).toBe(1);

    const backlog = page.getByRole("table", { name: "Stock par service et par quartier, le plus lourd d’abord" });
    await expect.poll(() => backlog.locator("tbody tr").count()).toBe(1);
    // 7 open reports at priority 70: weighted 21, nothing fixed lately.
    expect(await backlog.locator("tbody tr").first().textContent()).toContain("21");
    expect(await backlog.locator("tbody tr").first().textContent()).toContain("Aucune réparation récente");

    const equity = page.getByRole("table", { name: "Signalements pour 10 000 habitants, les moins représentés d’abord" });
    await expect.poll(() => equity.locator("tbody tr").count()).toBe(16);
    // Only Maârif, Sidi Moumen and Hay Hassani have reports: the 13 others are under-represented.
    await expect.poll(() => equity.locator("tbody tr.under").count()).toBe(13);
    expect(await equity.locator("tbody tr").last().textContent()).toContain("Maârif");

    await expectAccessible(page, "insights fr");
    await screenshot(page, "staff-insights-fr");
    await page.getByText("Signalements concernés (10)").click();
    const first = page.locator(".anomaly-list a").first();
    const ref = await first.textContent();
    await first.click();
    await expect.poll(() => page.url()).toContain(`/staff/r/${ref}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads right to left in Arabic, accessible", async () => {
    const { context, page, errors } = await adminPage("ar");
    await page.goto("/staff/insights");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("تحليلات");
    await page.getByText(/المعتاد هذا الأسبوع/).waitFor();
    await expect.poll(() => page.locator(".equity-table tbody tr").count()).toBe(16);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expectAccessible(page, "insights ar");
    await screenshot(page, "staff-insights-ar");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("exports the queue with its filters as CSV from the queue page", async () => {
    const { context, page, errors } = await adminPage("fr");
    await page.goto("/staff?category=illegal_dumping");
    await page.getByRole("button", { name: "Exporter en CSV" }).click();
    const link = page.getByRole("link", { name: "Télécharger le CSV (7 signalements)" });
    await link.waitFor();
    const csv = await context.request.get((await link.getAttribute("href"))!);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).trim().split("\n")).toHaveLength(1 + 7);
    expect(errors).toEqual([]);
    await context.close();
  });
});
