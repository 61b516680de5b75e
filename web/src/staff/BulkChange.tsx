/**
 * Moves the selected reports to one state with the same public response. Each report
 * succeeds or fails on its own: the outcome names those that did not move, and why.
 */
import { useState, type FormEvent } from "react";
import { api } from "../lib/api.ts";
import { useMessages } from "../lib/i18n.tsx";
import statesMessages from "../lib/states.messages.ts";
import type { BulkResult, ReportState, StaffListItem } from "../lib/types.ts";
import messages from "./queue.messages.ts";
import { ResponseField } from "./ResponseField.tsx";
import { ActionStatus, errorAttrs, FieldError, useAction } from "./staff-ui.tsx";

/** Where staff move reports in bulk (a duplicate needs its original: one at a time, from the report). */
export const bulkStates: ReportState[] = ["in_progress", "action_scheduled", "fixed", "closed", "not_responsible", "referred", "reopened"];

export function BulkChange({ selected, onDone, onClear }: { selected: StaffListItem[]; onDone(results: BulkResult[]): void; onClear(): void }) {
  const [m, f] = useMessages(messages);
  const [names] = useMessages(statesMessages);
  const [state, setState] = useState<ReportState | "">("");
  const [text, setText] = useState("");
  const [refused, setRefused] = useState<BulkResult[]>([]);
  const { busy, outcome, run, fieldError } = useAction();
  const [stateError, setStateError] = useState<string | undefined>();
  const categories = new Set(selected.map((r) => r.category));
  const category = categories.size === 1 ? [...categories][0] : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!state) {
      setStateError(m.bulk.stateRequired);
      return;
    }
    setStateError(undefined);
    const results = await run(async () => (await api<{ results: BulkResult[] }>("/api/staff/reports/bulk", {
      json: { refs: selected.map((r) => r.ref), state, ...(text.trim() ? { text: text.trim() } : {}), visibility: "public" },
    })).results, (all) => {
      const failed = all.filter((r) => !r.ok).length;
      const summary = [f.plural(m.bulk.changed, all.length - failed), failed ? f.plural(m.bulk.refused, failed) : ""];
      return { ok: failed === 0, text: summary.join(" ").trim() };
    });
    if (!results) return;
    setRefused(results.filter((r) => !r.ok));
    if (results.every((r) => r.ok)) setText("");
    onDone(results);
  };

  return (
    <section className="bulk-change card" aria-labelledby="bulk-heading">
      <h2 id="bulk-heading">{m.bulk.title}</h2>
      <p className="muted">{selected.length ? f.plural(m.bulk.selected, selected.length) : m.bulk.noneSelected}</p>
      {selected.length > 0 && (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="bulk-state">{m.bulk.state}</label>
            <select id="bulk-state" value={state} onChange={(e) => setState(e.target.value as ReportState | "")}
              {...errorAttrs("bulk-state-error", stateError ?? fieldError("state"))}>
              <option value="">{m.bulk.chooseState}</option>
              {bulkStates.map((s) => <option key={s} value={s}>{names[s]}</option>)}
            </select>
            <FieldError id="bulk-state-error" text={stateError ?? fieldError("state")} />
          </div>
          <ResponseField key={`${state}-${category ?? ""}`} label={m.bulk.response} category={category} state={state || null}
            text={text} onText={setText} error={fieldError("text")} />
          <div className="actions">
            <button type="submit" className="button secondary" disabled={busy}>{m.bulk.apply}</button>
            <button type="button" className="button" onClick={onClear}>{m.bulk.clear}</button>
          </div>
        </form>
      )}
      {/* Outside the form: the outcome stays when the selection empties after a change. */}
      <ActionStatus outcome={outcome} />
      {refused.length > 0 && (
        <ul className="bulk-refused">
          {refused.map((r) => <li key={r.ref}><strong>{r.ref}</strong> — {r.problem?.title}</li>)}
        </ul>
      )}
    </section>
  );
}
