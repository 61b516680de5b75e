/**
 * Step 2: a title, a description, photos, and how to reach the citizen. What they write here is
 * what the AI reads to suggest the category on the next step.
 */
import { useState } from "react";
import { flushSync } from "react-dom";
import { useMessages } from "../../lib/i18n.tsx";
import type { User } from "../../lib/types.ts";
import type { Draft, DraftPhoto } from "./draft.ts";
import { Field, focusFirstInvalid, StepForm } from "./fields.tsx";
import { PhotoPicker, type AddedPhotos } from "./PhotoPicker.tsx";
import messages from "./report-flow.messages.ts";

/** The server's limits (createReportBody). */
export const limits = { titleMin: 3, title: 120, description: 5000, name: 100 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{6,30}$/;

type Errors = Record<string, string>;

interface Props {
  draft: Draft;
  update(patch: Partial<Draft>): void;
  user: User | null;
  photos: DraftPhoto[];
  addPhotos(files: File[]): Promise<AddedPhotos>;
  removePhoto(id: string): void;
  /** Field errors from the server, by field name ("title", "reporter.email", "photos"…). */
  serverErrors: Errors;
  onBack(): void;
  onNext(): void;
}

export function DescribeStep({ draft, update, user, photos, addPhotos, removePhoto, serverErrors, onBack, onNext }: Props) {
  const [m, f] = useMessages(messages);
  const [errors, setErrors] = useState<Errors>(serverErrors);

  const validate = (): Errors => {
    const e: Errors = {};
    const title = draft.title.trim();
    if (title.length < limits.titleMin) e.title = f.fill(m.titleTooShort, { min: limits.titleMin });
    else if (title.length > limits.title) e.title = f.fill(m.tooLong, { max: limits.title });
    if (draft.description.trim().length > limits.description) e.description = f.fill(m.tooLong, { max: limits.description });
    if (draft.name.trim().length > limits.name) e["reporter.name"] = f.fill(m.tooLong, { max: limits.name });
    if (!user && !draft.email.trim()) e["reporter.email"] = m.emailRequired;
    else if (!user && !EMAIL.test(draft.email.trim())) e["reporter.email"] = m.emailInvalid;
    if (draft.phone.trim() && !PHONE.test(draft.phone.trim())) e["reporter.phone"] = m.phoneInvalid;
    return e;
  };

  /** Changing a field takes its complaint away: it is checked again on "Next". */
  const edit = (field: string, patch: Partial<Draft>) => {
    update(patch);
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
  };

  const submit = (form: HTMLFormElement) => {
    const found = validate();
    flushSync(() => setErrors(found));
    if (Object.keys(found).length) return focusFirstInvalid(form);
    onNext();
  };

  const photoError = Object.entries(errors).find(([field]) => field.startsWith("photos"))?.[1];

  return (
    <StepForm heading={m.describeHeading} submitLabel={m.next} onSubmit={submit} onBack={onBack}>
      <Field id="title" label={m.titleLabel} hint={m.titleHint} error={errors.title}
        counter={f.fill(m.charCount, { count: draft.title.length, max: limits.title })}>
        {(a11y) => <input {...a11y} type="text" dir="auto" maxLength={limits.title} value={draft.title} onChange={(e) => edit("title", { title: e.target.value })} />}
      </Field>
      <Field id="description" label={m.descriptionLabel} hint={m.descriptionHint} error={errors.description}
        counter={f.fill(m.charCount, { count: draft.description.length, max: limits.description })}>
        {(a11y) => <textarea {...a11y} dir="auto" rows={5} maxLength={limits.description} value={draft.description} onChange={(e) => edit("description", { description: e.target.value })} />}
      </Field>

      <PhotoPicker photos={photos} error={photoError} addPhotos={addPhotos} removePhoto={removePhoto} />

      <fieldset className="contact" aria-describedby="contact-hint">
        <legend><h3>{m.contactHeading}</h3></legend>
        <p className="hint" id="contact-hint">{m.contactHint}</p>
        <Field id="reporter-name" label={m.nameLabel} error={errors["reporter.name"]}>
          {(a11y) => <input {...a11y} type="text" autoComplete="name" dir="auto" maxLength={limits.name} value={draft.name} onChange={(e) => edit("reporter.name", { name: e.target.value })} />}
        </Field>
        {user ? (
          <Field id="reporter-email" label={m.emailLabel} hint={m.emailSignedIn}>
            {(a11y) => <input {...a11y} type="email" value={user.email} readOnly dir="ltr" />}
          </Field>
        ) : (
          <Field id="reporter-email" label={m.emailLabel} hint={m.emailHint} error={errors["reporter.email"]}>
            {(a11y) => <input {...a11y} type="email" inputMode="email" autoComplete="email" dir="ltr" required value={draft.email} onChange={(e) => edit("reporter.email", { email: e.target.value })} />}
          </Field>
        )}
        <Field id="reporter-phone" label={m.phoneLabel} error={errors["reporter.phone"]}>
          {(a11y) => <input {...a11y} type="tel" inputMode="tel" autoComplete="tel" dir="ltr" value={draft.phone} onChange={(e) => edit("reporter.phone", { phone: e.target.value })} />}
        </Field>
        <div className="checkbox">
          <input id="show-name" type="checkbox" checked={draft.showName} aria-describedby="show-name-hint" onChange={(e) => update({ showName: e.target.checked })} />
          <div>
            <label htmlFor="show-name">{m.showName}</label>
            <p className="hint" id="show-name-hint">{m.showNameHint}</p>
          </div>
        </div>
      </fieldset>
    </StepForm>
  );
}
