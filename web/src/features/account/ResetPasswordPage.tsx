import { useState } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./account.messages.ts";
import { Field } from "./Field.tsx";
import { useSubmit } from "./use-submit.ts";

/** /account/reset?token=… — the link of the password reset e-mail. */
export default function ResetPasswordPage() {
  const [m] = useMessages(messages);
  const token = new URLSearchParams(window.location.search).get("token") ?? "";
  const [password, setPassword] = useState("");
  const { busy, result, submit, fieldError, formError } = useSubmit(() => api("/api/account/password", { json: { token, password } }).then(() => true));
  const tokenProblem = fieldError("token");
  return (
    <main id="main" className="page narrow">
      <h1>{m.resetTitle}</h1>
      {result ? <><p className="notice" role="status">{m.resetDone}</p><p><Link href="/signin">{m.signInTitle}</Link></p></> : (
        <form onSubmit={submit} noValidate>
          <Field label={m.newPassword} type="password" name="password" autoComplete="new-password" required minLength={10} hint={m.passwordHint} value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError("password")} />
          <p role="alert" className="form-error">{!token ? m.missingToken : tokenProblem ? m.linkInvalid : formError ?? ""}</p>
          <button type="submit" className="button secondary" disabled={busy || !token}>{m.resetButton}</button>
        </form>
      )}
    </main>
  );
}
