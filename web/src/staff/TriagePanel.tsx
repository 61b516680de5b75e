/**
 * What AI triage made of a report, for staff to read and overrule: the urgency score with every
 * factor behind it, the priority in the queue (and setting it by hand), the language detected,
 * the model's three categories (one click takes one: a correction the next model learns from),
 * and the probable duplicates found when the report was filed (marked as such once confirmed).
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "wouter";
import { canTransition } from "../../../src/reports/reports.lifecycle.ts";
import { api } from "../lib/api.ts";
import { useCity } from "../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../lib/i18n.tsx";
import type { ReportDetail } from "../lib/types.ts";
import messages from "./detail.messages.ts";
import { ActionStatus, Code, FieldError, fillElements, PriorityBadge, StateBadge, useAction, useLanguageName, useResource } from "./staff-ui.tsx";
import type { ReportTriage, TriagedReport } from "./triage-types.ts";
import triageMessages from "./triage.messages.ts";

interface Props { report: TriagedReport; onChanged(): void }

const patch = (ref: string, json: unknown) => api(`/api/reports/${encodeURIComponent(ref)}`, { method: "PATCH", json });

function Score({ triage }: { triage: ReportTriage }) {
  const [t, f] = useMessages(triageMessages);
  // Most points first, as in the queue.
  const factors = [...triage.urgency.factors].sort((a, b) => b.points - a.points);
  return (
    <div className="triage-block">
      <h3>{t.panel.score}</h3>
      <p className="triage-score"><strong>{f.number(triage.urgency.score)}</strong> {t.panel.outOf}</p>
      {factors.length > 0 ? (
        <>
          <p className="triage-label" id="triage-factors">{t.panel.factors}</p>
          <ul className="triage-factors" aria-labelledby="triage-factors">
            {factors.map((x, i) => <li key={i}>{x.text}</li>)}
          </ul>
        </>
      ) : <p className="muted">{t.panel.noFactors}</p>}
    </div>
  );
}

function Priority({ report, onChanged }: Props) {
  const [m] = useMessages(messages);
  const [t] = useMessages(triageMessages);
  const [priority, setPriority] = useState(String(report.priority));
  const { busy, outcome, run, fieldError } = useAction();
  // A saved (or re-scored) priority comes back with the report.
  useEffect(() => setPriority(String(report.priority)), [report.priority]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(() => patch(report.ref, { priority: Number(priority) }), m.priority.saved)) !== undefined) onChanged();
  };
  const error = fieldError("priority");
  return (
    <div className="triage-block">
      <h3>{t.panel.priority}</h3>
      <p className="triage-priority">
        <PriorityBadge priority={report.priority} />{" "}
        {report.priorityOverridden ? <span className="set-by-staff">{t.panel.setByStaff}</span> : <span className="muted">{t.panel.fromScore}</span>}
      </p>
      <form onSubmit={save} noValidate className="triage-override">
        <div className="field">
          <label htmlFor="priority">{m.priority.label}</label>
          <input id="priority" type="number" inputMode="numeric" min={0} max={100} step={1} value={priority} onChange={(e) => setPriority(e.target.value)}
            aria-invalid={error ? true : undefined} aria-describedby={error ? "priority-hint priority-error" : "priority-hint"} />
          <span id="priority-hint" className="hint">{t.panel.overrideHint}</span>
          <FieldError id="priority-error" text={error} />
        </div>
        <button type="submit" className="button" disabled={busy}>{m.priority.submit}</button>
        <ActionStatus outcome={outcome} />
      </form>
    </div>
  );
}

function Categories({ report, triage, onChanged }: Props & { triage: ReportTriage }) {
  const [t, f] = useMessages(triageMessages);
  const { lang } = useLanguage();
  const city = useCity();
  const { busy, outcome, run } = useAction();
  const nameOf = (code: string) => localized(city.categories.find((c) => c.code === code)?.name, lang) || code;
  const choose = async (code: string) => {
    if ((await run(() => patch(report.ref, { category: code }), f.fill(t.panel.categorySaved, { name: nameOf(code) }))) !== undefined) onChanged();
  };
  return (
    <div className="triage-block">
      <h3>{t.panel.categories}</h3>
      <p className="hint" id="triage-category-hint">{t.panel.categoryHint}</p>
      <ul className="triage-categories">
        {triage.categories.map((c) => {
          const percent = f.number(c.p, { style: "percent", maximumFractionDigits: 0 });
          return (
            <li key={c.code}>
              <span className="triage-category-name">{nameOf(c.code)}</span>
              <span className="triage-p">{percent}</span>
              <span className="triage-bar" aria-hidden="true"><span style={{ inlineSize: `${Math.round(c.p * 100)}%` }} /></span>
              {c.code === report.category ? <span className="triage-current">{t.panel.current}</span>
                : city.categories.some((x) => x.code === c.code) && (
                  <button type="button" className="button small" disabled={busy} onClick={() => void choose(c.code)}
                    aria-label={f.fill(t.panel.useCategoryLabel, { name: nameOf(c.code) })} aria-describedby="triage-category-hint">
                    {t.panel.useCategory}
                  </button>
                )}
            </li>
          );
        })}
      </ul>
      <ActionStatus outcome={outcome} />
    </div>
  );
}

function Duplicate({ report, duplicate, onChanged }: Props & { duplicate: ReportTriage["duplicates"][number] }) {
  const [t, f] = useMessages(triageMessages);
  const original = useResource<ReportDetail>(`/api/reports/${encodeURIComponent(duplicate.ref)}`);
  const [confirming, setConfirming] = useState(false);
  const { busy, outcome, run } = useAction();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (confirming) confirmButton.current?.focus(); }, [confirming]);
  const mark = async () => {
    const done = await run(() => patch(report.ref, { duplicateOf: duplicate.ref }), f.fill(t.panel.duplicateSaved, { ref: duplicate.ref }));
    setConfirming(false);
    if (done !== undefined) onChanged();
  };
  const cancel = () => {
    setConfirming(false);
    // Back where the staff member was, not at the top of the page.
    setTimeout(() => askButton.current?.focus(), 0);
  };
  const found = original.state.status === "ready" ? original.state.data.report : null;
  const canMark = canTransition(report.state, "duplicate", "staff");
  return (
    <li className="triage-duplicate">
      <p>
        <Link href={`/r/${duplicate.ref}`} className="triage-duplicate-ref"><Code>{duplicate.ref}</Code></Link>
        {found && <> <StateBadge state={found.state} /></>}
      </p>
      {found && <p dir="auto" lang={found.language}>{found.title}</p>}
      <p className="muted">
        {f.fill(t.panel.distance, { distance: f.number(duplicate.distance, { style: "unit", unit: "meter", maximumFractionDigits: 0 }) })}
        {" · "}
        {f.fill(t.panel.similarity, { score: f.number(duplicate.score, { style: "percent", maximumFractionDigits: 0 }) })}
      </p>
      {report.duplicateOf === duplicate.ref ? <p>{t.panel.alreadyDuplicate}</p>
        : canMark && !confirming && (
          <button ref={askButton} type="button" className="button small" onClick={() => setConfirming(true)}>
            {fillElements(t.panel.markDuplicateLabel, { ref: <Code>{duplicate.ref}</Code> })}
          </button>
        )}
      {confirming && (
        <div className="triage-confirm" role="group" aria-labelledby={`confirm-${duplicate.ref}`}>
          <p id={`confirm-${duplicate.ref}`}>{fillElements(t.panel.confirmDuplicate, { ref: <Code>{report.ref}</Code>, original: <Code>{duplicate.ref}</Code> })}</p>
          <div className="actions">
            <button ref={confirmButton} type="button" className="button danger" disabled={busy} onClick={() => void mark()}>{t.panel.confirm}</button>
            <button type="button" className="button" disabled={busy} onClick={cancel}>{t.panel.cancel}</button>
          </div>
        </div>
      )}
      <ActionStatus outcome={outcome} />
    </li>
  );
}

export function TriagePanel({ report, onChanged }: Props) {
  const [t, f] = useMessages(triageMessages);
  const languageName = useLanguageName();
  const { triage } = report;
  return (
    <section className="card triage-panel" aria-labelledby="triage-heading">
      <h2 id="triage-heading">{t.panel.heading}</h2>
      {triage ? <Score triage={triage} /> : <p className="muted">{t.panel.noTriage}</p>}
      <Priority report={report} onChanged={onChanged} />
      {triage && (
        <>
          <div className="triage-block">
            <h3>{t.panel.language}</h3>
            <p>
              <strong>{languageName(triage.language)}</strong>{" "}
              <span className="muted">({f.fill(t.panel.confidence, { confidence: f.number(triage.languageConfidence, { style: "percent", maximumFractionDigits: 0 }) })})</span>
            </p>
          </div>
          {triage.categories.length > 0 && <Categories report={report} triage={triage} onChanged={onChanged} />}
          <div className="triage-block">
            <h3>{t.panel.duplicates}</h3>
            {triage.duplicates.length > 0 ? (
              <>
                <p className="hint">{t.panel.duplicatesHint}</p>
                <ul className="triage-duplicates">
                  {triage.duplicates.map((d) => <Duplicate key={d.ref} report={report} duplicate={d} onChanged={onChanged} />)}
                </ul>
              </>
            ) : <p className="muted">{t.panel.noDuplicates}</p>}
          </div>
          <p className="triage-model muted">{fillElements(t.panel.model, { version: <Code>{triage.modelVersion}</Code> })}</p>
        </>
      )}
    </section>
  );
}
