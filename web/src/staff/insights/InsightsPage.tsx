/**
 * Staff analytics (/staff/insights): unusual weeks with the reports behind them, hotspots of
 * open reports on a map and in a table, the backlog per authority and area with the days to
 * clear it, and reports per 10,000 inhabitants per area with under-represented areas
 * highlighted. Staff see their authority's figures, city admins the city's (equity: the city's
 * for everyone). Every figure is in a table.
 */
import { useEffect, useState } from "react";
import { staffInsightsRequests } from "../../../../src/insights/page-requests.ts";
import { Link } from "wouter";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { Loaded, useResource } from "../staff-ui.tsx";
import { HotspotMap } from "./HotspotMap.tsx";
import messages from "./insights.messages.ts";
import type { Anomalies, Equity, Hotspots, Resources } from "./insights-types.ts";

function useNames() {
  const city = useCity();
  const { lang } = useLanguage();
  const find = (list: { code: string; name: Record<string, string> }[], code: string) => localized(list.find((x) => x.code === code)?.name, lang) || code;
  return {
    category: (code: string) => find(city.categories, code),
    area: (code: string) => find(city.areas, code),
    authority: (code: string) => find(city.authorities, code),
  };
}

/** The reports behind an unusual week, drawn when opened: fifty closed lists were a thousand links to lay out. */
function ReportsBehind({ reports }: { reports: Anomalies["items"][number]["reports"] }) {
  const [m, f] = useMessages(messages);
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{m.anomalies.reports} ({f.number(reports.length)})</summary>
      {open && (
        <ul>
          {reports.map((r) => <li key={r.ref}><Link href={`/r/${r.ref}`}>{r.ref}</Link> — <bdi>{r.title}</bdi></li>)}
        </ul>
      )}
    </details>
  );
}

function AnomaliesSection({ data }: { data: Anomalies }) {
  const [m, f] = useMessages(messages);
  if (data.items.length === 0) return <p>{m.anomalies.none}</p>;
  return (
    <ul className="anomaly-list">
      {data.items.map((a) => (
        <li key={`${a.category}/${a.area}`} className={`anomaly ${a.direction}`}>
          <p className="anomaly-summary"><strong>{a.summary}</strong></p>
          <p className="muted">{f.fill(m.anomalies.count, { count: a.count, usual: a.usual })}</p>
          {a.reports.length > 0 && <ReportsBehind reports={a.reports} />}
        </li>
      ))}
    </ul>
  );
}

function HotspotsSection({ data }: { data: Hotspots }) {
  const [m, f] = useMessages(messages);
  const names = useNames();
  const label = (h: Hotspots["items"][number]) => `${names.category(h.mainCategory)}, ${names.area(h.area)}: ${f.number(h.size)}`;
  return (
    <>
      <p>{f.fill(m.hotspots.intro, { min: data.minReports, radius: data.radiusM })}</p>
      {data.truncated && <p className="muted">{f.fill(m.hotspots.truncated, { count: data.openReports })}</p>}
      <HotspotMap label={m.hotspots.mapLabel} hotspots={data.items.map((h) => ({ lat: h.lat, lon: h.lon, size: h.size, label: label(h) }))} />
      {data.items.length === 0 ? <p>{m.hotspots.none}</p> : (
        <div className="table-wrap">
          <table className="insights-table hotspots-table">
            <caption>{m.hotspots.caption}</caption>
            <thead><tr><th scope="col">{m.hotspots.size}</th><th scope="col">{m.hotspots.mainCategory}</th><th scope="col">{m.hotspots.area}</th><th scope="col">{m.hotspots.reports}</th></tr></thead>
            <tbody>
              {data.items.map((h) => (
                <tr key={`${h.lat},${h.lon}`}>
                  <td className="num">{f.number(h.size)}</td>
                  <td>{names.category(h.mainCategory)} ({f.number(h.mainCategoryCount)})</td>
                  <td>{names.area(h.area)}</td>
                  <td className="refs">{h.refs.map((ref, i) => <span key={ref}>{i > 0 && ", "}<Link href={`/r/${ref}`}>{ref}</Link></span>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ResourcesSection({ data }: { data: Resources }) {
  const [m, f] = useMessages(messages);
  const names = useNames();
  if (data.lines.length === 0) return <p>{m.resources.none}</p>;
  return (
    <div className="table-wrap">
      <table className="insights-table resources-table">
        <caption>{m.resources.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.resources.authority}</th><th scope="col">{m.resources.area}</th><th scope="col">{m.resources.backlog}</th>
            <th scope="col">{m.resources.high}</th><th scope="col">{m.resources.medium}</th><th scope="col">{m.resources.low}</th>
            <th scope="col">{m.resources.weighted}</th><th scope="col">{m.resources.fixed}</th><th scope="col">{m.resources.days}</th>
          </tr>
        </thead>
        <tbody>
          {data.lines.map((l) => (
            <tr key={`${l.authority}/${l.area}`}>
              <th scope="row">{names.authority(l.authority)}</th><td>{names.area(l.area)}</td><td className="num">{f.number(l.backlog)}</td>
              <td className="num">{f.number(l.high)}</td><td className="num">{f.number(l.medium)}</td><td className="num">{f.number(l.low)}</td>
              <td className="num"><strong>{f.number(l.weightedBacklog)}</strong></td><td className="num">{f.number(l.fixedLast28Days)}</td>
              <td className="num">{l.daysToClear === null ? m.resources.never : f.number(l.daysToClear)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EquitySection({ data }: { data: Equity }) {
  const [m, f] = useMessages(messages);
  const names = useNames();
  return (
    <>
      {data.cityPer10k !== null && <p>{f.fill(m.equity.city, { rate: data.cityPer10k })}</p>}
      <div className="table-wrap">
        <table className="insights-table equity-table">
          <caption>{m.equity.caption}</caption>
          <thead>
            <tr><th scope="col">{m.equity.area}</th><th scope="col">{m.equity.population}</th><th scope="col">{m.equity.reports}</th><th scope="col">{m.equity.per10k}</th><th scope="col">{m.equity.index}</th></tr>
          </thead>
          <tbody>
            {data.areas.map((a) => (
              <tr key={a.area} className={a.underRepresented ? "under" : undefined}>
                <th scope="row">{names.area(a.area)}{a.underRepresented && <span className="under-flag"> {m.equity.under}</span>}</th>
                <td className="num">{a.population === null ? m.equity.unknown : f.number(a.population)}</td>
                <td className="num">{f.number(a.reports)}</td>
                <td className="num">{a.per10k === null ? "—" : f.number(a.per10k)}</td>
                <td className="num">{a.index === null ? "—" : `${f.number(a.index)}×`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export default function InsightsPage() {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const { user } = useSession();
  // The same URLs the server named in the page's HTML for preloading.
  const requests = staffInsightsRequests(lang);
  const anomalies = useResource<Anomalies>(requests.anomalies);
  const hotspots = useResource<Hotspots>(requests.hotspots);
  const resources = useResource<Resources>(requests.resources);
  const equity = useResource<Equity>(requests.equity);
  useEffect(() => { document.title = m.title; }, [m.title]);
  const cityWide = user?.role === "city_admin" || user?.role === "superadmin";
  return (
    <main id="main" className="page staff-page staff-insights">
      <h1>{m.title}</h1>
      <p>{m.intro} {cityWide ? m.scope.city : m.scope.own}</p>
      <section aria-labelledby="anomalies-title">
        <h2 id="anomalies-title">{m.anomalies.title}</h2>
        <p className="muted">{m.anomalies.intro}</p>
        <Loaded resource={anomalies}>{(data) => <AnomaliesSection data={data} />}</Loaded>
      </section>
      <section aria-labelledby="hotspots-title">
        <h2 id="hotspots-title">{m.hotspots.title}</h2>
        <Loaded resource={hotspots}>{(data) => <HotspotsSection data={data} />}</Loaded>
      </section>
      <section aria-labelledby="resources-title">
        <h2 id="resources-title">{m.resources.title}</h2>
        <p className="muted">{m.resources.intro}</p>
        <Loaded resource={resources}>{(data) => <ResourcesSection data={data} />}</Loaded>
      </section>
      <section aria-labelledby="equity-title">
        <h2 id="equity-title">{m.equity.title}</h2>
        <p className="muted">{m.equity.intro}</p>
        <Loaded resource={equity}>{(data) => <EquitySection data={data} />}</Loaded>
      </section>
    </main>
  );
}
