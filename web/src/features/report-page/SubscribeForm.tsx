/**
 * Following a report: by e-mail (anyone may ask; the address is confirmed by a link unless it
 * is a verified account's) or, where the browser supports Web Push, by notifications on this
 * device (the browser's permission is the proof: active at once).
 */
import { useState } from "react";
import { api, ApiError } from "../../lib/api.ts";
import { useLanguage, useMessages } from "../../lib/i18n.tsx";
import { PushUnavailableError, pushSupported, subscribeToPush } from "../../lib/push.ts";
import type { User } from "../../lib/types.ts";
import messages from "./report-page.messages.ts";
import pushMessages from "./subscribe-form.messages.ts";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SubscribeForm({ reportRef, user }: { reportRef: string; user: User | null }) {
  const [m, f] = useMessages(messages);
  const [p] = useMessages(pushMessages);
  const { lang } = useLanguage();
  // Asked once: the answer does not change while the page is open.
  const [canPush] = useState(pushSupported);
  const [channel, setChannel] = useState<"email" | "push">("email");
  const [email, setEmail] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<"confirm" | "subscribed" | "push" | null>(null);

  const submit = async () => {
    if (channel === "email" && !user && !EMAIL.test(email.trim())) return setError(m.emailInvalid);
    setSending(true);
    setError(undefined);
    try {
      if (channel === "push") {
        // Asks the browser's permission inside the click that submitted the form.
        const push = await subscribeToPush();
        await api(`/api/reports/${reportRef}/subscriptions`, { json: { channel: "push", push, language: lang } });
        setResult("push");
        return;
      }
      // Signed in, the account's address is used.
      const reply = await api<{ confirmationRequired: boolean }>(`/api/reports/${reportRef}/subscriptions`, {
        json: { ...(user ? {} : { email: email.trim() }), language: lang },
      });
      setResult(reply.confirmationRequired ? "confirm" : "subscribed");
    } catch (err) {
      setError(err instanceof PushUnavailableError ? (err.reason === "denied" ? p.pushDenied : p.pushUnavailable)
        : err instanceof ApiError ? err.messageFor(channel === "push" ? "push" : "email") ?? err.title : m.failed);
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="subscribe-heading" className="card subscribe-form">
      <h2 id="subscribe-heading">{canPush ? p.heading : m.subscribeHeading}</h2>
      <p className="hint">{canPush ? p.hint : m.subscribeHint}</p>
      {result ? (
        <p className="notice" role="status">{result === "push" ? p.pushDone : result === "confirm" ? m.subscribeConfirm : m.subscribed}</p>
      ) : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          {canPush && (
            <fieldset className="field subscribe-channels" style={{ border: 0, padding: 0, margin: "0 0 1rem" }}>
              <legend>{p.how}</legend>
              {(["email", "push"] as const).map((c) => (
                <label key={c} className="checkbox">
                  <input type="radio" name="subscribe-channel" value={c} checked={channel === c} onChange={() => { setChannel(c); setError(undefined); }} />
                  <span>{c === "email" ? p.byEmail : p.byPush}</span>
                </label>
              ))}
            </fieldset>
          )}
          {channel === "push" ? (
            <p className="hint">{p.pushHint}</p>
          ) : user ? (
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
