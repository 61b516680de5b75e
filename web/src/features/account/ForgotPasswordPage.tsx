import { useState } from "react";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./account.messages.ts";
import { Field } from "./Field.tsx";
import { useSubmit } from "./use-submit.ts";

export default function ForgotPasswordPage() {
  const [m] = useMessages(messages);
  const [email, setEmail] = useState("");
  const { busy, result, submit, fieldError, formError } = useSubmit(() => api("/api/account/password-reset", { json: { email } }).then(() => true));
  return (
    <main id="main" className="page narrow">
      <h1>{m.forgotTitle}</h1>
      {result ? <p className="notice" role="status">{m.forgotDone}</p> : (
        <form onSubmit={submit} noValidate>
          <p className="muted">{m.forgotIntro}</p>
          <Field label={m.email} type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError("email")} />
          <p role="alert" className="form-error">{formError ?? ""}</p>
          <button type="submit" className="button secondary" disabled={busy}>{m.forgotButton}</button>
        </form>
      )}
    </main>
  );
}
