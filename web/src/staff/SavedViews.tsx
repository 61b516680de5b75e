/** Save the current filters under a name, apply a saved view, delete one. Kept on this device. */
import { useState, type FormEvent } from "react";
import { useMessages } from "../lib/i18n.tsx";
import messages from "./queue.messages.ts";
import { useSavedViews } from "./saved-views.ts";
import { ActionStatus, type Outcome } from "./staff-ui.tsx";

export function SavedViews({ search, onApply }: { search: string; onApply(search: string): void }) {
  const [m, f] = useMessages(messages);
  const { views, save, remove } = useSavedViews();
  const [name, setName] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [nameError, setNameError] = useState<string | undefined>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(m.views.nameRequired);
      return;
    }
    save(trimmed, search);
    setName("");
    setNameError(undefined);
    setOutcome({ ok: true, text: f.fill(m.views.saved, { name: trimmed }) });
  };

  return (
    <details className="saved-views">
      <summary>{m.views.heading}{views.length > 0 && ` (${f.number(views.length)})`}</summary>
      {views.length === 0 ? <p className="muted">{m.views.none}</p> : (
        <ul>
          {views.map((v) => (
            <li key={v.name} aria-current={v.search === search ? "true" : undefined}>
              <button type="button" className="linklike" aria-label={f.fill(m.views.apply, { name: v.name })} onClick={() => onApply(v.search)}>{v.name}</button>
              <button type="button" className="icon-button" aria-label={f.fill(m.views.remove, { name: v.name })}
                onClick={() => { remove(v.name); setOutcome({ ok: true, text: f.fill(m.views.removed, { name: v.name }) }); }}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate className="inline">
        <div className="field">
          <label htmlFor="view-name">{m.views.name}</label>
          <input id="view-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)}
            aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? "view-name-error" : undefined} />
          {nameError && <span id="view-name-error" className="error">{nameError}</span>}
        </div>
        <button type="submit" className="button">{m.views.save}</button>
      </form>
      <ActionStatus outcome={outcome} />
    </details>
  );
}
