import { useState } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useLanguage, useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import messages from "./account.messages.ts";
import { Field } from "./Field.tsx";
import { useSubmit } from "./use-submit.ts";

export default function SignUpPage() {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const { signIn } = useSession();
  const [form, setForm] = useState({ name: "", email: "", password: "", phone: "" });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const { busy, result, submit, fieldError, formError } = useSubmit(async () => {
    await api("/api/account", { json: { name: form.name, email: form.email, password: form.password, ...(form.phone ? { phone: form.phone } : {}), language: lang } });
    await signIn(form.email, form.password);
    return true;
  });

  if (result) {
    return <main id="main" className="page narrow"><h1>{m.signUpTitle}</h1><p className="notice" role="status">{m.signUpDone}</p><p><Link href="/">{m.goHome}</Link></p></main>;
  }
  return (
    <main id="main" className="page narrow">
      <h1>{m.signUpTitle}</h1>
      <p className="muted">{m.signUpIntro}</p>
      <form onSubmit={submit} noValidate>
        <Field label={m.name} name="name" autoComplete="name" required value={form.name} onChange={set("name")} error={fieldError("name")} />
        <Field label={m.email} type="email" name="email" autoComplete="email" required value={form.email} onChange={set("email")} error={fieldError("email")} />
        <Field label={m.password} type="password" name="password" autoComplete="new-password" required minLength={10} hint={m.passwordHint} value={form.password} onChange={set("password")} error={fieldError("password")} />
        <Field label={m.phone} type="tel" name="phone" autoComplete="tel" dir="ltr" value={form.phone} onChange={set("phone")} error={fieldError("phone")} />
        <p role="alert" className="form-error">{formError ?? ""}</p>
        <button type="submit" className="button secondary" disabled={busy}>{m.signUpButton}</button>
      </form>
      <p>{m.haveAccount} <Link href="/signin">{m.signInTitle}</Link></p>
    </main>
  );
}
