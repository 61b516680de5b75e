/** RSS and Atom feeds over real HTTP: what they list and in which order, links, language, caching, 404s, and no personal data. */
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "./support/http.ts";
import { newConfirmedReport, newReportBody, newStaff, places } from "./support/factories.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

let tp: TestPlatform;
let anon: Client;
let admin: Client;
/** In Maârif, moved to in_progress with a public response, then a comment and an internal note. */
let a: Awaited<ReturnType<typeof newConfirmedReport>>;
/** In Hay Hassani, another category. */
let b: Awaited<ReturnType<typeof newConfirmedReport>>;
/** Filed in Maârif but never confirmed. */
let unconfirmed: { ref: string; title: string; email: string };
let areaA: string;
let areaB: string;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name, jpath) => name === "item" || name === "entry" || jpath === "feed.link" || jpath === "feed.entry.link" });
const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

interface RssItem { title: string; link: string; guid: { "#text": string }; pubDate: string; description: string }
interface AtomEntry { title: { "#text": string }; id: string; link: { "@href": string }[]; updated: string; summary?: { "#text": string } }

async function rss(path: string, client = anon) {
  const r = await client.get(path);
  expect(r.status, String(r.body).slice(0, 300)).toBe(200);
  expect(r.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
  const doc = parser.parse(r.body as string);
  const channel = doc.rss.channel;
  return { r, channel, items: asArray<RssItem>(channel.item) };
}

async function atom(path: string, client = anon) {
  const r = await client.get(path);
  expect(r.status, String(r.body).slice(0, 300)).toBe(200);
  expect(r.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
  const doc = parser.parse(r.body as string);
  return { r, feed: doc.feed, entries: asArray<AtomEntry>(doc.feed.entry) };
}

beforeAll(async () => {
  // With the built web app (global setup), so that its pages can announce the feeds.
  tp = await startTestPlatform({ env: process.env.WEB_DIR ? { WEB_DIR: process.env.WEB_DIR } : {} });
  anon = new Client(tp.url);
  admin = await newStaff(tp, null, "city_admin");
  // The reporter shows their name on the public page: a feed still must not carry it.
  a = await newConfirmedReport(tp, { ...places.maarif, title: "Nid-de-poule <b>profond</b> & dangereux", reporter: { name: "Khadija Bennani", email: "khadija.feeds@example.org", phone: "+212 611 223 344", showName: true } });
  b = await newConfirmedReport(tp, { ...places.hayHassani, category: "street_lighting", title: "Lampadaire éteint rue 12" });
  const body = newReportBody({ ...places.maarif, title: "Jamais confirmé: décharge sauvage" });
  const created = await anon.post("/api/reports", body);
  expect(created.status).toBe(201);
  unconfirmed = { ref: created.body.ref, title: body.title, email: body.reporter.email };
  await tp.drain();

  expect((await admin.post(`/api/reports/${a.ref}/updates`, { text: "Équipe envoyée sur place", state: "in_progress" })).status).toBe(201);
  expect((await admin.post(`/api/reports/${a.ref}/updates`, { text: "Travaux prévus jeudi" })).status).toBe(201);
  expect((await admin.post(`/api/reports/${a.ref}/updates`, { text: "Note interne: voir le chef", visibility: "internal" })).status).toBe(201);
  areaA = (await anon.get(`/api/reports/${a.ref}`)).body.report.area;
  areaB = (await anon.get(`/api/reports/${b.ref}`)).body.report.area;
  expect(areaA).not.toBe(areaB);
});
afterAll(async () => tp?.close());

describe("the city feed", () => {
  it("lists new reports and state changes, newest first, linking to the report page, without unconfirmed reports", async () => {
    const { r, channel, items } = await rss("/feeds/city.rss?lang=fr");
    expect(channel.language).toBe("fr");
    expect(channel.title).toContain(":");
    const titles = items.map((i) => i.title);
    expect(titles).toContain("Nouveau signalement : Nid-de-poule &lt;b&gt;profond&lt;/b&gt; &amp; dangereux");
    expect(titles).toContain("Nouveau signalement : Lampadaire éteint rue 12");
    expect(titles).toContain("Nid-de-poule &lt;b&gt;profond&lt;/b&gt; &amp; dangereux : En cours");
    // Comments belong to the report's own feed.
    expect(items.some((i) => i.description.includes("Travaux prévus jeudi"))).toBe(false);
    expect(r.body).not.toContain(unconfirmed.title);
    expect(r.body).not.toContain(unconfirmed.ref);

    const dates = items.map((i) => Date.parse(i.pubDate));
    expect(dates.every((d) => !Number.isNaN(d))).toBe(true);
    expect([...dates].sort((x, y) => y - x)).toEqual(dates);
    // The state change came after both publications.
    expect(titles[0]).toContain("En cours");
    for (const item of items) expect(item.link).toMatch(new RegExp(`^${tp.config.publicUrl}/r/(${a.ref}|${b.ref})$`));
    expect(new Set(items.map((i) => i.guid["#text"])).size).toBe(items.length);
  });

  it("never carries a reporter's name, e-mail or phone, a staff name or an internal note", async () => {
    for (const path of ["/feeds/city.rss", "/feeds/city.atom", `/feeds/reports/${a.ref}.rss`, `/feeds/reports/${a.ref}.atom`, `/feeds/areas/${areaA}.atom`]) {
      const r = await anon.get(path);
      expect(r.status).toBe(200);
      const text = r.body as string;
      for (const secret of ["Khadija", "Bennani", "khadija.feeds@example.org", "611 223 344", "Amina", "@example.org", "Staff", "Note interne"]) {
        expect(text, `${path} contains ${secret}`).not.toContain(secret);
      }
    }
  });

  it("is cached a few minutes, with an ETag and Last-Modified that answer 304", async () => {
    const first = await anon.get("/feeds/city.atom");
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^".+"$/);
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false);
    expect((await anon.get("/feeds/city.atom", { "if-none-match": etag })).status).toBe(304);
    expect((await anon.get("/feeds/city.atom", { "if-modified-since": lastModified })).status).toBe(304);
    // Same entries, same bytes: the feed is dated by its content, not by the clock.
    expect((await anon.get("/feeds/city.atom")).headers.get("etag")).toBe(etag);
  });
});

describe("language", () => {
  it("follows ?lang=, else Accept-Language, for the feed's title and the state names", async () => {
    const ar = await atom(`/feeds/reports/${a.ref}.atom?lang=ar`);
    expect(ar.feed["@xml:lang"]).toBe("ar");
    // The feed's own title is plain text (XML-escaped by the writer, decoded by the parser).
    expect(ar.feed.title).toBe(`البلاغ ${a.ref}: Nid-de-poule <b>profond</b> & dangereux`);
    expect(ar.entries.some((e) => e.title["#text"].endsWith(": قيد المعالجة"))).toBe(true);

    const en = await rss(`/feeds/areas/${areaA}.rss`, new Client(tp.url, "en-GB,en;q=0.9"));
    expect(en.channel.language).toBe("en");
    expect(en.channel.title).toMatch(/: reported problems$/);
    expect(en.items.some((i) => i.title.startsWith("New report: "))).toBe(true);
    expect(en.r.headers.get("vary")).toContain("accept-language");

    const fr = await rss(`/feeds/areas/${areaA}.rss?lang=fr`, new Client(tp.url, "en"));
    expect(fr.channel.language).toBe("fr");
    expect(fr.channel.title).toMatch(/ : problèmes signalés$/);
  });
});

describe("area and category feeds", () => {
  it("an area's feed holds only that area's reports", async () => {
    const { entries, feed } = await atom(`/feeds/areas/${areaA}.atom?lang=fr`);
    const hrefs = entries.map((e) => e.link[0]!["@href"]);
    expect(hrefs).toContain(`${tp.config.publicUrl}/r/${a.ref}`);
    expect(hrefs).not.toContain(`${tp.config.publicUrl}/r/${b.ref}`);
    const self = asArray<{ "@rel"?: string; "@href": string }>(feed.link).find((l) => l["@rel"] === "self");
    expect(self?.["@href"]).toBe(`${tp.config.publicUrl}/feeds/areas/${areaA}.atom`);
    const other = await atom(`/feeds/areas/${areaB}.atom`);
    expect(other.entries.map((e) => e.link[0]!["@href"])).toEqual([`${tp.config.publicUrl}/r/${b.ref}`]);
  });

  it("a category's feed, in the city or in one area", async () => {
    const lighting = await rss("/feeds/categories/street_lighting.rss");
    expect(lighting.items.map((i) => i.link)).toEqual([`${tp.config.publicUrl}/r/${b.ref}`]);
    const roads = await rss(`/feeds/categories/road_damage.rss?area=${areaA}`);
    expect(roads.items.length).toBe(2);
    expect(roads.items.every((i) => i.link === `${tp.config.publicUrl}/r/${a.ref}`)).toBe(true);
    const elsewhere = await rss(`/feeds/categories/road_damage.rss?area=${areaB}`);
    expect(elsewhere.items).toEqual([]);
  });
});

describe("a report's feed", () => {
  it("tells the report's story: publication, the state change with its public text, the public comment", async () => {
    const { entries } = await atom(`/feeds/reports/${a.ref}.atom?lang=en`);
    expect(entries.map((e) => e.title["#text"])).toEqual([
      "Nid-de-poule &lt;b&gt;profond&lt;/b&gt; &amp; dangereux: new update",
      "Nid-de-poule &lt;b&gt;profond&lt;/b&gt; &amp; dangereux: In progress",
      "New report: Nid-de-poule &lt;b&gt;profond&lt;/b&gt; &amp; dangereux",
    ]);
    expect(entries[0]!.summary?.["#text"]).toContain("Travaux prévus jeudi");
    expect(entries[1]!.summary?.["#text"]).toContain("Équipe envoyée sur place");
    expect(entries[1]!.summary?.["#text"]).toContain("State: Open → In progress");
    expect(entries[2]!.summary?.["#text"]).toContain("The hole is about 40 cm wide");
    expect(new Set(entries.map((e) => e.id)).size).toBe(3);
  });
});

describe("discovery", () => {
  it("the pages of a report and of an area announce their Atom feeds in the head, in the page's language", async () => {
    const report = await new Client(tp.url, "en").get(`/r/${a.ref}`);
    expect(report.headers.get("content-type")).toContain("text/html");
    expect(report.body).toMatch(new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="[^"]*" href="${tp.config.publicUrl}/feeds/reports/${a.ref}\\.atom\\?lang=en" />`));
    const home = await anon.get(`/?area=${areaA}&lang=fr`);
    expect(home.body).toContain(`href="${tp.config.publicUrl}/feeds/areas/${areaA}.atom?lang=fr"`);
    expect(home.body).toContain(`href="${tp.config.publicUrl}/feeds/city.atom?lang=fr"`);
    // Each announced feed is there.
    for (const href of [...(home.body as string).matchAll(/type="application\/atom\+xml" title="[^"]*" href="([^"]+)"/g)].map((m) => m[1]!)) {
      expect((await anon.get(href.replace(tp.config.publicUrl, ""))).status).toBe(200);
    }
  });
});

describe("what does not exist", () => {
  it("answers 404 problems for unknown areas, categories and reports, and for unconfirmed reports", async () => {
    for (const path of [
      "/feeds/areas/nowhere.rss", "/feeds/categories/nothing.atom", `/feeds/categories/road_damage.rss?area=nowhere`,
      "/feeds/reports/CAS-2020-999999.rss", `/feeds/reports/${unconfirmed.ref}.atom`,
    ]) {
      const r = await anon.get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});
