/**
 * A link to the Atom feed of what a page shows: one report, or the reports of an area and/or a
 * category (the whole city without either), in the page's language. Every feed also exists as
 * .rss; the server-rendered page head announces them to feed readers (src/server/web.ts).
 */
import { useLanguage, useMessages } from "./i18n.tsx";
import messages from "./feeds.messages.ts";

export type FeedScope = { report: string } | { area?: string | null; category?: string | null };

export function feedUrl(scope: FeedScope, lang: string): string {
  const q = new URLSearchParams();
  let path: string;
  if ("report" in scope) path = `/feeds/reports/${encodeURIComponent(scope.report)}`;
  else if (scope.category) {
    path = `/feeds/categories/${encodeURIComponent(scope.category)}`;
    if (scope.area) q.set("area", scope.area);
  } else if (scope.area) path = `/feeds/areas/${encodeURIComponent(scope.area)}`;
  else path = "/feeds/city";
  q.set("lang", lang);
  return `${path}.atom?${q}`;
}

export function FeedLink({ scope }: { scope: FeedScope }) {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  return (
    <a className="feed-link" href={feedUrl(scope, lang)} type="application/atom+xml">
      {/* The usual feed icon: a dot and two arcs. */}
      <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="currentColor">
        <circle cx="3" cy="13" r="2" />
        <path d="M1 6a9 9 0 0 1 9 9h-2.2A6.8 6.8 0 0 0 1 8.2z" />
        <path d="M1 1a14 14 0 0 1 14 14h-2.2A11.8 11.8 0 0 0 1 3.2z" />
      </svg>
      <span>{"report" in scope ? m.report : m.reports}</span>
    </a>
  );
}
