/**
 * Announcements (/staff/admin/announcements): written once in each language, sent to the
 * subscribers of chosen arrondissements and categories (none chosen: all). Sending takes three
 * steps on purpose — preview (who it reaches, in which languages and channels, and how it reads
 * in each language), send, confirm — since a message to thousands of people cannot be taken
 * back. Any change after the preview asks for a new one. Below, the log of what was sent.
 */
import { useState } from "react";
import { api, ApiError } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { languages, localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { Localized } from "../../lib/types.ts";
import type { AnnouncementList, AnnouncementPreview, AnnouncementRequest } from "../../features/alerts/alerts-types.ts";
import { FormError, Loaded, useAnnounce, useResource, useSubmit } from "./admin-data.tsx";
import { emptyLocalized, LocalizedFields, TableScroll } from "./fields.tsx";
import messages from "./notifications.messages.ts";
import "./notifications.css";

const autonyms = { ar: "العربية", fr: "Français", en: "English" } as const;

/** A fieldset of checkboxes: the codes ticked. */
function CodeChoice({ legend, hint, options, value, onChange }: {
  legend: string; hint: string; options: { code: string; label: string; group?: string }[]; value: string[]; onChange(codes: string[]): void;
}) {
  const id = legend.replace(/\W+/g, "-");
  return (
    <fieldset className="code-choice" aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="hint">{hint}</p>
      <div className="code-choice-options">
        {options.map((o) => (
          <label key={o.code} className="checkbox">
            <input type="checkbox" checked={value.includes(o.code)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.code] : value.filter((c) => c !== o.code))} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function PreviewPanel({ preview }: { preview: AnnouncementPreview }) {
  const [m, f] = useMessages(messages);
  const t = m.announcements;
  const channels = Object.entries(preview.byChannel).filter(([, n]) => n > 0);
  return (
    <section className="announcement-preview" aria-labelledby="announcement-preview-heading">
      <h2 id="announcement-preview-heading">{t.previewHeading}</h2>
      <p className="announcement-recipients"><strong>{preview.recipients === 0 ? t.nobody : f.plural(t.recipients, preview.recipients)}</strong></p>
      {preview.recipients > 0 && (
        <dl className="ai-facts">
          <div>
            <dt>{t.byLanguage}</dt>
            <dd>{languages.map((l) => `${m.languages[l]} ${f.number(preview.byLanguage[l])}`).join(" · ")}</dd>
          </div>
          <div>
            <dt>{t.byChannel}</dt>
            <dd>{channels.length ? channels.map(([c, n]) => `${m.channels[c as keyof typeof m.channels] ?? c} ${f.number(n)}`).join(" · ") : t.none}</dd>
          </div>
        </dl>
      )}
      <div className="notification-text-columns">
        {languages.map((l) => (
          <article key={l} className="notification-preview" aria-label={autonyms[l]}>
            <p className="hint" lang={l}>{autonyms[l]}</p>
            <div lang={l} dir={l === "ar" ? "rtl" : "ltr"}>
              <p className="preview-subject">{preview.messages[l].subject}</p>
              <p className="preview-text">{preview.messages[l].text}</p>
            </div>
          </article>
        ))}
      </div>
    </section>
  );
}

function AnnouncementForm({ onSent }: { onSent(): void }) {
  const [m, f] = useMessages(messages);
  const t = m.announcements;
  const { lang } = useLanguage();
  const city = useCity();
  const announce = useAnnounce();
  const [title, setTitle] = useState<Localized>(emptyLocalized);
  const [body, setBody] = useState<Localized>(emptyLocalized);
  const [areaCodes, setAreaCodes] = useState<string[]>([]);
  const [categoryCodes, setCategoryCodes] = useState<string[]>([]);
  const [preview, setPreview] = useState<AnnouncementPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run, fieldError } = useSubmit();

  const name = (n: Localized) => localized(n, lang);
  const areas = city.areas.filter((a) => a.kind !== "prefecture").sort((a, b) => name(a.name).localeCompare(name(b.name), lang)).map((a) => ({ code: a.code, label: name(a.name) }));
  const categories = city.groups.flatMap((g) => city.categories.filter((c) => c.group === g.code).map((c) => ({ code: c.code, label: name(c.name) })));
  const body_ = (): AnnouncementRequest => ({ title: title as AnnouncementRequest["title"], body: body as AnnouncementRequest["body"], areaCodes, categoryCodes });
  /** Every change drops the preview: what is sent is always what was last previewed. */
  const changed = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPreview(null); setConfirming(false); };

  const showPreview = () => run(async () => {
    setPreview(await api<AnnouncementPreview>("/api/admin/announcements/preview", { json: body_() }));
  });
  const send = () => run(async () => {
    await api("/api/admin/announcements", { json: body_() });
    announce(f.plural(t.sent, preview?.recipients ?? 0, { title: localized(title, lang) }));
    setTitle(emptyLocalized());
    setBody(emptyLocalized());
    setAreaCodes([]);
    setCategoryCodes([]);
    setPreview(null);
    setConfirming(false);
    onSent();
  });

  // A code the server refused points at its index ("areaCodes.0"); say it on the group.
  const codeError = (field: string) => (error instanceof ApiError ? error.fields.find((x) => x.field === field || x.field.startsWith(`${field}.`))?.message : undefined);
  return (
    <section aria-labelledby="announcement-form-heading">
      <h2 id="announcement-form-heading">{t.heading}</h2>
      <form className="admin-form" noValidate onSubmit={(e) => { e.preventDefault(); void showPreview(); }}>
        <LocalizedFields legend={t.titleField} field="title" value={title} onChange={changed(setTitle)} errorFor={fieldError} required />
        <LocalizedFields legend={t.bodyField} field="body" value={body} onChange={changed(setBody)} errorFor={fieldError} multiline required />
        <CodeChoice legend={t.areas} hint={t.areasHint} options={areas} value={areaCodes} onChange={changed(setAreaCodes)} />
        {codeError("areaCodes") && <p className="error">{codeError("areaCodes")}</p>}
        <CodeChoice legend={t.categories} hint={t.categoriesHint} options={categories} value={categoryCodes} onChange={changed(setCategoryCodes)} />
        {codeError("categoryCodes") && <p className="error">{codeError("categoryCodes")}</p>}
        <FormError error={error} />
        <div className="admin-actions">
          <button type="submit" className="button" disabled={busy}>{busy && !preview ? t.previewing : t.preview}</button>
        </div>
      </form>
      {preview && (
        <>
          <PreviewPanel preview={preview} />
          {confirming ? (
            <div role="group" aria-labelledby="announcement-confirm" className="announcement-confirm">
              <p id="announcement-confirm"><strong>{f.plural(t.confirm, preview.recipients)}</strong></p>
              <div className="admin-actions">
                {/* The second click is the confirmation: focus goes to it. */}
                <button type="button" className="button danger" autoFocus disabled={busy} onClick={() => void send()}>{busy ? t.sending : t.confirmYes}</button>
                <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>{t.confirmNo}</button>
              </div>
            </div>
          ) : (
            <div className="admin-actions">
              <button type="button" className="button secondary" disabled={busy || preview.recipients === 0} onClick={() => setConfirming(true)}>{t.send}</button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function AnnouncementLog({ data, onRefresh }: { data: AnnouncementList; onRefresh(): void }) {
  const [m, f] = useMessages(messages);
  const t = m.announcements;
  const { lang } = useLanguage();
  return (
    <section aria-labelledby="announcement-log-heading" className="announcement-log">
      <div className="admin-heading">
        <h2 id="announcement-log-heading">{t.log}</h2>
        <button type="button" className="button" onClick={onRefresh}>{t.refresh}</button>
      </div>
      {data.items.length === 0 ? <p className="muted">{t.logEmpty}</p> : (
        <TableScroll label={t.log}>
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t.date}</th><th scope="col">{t.titleColumn}</th><th scope="col">{t.author}</th>
                <th scope="col">{t.recipientsColumn}</th><th scope="col">{t.sentColumn}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap"><time dateTime={a.createdAt}>{f.dateTime(a.createdAt)}</time></td>
                  <th scope="row" dir="auto">{localized(a.title, lang)}</th>
                  <td>{a.author ?? t.unknown}</td>
                  <td>{a.recipients === null ? t.unknown : f.number(a.recipients)}</td>
                  <td className="nowrap">{a.sentAt ? <time dateTime={a.sentAt}>{f.dateTime(a.sentAt)}</time> : t.inProgress}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export default function AnnouncementsPage() {
  const [m] = useMessages(messages);
  const t = m.announcements;
  const log = useResource<AnnouncementList>("/api/admin/announcements");
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <AnnouncementForm onSent={() => void log.reload()} />
      <Loaded states={[log.state]} reload={log.reload}>
        {(data) => <AnnouncementLog data={data} onRefresh={() => void log.reload()} />}
      </Loaded>
    </>
  );
}
