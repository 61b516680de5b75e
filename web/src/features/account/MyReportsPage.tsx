import { useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { stateColor } from "../../lib/states.ts";
import stateNames from "../../lib/states.messages.ts";
import type { Page, ReportListItem } from "../../lib/types.ts";
import messages from "./account.messages.ts";
import "./account.css";

/** /me — a signed-in citizen's own reports, unconfirmed ones included. */
export default function MyReportsPage() {
  const [m, f] = useMessages(messages);
  const [states] = useMessages(stateNames);
  const { lang } = useLanguage();
  const city = useCity();
  const { user, loading } = useSession();
  const [page, setPage] = useState<Page<ReportListItem> | null>(null);

  const load = async (cursor?: string) => {
    const next = await api<Page<ReportListItem>>(`/api/me/reports?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    setPage((prev) => (cursor && prev ? { items: [...prev.items, ...next.items], nextCursor: next.nextCursor } : next));
  };
  useEffect(() => { if (user) void load(); }, [user]);

  const categoryName = (code: string) => localized(city.categories.find((c) => c.code === code)?.name, lang);
  return (
    <main id="main" className="page">
      <h1>{m.myReportsTitle}</h1>
      {!user ? (!loading && <p><Link href="/signin?next=/me">{m.signInToSee}</Link></p>)
        : !page ? <p role="status">{m.working}</p>
          : page.items.length === 0 ? <p>{m.myReportsEmpty} <Link href="/report">{m.reportSomething}</Link></p> : (
            <>
              <ul className="my-reports">
                {page.items.map((r) => (
                  <li key={r.ref} className="card">
                    <Link href={`/r/${r.ref}`} className="my-report-title" dir="auto">{r.title}</Link>
                    <span className="state-badge" style={{ background: stateColor[r.state] }}>{states[r.state]}</span>
                    <span className="muted">{categoryName(r.category)} · <bdi>{r.ref}</bdi> · {f.fill(m.reportedOn, { date: f.date(r.createdAt) })}</span>
                  </li>
                ))}
              </ul>
              {page.nextCursor && <button type="button" className="button" onClick={() => void load(page.nextCursor!)}>{m.loadMore}</button>}
            </>
          )}
    </main>
  );
}
