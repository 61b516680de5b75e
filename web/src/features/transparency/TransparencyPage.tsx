/**
 * /transparency — the city's public dashboard: key figures for a period, area and category,
 * the league table of authorities, reports over time and per category (Chart.js), a
 * choropleth and a heat map, and the latest fixed reports with before/after photos. Every
 * chart and map has a table with the same figures. The filters live in the address
 * (?from=&to=&area=&category=), so a view can be shared; every figure comes from /api/stats/...
 */
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { dashboardRequest } from "../../../../src/insights/page-requests.ts";
import { api } from "../../lib/api.ts";
import { loadAreas } from "../../lib/areas.ts";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages, type Formatters } from "../../lib/i18n.tsx";
import { BarChart } from "./BarChart.tsx";
import messages from "./transparency.messages.ts";
import type { AreasReply, AuthoritiesReply, CategoriesReply, DashboardReply, HeatmapReply, StoriesReply, Summary, TimelineReply } from "./transparency-types.ts";
import { ChoroplethMap, HeatMap } from "./TransparencyMaps.tsx";
import "./transparency.css";

type M = (typeof messages)["en"];
type Data = DashboardReply;

const RECEIVED = "#2e8a66";
const FIXED = "#e9a23b";

/** Hours as hours under two days, else as days; in the page's language. */
function duration(f: Formatters, hours: number | null, none: string): string {
  if (hours === null) return none;
  return hours < 48
    ? f.number(hours, { style: "unit", unit: "hour", unitDisplay: "long", maximumFractionDigits: 1 })
    : f.number(hours / 24, { style: "unit", unit: "day", unitDisplay: "long", maximumFractionDigits: 1 });
}
const percent = (f: Formatters, share: number | null, none: string) => (share === null ? none : f.number(share, { style: "percent", maximumFractionDigits: 0 }));

function Section({ id, title, children, className }: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`transparency-section ${className ?? ""}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** The accessible alternative of a chart or map: the same figures as a table, folded under it. */
function ChartTable({ summary, caption, children }: { summary: string; caption: string; children: ReactNode }) {
  return (
    <details className="chart-table">
      <summary>{summary}</summary>
      <div className="table-scroll" tabIndex={0}>
        <table>
          <caption>{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="figure card">
      <dt>{label}</dt>
      <dd><span className="figure-value">{value}</span>{note && <span className="figure-note">{note}</span>}</dd>
    </div>
  );
}

function Filters({ m, query }: { m: M; query: URLSearchParams }) {
  const city = useCity();
  const { lang } = useLanguage();
  const [, navigate] = useLocation();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const key of ["from", "to", "area", "category"]) {
      const v = String(form.get(key) ?? "");
      if (v) next.set(key, v);
    }
    navigate(`/transparency?${next}`, { replace: true });
  };
  const byName = <T extends { name: Record<string, string> }>(list: T[]) => [...list].sort((a, b) => localized(a.name, lang).localeCompare(localized(b.name, lang), lang));
  const parents = byName(city.areas.filter((a) => city.areas.some((c) => c.parent === a.code)));
  const leaves = byName(city.areas.filter((a) => !city.areas.some((c) => c.parent === a.code)));
  return (
    <form className="transparency-filters card" onSubmit={submit} aria-labelledby="filters-heading" key={query.toString()}>
      <h2 id="filters-heading" className="visually-hidden">{m.filters.heading}</h2>
      <label>{m.filters.from}<input type="date" name="from" defaultValue={query.get("from") ?? ""} /></label>
      <label>{m.filters.to}<input type="date" name="to" defaultValue={query.get("to") ?? ""} /></label>
      <label>{m.filters.area}
        <select name="area" defaultValue={query.get("area") ?? ""}>
          <option value="">{m.filters.all}</option>
          {parents.map((a) => <option key={a.code} value={a.code}>{localized(a.name, lang)}</option>)}
          {leaves.map((a) => <option key={a.code} value={a.code}>{localized(a.name, lang)}</option>)}
        </select>
      </label>
      <label>{m.filters.category}
        <select name="category" defaultValue={query.get("category") ?? ""}>
          <option value="">{m.filters.all}</option>
          {byName(city.categories).map((c) => <option key={c.code} value={c.code}>{localized(c.name, lang)}</option>)}
        </select>
      </label>
      <button type="submit" className="button primary">{m.filters.apply}</button>
    </form>
  );
}

function KeyFigures({ m, f, data }: { m: M; f: Formatters; data: Summary }) {
  const x = data.figures;
  const none = m.figures.none;
  const s = data.satisfaction;
  return (
    <Section id="figures" title={m.figures.heading}>
      <dl className="figures">
        <Figure label={m.figures.received} value={f.number(x.received)} />
        <Figure label={m.figures.acknowledged} value={f.number(x.acknowledged)} />
        <Figure label={m.figures.fixed} value={f.number(x.fixed)} />
        <Figure label={m.figures.ackMedian} value={duration(f, x.timeToAcknowledge.median, none)} />
        <Figure label={m.figures.ackP90} value={duration(f, x.timeToAcknowledge.p90, none)} />
        <Figure label={m.figures.fixMedian} value={duration(f, x.timeToFix.median, none)} />
        <Figure label={m.figures.fixP90} value={duration(f, x.timeToFix.p90, none)} />
        <Figure label={m.figures.withinTarget} value={percent(f, x.withinTarget.share, none)} />
        <Figure label={m.figures.backlog} value={f.number(x.backlog.count)} note={`${m.figures.backlogOverdue}: ${f.number(x.backlog.overdue)}`} />
        <Figure label={m.figures.backlogAge} value={duration(f, x.backlog.medianAge, none)} />
        <Figure label={m.figures.backlogOldest} value={duration(f, x.backlog.maxAge, none)} />
        <Figure label={m.figures.satisfaction} value={percent(f, s.confirmedShare, none)} note={f.plural(m.figures.answers, s.answers)} />
        <Figure label={m.figures.meanScore} value={s.meanScore === null ? none : f.number(s.meanScore, { maximumFractionDigits: 1 })} />
      </dl>
    </Section>
  );
}

function League({ m, f, data }: { m: M; f: Formatters; data: AuthoritiesReply }) {
  const none = m.figures.none;
  return (
    <Section id="league" title={m.league.heading}>
      <div className="table-scroll" tabIndex={0}>
        <table className="league">
          <caption>{m.league.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.league.rank}</th><th scope="col">{m.league.authority}</th>
              <th scope="col">{m.figures.fixMedian}</th><th scope="col">{m.figures.fixP90}</th>
              <th scope="col">{m.figures.ackMedian}</th><th scope="col">{m.figures.withinTarget}</th>
              <th scope="col">{m.figures.backlog}</th><th scope="col">{m.figures.received}</th><th scope="col">{m.figures.fixed}</th>
            </tr>
          </thead>
          <tbody>
            {data.authorities.map((a) => (
              <tr key={a.code}>
                <td>{f.number(a.rank)}</td><th scope="row">{localized(a.name, f.lang)}</th>
                <td>{duration(f, a.timeToFix.median, none)}</td><td>{duration(f, a.timeToFix.p90, none)}</td>
                <td>{duration(f, a.timeToAcknowledge.median, none)}</td><td>{percent(f, a.withinTarget.share, none)}</td>
                <td>{f.number(a.backlog.count)}</td><td>{f.number(a.received)}</td><td>{f.number(a.fixed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Timeline({ m, f, data, rtl }: { m: M; f: Formatters; data: TimelineReply; rtl: boolean }) {
  const labels = useMemo(() => data.buckets.map((b) => (data.unit === "week"
    ? f.date(b.start, { day: "numeric", month: "short", timeZone: "UTC" })
    : f.date(b.start, { month: "short", year: "numeric", timeZone: "UTC" }))), [data, f]);
  const series = useMemo(() => [
    { label: m.timeline.received, data: data.buckets.map((b) => b.received), color: RECEIVED },
    { label: m.timeline.fixed, data: data.buckets.map((b) => b.fixed), color: FIXED },
  ], [data, m]);
  return (
    <Section id="timeline" title={m.timeline.heading}>
      <BarChart labels={labels} series={series} label={m.timeline.chartLabel} locale={f.locale} rtl={rtl} />
      <ChartTable summary={m.table} caption={m.timeline.heading}>
        <thead><tr><th scope="col">{data.unit === "week" ? m.timeline.week : m.timeline.month}</th><th scope="col">{m.timeline.received}</th><th scope="col">{m.timeline.fixed}</th></tr></thead>
        <tbody>{data.buckets.map((b, i) => <tr key={b.start}><th scope="row">{labels[i]}</th><td>{f.number(b.received)}</td><td>{f.number(b.fixed)}</td></tr>)}</tbody>
      </ChartTable>
    </Section>
  );
}

function Categories({ m, f, data, rtl }: { m: M; f: Formatters; data: CategoriesReply; rtl: boolean }) {
  const labels = useMemo(() => data.categories.map((c) => localized(c.name, f.lang)), [data, f]);
  const series = useMemo(() => [
    { label: m.timeline.received, data: data.categories.map((c) => c.received), color: RECEIVED },
    { label: m.timeline.fixed, data: data.categories.map((c) => c.fixed), color: FIXED },
  ], [data, m]);
  const none = m.figures.none;
  return (
    <Section id="categories" title={m.categories.heading}>
      {data.categories.length > 0 && <BarChart labels={labels} series={series} label={m.categories.chartLabel} locale={f.locale} rtl={rtl} horizontal />}
      <ChartTable summary={m.table} caption={m.categories.heading}>
        <thead>
          <tr>
            <th scope="col">{m.categories.category}</th><th scope="col">{m.timeline.received}</th><th scope="col">{m.timeline.fixed}</th>
            <th scope="col">{m.figures.fixMedian}</th><th scope="col">{m.categories.target}</th><th scope="col">{m.figures.withinTarget}</th><th scope="col">{m.figures.backlog}</th>
          </tr>
        </thead>
        <tbody>
          {data.categories.map((c, i) => (
            <tr key={c.code}>
              <th scope="row">{labels[i]}</th><td>{f.number(c.received)}</td><td>{f.number(c.fixed)}</td>
              <td>{duration(f, c.timeToFix.median, none)}</td><td>{duration(f, c.targetDays * 24, none)}</td>
              <td>{percent(f, c.withinTarget.share, none)}</td><td>{f.number(c.backlog.count)}</td>
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </Section>
  );
}

function Maps({ m, f, areas, heat }: { m: M; f: Formatters; areas: AreasReply; heat: HeatmapReply }) {
  const none = m.figures.none;
  const withReports = areas.areas.filter((a) => a.received > 0).sort((a, b) => b.received - a.received);
  const coordinate = (x: number) => f.number(x, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  return (
    <Section id="maps" title={m.map.heading}>
      <div className="maps">
        <figure>
          <figcaption>{m.map.choropleth} <span className="muted">{m.map.legend}</span></figcaption>
          <ChoroplethMap data={areas} label={`${m.map.choropleth}. ${m.map.mapLabel}`} />
          <ChartTable summary={m.table} caption={m.map.choropleth}>
            <thead>
              <tr>
                <th scope="col">{m.map.area}</th><th scope="col">{m.timeline.received}</th><th scope="col">{m.map.perTenThousand}</th>
                <th scope="col">{m.timeline.fixed}</th><th scope="col">{m.figures.backlog}</th><th scope="col">{m.figures.fixMedian}</th>
              </tr>
            </thead>
            <tbody>
              {withReports.map((a) => (
                <tr key={a.code}>
                  <th scope="row">{localized(a.name, f.lang)}</th><td>{f.number(a.received)}</td>
                  <td>{a.perTenThousand === null ? none : f.number(a.perTenThousand, { maximumFractionDigits: 2 })}</td>
                  <td>{f.number(a.fixed)}</td><td>{f.number(a.backlog)}</td><td>{duration(f, a.fixMedian, none)}</td>
                </tr>
              ))}
            </tbody>
          </ChartTable>
        </figure>
        <figure>
          <figcaption>{m.map.heat} <span className="muted">{m.map.heatLegend}</span></figcaption>
          <HeatMap data={heat} label={`${m.map.heat}. ${m.map.mapLabel}`} />
          <ChartTable summary={m.table} caption={m.map.heat}>
            <thead><tr><th scope="col">{m.map.place}</th><th scope="col">{m.map.count}</th></tr></thead>
            <tbody>
              {heat.points.slice(0, 50).map((p) => (
                <tr key={`${p.lat},${p.lon}`}><th scope="row"><bdi>{coordinate(p.lat)}, {coordinate(p.lon)}</bdi></th><td>{f.number(p.count)}</td></tr>
              ))}
            </tbody>
          </ChartTable>
        </figure>
      </div>
    </Section>
  );
}

function Stories({ m, f, data }: { m: M; f: Formatters; data: StoriesReply }) {
  const city = useCity();
  const nameOf = (list: { code: string; name: Record<string, string> }[], code: string) => localized(list.find((x) => x.code === code)?.name, f.lang) || code;
  return (
    <Section id="stories" title={m.stories.heading}>
      <p className="muted">{m.stories.intro}</p>
      {data.stories.length === 0 ? <p>{m.stories.none}</p> : (
        <ul className="stories">
          {data.stories.map((s) => (
            <li key={s.ref} className="story card">
              <h3><Link href={`/r/${s.ref}`}>{s.title}</Link></h3>
              <p className="muted">{nameOf(city.categories, s.category)} · {nameOf(city.areas, s.area)} · <bdi>{s.ref}</bdi></p>
              <p className="story-took">{f.fill(m.stories.took, { time: duration(f, s.hoursToFix, m.figures.none) })} · <time dateTime={s.fixedAt}>{f.date(s.fixedAt)}</time></p>
              {(s.before || s.after) && (
                <div className="story-photos">
                  {s.before && <figure><img src={s.before.thumbnailUrl} alt={`${m.stories.before}: ${s.title}`} loading="lazy" /><figcaption>{m.stories.before}</figcaption></figure>}
                  {s.after && <figure><img src={s.after.thumbnailUrl} alt={`${m.stories.after}: ${s.title}`} loading="lazy" /><figcaption>{m.stories.after}</figcaption></figure>}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export default function TransparencyPage() {
  const [m, f] = useMessages(messages);
  const { dir } = useLanguage();
  const search = useSearch();
  const query = useMemo(() => new URLSearchParams(search), [search]);
  const [data, setData] = useState<Data | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => { document.title = m.title; }, [m.title]);
  // The maps need the city's areas: fetch them beside the figures, not after them.
  useEffect(() => { loadAreas().catch(() => undefined); }, []);

  useEffect(() => {
    const controller = new AbortController();
    setFailed(false);
    // One answer for the whole page (each part is also its own /api/stats/... endpoint); the
    // server named the same URL in the page's HTML, so it is usually on its way already.
    api<Data>(dashboardRequest(search), { signal: controller.signal }).then(setData, (err: unknown) => {
      if ((err as Error).name !== "AbortError") setFailed(true);
    });
    return () => controller.abort();
  }, [search]);

  const rtl = dir === "rtl";
  return (
    <main id="main" className="page transparency-page">
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      <Filters m={m} query={query} />
      {failed && <p role="alert" className="error">{m.loadError}</p>}
      {data && (
        <div aria-live="polite">
          <p className="transparency-period">
            <time dateTime={data.summary.selection.from}>{f.date(data.summary.selection.from, { dateStyle: "long", timeZone: "UTC" })}</time>
            {" – "}
            <time dateTime={data.summary.selection.to}>{f.date(data.summary.selection.to, { dateStyle: "long", timeZone: "UTC" })}</time>
          </p>
          <KeyFigures m={m} f={f} data={data.summary} />
          <League m={m} f={f} data={data.authorities} />
          <Timeline m={m} f={f} data={data.timeline} rtl={rtl} />
          <Categories m={m} f={f} data={data.categories} rtl={rtl} />
          <Maps m={m} f={f} areas={data.areas} heat={data.heatmap} />
          <Stories m={m} f={f} data={data.stories} />
        </div>
      )}
      <p className="open-data">
        {m.openData} <a href="/api/open-data/reports.csv" download>{m.csv}</a> · <a href="/api/open-data/reports.geojson" download>{m.geojson}</a> · <a href="/api/open-data">/api/open-data</a>
      </p>
    </main>
  );
}
