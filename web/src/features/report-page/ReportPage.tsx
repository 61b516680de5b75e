/**
 * The public page of one report (/r/:ref): what, where, who handles it, its history, and what
 * a visitor can do — say "me too", add an update, reopen it when the API allows, follow it by
 * e-mail, share it — and the reporter's "Is it really fixed?" (signed in, or opened from the
 * e-mailed link: /r/:ref?feedback=<token>).
 * The server renders its Open Graph tags; this page renders everything else. While shown, it
 * follows the report's live events and refetches it, so a new state or response appears
 * without a reload.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams } from "wouter";
import { api, ApiError } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import stateMessages from "../../lib/states.messages.ts";
import { stateColor } from "../../lib/states.ts";
import type { ReportDetail } from "../../lib/types.ts";
import { FeedLink } from "../../lib/FeedLink.tsx";
import { useLiveEvents } from "../../lib/use-live-events.ts";
import messages from "./report-page.messages.ts";
import { ReportMap } from "./ReportMap.tsx";
import { FixFeedbackCard } from "./FixFeedbackCard.tsx";
import { MeTooCard } from "./MeTooCard.tsx";
import { ReportTimeline } from "./ReportTimeline.tsx";
import { ShareButton } from "./ShareButton.tsx";
import { SubscribeForm } from "./SubscribeForm.tsx";
import { UpdateForm, useCanReopen } from "./UpdateForm.tsx";
import "./report-page.css";

type Loaded = { status: "loading" } | { status: "missing" } | { status: "failed" } | { status: "ready"; detail: ReportDetail };

interface ReportLoader {
  loaded: Loaded;
  /** Loads again and shows the outcome, failures included (first load, retry, after a form). */
  reload(): Promise<void>;
  /**
   * Loads again quietly (after a live event): a failure keeps what is shown. Resolves true when
   * the report's state or timeline changed from what was shown.
   */
  refresh(): Promise<boolean>;
}

const changed = (before: ReportDetail, after: ReportDetail) =>
  before.report.updatedAt !== after.report.updatedAt || before.report.state !== after.report.state || before.updates.length !== after.updates.length;

function useReport(ref: string, feedbackToken: string | null): ReportLoader {
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const shown = useRef<Loaded>(loaded);
  // Answers may come back out of order (a live refresh racing a reload): only the answer to the
  // latest request started may replace an answer to a later one.
  const started = useRef(0);
  const applied = useRef(0);
  const show = useCallback((next: Loaded) => { shown.current = next; setLoaded(next); }, []);

  const fetchDetail = useCallback(async (quiet: boolean): Promise<boolean> => {
    const mine = ++started.current;
    try {
      // The e-mailed link's token lets the server say whether its holder is asked "Is it really fixed?".
      const query = feedbackToken ? `?${new URLSearchParams({ feedbackToken })}` : "";
      const detail = await api<ReportDetail>(`/api/reports/${encodeURIComponent(ref)}${query}`);
      if (mine < applied.current) return false;
      applied.current = mine;
      const before = shown.current;
      show({ status: "ready", detail });
      return before.status === "ready" && before.detail.report.ref === detail.report.ref && changed(before.detail, detail);
    } catch (err) {
      if (quiet || mine < applied.current) return false;
      applied.current = mine;
      // 400: not even a reference's shape; 404: unknown or not yet confirmed.
      show({ status: err instanceof ApiError && (err.status === 404 || err.status === 400) ? "missing" : "failed" });
      return false;
    }
  }, [ref, feedbackToken, show]);
  const reload = useCallback(async () => { await fetchDetail(false); }, [fetchDetail]);
  const refresh = useCallback(() => fetchDetail(true), [fetchDetail]);

  useEffect(() => {
    // Another report: answers still on their way for the previous one are dropped.
    applied.current = ++started.current;
    show({ status: "loading" });
    void reload();
  }, [reload, show]);
  return { loaded, reload, refresh };
}

/** How long the "just updated" line stays; cleared so that the next change is announced again. */
const NOTICE_MS = 15_000;

/**
 * Follows the shown report's live events: each one (and each (re)opening of the stream, which
 * covers what happened before it opened) refetches the report quietly, and a change is announced.
 */
function useLiveReport(loaded: Loaded, refresh: () => Promise<boolean>): boolean {
  const [notice, setNotice] = useState(false);
  const liveRef = loaded.status === "ready" ? loaded.detail.report.ref : null;
  // Bursts (a state change and a response in one staff action) become one refetch, plus one
  // more if events arrived while it ran.
  const running = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => { mounted.current = false; clearTimeout(timer.current); };
  }, []);

  const follow = useCallback(async () => {
    if (running.current) { again.current = true; return; }
    running.current = true;
    let anyChange = false;
    try {
      do {
        again.current = false;
        if (await refresh()) anyChange = true;
      } while (again.current && mounted.current);
    } finally {
      running.current = false;
    }
    if (!anyChange || !mounted.current) return;
    setNotice(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setNotice(false), NOTICE_MS);
  }, [refresh]);

  useLiveEvents(liveRef ? { report: [liveRef] } : null, {
    onEvent: (e) => { if (e.data.ref === liveRef) void follow(); },
    onOpen: () => void follow(),
  });
  return notice;
}

export default function ReportPage() {
  const { ref = "" } = useParams<{ ref: string }>();
  const [m] = useMessages(messages);
  const [feedbackToken] = useState(() => new URLSearchParams(window.location.search).get("feedback"));
  const { loaded, reload, refresh } = useReport(ref, feedbackToken);
  const liveNotice = useLiveReport(loaded, refresh);

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
  return <ReportView detail={loaded.detail} reload={reload} liveNotice={liveNotice} feedbackToken={feedbackToken} />;
}

function ReportView({ detail, reload, liveNotice, feedbackToken }: { detail: ReportDetail; reload(): Promise<void>; liveNotice: boolean; feedbackToken: string | null }) {
  const [m, f] = useMessages(messages);
  const [states] = useMessages(stateMessages);
  const { lang } = useLanguage();
  const { user } = useSession();
  const city = useCity();
  const { report, updates } = detail;
  const canReopen = useCanReopen(report, user);
  // Once answered here, the card stays to say thank you (the server no longer awaits an answer).
  const [feedbackGiven, setFeedbackGiven] = useState(false);
  const feedbackDone = useCallback(async () => { setFeedbackGiven(true); await reload(); }, [reload]);

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
        {/* Always in the page so that screen readers announce its text when it appears. */}
        <p className="live-notice" role="status" aria-live="polite">{liveNotice ? m.liveUpdated : ""}</p>
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
          <p><FeedLink scope={{ report: report.ref }} /></p>
        </aside>
      </div>

      <div className="report-actions">
        {(detail.viewer.feedbackAwaited || feedbackGiven) && <FixFeedbackCard reportRef={report.ref} token={feedbackToken} onDone={feedbackDone} />}
        <MeTooCard report={report} viewer={detail.viewer} user={user} onDone={reload} />
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
