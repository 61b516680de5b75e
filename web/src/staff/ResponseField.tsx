/**
 * The public response to a report: a template to start from (those for the report's category
 * and the state it moves to, then the general ones), the language to answer in (the report's
 * by default), and the text itself, always editable.
 */
import { useId, useState } from "react";
import { isLanguage, localized, useLanguage, useMessages, type Language } from "../lib/i18n.tsx";
import type { ReportState, ResponseTemplate } from "../lib/types.ts";
import messages from "./staff.messages.ts";
import { FieldError, useResource } from "./staff-ui.tsx";

interface Props {
  label: string;
  hint?: string;
  /** The report's category; none for several reports of different categories (general templates only). */
  category?: string;
  /** The state the response goes with; null for a reply that keeps the state. */
  state: ReportState | null;
  /** The report's language, if it is one of ours. */
  preferredLanguage?: string;
  text: string;
  onText(text: string): void;
  error?: string;
  required?: boolean;
}

export function ResponseField({ label, hint, category, state, preferredLanguage, text, onText, error, required }: Props) {
  const [m] = useMessages(messages);
  const { lang: uiLanguage } = useLanguage();
  const id = useId();
  const [language, setLanguage] = useState<Language>(isLanguage(preferredLanguage) ? preferredLanguage : uiLanguage);
  const [chosen, setChosen] = useState<ResponseTemplate | null>(null);
  const query = new URLSearchParams({ ...(category ? { category } : {}), ...(state ? { state } : {}) }).toString();
  const templates = useResource<{ items: ResponseTemplate[] }>(`/api/staff/templates${query ? `?${query}` : ""}`);
  const applicable = templates.state.status === "ready"
    ? templates.state.data.items.filter((t) => (t.category === null || t.category === category) && (t.state === null || t.state === state))
    : [];

  const choose = (templateId: string) => {
    const template = applicable.find((t) => t.id === templateId) ?? null;
    setChosen(template);
    if (template) onText(template.body[language]);
  };
  const switchLanguage = (next: Language) => {
    // The template's text follows the language, unless it was already edited.
    if (chosen && text === chosen.body[language]) onText(chosen.body[next]);
    setLanguage(next);
  };
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

  return (
    <div className="response-field">
      <div className="response-options">
        <div className="field">
          <label htmlFor={`${id}-template`}>{m.picker.label}</label>
          <select id={`${id}-template`} value={chosen && applicable.includes(chosen) ? chosen.id : ""} onChange={(e) => choose(e.target.value)}
            aria-describedby={templates.state.status === "ready" && applicable.length === 0 ? `${id}-empty` : undefined}>
            <option value="">{m.picker.none}</option>
            {applicable.map((t) => <option key={t.id} value={t.id}>{localized(t.title, uiLanguage)}</option>)}
          </select>
          {templates.state.status === "ready" && applicable.length === 0 && <span id={`${id}-empty`} className="hint">{m.picker.empty}</span>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-language`}>{m.picker.language}</label>
          <select id={`${id}-language`} value={language} onChange={(e) => isLanguage(e.target.value) && switchLanguage(e.target.value)}>
            {(["ar", "fr", "en"] as const).map((l) => <option key={l} value={l}>{m.languages[l]}</option>)}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea id={id} lang={language} dir={language === "ar" ? "rtl" : "ltr"} value={text} onChange={(e) => onText(e.target.value)}
          required={required} maxLength={5000} aria-invalid={error ? true : undefined} aria-describedby={described} />
        {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
        <FieldError id={`${id}-error`} text={error} />
      </div>
    </div>
  );
}
