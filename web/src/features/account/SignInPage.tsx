import { useState } from "react";
import { Link, useLocation } from "wouter";
import { ApiError } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import { isStaff, useSession } from "../../lib/session.tsx";
import messages from "./account.messages.ts";
import { Field } from "./Field.tsx";
import { useSubmit } from "./use-submit.ts";

/** Where to go after signing in: a path of this site only (never an open redirect). */
export function nextPath(fallback: string): string {
  const next = new URLSearchParams(window.location.search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : fallback;
}

export default function SignInPage() {
  const [m] = useMessages(messages);
  const { signIn } = useSession();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, submit, fieldError } = useSubmit(async () => {
    const user = await signIn(email, password);
    navigate(nextPath(isStaff(user) ? "/staff" : "/me"));
  });
  const wrongCredentials = error instanceof ApiError && error.status === 401;

  return (
    <main id="main" className="page narrow">
      <h1>{m.signInTitle}</h1>
      <form onSubmit={submit} noValidate>
        <Field label={m.email} type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError("email")} />
        <Field label={m.password} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError("password")} />
        <p role="alert" className="form-error">{wrongCredentials ? m.signInFailed : error && !(error instanceof ApiError && error.fields.length) ? error.message : ""}</p>
        <button type="submit" className="button secondary" disabled={busy}>{m.signInButton}</button>
      </form>
      <p><Link href="/account/forgot">{m.forgotPassword}</Link></p>
      <p>{m.noAccount} <Link href="/signup">{m.createAccount}</Link></p>
    </main>
  );
}
