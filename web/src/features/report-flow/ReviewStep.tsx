/**
 * Step 4: everything the citizen wrote, each part with a way back to change it, and — before
 * they send — the open reports the AI finds probably the same problem (near the pin, of the
 * same or a related category, saying much the same thing), which they may follow instead.
 */
import type { ReactNode } from "react";
import { Link } from "wouter";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages, type Language } from "../../lib/i18n.tsx";
import stateMessages from "../../lib/states.messages.ts";
import type { CategoryQuestion, User } from "../../lib/types.ts";
import type { TriageDuplicate } from "../../lib/triage.ts";
import { areaAt, type Areas } from "../../lib/areas.ts";
import type { Draft, DraftPhoto } from "./draft.ts";
import { StepForm } from "./fields.tsx";
import { PhotoThumb } from "./PhotoPicker.tsx";
import messages from "./report-flow.messages.ts";

interface Props {
  draft: Draft;
  photos: DraftPhoto[];
  areas: Areas | null;
  user: User | null;
  /** From triage of the draft's text, place and category; empty when it could not be asked. */
  duplicates: TriageDuplicate[];
  sending: boolean;
  error?: string;
  onEdit(step: number): void;
  onBack(): void;
  onSend(): void;
}

export function ReviewStep({ draft, photos, areas, user, duplicates, sending, error, onEdit, onBack, onSend }: Props) {
  const [m, f] = useMessages(messages);
  const [states] = useMessages(stateMessages);
  const { lang } = useLanguage();
  const city = useCity();

  const category = city.categories.find((c) => c.code === draft.category);
  const areaCode = draft.pin && areas ? areaAt(areas, draft.pin)?.properties.code : undefined;
  const area = city.areas.find((a) => a.code === areaCode);
  const answers = (category?.questions ?? []).filter((q) => draft.attributes[q.code]);

  return (
    <StepForm heading={m.reviewHeading} submitLabel={sending ? m.sending : m.send} busy={sending} onSubmit={onSend} onBack={onBack}>
      {duplicates.length > 0 && (
        <section className="nearby duplicates" aria-labelledby="duplicates-heading" data-testid="duplicates">
          <h3 id="duplicates-heading">{m.duplicatesHeading}</h3>
          <p>{m.duplicatesIntro}</p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.ref}>
                <Link href={`/r/${d.ref}`} dir="auto">{d.title}</Link>
                <span className="muted duplicate-meta"> — {f.fill(m.duplicateMeta, {
                  distance: f.number(d.distance, { style: "unit", unit: "meter", unitDisplay: "short", maximumFractionDigits: 0 }),
                  state: states[d.state as keyof typeof states] ?? d.state,
                  date: f.date(d.createdAt),
                })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <ReviewSection id="place" title={m.steps.place} onEdit={() => onEdit(1)}>
        <p>{area ? localized(area.name, lang) : m.pinPlaced}</p>
        {draft.pin && <p className="muted coordinates">{f.fill(m.coordinates, { lat: draft.pin.lat.toFixed(5), lon: draft.pin.lon.toFixed(5) })}</p>}
      </ReviewSection>

      <ReviewSection id="describe" title={m.steps.describe} onEdit={() => onEdit(2)}>
        <p className="review-title" dir="auto"><strong>{draft.title}</strong></p>
        <p className="review-description" dir="auto">{draft.description.trim() || <span className="muted">{m.noDescription}</span>}</p>
        {photos.length > 0
          ? <ul className="photo-previews">{photos.map((p, i) => <li key={p.id}><PhotoThumb blob={p.blob} alt={f.fill(m.photoAlt, { n: i + 1 })} /></li>)}</ul>
          : <p className="muted">{m.noPhotos}</p>}
        <dl className="review-answers">
          <div><dt>{m.nameLabel}</dt><dd dir="auto">{draft.name.trim() || "—"}</dd></div>
          <div><dt>{m.emailLabel}</dt><dd dir="ltr">{user?.email ?? draft.email}</dd></div>
          {draft.phone.trim() && <div><dt>{m.phoneLabel}</dt><dd dir="ltr">{draft.phone}</dd></div>}
        </dl>
        <p>{draft.showName && draft.name.trim() ? m.nameShown : m.nameHidden}</p>
      </ReviewSection>

      <ReviewSection id="category" title={m.steps.category} onEdit={() => onEdit(3)}>
        <p>{category ? localized(category.name, lang) : ""}</p>
        {answers.length > 0 && (
          <dl className="review-answers">
            {answers.map((q) => (
              <div key={q.code}>
                <dt>{localized(q.label, lang)}</dt>
                <dd dir="auto">{answerText(draft.attributes[q.code]!, q.values, lang, f.locale)}</dd>
              </div>
            ))}
          </dl>
        )}
      </ReviewSection>

      {error && <p className="form-error" role="alert">{error}</p>}
    </StepForm>
  );
}

/** An answer as the citizen chose it: list keys become their names, several joined as the language joins them. */
function answerText(value: string, values: CategoryQuestion["values"], lang: Language, locale: string): string {
  if (!values) return value;
  const names = value.split(",").map((key) => localized(values.find((v) => v.key === key)?.name, lang) || key);
  return new Intl.ListFormat(locale).format(names);
}

function ReviewSection({ id, title, onEdit, children }: { id: string; title: string; onEdit(): void; children: ReactNode }) {
  const [m] = useMessages(messages);
  return (
    <section className="review-section" aria-labelledby={`review-${id}`}>
      <div className="review-head">
        <h3 id={`review-${id}`}>{title}</h3>
        <button type="button" className="linklike edit-link" onClick={onEdit}>
          {m.edit}<span className="visually-hidden"> — {title}</span>
        </button>
      </div>
      {children}
    </section>
  );
}
