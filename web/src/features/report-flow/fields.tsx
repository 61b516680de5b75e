/** Form furniture shared by the steps: a labelled field with its hint, counter and error, and the step's form. */
import type { ReactNode } from "react";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./report-flow.messages.ts";

export interface FieldA11y {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: string;
  /** e.g. "12 / 120 characters", read with the field. */
  counter?: string;
  error?: string;
  children(a11y: FieldA11y): ReactNode;
}

export function Field({ id, label, hint, counter, error, children }: FieldProps) {
  const describedBy = [hint && `${id}-hint`, counter && `${id}-counter`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {counter && <span id={`${id}-counter`} className="hint counter">{counter}</span>}
      {error && <span id={`${id}-error`} className="error">{error}</span>}
    </div>
  );
}

interface StepFormProps {
  heading: string;
  submitLabel: string;
  onSubmit(form: HTMLFormElement): void;
  onBack?: () => void;
  busy?: boolean;
  children: ReactNode;
}

/** One step: a form whose heading takes the focus when the step appears (see ReportFlowPage). */
export function StepForm({ heading, submitLabel, onSubmit, onBack, busy, children }: StepFormProps) {
  const [m] = useMessages(messages);
  return (
    <form className="step-form" noValidate aria-labelledby="step-heading" onSubmit={(e) => { e.preventDefault(); onSubmit(e.currentTarget); }}>
      <h2 id="step-heading" tabIndex={-1}>{heading}</h2>
      {children}
      <div className="step-actions">
        {onBack && (
          <button type="button" className="button" onClick={onBack}>
            <span className="flip" aria-hidden="true">←</span> {m.back}
          </button>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel} <span className="flip" aria-hidden="true">→</span>
        </button>
      </div>
    </form>
  );
}

/** After an invalid submit: the first field in error gets the focus (its message is read with it). */
export function focusFirstInvalid(form: HTMLElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
