/**
 * Response templates (/staff/templates), for city admins: the list, and one form to create or
 * edit a template with its Arabic, French and English texts side by side. No dialog: the form
 * opens in the page and deleting asks for a second click in the row.
 */
import { useEffect, useState, type FormEvent } from "react";
import { api } from "../lib/api.ts";
import { useCity } from "../lib/city.tsx";
import { localized, useLanguage, useMessages, type Language } from "../lib/i18n.tsx";
import { publicStates } from "../lib/states.ts";
import statesMessages from "../lib/states.messages.ts";
import type { ReportState, ResponseTemplate } from "../lib/types.ts";
import staffMessages from "./staff.messages.ts";
import { ActionStatus, errorAttrs, FieldError, Loaded, useAction, useResource, type Outcome } from "./staff-ui.tsx";
import messages from "./templates.messages.ts";

const languages: Language[] = ["ar", "fr", "en"];
/** A reply never moves a report back to "confirmed": the states a template can go with. */
const templateStates = publicStates.filter((s) => s !== "confirmed");
type Texts = Record<Language, string>;
const empty: Texts = { ar: "", fr: "", en: "" };

function TemplateForm({ template, onSaved, onCancel }: { template: ResponseTemplate | null; onSaved(announcement: string): void; onCancel(): void }) {
  const [m, f] = useMessages(messages);
  const [s] = useMessages(staffMessages);
  const [names] = useMessages(statesMessages);
  const { lang } = useLanguage();
  const city = useCity();
  const [category, setCategory] = useState(template?.category ?? "");
  const [state, setState] = useState<ReportState | "">(template?.state ?? "");
  const [title, setTitle] = useState<Texts>(template?.title ?? empty);
  const [body, setBody] = useState<Texts>(template?.body ?? empty);
  const { busy, outcome, run, fieldError } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const json = { category: category || null, state: state || null, title, body };
    const saved = await run(() => api<ResponseTemplate>(template ? `/api/admin/templates/${template.id}` : "/api/admin/templates",
      { method: template ? "PUT" : "POST", json }), "");
    // The form closes: the page announces the outcome.
    if (saved) onSaved(f.fill(m.saved, { title: localized(saved.title, lang) }));
  };

  return (
    <section className="card template-form" aria-labelledby="template-form-heading">
      <h2 id="template-form-heading">{template ? f.fill(m.form.editHeading, { title: localized(template.title, lang) }) : m.form.newHeading}</h2>
      <form onSubmit={submit} noValidate>
        <div className="template-scope">
          <div className="field">
            <label htmlFor="template-category">{m.form.category}</label>
            <select id="template-category" value={category} onChange={(e) => setCategory(e.target.value)} {...errorAttrs("template-category-error", fieldError("category"))}>
              <option value="">{m.form.anyCategory}</option>
              {city.categories.map((c) => <option key={c.code} value={c.code}>{localized(c.name, lang)}</option>)}
            </select>
            <FieldError id="template-category-error" text={fieldError("category")} />
          </div>
          <div className="field">
            <label htmlFor="template-state">{m.form.state}</label>
            <select id="template-state" value={state} onChange={(e) => setState(e.target.value as ReportState | "")} {...errorAttrs("template-state-error", fieldError("state"))}>
              <option value="">{m.form.noState}</option>
              {templateStates.map((st) => <option key={st} value={st}>{names[st]}</option>)}
            </select>
            <FieldError id="template-state-error" text={fieldError("state")} />
          </div>
        </div>
        <div className="lang-columns">
          {languages.map((l) => (
            <fieldset key={l} lang={l} dir={l === "ar" ? "rtl" : "ltr"}>
              <legend>{s.languages[l]}</legend>
              <div className="field">
                <label htmlFor={`template-title-${l}`}>{m.form.title}</label>
                <input id={`template-title-${l}`} value={title[l]} maxLength={120} required onChange={(e) => setTitle({ ...title, [l]: e.target.value })}
                  {...errorAttrs(`template-title-${l}-error`, fieldError(`title.${l}`))} />
                <FieldError id={`template-title-${l}-error`} text={fieldError(`title.${l}`)} />
              </div>
              <div className="field">
                <label htmlFor={`template-body-${l}`}>{m.form.body}</label>
                <textarea id={`template-body-${l}`} value={body[l]} maxLength={5000} required onChange={(e) => setBody({ ...body, [l]: e.target.value })}
                  {...errorAttrs(`template-body-${l}-error`, fieldError(`body.${l}`))} />
                <FieldError id={`template-body-${l}-error`} text={fieldError(`body.${l}`)} />
              </div>
            </fieldset>
          ))}
        </div>
        <div className="actions">
          <button type="submit" className="button secondary" disabled={busy}>{m.form.save}</button>
          <button type="button" className="button" onClick={onCancel}>{m.form.cancel}</button>
        </div>
        <ActionStatus outcome={outcome} />
      </form>
    </section>
  );
}

function TemplateList({ items, onEdit, onDeleted }: { items: ResponseTemplate[]; onEdit(t: ResponseTemplate): void; onDeleted(): void }) {
  const [m, f] = useMessages(messages);
  const [names] = useMessages(statesMessages);
  const { lang } = useLanguage();
  const city = useCity();
  const [confirming, setConfirming] = useState<string | null>(null);
  const { busy, outcome, run } = useAction();
  const remove = async (t: ResponseTemplate) => {
    const title = localized(t.title, lang);
    if (await run(() => api(`/api/admin/templates/${t.id}`, { method: "DELETE" }).then(() => true), f.fill(m.removed, { title }))) onDeleted();
    setConfirming(null);
  };
  return (
    <>
      {items.length === 0 ? <p className="muted">{m.list.empty}</p> : <div className="table-wrap">
        <table className="templates-table">
          <caption className="visually-hidden">{m.list.caption}</caption>
          <thead>
            <tr><th scope="col">{m.list.title}</th><th scope="col">{m.list.category}</th><th scope="col">{m.list.state}</th><th scope="col">{m.list.actions}</th></tr>
          </thead>
          <tbody>
            {items.map((t) => {
              const title = localized(t.title, lang);
              return (
                <tr key={t.id}>
                  <td>{title}</td>
                  <td>{t.category ? localized(city.categories.find((c) => c.code === t.category)?.name, lang) || t.category : m.list.any}</td>
                  <td>{t.state ? names[t.state] : m.list.noState}</td>
                  <td>
                    {confirming === t.id ? (
                      <span role="group" aria-label={f.fill(m.list.confirm, { title })} className="row-actions">
                        <span>{f.fill(m.list.confirm, { title })} </span>
                        {/* The second click is the confirmation: focus goes to it. */}
                        <button type="button" className="button danger" disabled={busy} autoFocus onClick={() => void remove(t)}>{m.list.confirmYes}</button>
                        <button type="button" className="button" onClick={() => setConfirming(null)}>{m.list.confirmNo}</button>
                      </span>
                    ) : (
                      <span className="row-actions">
                        <button type="button" className="button" aria-label={f.fill(m.list.edit, { title })} onClick={() => onEdit(t)}>{m.list.editButton}</button>
                        <button type="button" className="button" aria-label={f.fill(m.list.remove, { title })} onClick={() => setConfirming(t.id)}>{m.list.removeButton}</button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>}
      <ActionStatus outcome={outcome} />
    </>
  );
}

export default function TemplatesPage({ isAdmin }: { isAdmin: boolean }) {
  const [m] = useMessages(messages);
  const templates = useResource<{ items: ResponseTemplate[] }>(isAdmin ? "/api/admin/templates" : null);
  const [editing, setEditing] = useState<ResponseTemplate | "new" | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => { document.title = m.title; }, [m.title]);

  if (!isAdmin) {
    return <main id="main" className="page staff-page"><h1>{m.title}</h1><p>{m.adminOnly}</p></main>;
  }
  const saved = (text: string) => {
    setEditing(null);
    setOutcome({ ok: true, text });
    void templates.reload();
  };
  return (
    <main id="main" className="page staff-page staff-templates">
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      <ActionStatus outcome={outcome} />
      {editing ? (
        <TemplateForm key={editing === "new" ? "new" : editing.id} template={editing === "new" ? null : editing}
          onSaved={saved} onCancel={() => setEditing(null)} />
      ) : (
        <p><button type="button" className="button secondary" onClick={() => setEditing("new")}>{m.add}</button></p>
      )}
      <Loaded resource={templates}>
        {(data) => <TemplateList items={data.items} onEdit={(t) => { setOutcome(null); setEditing(t); }} onDeleted={() => void templates.reload()} />}
      </Loaded>
    </main>
  );
}
