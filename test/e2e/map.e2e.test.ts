/**
 * The map home in Chromium, without map tiles (as on a bad connection): clusters and markers
 * for seeded reports in Arabic (right-to-left) and French, on a phone and a desktop; filters
 * that narrow the map and go into the URL; the list view; the place search with the keyboard;
 * a report's card; axe; and the keyboard path through the page.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReports, publicStates, type ImportedReport } from "../../src/reports/index.ts";
import { closeWebPlatform, expectAccessible, launchBrowser, newContext, screenshot, startWebPlatform, watchErrors } from "../support/browser.ts";
import type { TestPlatform } from "../support/platform.ts";

let tp: TestPlatform;
let browser: Browser;

const PHONE = { width: 360, height: 740 };
/** Where reports are: the city centre, Maârif, Hay Hassani, Sidi Moumen. */
const SPOTS = [[33.5962, -7.616], [33.5873, -7.633], [33.556, -7.676], [33.583, -7.525]] as const;
const PER_SPOT = 60;
const STREET_LIGHTS = SPOTS.length * (PER_SPOT / 4);
const GEOCODER = "https://geocoder.test";

function seed(): ImportedReport[] {
  return SPOTS.flatMap(([lat, lon], s) => Array.from({ length: PER_SPOT }, (_, i) => ({
    categoryCode: i % 4 === 0 ? "street_lighting" : "road_damage",
    state: i === 0 ? "open" as const : publicStates[i % publicStates.length]!,
    lat: lat + ((i % 8) - 4) * 0.0008, lon: lon + (Math.floor(i / 8) - 4) * 0.0008,
    title: i % 4 === 0 ? `Lampadaire éteint n° ${s}-${i}` : `Chaussée abîmée n° ${s}-${i}`,
    description: "Importé pour le test de la carte.", language: "fr", priority: 10,
    createdAt: new Date(Date.now() - (i + 1) * 3_600_000), reporterName: null, reporterEmail: null, showName: false, source: "import", updates: [],
  })));
}

beforeAll(async () => {
  // A geocoder nobody can reach: the place search test answers for it (page.route).
  [tp, browser] = await Promise.all([startWebPlatform({ GEOCODER_URL: GEOCODER }), launchBrowser()]);
  const items = seed();
  await importReports(tp.platform.ctx.database.db, tp.platform.ctx.cities.get(tp.config.citySlug), items);
}, 60_000);
afterAll(() => closeWebPlatform(browser, tp));

async function open(lang: "ar" | "fr", viewport?: { width: number; height: number }, path = "/") {
  const context = await newContext(browser, tp, { lang, viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(path);
  await page.locator(".map-cluster, .map-point").first().waitFor();
  return { page, errors, close: () => context.close() };
}

/** The number in "N reports in this view". */
async function shownCount(page: Page): Promise<number> {
  const text = (await page.locator(".home-status").textContent()) ?? "";
  return Number(text.replace(/[^\d]/g, "") || "0");
}

/** The sum of the counts on the clusters and single markers drawn. */
const drawnCount = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll(".map-cluster, .map-point"))
  .reduce((sum, el) => sum + (el.classList.contains("map-point") ? 1 : Number(el.textContent)), 0));

describe("the home", () => {
  it("shows the reports in Arabic, right-to-left on a phone, controls on the reading side, never unconfirmed ones", async () => {
    const { page, errors, close } = await open("ar", PHONE);
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    // The whole city is in view: every public report, none awaiting confirmation.
    await expect.poll(() => shownCount(page)).toBe(SPOTS.length * (PER_SPOT - 1));
    expect(await drawnCount(page)).toBe(SPOTS.length * (PER_SPOT - 1));
    await expect.poll(() => page.locator(".home-status").textContent()).toContain("في هذا العرض");
    // Areas are outlined even without tiles, named on hover.
    expect(await page.locator("path.leaflet-interactive").count()).toBeGreaterThanOrEqual(16);
    const area = (await page.locator("path.leaflet-interactive").nth(3).boundingBox())!;
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    await expect.poll(() => page.locator(".area-tooltip").textContent()).toMatch(/\p{Script=Arabic}/u);
    await page.mouse.move(0, 0);
    // Zoom buttons at the top right in Arabic, the report button at the bottom left; the map not mirrored (west stays left).
    const zoom = (await page.locator(".leaflet-control-zoom").boundingBox())!;
    expect(zoom.x).toBeGreaterThan(PHONE.width / 2);
    const report = (await page.getByRole("link", { name: "بلّغ عن مشكل هنا" }).boundingBox())!;
    expect(report.x).toBeLessThan(PHONE.width / 2);
    expect(await page.getByRole("button", { name: "تكبير", exact: true }).count()).toBe(1);
    await expectAccessible(page, "home ar");
    await screenshot(page, "home-ar");
    expect(errors).toEqual([]);
    await close();
  });

  it("fills the screen below the header on a phone, in French", async () => {
    const { page, errors, close } = await open("fr", PHONE);
    const header = (await page.locator("header.topbar").boundingBox())!;
    const map = (await page.locator(".home-map").boundingBox())!;
    expect(map.y + map.height).toBeCloseTo(PHONE.height, 0);
    expect(map.y).toBeGreaterThan(header.y + header.height);
    expect(map.height).toBeGreaterThan(PHONE.height / 2);
    // No page scroll: the map takes the rest of the screen exactly.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(PHONE.height);
    await expectAccessible(page, "home fr phone");
    await screenshot(page, "home-fr-phone");
    // The filters open as a sheet over the map (the page does not scroll); Escape closes it and gives the focus back.
    const button = page.getByRole("button", { name: "Filtres" });
    await button.click();
    const sheet = (await page.locator("#home-filters").boundingBox())!;
    expect(sheet.y).toBeGreaterThanOrEqual(map.y - 1);
    expect(sheet.y + sheet.height).toBeLessThanOrEqual(PHONE.height);
    expect(sheet.width).toBeCloseTo(PHONE.width, 0);
    await expectAccessible(page, "home filters fr phone");
    await screenshot(page, "home-filters-fr-phone");
    await page.getByLabel("Secteur").focus();
    await page.keyboard.press("Escape");
    expect(await page.locator("#home-filters").count()).toBe(0);
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it("narrows to a category with the filters, and the URL carries it (back undoes it)", async () => {
    const { page, errors, close } = await open("fr");
    const all = SPOTS.length * (PER_SPOT - 1);
    await expect.poll(() => shownCount(page)).toBe(all);
    await page.getByRole("button", { name: "Filtres" }).click();
    await page.getByLabel("Catégorie").selectOption("street_lighting");
    await expect.poll(() => new URL(page.url()).searchParams.get("category")).toBe("street_lighting");
    // The first report of each spot is the unconfirmed one, a street light.
    await expect.poll(() => shownCount(page)).toBe(STREET_LIGHTS - SPOTS.length);
    await page.getByRole("checkbox", { name: "En cours" }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get("state")).toBe("progress");
    const inProgress = await shownCount(page);
    await expect.poll(() => shownCount(page)).toBeLessThan(STREET_LIGHTS - SPOTS.length);
    expect(inProgress).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Filtres (2)" }).getAttribute("aria-expanded")).toBe("true");
    await screenshot(page, "home-filters-fr");
    await page.getByRole("button", { name: "Voir les signalements" }).click();
    expect(await page.locator("#home-filters").count()).toBe(0);
    // A shared link opens the same view.
    const shared = await open("fr", undefined, new URL(page.url()).pathname + new URL(page.url()).search);
    await expect.poll(() => shownCount(shared.page)).toBe(await shownCount(page));
    await shared.close();
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get("state")).toBe(null);
    await expect.poll(() => shownCount(page)).toBe(STREET_LIGHTS - SPOTS.length);
    expect(errors).toEqual([]);
    await close();
  });

  it("lists the reports of the view with links to their pages", async () => {
    const { page, errors, close } = await open("fr");
    await page.getByRole("button", { name: "Liste" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("view")).toBe("list");
    const list = page.getByRole("region", { name: "Signalements de cette vue, les plus récents d'abord" });
    await list.getByRole("link").first().waitFor();
    expect(await list.getByRole("link").count()).toBe(50);
    expect(await list.getByRole("link").first().getAttribute("href")).toMatch(/^\/r\/CAS-\d{4}-\d+$/);
    await expectAccessible(page, "home list fr");
    await screenshot(page, "home-list-fr");
    await list.getByRole("button", { name: "Afficher plus" }).click();
    await expect.poll(() => list.getByRole("link").count()).toBe(100);
    // Newest first; the unconfirmed ones (n° s-0) never.
    expect(await list.getByRole("link").first().textContent()).toMatch(/n° \d-1$/);
    expect(await list.textContent()).not.toMatch(/n° \d-0\b/);
    await page.getByRole("button", { name: "Carte" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("view")).toBe(null);
    expect(errors).toEqual([]);
    await close();
  });

  it("finds a place typed without its accents and flies there with the keyboard; the geocoder's answers come below", async () => {
    const { page, errors, close } = await open("fr");
    const asked: URL[] = [];
    await page.route(`${GEOCODER}/**`, (route) => {
      asked.push(new URL(route.request().url()));
      return route.fulfill({
        json: [{ place_id: 42, display_name: "Boulevard Zerktouni, Maârif, Casablanca", lat: "33.5851", lon: "-7.6327", boundingbox: ["33.584", "33.586", "-7.634", "-7.631"] }],
        headers: { "access-control-allow-origin": "*" },
      });
    });
    const zoomOf = () => Number(new URL(page.url()).searchParams.get("at")?.split("/")[0]);
    await expect.poll(zoomOf).toBeGreaterThan(0);
    const before = zoomOf();
    const search = page.getByRole("combobox", { name: "Chercher un lieu" });
    await search.fill("maarif");
    await page.getByRole("option", { name: /Maârif/ }).first().waitFor();
    await search.press("ArrowDown");
    expect(await search.getAttribute("aria-activedescendant")).toBe("place-search-0");
    await search.press("Enter");
    expect(await search.inputValue()).toBe("Maârif");
    expect(await page.getByRole("listbox").isHidden()).toBe(true);
    await expect.poll(zoomOf).toBeGreaterThan(before);
    // The status names the arrondissement at the centre of the map.
    await expect.poll(() => page.locator(".home-area").textContent()).toBe("Maârif");
    const [lat, lon] = new URL(page.url()).searchParams.get("at")!.split("/").slice(1).map(Number);
    expect(Math.abs(lat! - 33.58)).toBeLessThan(0.02);
    expect(Math.abs(lon! - -7.64)).toBeLessThan(0.03);
    // After a pause, Nominatim (bounded to the city, in the page's language) adds its answers below the gazetteer's.
    await search.fill("zerktouni");
    const address = page.getByRole("option", { name: /Boulevard Zerktouni/ });
    await address.waitFor();
    const options = await page.getByRole("listbox", { name: "Chercher un lieu" }).getByRole("option").allTextContents();
    expect(options[0]).toContain("Boulevard Mohammed Zerktouni");
    expect(options.at(-1)).toContain("Boulevard Zerktouni, Maârif, Casablanca");
    const params = asked.at(-1)!.searchParams;
    expect(asked.at(-1)!.pathname).toBe("/search");
    expect(Object.fromEntries(params)).toMatchObject({ format: "jsonv2", q: "zerktouni", bounded: "1", "accept-language": "fr", limit: "5" });
    expect(params.get("viewbox")!.split(",").map(Number)).toHaveLength(4);
    await search.press("ArrowUp");
    await search.press("Enter");
    await expect.poll(zoomOf, { timeout: 5000 }).toBe(17);
    // Arabic names match too, whatever the hamza.
    await search.fill("");
    await search.fill("مسجد الحسن");
    await page.getByRole("option", { name: /Mosquée Hassan II/ }).waitFor();
    await search.press("Escape");
    expect(await page.getByRole("listbox").isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it("opens a report's card from a marker with the keyboard, and zooms into a cluster", async () => {
    const { page, errors, close } = await open("fr");
    const cluster = page.locator(".map-cluster").first();
    const zoomOf = () => Number(new URL(page.url()).searchParams.get("at")?.split("/")[0]);
    await expect.poll(zoomOf).toBeGreaterThan(0);
    const before = zoomOf();
    await cluster.focus();
    await page.keyboard.press("Enter");
    await expect.poll(zoomOf).toBeGreaterThan(before);
    // Closer in, single reports stand alone.
    await page.goto(`/?at=18/${SPOTS[1][0]}/${SPOTS[1][1]}`);
    const marker = page.locator(".map-point").first();
    await marker.waitFor();
    expect(await marker.getAttribute("aria-label")).toMatch(/Nids-de-poule|Éclairage public/);
    await marker.focus();
    await page.keyboard.press("Enter");
    const link = page.getByRole("link", { name: "Voir le signalement" });
    await link.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Voir le signalement");
    expect(await link.getAttribute("href")).toMatch(/^\/r\/CAS-/);
    await screenshot(page, "home-card-fr");
    await page.keyboard.press("Escape");
    expect(await link.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("map-point"))).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it("is reachable with the keyboard alone: search, filters, list, report button", async () => {
    const { page, errors, close } = await open("fr");
    const reached: string[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      reached.push(await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.tagName.toLowerCase()}:${el.getAttribute("aria-label") ?? el.textContent?.trim() ?? ""}:${el.id}` : "";
      }));
    }
    const at = (pattern: RegExp) => reached.findIndex((r) => pattern.test(r));
    const search = at(/:place-search$/);
    const filters = at(/^button:Filtres/);
    const list = at(/^button:Liste/);
    const report = at(/^a:\+ Signaler un problème ici/);
    expect([search, filters, list, report].every((i) => i >= 0), reached.join("\n")).toBe(true);
    expect(search).toBeLessThan(filters);
    expect(filters).toBeLessThan(list);
    expect(list).toBeLessThan(report);
    // The report button starts the report where the map is.
    const href = new URL((await page.getByRole("link", { name: /Signaler un problème ici/ }).getAttribute("href"))!, tp.url);
    expect(href.pathname).toBe("/report");
    expect(Number(href.searchParams.get("lat"))).toBeCloseTo(33.57, 1);
    expect(Number(href.searchParams.get("lon"))).toBeCloseTo(-7.6, 0);
    expect(errors).toEqual([]);
    await close();
  });
});
