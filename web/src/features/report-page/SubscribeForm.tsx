/** Following a report by e-mail: anyone may ask; the address is confirmed by a link unless it is a verified account's. */
import { useState } from "react";
import { api, ApiError } from "../../lib/api.ts";
import { useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { User } from "../../lib/types.ts";
import messages from "./report-page.messages.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SubscribeForm({ reportRef, user }: { reportRef: string; user: User | null }) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const [email, setEmail] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<"confirm" | "subscribed" | null>(null);

  const submit = async () => {
    if (!user && !EMAIL.test(email.trim())) return setError(m.emailInvalid);
    setSending(true);
    setError(undefined);
    try {
      // Signed in, the account's address is used.
      const reply = await api<{ confirmationRequired: boolean }>(`/api/reports/${reportRef}/subscriptions`, {
        json: { ...(user ? {} : { email: email.trim() }), language: lang },
      });
      setResult(reply.confirmationRequired ? "confirm" : "subscribed");
    } catch (err) {
      setError(err instanceof ApiError ? err.messageFor("email") ?? err.title : m.failed);
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="subscribe-heading" className="card subscribe-form">
      <h2 id="subscribe-heading">{m.subscribeHeading}</h2>
      <p className="hint">{m.subscribeHint}</p>
      {result ? (
        <p className="notice" role="status">{result === "confirm" ? m.subscribeConfirm : m.subscribed}</p>
      ) : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          {user ? (
            <p>{f.fill(m.subscribeSignedIn, { email: user.email })}</p>
          ) : (
            <div className="field">
              <label htmlFor="subscribe-email">{m.emailLabel}</label>
              <input id="subscribe-email" type="email" inputMode="email" autoComplete="email" dir="ltr" value={email}
                onChange={(e) => setEmail(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? "subscribe-error" : undefined} />
            </div>
          )}
          {error && <p className="form-error" id="subscribe-error" role="alert">{error}</p>}
          <button type="submit" className="button secondary" disabled={sending}>{sending ? m.sending : m.subscribe}</button>
        </form>
      )}
    </section>
  );
}
