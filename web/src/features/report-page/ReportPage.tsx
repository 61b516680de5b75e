/**
 * The public page of one report (/r/:ref): what, where, who handles it, its history, and what
 * a visitor can do — add an update, reopen it when the API allows, follow it by e-mail, share it.
 * The server renders its Open Graph tags; this page renders everything else.
 */
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "wouter";
import { api, ApiError } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import stateMessages from "../../lib/states.messages.ts";
import { stateColor } from "../../lib/states.ts";
import type { ReportDetail } from "../../lib/types.ts";
import messages from "./report-page.messages.ts";
import { ReportMap } from "./ReportMap.tsx";
import { ReportTimeline } from "./ReportTimeline.tsx";
import { ShareButton } from "./ShareButton.tsx";
import { SubscribeForm } from "./SubscribeForm.tsx";
import { UpdateForm, useCanReopen } from "./UpdateForm.tsx";
import "./report-page.css";

type Loaded = { status: "loading" } | { status: "missing" } | { status: "failed" } | { status: "ready"; detail: ReportDetail };

function useReport(ref: string): [Loaded, () => Promise<void>] {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const load = useCallback(async () => {
    try {
      setLoaded({ status: "ready", detail: await api<ReportDetail>(`/api/reports/${encodeURIComponent(ref)}`) });
    } catch (err) {
      // 400: not even a reference's shape; 404: unknown or not yet confirmed.
      setLoaded({ status: err instanceof ApiError && (err.status === 404 || err.status === 400) ? "missing" : "failed" });
    }
  }, [ref]);
  useEffect(() => {
    setLoaded({ status: "loading" });
    void load();
  }, [load]);
  return [loaded, load];
}

export default function ReportPage() {
  const { ref = "" } = useParams<{ ref: string }>();
  const [m] = useMessages(messages);
  const [loaded, reload] = useReport(ref);

  if (loaded.status === "loading") return <main id="main" className="page"><p className="loading" role="status">{m.loading}</p></main>;
  if (loaded.status === "missing") {
    return (
      <main id="main" className="page narrow">
        <h1>{m.notFoundTitle}</h1>
        <p>{m.notFound}</p>
        <p className="muted">{m.notFoundHint}</p>
        <p><Link href="/">{m.backToMap}</Link></p>
      </main>
    );
  }
  if (loaded.status === "failed") {
    return (
      <main id="main" className="page narrow">
        <p className="form-error" role="alert">{m.loadFailed}</p>
        <button type="button" className="button" onClick={() => void reload()}>{m.retry}</button>
      </main>
    );
  }
  return <ReportView detail={loaded.detail} reload={reload} />;
}

function ReportView({ detail, reload }: { detail: ReportDetail; reload(): Promise<void> }) {
  const [m, f] = useMessages(messages);
  const [states] = useMessages(stateMessages);
  const { lang } = useLanguage();
  const { user } = useSession();
  const city = useCity();
  const { report, updates } = detail;
  const canReopen = useCanReopen(report, user);

  useEffect(() => {
    document.title = `${report.title} — ${report.ref}`;
  }, [report.title, report.ref]);

  const category = city.categories.find((c) => c.code === report.category);
  const area = city.areas.find((a) => a.code === report.area);
  const facts: [string, string][] = [
    [m.category, category ? localized(category.name, lang) : report.category],
    [m.area, area ? localized(area.name, lang) : report.area],
    [m.handledBy, localized(report.authority.name, lang)],
    [m.reportedOn, f.dateTime(report.createdAt)],
    [m.updatedOn, f.dateTime(report.updatedAt)],
  ];
  if (report.fixedAt) facts.push([m.fixedOn, f.dateTime(report.fixedAt)]);
  if (report.closedAt) facts.push([m.closedOn, f.dateTime(report.closedAt)]);
  if (report.reporterName) facts.push([m.reportedBy, report.reporterName]);

  return (
    <main id="main" className="page report-page">
      <header className="report-header">
        <p className="report-ref"><span className="muted">{m.reference}</span> <span dir="ltr">{report.ref}</span></p>
        <h1 dir="auto">{report.title}</h1>
        <div className="report-header-row">
          <p className="report-state">
            <span className="visually-hidden">{m.status}: </span>
            <span className="state-badge" style={{ background: stateColor[report.state] }}>{states[report.state]}</span>
          </p>
          <ShareButton title={report.title} url={report.trackingUrl} />
        </div>
      </header>

      {report.duplicateOf && (
        <p className="notice">{m.duplicateOf} <Link href={`/r/${report.duplicateOf}`} dir="ltr">{report.duplicateOf}</Link></p>
      )}

      <div className="report-layout">
        <div className="report-main">
          <dl className="report-facts">
            {facts.map(([label, value]) => <div key={label}><dt>{label}</dt><dd dir="auto">{value}</dd></div>)}
          </dl>

          <section aria-labelledby="description-heading">
            <h2 id="description-heading">{m.descriptionHeading}</h2>
            {report.description
              ? <p className="report-description" dir="auto" lang={report.language}>{report.description}</p>
              : <p className="muted">{m.noDescription}</p>}
          </section>

          {report.photos.length > 0 && (
            <section aria-labelledby="photos-heading">
              <h2 id="photos-heading">{m.photosHeading}</h2>
              <ul className="report-photos">
                {report.photos.map((p, i) => (
                  <li key={p.id}>
                    <a href={p.url} target="_blank" rel="noopener">
                      <img src={p.thumbnailUrl} alt={f.fill(m.photoAlt, { n: i + 1, title: report.title })} loading="lazy" />
                      <span className="visually-hidden"> ({m.openPhoto})</span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <ReportTimeline report={report} updates={updates} />
        </div>

        <aside className="report-side">
          <section aria-labelledby="map-heading">
            <h2 id="map-heading">{m.mapHeading}</h2>
            <ReportMap lat={report.lat} lon={report.lon} state={report.state} />
          </section>
        </aside>
      </div>

      <div className="report-actions">
        {user ? (
          <UpdateForm reportRef={report.ref} heading={m.updateHeading} label={m.updateLabel} hint={m.updateHint}
            submitLabel={m.postUpdate} done={m.updatePosted} withPhoto onDone={reload} />
        ) : (
          <section aria-labelledby="update-heading" className="card">
            <h2 id="update-heading">{m.updateHeading}</h2>
            <p><Link className="button secondary" href={`/signin?next=/r/${report.ref}`}>{m.signInToUpdate}</Link></p>
          </section>
        )}
        {canReopen && (
          <UpdateForm reportRef={report.ref} heading={m.reopenHeading} label={m.reopenLabel} hint={m.reopenHint}
            submitLabel={m.reopen} done={m.reopened} state="reopened" onDone={reload} />
        )}
        <SubscribeForm reportRef={report.ref} user={user} />
      </div>
    </main>
  );
}
