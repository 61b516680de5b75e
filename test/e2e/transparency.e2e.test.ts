/**
 * /transparency in Chromium on the fixed data set of test/support/insights-fixture.ts (the
 * figures are computed by hand in test/insights.test.ts): in Arabic (right to left) and in
 * French, the page shows June's figures formatted for the language, the league in order, the
 * charts with a table behind each, both maps with their tables, the fixed stories with their
 * photos, and passes axe. The header links to it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import { buildInsightsFixture, JUNE_QUERY } from "../support/insights-fixture.ts";
import { Client } from "../support/http.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;
let fx: Awaited<ReturnType<typeof buildInsightsFixture>>;
let authorityNames: Map<string, Record<string, string>>;

beforeAll(async () => {
  [tp, browser] = await Promise.all([startWebPlatform(), launchBrowser()]);
  fx = await buildInsightsFixture(tp);
  const city = (await new Client(tp.url).get("/api/city")).body as { authorities: { code: string; name: Record<string, string> }[] };
  authorityNames = new Map(city.authorities.map((a) => [a.code, a.name]));
}, 180_000);
afterAll(() => closeWebPlatform(browser, tp));

const spaces = (s: string | null) => (s ?? "").replace(/[\u00a0\u202f\s]+/g, " ").trim();
const unit = (locale: string, n: number, u: "hour" | "day") => spaces(new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "long", maximumFractionDigits: 1 }).format(n));
const pct = (locale: string, share: number) => spaces(new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share));

function figure(page: Page, label: string) {
  return page.locator(".figure").filter({ has: page.getByText(label, { exact: true }) }).locator(".figure-value");
}

async function open(lang: "ar" | "fr", viewport?: { width: number; height: number }) {
  const context = await newContext(browser, tp, { lang, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`/transparency?${JUNE_QUERY}`);
  return { context, page, errors };
}

async function expectPage(page: Page, lang: "ar" | "fr", m: { received: string; fixed: string; fixMedian: string; ackMedian: string; withinTarget: string; backlog: string; satisfaction: string }, locale: string) {
  await expect.poll(() => figure(page, m.received).textContent()).toBe("7");
  expect(await figure(page, m.fixed).textContent()).toBe("4");
  // Hand-computed in test/insights.test.ts: median fix 144 h = 6 days, median acknowledgement 3.5 h, 3 of 4 within target.
  expect(spaces(await figure(page, m.fixMedian).textContent())).toBe(unit(locale, 6, "day"));
  expect(spaces(await figure(page, m.ackMedian).textContent())).toBe(unit(locale, 3.5, "hour"));
  expect(spaces(await figure(page, m.withinTarget).textContent())).toBe(pct(locale, 0.75));
  expect(await figure(page, m.backlog).textContent()).toBe("3");
  expect(spaces(await figure(page, m.satisfaction).textContent())).toBe(pct(locale, 0.75));

  // The league: the lighting service (median fix 48 h) before the roads (240 h).
  const league = page.locator("table.league tbody tr");
  expect(await league.count()).toBe(2);
  expect(await league.nth(0).locator("th").textContent()).toBe(authorityNames.get("eclairage-public")![lang]);
  expect(await league.nth(1).locator("th").textContent()).toBe(authorityNames.get("voirie")![lang]);

  // Two charts drawn on canvases labelled as images, and a table behind every chart and map.
  expect(await page.locator("canvas[role=img][aria-label]").count()).toBe(2);
  const tables = page.locator("details.chart-table table");
  expect(await tables.count()).toBe(4);
  for (let i = 0; i < 4; i++) expect(spaces(await tables.nth(i).locator("caption").textContent())).not.toBe("");
  const timeline = tables.nth(0).locator("tbody tr");
  // The five weeks of June, quiet ones included.
  expect(await timeline.count()).toBe(5);
  expect(await timeline.nth(0).locator("td").allTextContents()).toEqual(["7", "1"]);
  // The choropleth's table: three areas with reports, the busiest (3) first; the heat map's: three cells.
  expect(await tables.nth(2).locator("tbody tr").count()).toBe(3);
  expect(await tables.nth(2).locator("tbody tr").first().locator("td").first().textContent()).toBe("3");
  expect(await tables.nth(3).locator("tbody tr td").allTextContents()).toEqual(["3", "2", "2"]);
  // Both maps drew the city's areas.
  await expect.poll(() => page.locator(".transparency-map path.leaflet-interactive, .transparency-map svg path").count()).toBeGreaterThan(10);

  // Fixed stories, newest first: R3, R2 (with its before and after photos), L1, R1.
  const stories = page.locator(".story");
  expect(await stories.count()).toBe(4);
  expect(await stories.nth(1).locator("h3").textContent()).toBe(fx.reports.get("R2")!.title);
  expect(await stories.nth(1).locator("img").count()).toBe(2);
  // The photos load lazily: as a reader scrolls to them.
  await stories.nth(1).locator("img").first().scrollIntoViewIfNeeded();
  await expect.poll(() => stories.nth(1).locator("img").first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await page.content()).not.toMatch(/@example\.org|Amina/);
}

describe("the transparency page", () => {
  it("shows June's figures in Arabic, right to left, on a phone, and is accessible", async () => {
    const { context, page, errors } = await open("ar", { width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("الشفافية");
    await expectPage(page, "ar", {
      received: "التبليغات الواردة", fixed: "أُصلحت", fixMedian: "المدة الوسيطة للإصلاح", ackMedian: "المدة الوسيطة للتكفل",
      withinTarget: "أُصلحت داخل الأجل المحدد", backlog: "ما زال قيد الانتظار", satisfaction: "المبلّغون الذين يؤكدون الإصلاح",
    }, "ar-MA-u-nu-latn");
    // Nothing wider than the phone's screen but the tables' own scrolling boxes.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "transparency-ar-phone");
    await expectAccessible(page, "transparency ar");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("asks for its figures once: the request the server named in the page for preloading is the one it uses", async () => {
    const context = await newContext(browser, tp, { lang: "fr" });
    const page = await context.newPage();
    const asked: string[] = [];
    page.on("request", (r) => { if (r.url().includes("/api/stats/")) asked.push(new URL(r.url()).pathname + new URL(r.url()).search); });
    const html = await (await page.goto(`/transparency?${JUNE_QUERY}&area=maarif`))!.text();
    expect(html).toContain(`<link rel="preload" href="/api/stats/dashboard?${JUNE_QUERY.replace("&", "&amp;")}&amp;area=maarif" as="fetch" crossorigin />`);
    expect(html).toContain(`<link rel="preload" href="/api/city/areas.geojson" as="fetch" crossorigin />`);
    // R1, R2 and L2 were filed in Maarif in June.
    await expect.poll(() => figure(page, "Signalements reçus").textContent()).toBe("3");
    expect(asked).toEqual([`/api/stats/dashboard?${JUNE_QUERY}&area=maarif`]);
    await context.close();
  });

  it("shows them in French, filters by category, and is reached from the header", async () => {
    const { context, page, errors } = await open("fr");
    await expectPage(page, "fr", {
      received: "Signalements reçus", fixed: "Réparés", fixMedian: "Délai médian de réparation", ackMedian: "Délai médian de prise en compte",
      withinTarget: "Réparés dans le délai visé", backlog: "Reste à faire", satisfaction: "Signaleurs qui confirment la réparation",
    }, "fr-MA");
    await expectAccessible(page, "transparency fr");

    await page.locator("select[name=category]").selectOption("street_lighting");
    await page.getByRole("button", { name: "Afficher" }).click();
    await expect.poll(() => figure(page, "Signalements reçus").textContent()).toBe("2");
    expect(page.url()).toContain("category=street_lighting");
    expect(await page.locator("table.league tbody tr").count()).toBe(1);
    await screenshot(page, "transparency-fr");

    await page.goto("/");
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Transparence" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Transparence");
    expect(new URL(page.url()).pathname).toBe("/transparency");
    expect(errors).toEqual([]);
    await context.close();
  });
});
