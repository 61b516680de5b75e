/**
 * Notification texts (/staff/admin/notifications): for one message at a time, its subject and
 * text in Arabic, French and English side by side, each with the {{placeholders}} it may use,
 * a preview with sample values, save, and back to the default. The server refuses a
 * placeholder the message does not have; its error shows under the field.
 */
import { useState } from "react";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import type { TemplateList, TemplateName, TemplatePreview, TemplateView } from "../../features/alerts/alerts-types.ts";
import { FormError, Loaded, useAnnounce, useResource, useSubmit } from "./admin-data.tsx";
import { SelectField, TextField } from "./fields.tsx";
import messages from "./notifications.messages.ts";
import "./notifications.css";

const autonyms = { ar: "العربية", fr: "Français", en: "English" } as const;

function TextEditor({ view, onChanged }: { view: TemplateView; onChanged(): void }) {
  const [m, f] = useMessages(messages);
  const t = m.texts;
  const announce = useAnnounce();
  const [subject, setSubject] = useState(view.subject);
  const [body, setBody] = useState(view.body);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const { busy, error, run, fieldError } = useSubmit();
  const path = `/api/admin/notification-templates/${view.template}/${view.language}`;
  const names = { template: t.templates[view.template], language: m.languages[view.language] };
  const dir = view.language === "ar" ? "rtl" : "ltr";

  const showPreview = () => run(async () => { setPreview(await api<TemplatePreview>(`${path}/preview`, { json: { subject, body } })); });
  const save = () => run(async () => {
    await api(path, { method: "PUT", json: { subject, body } });
    announce(f.fill(t.saved, names));
    onChanged();
  });
  const reset = () => run(async () => {
    await api(path, { method: "DELETE" });
    announce(f.fill(t.resetDone, names));
    onChanged();
  });

  return (
    <fieldset className="notification-text">
      <legend lang={view.language}>{autonyms[view.language]}</legend>
      <p className="hint">
        {view.edited && view.updatedAt ? f.fill(t.edited, { date: f.date(view.updatedAt) }) : t.default}
      </p>
      <TextField label={t.subject} dir={dir} required value={subject} error={fieldError("subject")}
        onChange={(v) => { setSubject(v); setPreview(null); }} />
      <TextField label={t.body} dir={dir} required multiline value={body} error={fieldError("body")}
        onChange={(v) => { setBody(v); setPreview(null); }} />
      <p className="placeholders">
        <span>{t.placeholders}</span>{" "}
        {view.placeholders.map((p) => <code key={p} dir="ltr">{`{{${p}}}`}</code>)}
      </p>
      <FormError error={error} />
      <div className="admin-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void showPreview()}>{t.preview}</button>
        <button type="button" className="button secondary" disabled={busy} onClick={() => void save()}>{t.save}</button>
        {view.edited && <button type="button" className="linklike" disabled={busy} onClick={() => void reset()}>{t.reset}</button>}
      </div>
      {preview && (
        <section className="notification-preview" aria-label={`${t.previewHeading} — ${autonyms[view.language]}`}>
          <div lang={view.language} dir={dir}>
            <p className="preview-subject">{preview.subject}</p>
            <p className="preview-text">{preview.text}</p>
          </div>
          <p className="hint">{t.previewLine} <span lang={view.language} dir={dir}>{preview.line}</span></p>
        </section>
      )}
    </fieldset>
  );
}

export default function NotificationTextsPage() {
  const [m] = useMessages(messages);
  const t = m.texts;
  const { state, reload } = useResource<TemplateList>("/api/admin/notification-templates");
  const [template, setTemplate] = useState<TemplateName>("newReport");
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <Loaded states={[state]} reload={reload}>
        {({ items }) => {
          const names = [...new Set(items.map((i) => i.template))];
          const chosen = items.filter((i) => i.template === template).sort((a, b) => ["ar", "fr", "en"].indexOf(a.language) - ["ar", "fr", "en"].indexOf(b.language));
          return (
            <div className="admin-form notification-texts">
              <SelectField<TemplateName> label={t.template} value={template} onChange={setTemplate} options={names.map((n) => ({ value: n, label: t.templates[n] }))} />
              <div className="notification-text-columns">
                {/* Keyed by the saved text: after a save or a reset each editor starts again from what the server holds. */}
                {chosen.map((v) => <TextEditor key={`${v.template}-${v.language}-${v.updatedAt ?? "default"}-${v.subject}`} view={v} onChanged={() => void reload()} />)}
              </div>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
