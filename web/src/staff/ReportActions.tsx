/**
 * What staff do with a report, one small form each: respond (and change the state) from a
 * template, add an internal note, assign, re-route, mark as a duplicate (the priority is set in
 * the triage panel, beside the reasons for it).
 * Each says whether it worked in its own live region and keeps the server's field errors beside
 * the fields; on success the page reloads the report.
 */
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { canTransition } from "../../../src/reports/reports.lifecycle.ts";
import { api } from "../lib/api.ts";
import { useCity } from "../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../lib/i18n.tsx";
import { publicStates } from "../lib/states.ts";
import statesMessages from "../lib/states.messages.ts";
import type { ReportState, StaffMember, StaffReport } from "../lib/types.ts";
import messages from "./detail.messages.ts";
import { ResponseField } from "./ResponseField.tsx";
import { ActionStatus, errorAttrs, FieldError, useAction } from "./staff-ui.tsx";

interface ActionProps { report: StaffReport; onChanged(): void }

function ActionCard({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card action-card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

const patch = (ref: string, json: unknown) => api(`/api/reports/${encodeURIComponent(ref)}`, { method: "PATCH", json });
const post = (ref: string, json: unknown) => api(`/api/reports/${encodeURIComponent(ref)}/updates`, { json });

/** Duplicates are marked with their original (below), never by a bare change of state. */
const targetsFrom = (from: ReportState) => publicStates.filter((s) => s !== "duplicate" && canTransition(from, s, "staff"));

function RespondForm({ report, onChanged }: ActionProps) {
  const [m, f] = useMessages(messages);
  const [names] = useMessages(statesMessages);
  const [state, setState] = useState<ReportState | "">("");
  const [text, setText] = useState("");
  const { busy, outcome, run, fieldError } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await run(() => post(report.ref, { text, visibility: "public", ...(state ? { state } : {}) }),
      state ? f.fill(m.state.changed, { state: names[state] }) : m.state.answered);
    if (done === undefined) return;
    setState("");
    setText("");
    onChanged();
  };
  return (
    <ActionCard title={m.state.heading}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="respond-state">{m.state.state}</label>
          <select id="respond-state" value={state} onChange={(e) => setState(e.target.value as ReportState | "")}
            {...errorAttrs("respond-state-error", fieldError("state"))}>
            <option value="">{f.fill(m.state.keep, { state: names[report.state] })}</option>
            {targetsFrom(report.state).map((s) => <option key={s} value={s}>{names[s]}</option>)}
          </select>
          <FieldError id="respond-state-error" text={fieldError("state")} />
        </div>
        <ResponseField key={state} label={m.state.response} hint={m.state.hint} category={report.category} state={state || null}
          preferredLanguage={report.language} text={text} onText={setText} error={fieldError("text")} required />
        <button type="submit" className="button secondary" disabled={busy}>{m.state.submit}</button>
        <ActionStatus outcome={outcome} />
      </form>
    </ActionCard>
  );
}

function NoteForm({ report, onChanged }: ActionProps) {
  const [m] = useMessages(messages);
  const [text, setText] = useState("");
  const { busy, outcome, run, fieldError } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(() => post(report.ref, { text, visibility: "internal" }), m.note.added)) === undefined) return;
    setText("");
    onChanged();
  };
  return (
    <ActionCard title={m.note.heading}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="note-text">{m.note.label}</label>
          <textarea id="note-text" dir="auto" value={text} maxLength={5000} required onChange={(e) => setText(e.target.value)}
            {...errorAttrs("note-text-error", fieldError("text"))} />
          <FieldError id="note-text-error" text={fieldError("text")} />
        </div>
        <button type="submit" className="button" disabled={busy}>{m.note.submit}</button>
        <ActionStatus outcome={outcome} />
      </form>
    </ActionCard>
  );
}

function AssignForm({ report, members, onChanged }: ActionProps & { members: StaffMember[] }) {
  const [m] = useMessages(messages);
  const [assignee, setAssignee] = useState(report.assigneeId ?? "");
  const assignment = useAction();
  // Those who handle this authority's reports, and the city's admins.
  const eligible = members.filter((p) => p.role === "city_admin" || p.authority === report.authority.code);
  const saveAssignee = async (e: FormEvent) => {
    e.preventDefault();
    if ((await assignment.run(() => patch(report.ref, { assigneeId: assignee || null }), m.assign.saved)) !== undefined) onChanged();
  };
  return (
    <ActionCard title={m.assign.heading}>
      <form onSubmit={saveAssignee} noValidate>
        <div className="field">
          <label htmlFor="assign-to">{m.assign.label}</label>
          <select id="assign-to" value={assignee} onChange={(e) => setAssignee(e.target.value)}
            {...errorAttrs("assign-to-error", assignment.fieldError("assigneeId"))}>
            <option value="">{m.assign.nobody}</option>
            {eligible.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
          <FieldError id="assign-to-error" text={assignment.fieldError("assigneeId")} />
        </div>
        <button type="submit" className="button" disabled={assignment.busy}>{m.assign.submit}</button>
        <ActionStatus outcome={assignment.outcome} />
      </form>
    </ActionCard>
  );
}

function RerouteForm({ report, onChanged }: ActionProps) {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const [category, setCategory] = useState(report.category);
  const [authority, setAuthority] = useState(report.authority.code);
  const [unchanged, setUnchanged] = useState(false);
  const { busy, outcome, run, fieldError } = useAction();
  const authorityError = fieldError("authority") ?? (unchanged ? m.reroute.unchanged : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changes = { ...(category !== report.category ? { category } : {}), ...(authority !== report.authority.code ? { authority } : {}) };
    setUnchanged(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    if ((await run(() => patch(report.ref, changes), m.reroute.saved)) !== undefined) onChanged();
  };
  return (
    <ActionCard title={m.reroute.heading}>
      <p className="hint" id="reroute-hint">{m.reroute.hint}</p>
      <form onSubmit={submit} noValidate aria-describedby="reroute-hint">
        <div className="field">
          <label htmlFor="reroute-category">{m.reroute.category}</label>
          <select id="reroute-category" value={category} onChange={(e) => setCategory(e.target.value)}
            {...errorAttrs("reroute-category-error", fieldError("category"))}>
            {city.groups.map((g) => (
              <optgroup key={g.code} label={localized(g.name, lang)}>
                {city.categories.filter((c) => c.group === g.code).map((c) => <option key={c.code} value={c.code}>{localized(c.name, lang)}</option>)}
              </optgroup>
            ))}
          </select>
          <FieldError id="reroute-category-error" text={fieldError("category")} />
        </div>
        <div className="field">
          <label htmlFor="reroute-authority">{m.reroute.authority}</label>
          <select id="reroute-authority" value={authority} onChange={(e) => setAuthority(e.target.value)}
            {...errorAttrs("reroute-authority-error", authorityError)}>
            {city.authorities.map((a) => <option key={a.code} value={a.code}>{localized(a.name, lang)}</option>)}
          </select>
          <FieldError id="reroute-authority-error" text={authorityError} />
        </div>
        <button type="submit" className="button" disabled={busy}>{m.reroute.submit}</button>
        <ActionStatus outcome={outcome} />
      </form>
    </ActionCard>
  );
}

function DuplicateForm({ report, onChanged }: ActionProps) {
  const [m, f] = useMessages(messages);
  const [original, setOriginal] = useState("");
  const { busy, outcome, run, fieldError } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ref = original.trim().toUpperCase();
    if ((await run(() => patch(report.ref, { duplicateOf: ref }), f.fill(m.duplicate.saved, { ref }))) !== undefined) onChanged();
  };
  return (
    <ActionCard title={m.duplicate.heading}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="duplicate-of">{m.duplicate.label}</label>
          <input id="duplicate-of" value={original} dir="ltr" autoComplete="off" spellCheck={false} maxLength={30} onChange={(e) => setOriginal(e.target.value)}
            aria-invalid={fieldError("duplicateOf") ? true : undefined}
            aria-describedby={fieldError("duplicateOf") ? "duplicate-of-hint duplicate-of-error" : "duplicate-of-hint"} />
          <span id="duplicate-of-hint" className="hint">{m.duplicate.hint}</span>
          <FieldError id="duplicate-of-error" text={fieldError("duplicateOf")} />
        </div>
        <button type="submit" className="button" disabled={busy}>{m.duplicate.submit}</button>
        <ActionStatus outcome={outcome} />
      </form>
    </ActionCard>
  );
}

export function ReportActions({ report, members, onChanged }: ActionProps & { members: StaffMember[] }) {
  const [m] = useMessages(messages);
  return (
    <section className="report-actions-staff" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{m.actions}</h2>
      <RespondForm report={report} onChanged={onChanged} />
      <NoteForm report={report} onChanged={onChanged} />
      <AssignForm report={report} members={members} onChanged={onChanged} />
      <RerouteForm report={report} onChanged={onChanged} />
      {canTransition(report.state, "duplicate", "staff") && <DuplicateForm report={report} onChanged={onChanged} />}
    </section>
  );
}
