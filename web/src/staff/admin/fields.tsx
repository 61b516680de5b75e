/**
 * Form fields of the admin pages: a label, the control, a hint and the server's error beside
 * it, wired with aria-describedby / aria-invalid. Texts in the three languages sit side by side,
 * each input in its own language and direction.
 */
import { useId, type ReactNode } from "react";
import { languages, type Language } from "../../lib/i18n.tsx";
import type { Localized } from "../../lib/types.ts";

/** Language names are written in their own language: the same in every interface. */
const autonyms: Record<Language, string> = { ar: "العربية", fr: "Français", en: "English" };
export const languageOptions = languages.map((l) => ({ value: l, label: autonyms[l], lang: l }));

function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

function Help({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
      {error && <span id={`${id}-error`} className="error">{error}</span>}
    </>
  );
}

interface Common { label: string; hint?: string; error?: string; disabled?: boolean }

export function TextField({ label, hint, error, value, onChange, multiline, lang, ...input }: Common & {
  value: string; onChange(value: string): void; multiline?: boolean;
  /** For a text in one language: its input and its label (the language's own name) carry it. */
  lang?: string;
  type?: "text" | "email" | "number" | "url" | "password"; dir?: "ltr" | "rtl"; required?: boolean; autoComplete?: string; min?: number; max?: number;
}) {
  const id = useId();
  const common = { id, value, lang, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, hint, error) };
  return (
    <div className="field">
      <label htmlFor={id} lang={lang}>{label}</label>
      {multiline
        ? <textarea {...common} dir={input.dir} required={input.required} disabled={input.disabled} rows={3} onChange={(e) => onChange(e.target.value)} />
        : <input {...common} type="text" {...input} onChange={(e) => onChange(e.target.value)} />}
      <Help id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField<V extends string>({ label, hint, error, value, onChange, options, disabled }: Common & {
  value: V; onChange(value: V): void; options: { value: V; label: string; lang?: string }[];
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as V)}
        aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}>
        {options.map((o) => <option key={o.value} value={o.value} lang={o.lang}>{o.label}</option>)}
      </select>
      <Help id={id} hint={hint} error={error} />
    </div>
  );
}

export function CheckboxField({ label, hint, error, checked, onChange, disabled }: Common & { checked: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <div className="field">
      <div className="checkbox">
        <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
        <label htmlFor={id}>{label}</label>
      </div>
      <Help id={id} hint={hint} error={error} />
    </div>
  );
}

export const emptyLocalized = (): Localized => ({ ar: "", fr: "", en: "" });

/**
 * One text in ar, fr and en, side by side on a wide screen. `field` is the API's name for it:
 * the server reports errors as `name.ar`, `description.fr`…, shown under the right input.
 */
export function LocalizedFields({ legend, hint, value, onChange, errorFor, field, multiline, required }: {
  legend: string; hint?: string; value: Localized; onChange(value: Localized): void; errorFor(field: string): string | undefined;
  field: string; multiline?: boolean; required?: boolean;
}) {
  const hintId = useId();
  const whole = errorFor(field);
  return (
    <fieldset className="localized" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint && <p id={hintId} className="hint">{hint}</p>}
      {whole && <p className="error">{whole}</p>}
      <div className="localized-inputs">
        {languages.map((l) => (
          <TextField key={l} label={autonyms[l]} lang={l} dir={l === "ar" ? "rtl" : "ltr"} multiline={multiline} required={required}
            value={value[l] ?? ""} onChange={(text) => onChange({ ...value, [l]: text })} error={errorFor(`${field}.${l}`)} />
        ))}
      </div>
    </fieldset>
  );
}

/** A wide table that scrolls on its own on a phone, reachable and scrollable with the keyboard. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}

