/**
 * Writing on a report as a signed-in person: a public update (with one optional photo), or the
 * same with a state change to "reopened". Who may reopen follows the API (add-update.ts): the
 * reporter when their report is fixed; its managing staff from any closing state.
 */
import { useEffect, useRef, useState } from "react";
import { api, ApiError } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import type { Page, PublicReport, ReportListItem, ReportState, StaffReport, User } from "../../lib/types.ts";
import { resizePhoto, UnreadablePhoto } from "../report-flow/resize-photo.ts";
import messages from "./report-page.messages.ts";

const STAFF_CAN_REOPEN: ReportState[] = ["fixed", "closed", "duplicate", "not_responsible", "referred"];
/** A box of a few metres around the report, to find it among the citizen's own. */
const OWN_BOX = 0.0002;

const isStaffView = (r: PublicReport | StaffReport): r is StaffReport => "reporter" in r;

export function useCanReopen(report: PublicReport | StaffReport, user: User | null): boolean {
  const [ownFixed, setOwnFixed] = useState(false);
  const staffView = isStaffView(report);
  // The public view does not say who reported: a citizen's own reports answer that.
  const mayBeOwn = user !== null && !staffView && report.state === "fixed";
  useEffect(() => {
    setOwnFixed(false);
    if (!mayBeOwn) return;
    const bbox = [report.lon - OWN_BOX, report.lat - OWN_BOX, report.lon + OWN_BOX, report.lat + OWN_BOX].map((n) => n.toFixed(6)).join(",");
    const query = new URLSearchParams({ bbox, category: report.category, state: "fixed", limit: "50" });
    const controller = new AbortController();
    api<Page<ReportListItem>>(`/api/me/reports?${query}`, { signal: controller.signal })
      .then((page) => setOwnFixed(page.items.some((r) => r.ref === report.ref)), () => {});
    return () => controller.abort();
  }, [mayBeOwn, report.ref, report.lat, report.lon, report.category]);
  if (staffView) return STAFF_CAN_REOPEN.includes(report.state);
  return mayBeOwn && ownFixed;
}

interface Props {
  reportRef: string;
  heading: string;
  label: string;
  hint: string;
  submitLabel: string;
  /** Said once the update is saved. */
  done: string;
  state?: ReportState;
  withPhoto?: boolean;
  onDone(): Promise<void>;
}

export function UpdateForm({ reportRef, heading, label, hint, submitLabel, done, state, withPhoto, onDone }: Props) {
  const [m] = useMessages(messages);
  const [text, setText] = useState("");
  const [photo, setPhoto] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ field: "text" | "photo" | null; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const photoInput = useRef<HTMLInputElement>(null);
  const id = state ? `update-${state}` : "update";

  const submit = async () => {
    if (!text.trim()) return setError({ field: "text", message: m.textRequired });
    setSending(true);
    setError(null);
    setSaved(false);
    try {
      const body = { text: text.trim(), ...(state ? { state } : {}) };
      if (photo) {
        const form = new FormData();
        for (const [k, v] of Object.entries(body)) form.append(k, v);
        form.append("photos", await resizePhoto(photo), "photo.jpg");
        await api(`/api/reports/${reportRef}/updates`, { form });
      } else {
        await api(`/api/reports/${reportRef}/updates`, { json: body });
      }
      setText("");
      setPhoto(null);
      if (photoInput.current) photoInput.current.value = "";
      setSaved(true);
      await onDone();
    } catch (err) {
      if (err instanceof ApiError) {
        const photoMessage = err.fields.find((p) => p.field.startsWith("photos"))?.message;
        setError(photoMessage ? { field: "photo", message: photoMessage } : { field: err.messageFor("text") ? "text" : null, message: err.messageFor("text") ?? err.title });
      } else {
        setError({ field: null, message: err instanceof UnreadablePhoto ? m.photoUnreadable : m.failed });
      }
    } finally {
      setSending(false);
    }
  };

  const describedBy = (own: string, field: "text" | "photo") => [own, error?.field === field && `${id}-error`].filter(Boolean).join(" ");

  return (
    <section aria-labelledby={`${id}-heading`} className="card update-form">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="field">
          <label htmlFor={`${id}-text`}>{label}</label>
          <span className="hint" id={`${id}-hint`}>{hint}</span>
          <textarea id={`${id}-text`} dir="auto" rows={4} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy(`${id}-hint`, "text")} aria-invalid={error?.field === "text" ? true : undefined} />
        </div>
        {withPhoto && (
          <div className="field">
            <label htmlFor={`${id}-photo`}>{m.photoLabel}</label>
            <input ref={photoInput} id={`${id}-photo`} type="file" accept="image/*" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
              aria-describedby={describedBy("", "photo") || undefined} aria-invalid={error?.field === "photo" ? true : undefined} />
          </div>
        )}
        {error && <p className="form-error" id={`${id}-error`} role="alert">{error.message}</p>}
        <button type="submit" className="button primary" disabled={sending}>{sending ? m.sending : submitLabel}</button>
        <p role="status" className="saved">{saved ? done : ""}</p>
      </form>
    </section>
  );
}
