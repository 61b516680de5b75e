/**
 * "Me too": how many other people have the report's problem, and a button to be one of them.
 * Signed in, a press counts at once; otherwise the visitor gives an e-mail and is counted once
 * they open the link we send (the API decides; see support-report.ts). Only reports still being
 * dealt with can be supported, and the reporter already counts.
 */
import { useState } from "react";
import { api, ApiError } from "../../lib/api.ts";
import { useLanguage, useMessages } from "../../lib/i18n.tsx";
import { openStates } from "../../lib/states.ts";
import type { PublicReport, ReportDetail, User } from "../../lib/types.ts";
import messages from "./report-loop.messages.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function MeTooCard({ report, viewer, user, onDone }: { report: PublicReport; viewer: ReportDetail["viewer"]; user: User | null; onDone(): Promise<void> }) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const [email, setEmail] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [checkEmail, setCheckEmail] = useState(false);
  // The state "open" is unconfirmed: a public page never shows it.
  const supportable = openStates.includes(report.state) && report.state !== "open";

  const submit = async () => {
    if (!user && !EMAIL.test(email.trim())) return setError(m.emailInvalid);
    setSending(true);
    setError(undefined);
    try {
      const reply = await api<{ confirmationRequired: boolean; supporterCount: number }>(`/api/reports/${report.ref}/supporters`, {
        json: { ...(user ? {} : { email: email.trim() }), language: lang },
      });
      if (reply.confirmationRequired) setCheckEmail(true);
      else await onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.messageFor("email") ?? err.title : m.failed);
    } finally {
      setSending(false);
    }
  };

  const status = viewer.reporter ? m.meTooReporter
    : viewer.supporting ? m.meTooDone
      : checkEmail ? m.meTooCheckEmail
        : !supportable ? m.meTooClosed : null;

  return (
    <section aria-labelledby="metoo-heading" className="card metoo">
      <h2 id="metoo-heading">{m.meTooHeading}</h2>
      <p className="metoo-count" id="metoo-count">
        {report.supporterCount > 0 ? f.plural(m.supporters, report.supporterCount) : m.noSupporters}
      </p>
      {status ? (
        <p className="notice" role="status">{status}</p>
      ) : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <p className="hint">{m.meTooHint}</p>
          {!user && (
            <div className="field">
              <label htmlFor="metoo-email">{m.emailLabel}</label>
              <input id="metoo-email" type="email" inputMode="email" autoComplete="email" dir="ltr" value={email}
                onChange={(e) => setEmail(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? "metoo-error" : undefined} />
            </div>
          )}
          {error && <p className="form-error" id="metoo-error" role="alert">{error}</p>}
          <button type="submit" className="button primary" disabled={sending} aria-describedby="metoo-count">{sending ? m.sending : m.meToo}</button>
        </form>
      )}
    </section>
  );
}
