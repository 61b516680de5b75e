/**
 * RSS 2.0 and Atom 1.0 feeds of public reports: the whole city, an area, a category (in the
 * city or an area), one report. What a feed shows is what the public report page shows, minus
 * every person's name: titles, descriptions, states, and the text of public updates. Reports
 * awaiting confirmation never appear. Written with the `feed` package; titles and texts are
 * HTML-escaped first, since both formats carry them as HTML.
 */
import { Feed, type Item } from "feed";
import { AppError } from "../errors.ts";
import { translator, type Language } from "../i18n/index.ts";
import type { ReportsContext } from "./reports.context.ts";
import { isPublicState } from "./reports.lifecycle.ts";
import * as repo from "./reports.feeds.repo.ts";
import { findReportByRef } from "./reports.repo.ts";

/** Entries in an area, category or city feed (the newest); a single report's feed has them all up to this. */
export const FEED_SIZE = 50;

export type FeedScope =
  | { kind: "city" }
  | { kind: "area"; code: string }
  | { kind: "category"; code: string; area?: string }
  | { kind: "report"; ref: string };
export type FeedFormat = "rss" | "atom";

export interface RenderedFeed {
  body: string;
  contentType: string;
  /** The newest entry's date (or the report's publication): Last-Modified. */
  updated: Date;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Plain text as HTML paragraphs-lite: escaped, line breaks kept. */
function html(...lines: (string | null | undefined)[]): string {
  return lines.filter((l): l is string => !!l && l.trim() !== "").map((l) => escapeHtml(l).replace(/\r?\n/g, "<br>")).join("<br><br>");
}

function scopePath(scope: FeedScope): string {
  switch (scope.kind) {
    case "city": return "/feeds/city";
    case "area": return `/feeds/areas/${encodeURIComponent(scope.code)}`;
    case "category": return `/feeds/categories/${encodeURIComponent(scope.code)}`;
    case "report": return `/feeds/reports/${encodeURIComponent(scope.ref)}`;
  }
}

export async function reportFeed(ctx: ReportsContext, scope: FeedScope, lang: Language, format: FeedFormat): Promise<RenderedFeed> {
  const { city, publicUrl } = ctx;
  const t = translator(lang);
  const cityName = city.manifest.name[lang] ?? city.slug;
  const areaName = (code: string) => city.areas.get(code)?.name[lang] ?? code;
  const categoryName = (code: string) => city.categories.get(code)?.name[lang] ?? code;
  const stateName = (state: string) => t(`state.${state}`);
  const filter: repo.FeedFilter = { cityId: city.id };

  let title: string;
  let description: string;
  let link = `${publicUrl}/`;
  let published: Date | undefined;
  switch (scope.kind) {
    case "city":
      title = t("feed.cityTitle", { city: cityName });
      description = t("feed.cityDescription", { city: cityName });
      break;
    case "area":
      if (!city.areas.get(scope.code)) throw new AppError("not_found");
      filter.areaCode = scope.code;
      title = t("feed.areaTitle", { area: areaName(scope.code) });
      description = t("feed.areaDescription", { area: areaName(scope.code), city: cityName });
      link = `${publicUrl}/?area=${encodeURIComponent(scope.code)}`;
      break;
    case "category": {
      if (!city.categories.has(scope.code)) throw new AppError("not_found");
      if (scope.area && !city.areas.get(scope.area)) throw new AppError("not_found");
      filter.categoryCode = scope.code;
      filter.areaCode = scope.area;
      const category = categoryName(scope.code);
      title = scope.area ? t("feed.categoryAreaTitle", { category, area: areaName(scope.area) }) : t("feed.categoryTitle", { category });
      description = t("feed.categoryDescription", { category, place: scope.area ? areaName(scope.area) : cityName });
      const q = new URLSearchParams({ category: scope.code, ...(scope.area ? { area: scope.area } : {}) });
      link = `${publicUrl}/?${q}`;
      break;
    }
    case "report": {
      // Unconfirmed reports exist only for their managers: a feed is public, so they do not exist here.
      const report = await findReportByRef(ctx.db, city.id, scope.ref);
      if (!report || !isPublicState(report.state)) throw new AppError("not_found");
      filter.reportId = report.id;
      title = t("feed.reportTitle", { ref: report.ref, title: report.title });
      description = t("feed.reportDescription", { ref: report.ref });
      link = `${publicUrl}/r/${report.ref}`;
      published = report.confirmedAt ?? report.createdAt;
      break;
    }
  }

  // Each kind's newest FEED_SIZE, merged: the newest FEED_SIZE of all of them.
  const [reports, changes, comments] = await Promise.all([
    repo.listPublishedReports(ctx.db, filter, FEED_SIZE),
    repo.listStateChanges(ctx.db, filter, FEED_SIZE),
    // Comments belong to a report's own story; area and city feeds are about new problems and progress.
    scope.kind === "report" ? repo.listComments(ctx.db, filter, FEED_SIZE) : Promise.resolve([]),
  ]);
  const where = (r: { categoryCode: string; areaCode: string }) => t("feed.where", { category: categoryName(r.categoryCode), area: areaName(r.areaCode) });
  const reportLink = (ref: string) => `${publicUrl}/r/${ref}`;
  const items: Item[] = [
    ...reports.map((r) => ({
      id: reportLink(r.ref), link: reportLink(r.ref), date: r.at, published: r.at,
      title: escapeHtml(t("feed.published", { title: r.title })),
      description: html(where(r), t("feed.state", { state: stateName(r.state) }), r.description),
      category: [{ name: categoryName(r.categoryCode), term: r.categoryCode }],
    })),
    ...changes.map((c) => ({
      id: `${reportLink(c.ref)}#state-${c.id}`, link: reportLink(c.ref), date: c.at,
      title: escapeHtml(t("feed.stateChanged", { title: c.title, state: stateName(c.to) })),
      description: html(where(c), t("feed.stateChange", { from: stateName(c.from), to: stateName(c.to) }), c.text),
      category: [{ name: categoryName(c.categoryCode), term: c.categoryCode }],
    })),
    ...comments.map((u) => ({
      id: `${reportLink(u.ref)}#update-${u.id}`, link: reportLink(u.ref), date: u.at,
      title: escapeHtml(t("feed.commented", { title: u.title })),
      description: html(u.text),
      category: [{ name: categoryName(u.categoryCode), term: u.categoryCode }],
    })),
  ].sort((a, b) => b.date.getTime() - a.date.getTime() || (a.id < b.id ? 1 : -1)).slice(0, FEED_SIZE);

  // Dated by content, not by the clock: the same entries give the same bytes (and ETag).
  const updated = items[0]?.date ?? published ?? new Date(0);
  const self = `${publicUrl}${scopePath(scope)}.${format}${scope.kind === "category" && scope.area ? `?area=${encodeURIComponent(scope.area)}` : ""}`;
  const feed = new Feed({
    id: self, title, description, link, language: lang, updated, generator: "Baladiya",
    feedLinks: { [format]: self },
  });
  for (const item of items) feed.addItem(item);
  if (format === "rss") return { body: feed.rss2(), contentType: "application/rss+xml; charset=utf-8", updated };
  // Atom has no language element: the root's xml:lang says it (the package does not write it).
  const atom = feed.atom1().replace(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/, `$& xml:lang="${lang}"`);
  return { body: atom, contentType: "application/atom+xml; charset=utf-8", updated };
}
