/**
 * One report in the console (/staff/r/:ref): where and what, what AI triage made of it, the
 * reporter's contacts, updates and notes, the history, and the actions. Staff of another
 * authority get the public view: the page says so and offers no action.
 */
import { useEffect, type ReactNode } from "react";
import { Link, useParams } from "wouter";
import { ReportMap } from "../features/report-page/ReportMap.tsx";
import { useCity } from "../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../lib/i18n.tsx";
import type { PublicReport, ReportDetail, StaffMember, StaffReport } from "../lib/types.ts";
import messages from "./detail.messages.ts";
import { ReportActions } from "./ReportActions.tsx";
import { HistoryTable, UpdatesList } from "./ReportStory.tsx";
import staffMessages from "./staff.messages.ts";
import { Loaded, OverdueFlag, StateBadge, useResource } from "./staff-ui.tsx";
import { TriagePanel } from "./TriagePanel.tsx";
import type { TriagedReport } from "./triage-types.ts";
import triageMessages from "./triage.messages.ts";

const isStaffView = (r: PublicReport | StaffReport): r is TriagedReport => "reporter" in r;

function Facts({ report, members }: { report: PublicReport | StaffReport; members: StaffMember[] }) {
  const [m, f] = useMessages(messages);
  const [s] = useMessages(staffMessages);
  const [t] = useMessages(triageMessages);
  const { lang } = useLanguage();
  const city = useCity();
  const category = city.categories.find((c) => c.code === report.category);
  const staff = isStaffView(report) ? report : null;
  const assignee = staff?.assigneeId ? members.find((p) => p.id === staff.assigneeId)?.name ?? "—" : s.unassigned;
  const facts: [string, ReactNode][] = [
    [m.facts.category, localized(category?.name, lang) || report.category],
    [m.facts.area, localized(city.areas.find((a) => a.code === report.area)?.name, lang) || report.area],
    [m.facts.authority, localized(report.authority.name, lang)],
    [m.facts.filed, <time dateTime={report.createdAt}>{f.dateTime(report.createdAt)}</time>],
    [m.facts.priority, <>{f.number(report.priority)}{staff?.priorityOverridden && <span className="muted"> ({t.panel.setByStaff})</span>}</>],
    ...(staff ? [
      [m.facts.due, staff.dueAt && <>{staff.overdue && <><OverdueFlag />{" "}</>}<time dateTime={staff.dueAt}>{f.date(staff.dueAt)}</time></>],
      [m.facts.assignee, assignee],
      [m.facts.acknowledged, staff.acknowledgedAt ? <time dateTime={staff.acknowledgedAt}>{f.dateTime(staff.acknowledgedAt)}</time> : m.facts.notYet],
      [m.facts.satisfaction, staff.fixFeedback.answers === 0 ? m.facts.notYet : f.plural(m.facts.satisfactionAnswers, staff.fixFeedback.answers, {
        notFixed: f.number(staff.fixFeedback.notFixed), score: staff.fixFeedback.averageScore === null ? "—" : f.number(staff.fixFeedback.averageScore, { maximumFractionDigits: 1 }),
      })],
    ] as [string, ReactNode][] : []),
    [m.facts.supporters, f.number(report.supporterCount)],
    ...(report.duplicateOf ? [[m.facts.duplicateOf, <Link href={`/r/${report.duplicateOf}`}>{report.duplicateOf}</Link>]] as [string, ReactNode][] : []),
  ];
  return (
    <dl className="staff-facts">
      {facts.map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
    </dl>
  );
}

function Reporter({ reporter }: { reporter: StaffReport["reporter"] }) {
  const [m] = useMessages(messages);
  return (
    <section className="card" aria-labelledby="reporter-heading">
      <h2 id="reporter-heading">{m.reporter.heading}</h2>
      <dl className="staff-facts">
        <div><dt>{m.reporter.name}</dt><dd dir="auto">{reporter.name ?? m.reporter.none}</dd></div>
        <div><dt>{m.reporter.email}</dt><dd>{reporter.email ? <a href={`mailto:${reporter.email}`} dir="ltr">{reporter.email}</a> : m.reporter.none}</dd></div>
        <div><dt>{m.reporter.phone}</dt><dd>{reporter.phone ? <a href={`tel:${reporter.phone.replace(/[^+\d]/g, "")}`} dir="ltr">{reporter.phone}</a> : m.reporter.none}</dd></div>
      </dl>
      <p className="muted">{reporter.showName ? m.reporter.shown : m.reporter.hidden}</p>
    </section>
  );
}

function Detail({ detail, members, reload }: { detail: ReportDetail; members: StaffMember[]; reload(): void }) {
  const [m, f] = useMessages(messages);
  const { report, updates, history } = detail;
  useEffect(() => { document.title = `${report.ref} — ${report.title}`; }, [report.ref, report.title]);
  return (
    <>
      <header className="staff-detail-header">
        <p className="staff-ref">{report.ref}</p>
        <h1 dir="auto">{report.title}</h1>
        <p><StateBadge state={report.state} /> <Link href={`~/r/${report.ref}`}>{m.publicPage}</Link></p>
      </header>
      {!isStaffView(report) && <p className="notice" role="note">{m.readOnly}</p>}
      <div className="staff-detail-layout">
        <div className="staff-detail-main">
          <Facts report={report} members={members} />
          <section aria-labelledby="description-heading">
            <h2 id="description-heading">{m.description}</h2>
            <p className="staff-description" dir="auto" lang={report.language}>{report.description || m.noDescription}</p>
          </section>
          {isStaffView(report) && <TriagePanel report={report} onChanged={reload} />}
          {report.photos.length > 0 && (
            <section aria-labelledby="photos-heading">
              <h2 id="photos-heading">{m.photos}</h2>
              <ul className="staff-photos">
                {report.photos.map((p, i) => (
                  <li key={p.id}><a href={p.url}><img src={p.thumbnailUrl} alt={f.fill(m.photoAlt, { n: i + 1 })} width={120} height={120} loading="lazy" /></a></li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="location-heading">
            <h2 id="location-heading">{m.location}</h2>
            <ReportMap lat={report.lat} lon={report.lon} state={report.state} />
          </section>
          {isStaffView(report) && <Reporter reporter={report.reporter} />}
          <UpdatesList updates={updates} />
          {history && <HistoryTable history={history} members={members} />}
        </div>
        {isStaffView(report) && (
          <div className="staff-detail-side">
            <ReportActions report={report} members={members} onChanged={reload} />
          </div>
        )}
      </div>
    </>
  );
}

export default function ReportDetailPage() {
  const { ref = "" } = useParams<{ ref: string }>();
  const [m] = useMessages(messages);
  const detail = useResource<ReportDetail>(`/api/reports/${encodeURIComponent(ref)}`);
  const members = useResource<{ items: StaffMember[] }>("/api/staff/members");
  return (
    <main id="main" className="page staff-page staff-detail">
      <p><Link href="/" className="back-link"><span className="flip" aria-hidden="true">←</span> {m.back}</Link></p>
      <Loaded resource={detail}>
        {(data) => <Detail detail={data} members={members.state.status === "ready" ? members.state.data.items : []} reload={() => void detail.reload()} />}
      </Loaded>
    </main>
  );
}
