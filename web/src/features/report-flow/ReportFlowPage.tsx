/**
 * Reporting a problem in four steps — place, details, category, review and send — with the
 * draft kept across reloads, one Idempotency-Key per draft, server field errors sent back to
 * the step that holds the field, and the offline queue when there is no connection.
 * The citizen describes the problem before choosing its category: as they write, the AI
 * reads the text (any of the ways Casablanca writes: Darija in Arabic letters or Arabizi,
 * MSA, French, English) to suggest the category, and, once place and category are known,
 * the open reports it probably repeats.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useSearch } from "wouter";
import { ApiError, NetworkError } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { keepForLater, sendReport } from "../../lib/offline-queue.ts";
import { useSession } from "../../lib/session.tsx";
import { useAreas } from "../../lib/areas.ts";
import { CategoryStep } from "./CategoryStep.tsx";
import { DescribeStep } from "./DescribeStep.tsx";
import { newDraft, reportFields, useDraft, type Draft, type LatLon } from "./draft.ts";
import { OutcomeView, type Outcome } from "./Outcome.tsx";
import type { AddedPhotos } from "./PhotoPicker.tsx";
import { MAX_PHOTOS, readGps } from "./photos.ts";
import { PlaceStep } from "./PlaceStep.tsx";
import messages from "./report-flow.messages.ts";
import { resizePhoto } from "./resize-photo.ts";
import { ReviewStep } from "./ReviewStep.tsx";
import { suggestionOf, triageQuery, TRIAGE_CHOICE_DELAY_MS, TRIAGE_TYPING_DELAY_MS, useTriage, type Suggestion } from "./use-triage.ts";
import "./report-flow.css";

const STEPS = ["place", "describe", "category", "review"] as const;
const PLACE = 1, DESCRIBE = 2, CATEGORY = 3, REVIEW = 4;
const ZOOM_ON_START_PIN = 16;
/** Problems whose title says more than the generic message of the field they name. */
const TITLE_SAYS_IT = new Set(["outside_area", "location_required", "contact_required", "unknown_category"]);

/** The step holding a field the server refused ("photos[2]" and "reporter.email" are on step 2, "attributes.size" on step 3). */
function stepOf(field: string): number {
  if (field === "lat" || field === "lon") return PLACE;
  if (field === "category" || field.startsWith("attributes.")) return CATEGORY;
  return DESCRIBE;
}

const fieldName = (field: string) => (field === "lon" ? "lat" : field.replace(/\[\d+\]$/, ""));

/** `?lat=&lon=` from the map home (its centre), if both are numbers. */
function pinFromQuery(search: string): LatLon | null {
  const q = new URLSearchParams(search);
  const lat = Number(q.get("lat") ?? NaN);
  const lon = Number(q.get("lon") ?? NaN);
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

export default function ReportFlowPage() {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const { user } = useSession();
  const city = useCity();
  const search = useSearch();
  const queryPin = useMemo(() => pinFromQuery(search), [search]);
  const { draft, update, photos, setPhotos, reset } = useDraft(() => newDraft(queryPin));
  const areas = useAreas();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [sendError, setSendError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inFlight = useRef(false);
  const step = draft.step;
  const triage = useTriage(triageQuery(draft), step === DESCRIBE ? TRIAGE_TYPING_DELAY_MS : TRIAGE_CHOICE_DELAY_MS);
  const suggestion = useMemo(() => suggestionOf(triage, city), [triage, city]);
  useSuggestedCategory(suggestion, draft, update);

  useEffect(() => {
    document.title = `${m.title} — ${localized(city.name, lang)}`;
  }, [m.title, city.name, lang]);

  // A signed-in citizen's name is filled in for them once the session is known (they may still
  // change it, or empty it: it is not filled again).
  useEffect(() => {
    if (user && !draft.name) update({ name: user.name });
  }, [user]);

  // The new step's heading takes the focus (or, after a refusal, the first field in error), so
  // a screen reader says where the citizen is. Not on the first render: the page just opened.
  const focusInvalid = useRef(false);
  const opened = useRef(false);
  useEffect(() => {
    if (!opened.current) { opened.current = true; return; }
    const invalid = focusInvalid.current ? document.querySelector<HTMLElement>('.step-form [aria-invalid="true"]') : null;
    focusInvalid.current = false;
    (invalid ?? document.getElementById("step-heading"))?.focus();
  }, [step, outcome]);

  const goTo = (next: number) => {
    setSendError(undefined);
    // Moving on from a step means its fields were checked again: the server's old complaints about them are stale.
    if (next > step) setServerErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([field]) => stepOf(field) !== step)));
    update({ step: next });
  };

  /** Shrinks and keeps the photos there is room for; on the Place step, also reads where they were taken. */
  const addPhotos = async (files: File[], withPosition = false): Promise<AddedPhotos> => {
    const room = MAX_PHOTOS - photos.length;
    const result: AddedPhotos = { gps: null, unreadable: 0, skipped: 0 };
    for (const [i, file] of files.entries()) {
      // The position is read even from a photo there is no room for: it can still place the pin.
      if (withPosition) result.gps ??= await readGps(file);
      if (i >= room) { result.skipped++; continue; }
      try {
        const blob = await resizePhoto(file);
        setPhotos((list) => (list.length < MAX_PHOTOS ? [...list, { id: crypto.randomUUID(), blob }] : list));
      } catch {
        result.unreadable++;
      }
    }
    return result;
  };

  const addPhotoForPlace = async (file: File) => {
    const result = await addPhotos([file], true);
    if (result.gps) return result.gps;
    return result.unreadable ? "unreadable" as const : result.skipped ? "full" as const : null;
  };

  const removePhoto = (id: string) => setPhotos((list) => list.filter((p) => p.id !== id));

  const refused = (err: ApiError) => {
    const code = err.type.split("/").pop() ?? "";
    const byField: Record<string, string> = {};
    for (const p of err.fields) byField[fieldName(p.field)] ??= TITLE_SAYS_IT.has(code) ? err.title : p.message;
    const steps = err.fields.map((p) => stepOf(p.field));
    if (steps.length === 0 || err.fields.every((p) => p.field === "Idempotency-Key")) return setSendError(err.title);
    setServerErrors(byField);
    focusInvalid.current = true;
    update({ step: Math.min(...steps) });
  };

  const send = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setSendError(undefined);
    const fields = reportFields(draft, lang, user !== null);
    const blobs = photos.map((p) => p.blob);
    try {
      const report = await sendReport(fields, blobs, draft.key);
      reset();
      setOutcome({ kind: "sent", report });
    } catch (err) {
      if (err instanceof NetworkError || (err instanceof ApiError && err.status >= 502 && err.status <= 504)) {
        // The same key: if the request did reach the server, sending it again files nothing new.
        await keepForLater(fields, blobs, draft.key);
        reset();
        setOutcome({ kind: "waiting", key: draft.key });
      } else if (err instanceof ApiError) {
        refused(err);
      } else {
        setSendError(m.sendFailed);
      }
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  const startView = draft.pin ?? queryPin;
  const start = startView ? { ...startView, zoom: ZOOM_ON_START_PIN } : city.center;
  const stepName = STEPS[step - 1] ?? "place";
  const errorsOf = (s: number) => Object.fromEntries(Object.entries(serverErrors).filter(([field]) => stepOf(field) === s));

  return (
    <main id="main" className="page narrow report-flow">
      <h1>{m.title}</h1>
      {outcome ? (
        <OutcomeView outcome={outcome} onOutcome={setOutcome} onAnother={() => setOutcome(null)} />
      ) : (
        <>
          <div className="step-indicator">
            <p className="step-count">{f.fill(m.stepOf, { step, total: STEPS.length })} — {m.steps[stepName]}</p>
            <ol className="step-bar" aria-hidden="true">
              {STEPS.map((s, i) => <li key={s} className={i + 1 < step ? "done" : i + 1 === step ? "current" : undefined} />)}
            </ol>
          </div>
          {step === PLACE && (
            <PlaceStep draft={draft} update={update} areas={areas} error={serverErrors.lat} start={start}
              addPhotoForPlace={addPhotoForPlace} onNext={() => goTo(DESCRIBE)} />
          )}
          {step === DESCRIBE && (
            <DescribeStep draft={draft} update={update} user={user} photos={photos} addPhotos={addPhotos} removePhoto={removePhoto}
              serverErrors={errorsOf(DESCRIBE)} onBack={() => goTo(PLACE)} onNext={() => goTo(CATEGORY)} />
          )}
          {step === CATEGORY && (
            <CategoryStep draft={draft} update={update} suggestion={suggestion} serverErrors={errorsOf(CATEGORY)}
              onBack={() => goTo(DESCRIBE)} onNext={() => goTo(REVIEW)} />
          )}
          {step === REVIEW && (
            <ReviewStep draft={draft} photos={photos} areas={areas} user={user} duplicates={triage?.duplicates ?? []} sending={sending} error={sendError}
              onEdit={goTo} onBack={() => goTo(CATEGORY)} onSend={() => void send()} />
          )}
        </>
      )}
    </main>
  );
}

/**
 * Fills in the suggested category when the AI is sure of it, unless the citizen chose one
 * themselves; takes it back if a later suggestion (the text changed) is no longer sure.
 */
function useSuggestedCategory(suggestion: Suggestion | null, draft: Draft, update: (patch: Partial<Draft>) => void): void {
  useEffect(() => {
    if (!suggestion || (draft.category && !draft.suggested)) return;
    const top = suggestion.confident ? suggestion.codes[0] : undefined;
    if (top && top !== draft.category) update({ category: top, suggested: true, attributes: {} });
    else if (!top && draft.suggested) update({ category: "", suggested: false, attributes: {} });
  }, [suggestion]);
}
