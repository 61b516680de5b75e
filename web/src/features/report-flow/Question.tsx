/** One of a category's extra questions, in the control its data type calls for. */
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { CategoryQuestion } from "../../lib/types.ts";
import { Field } from "./fields.tsx";
import messages from "./report-flow.messages.ts";

interface QuestionProps { question: CategoryQuestion; label: string; value: string; error?: string; onChange(value: string): void }

export function Question({ question: q, label, value, error, onChange }: QuestionProps) {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const id = `attribute-${q.code}`;
  const fullLabel = q.required ? label : `${label} ${m.optional}`;

  if (q.datatype === "multivaluelist") {
    const chosen = new Set(value ? value.split(",") : []);
    const toggle = (key: string, on: boolean) => {
      if (on) chosen.add(key); else chosen.delete(key);
      onChange([...chosen].join(","));
    };
    return (
      <fieldset className="field" aria-describedby={error ? `${id}-error` : undefined}>
        <legend>{fullLabel}</legend>
        {q.values?.map((v, i) => (
          <label key={v.key} className="checkbox">
            <input type="checkbox" checked={chosen.has(v.key)} onChange={(e) => toggle(v.key, e.target.checked)}
              aria-invalid={error && i === 0 ? true : undefined} />
            <span>{localized(v.name, lang)}</span>
          </label>
        ))}
        {error && <span id={`${id}-error`} className="error">{error}</span>}
      </fieldset>
    );
  }
  return (
    <Field id={id} label={fullLabel} error={error}>
      {(a11y) => {
        if (q.datatype === "singlevaluelist") {
          return (
            <select {...a11y} value={value} onChange={(e) => onChange(e.target.value)}>
              <option value="">{m.choose}</option>
              {q.values?.map((v) => <option key={v.key} value={v.key}>{localized(v.name, lang)}</option>)}
            </select>
          );
        }
        if (q.datatype === "text") return <textarea {...a11y} dir="auto" rows={3} maxLength={500} value={value} onChange={(e) => onChange(e.target.value)} />;
        const type = q.datatype === "number" ? "number" : q.datatype === "datetime" ? "datetime-local" : "text";
        return <input {...a11y} type={type} dir="auto" maxLength={500} value={value} onChange={(e) => onChange(e.target.value)} />;
      }}
    </Field>
  );
}
