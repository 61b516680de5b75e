/**
 * The reports of the current view as a list, newest first, 50 at a time: the keyboard- and
 * screen-reader-friendly way to browse what the map shows.
 */
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { Page, ReportListItem } from "../../lib/types.ts";
import messages from "./map.messages.ts";
import type { BBox } from "./places.ts";
import { StateBadge } from "./StateBadge.tsx";

const PAGE_SIZE = 50;

function ReportRow({ item }: { item: ReportListItem }) {
  const [, f] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  return (
    <li className="report-row">
      {item.thumbnailUrl && <img src={item.thumbnailUrl} alt="" width={64} height={64} loading="lazy" />}
      <div>
        <h3 dir="auto"><Link href={`/r/${item.ref}`}>{item.title}</Link></h3>
        <p className="report-row-meta">
          <StateBadge state={item.state} />
          <span>{localized(city.categories.find((c) => c.code === item.category)?.name, lang)}</span>
          <span>{localized(city.areas.find((a) => a.code === item.area)?.name, lang)}</span>
          <time dateTime={item.createdAt}>{f.relative(item.createdAt)}</time>
        </p>
      </div>
    </li>
  );
}

export function ReportList({ view, filterQuery }: { view: BBox; filterQuery: string }) {
  const [m] = useMessages(messages);
  const [items, setItems] = useState<ReportListItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<"loading" | "idle" | "failed">("loading");
  const query = `/api/reports?bbox=${view.map((x) => x.toFixed(5)).join(",")}&limit=${PAGE_SIZE}${filterQuery ? `&${filterQuery}` : ""}`;

  const load = (cursor: string | null, signal?: AbortSignal) => {
    setStatus("loading");
    return api<Page<ReportListItem>>(cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query, { signal }).then((page) => {
      setItems((shown) => (cursor ? [...shown, ...page.items] : page.items));
      setNext(page.nextCursor);
      setStatus("idle");
    }, () => !signal?.aborted && setStatus("failed"));
  };

  useEffect(() => {
    const controller = new AbortController();
    void load(null, controller.signal);
    return () => controller.abort();
  }, [query]); // A new query starts a new list; `load` reads it.

  return (
    <section className="home-list" aria-labelledby="home-list-heading" aria-busy={status === "loading"}>
      <h2 id="home-list-heading">{m.listHeading}</h2>
      {status === "failed" && <p role="alert" className="error">{m.loadFailed}</p>}
      {status === "idle" && items.length === 0 && <p>{m.listEmpty}</p>}
      <ul className="report-rows">{items.map((item) => <ReportRow key={item.ref} item={item} />)}</ul>
      {status === "loading" && <p role="status" className="muted">{m.loading}</p>}
      {next && (
        // aria-disabled rather than disabled: the button keeps the focus while the next page comes.
        <button type="button" className="button" aria-disabled={status === "loading"} onClick={() => status !== "loading" && void load(next)}>{m.loadMore}</button>
      )}
    </section>
  );
}
