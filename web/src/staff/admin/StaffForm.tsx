/**
 * Adding a staff account (an invitation e-mail lets them choose their password) or changing
 * one: name, role, authority, active. Admins cannot demote or disable themselves.
 */
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { api } from "../../lib/api.ts";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import type { AdminAuthority, StaffAccount } from "../../lib/types.ts";
import { FormError, Loaded, useAnnounce, useResource, useSubmit } from "./admin-data.tsx";
import messages from "./admin.messages.ts";
import { CheckboxField, languageOptions, SelectField, TextField } from "./fields.tsx";

type Draft = Pick<StaffAccount, "email" | "name" | "role" | "language" | "active"> & { authorityId: string };

const blank: Draft = { email: "", name: "", role: "staff", language: "fr", active: true, authorityId: "" };

export default function StaffForm({ id }: { id?: string }) {
  const [m] = useMessages(messages);
  const staff = useResource<StaffAccount[]>("/api/admin/staff");
  const authorities = useResource<AdminAuthority[]>("/api/admin/authorities");
  const reload = () => { staff.reload(); authorities.reload(); };
  return (
    <>
      <h1>{id ? m.staff.editTitle : m.staff.newTitle}</h1>
      <Loaded states={[staff.state, authorities.state]} reload={reload}>
        {(accounts, auths) => {
          const existing = id ? accounts.find((a) => a.id === id) : undefined;
          return id && !existing ? <p role="alert">{m.notFound}</p> : <EditorForm existing={existing} authorities={auths} />;
        }}
      </Loaded>
    </>
  );
}

function EditorForm({ existing, authorities }: { existing?: StaffAccount; authorities: AdminAuthority[] }) {
  const [m, f] = useMessages(messages);
  const t = m.staff;
  const { lang } = useLanguage();
  const { user } = useSession();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<Draft>(() => (existing ? { ...existing, authorityId: existing.authorityId ?? "" } : blank));
  const { busy, error, run, fieldError } = useSubmit();
  const resend = useSubmit();
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const self = existing?.id === user?.id;

  const save = () => run(async () => {
    const authorityId = draft.authorityId || null;
    const saved = existing
      ? await api<StaffAccount>(`/api/admin/staff/${existing.id}`, { method: "PATCH", json: { name: draft.name, role: draft.role, authorityId, active: draft.active } })
      : await api<StaffAccount>("/api/admin/staff", { json: { email: draft.email, name: draft.name, role: draft.role, authorityId, language: draft.language } });
    announce(existing ? f.fill(t.saved, { name: saved.name }) : f.fill(t.created, { email: saved.email }), "/staff");
    navigate("/staff");
  });

  const sendLink = () => resend.run(async () => {
    await api(`/api/admin/staff/${existing!.id}/invitation`, { method: "POST" });
    announce(f.fill(t.resent, { email: existing!.email }));
  });

  // Staff may belong to an authority that was since deactivated: keep it listed for them.
  const authorityOptions = [
    { value: "", label: t.noAuthority },
    ...authorities.filter((a) => a.active || a.id === draft.authorityId)
      .map((a) => ({ value: a.id, label: localized(a.name, lang) }))
      .sort((a, b) => a.label.localeCompare(b.label, lang)),
  ];

  return (
    <>
      <form className="admin-form" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {existing
          ? <dl className="admin-facts"><dt>{t.email}</dt><dd><span dir="ltr">{existing.email}</span></dd></dl>
          : <TextField label={t.email} type="email" dir="ltr" autoComplete="off" required value={draft.email} onChange={set("email")} error={fieldError("email")} />}
        <TextField label={t.name} required autoComplete="off" value={draft.name} onChange={set("name")} error={fieldError("name")} />
        <div className="admin-row">
          <SelectField label={t.role} value={draft.role} onChange={set("role")} error={fieldError("role")} disabled={self}
            options={(["staff", "city_admin"] as const).map((r) => ({ value: r, label: t.roles[r] }))} />
          <SelectField label={t.authority} hint={t.authorityHint} value={draft.authorityId} onChange={set("authorityId")} error={fieldError("authorityId")} options={authorityOptions} />
          {!existing && (
            <SelectField label={t.language} value={draft.language} onChange={set("language")} error={fieldError("language")}
              options={languageOptions} />
          )}
        </div>
        {existing
          ? <CheckboxField label={t.active} hint={self ? t.selfHint : t.activeHint} checked={draft.active} onChange={set("active")} error={fieldError("active")} disabled={self} />
          : <p className="hint">{t.inviteHint}</p>}
        <FormError error={error} />
        <div className="admin-actions">
          <button type="submit" className="button secondary" disabled={busy}>{busy ? m.saving : m.save}</button>
          <Link href="/staff">{m.backToList}</Link>
        </div>
      </form>
      {existing?.active && (
        <div className="admin-secondary-action">
          <button type="button" className="button" onClick={() => void sendLink()} disabled={resend.busy}>{t.resend}</button>
          <FormError error={resend.error} />
        </div>
      )}
    </>
  );
}
