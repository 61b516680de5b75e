/** Adding an authority, or changing one: names, contact, sending, and whether it is active. */
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { api } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { AdminAuthority, AdminCategories, Localized } from "../../lib/types.ts";
import { FormError, Loaded, useAnnounce, useResource, useSubmit } from "./admin-data.tsx";
import messages from "./admin.messages.ts";
import { CheckboxField, emptyLocalized, languageOptions, LocalizedFields, SelectField, TextField } from "./fields.tsx";
import { open311Body, open311Draft, Open311Settings, type Open311Draft } from "./Open311Settings.tsx";

type Draft = Omit<AdminAuthority, "id" | "description" | "isDefault" | "rules" | "open311"> & { description: Localized; open311: Open311Draft };

const blank: Draft = {
  code: "", name: emptyLocalized(), description: emptyLocalized(), email: "", language: "fr", sendMethod: "email", active: true, open311: open311Draft(null),
};

export default function AuthorityForm({ code }: { code?: string }) {
  const [m] = useMessages(messages);
  const { state: authorities, reload } = useResource<AdminAuthority[]>("/api/admin/authorities");
  const { state: categories } = useResource<AdminCategories>("/api/admin/categories");
  return (
    <>
      <h1>{code ? m.authorities.editTitle : m.authorities.newTitle}</h1>
      <Loaded states={[authorities, categories]} reload={reload}>
        {(list, cats) => {
          const existing = code ? list.find((a) => a.code === code) : undefined;
          return code && !existing ? <p role="alert">{m.notFound}</p> : <EditorForm existing={existing} categories={cats} />;
        }}
      </Loaded>
    </>
  );
}

function EditorForm({ existing, categories }: { existing?: AdminAuthority; categories: AdminCategories }) {
  const [m, f] = useMessages(messages);
  const t = m.authorities;
  const { lang } = useLanguage();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<Draft>(() => (existing
    ? { ...existing, description: existing.description ?? emptyLocalized(), open311: open311Draft(existing.open311) }
    : blank));
  const { busy, error, run, fieldError } = useSubmit();
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = () => run(async () => {
    // All three empty means no description; anything else goes to the server, which names a missing language.
    const description = Object.values(draft.description).every((s) => !s.trim()) ? null : draft.description;
    const { sendMethod } = draft;
    const body = {
      name: draft.name, description, email: draft.email, language: draft.language, sendMethod,
      // The Open311 settings go with that send method only (kept on the server when another is chosen).
      ...(sendMethod === "open311" ? { open311: open311Body(draft.open311) } : {}),
    };
    const saved = existing
      ? await api<AdminAuthority>(`/api/admin/authorities/${existing.code}`, { method: "PATCH", json: { ...body, active: draft.active } })
      : await api<AdminAuthority>("/api/admin/authorities", { json: { ...body, code: draft.code } });
    announce(f.fill(existing ? t.saved : t.created, { name: localized(saved.name, lang) }), "/authorities");
    navigate("/authorities");
  });

  const methods: AdminAuthority["sendMethod"][] = ["email", "noop", "open311"];
  const sendMethods = methods.map((v) => ({ value: v, label: t.sendMethods[v] }));

  return (
    <form className="admin-form" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
      {!existing && (
        <TextField label={t.code} hint={t.codeHint} value={draft.code} onChange={set("code")} error={fieldError("code")} dir="ltr" required autoComplete="off" />
      )}
      <LocalizedFields legend={t.names} field="name" value={draft.name} onChange={set("name")} errorFor={fieldError} required />
      <LocalizedFields legend={t.descriptions} hint={t.descriptionHint} field="description" value={draft.description} onChange={set("description")} errorFor={fieldError} multiline />
      <div className="admin-row">
        <TextField label={t.email} hint={t.emailHint} type="email" dir="ltr" autoComplete="off" required value={draft.email} onChange={set("email")} error={fieldError("email")} />
        <SelectField label={t.language} value={draft.language} onChange={set("language")} error={fieldError("language")}
          options={languageOptions} />
        <SelectField label={t.sendMethod} hint={draft.sendMethod === "open311" ? t.open311Hint : t.sendMethodHint} value={draft.sendMethod}
          onChange={set("sendMethod")} error={fieldError("sendMethod")} options={sendMethods} />
      </div>
      {draft.sendMethod === "open311" && (
        <Open311Settings value={draft.open311} onChange={set("open311")} keyHint={existing?.open311?.apiKeyHint ?? null} categories={categories} errorFor={fieldError} />
      )}
      {existing && (
        <>
          <CheckboxField label={t.active} checked={draft.active} onChange={set("active")} error={fieldError("active")} disabled={existing.isDefault && draft.active}
            hint={existing.isDefault ? t.triageHint : existing.rules.length && draft.active ? t.deactivateHint : undefined} />
          <RulesList authority={existing} categories={categories} />
        </>
      )}
      <FormError error={error} />
      <div className="admin-actions">
        <button type="submit" className="button secondary" disabled={busy}>{busy ? m.saving : m.save}</button>
        <Link href="/authorities">{m.backToList}</Link>
      </div>
    </form>
  );
}

/** The rules that send reports to this authority, by category and area, in the reader's language. */
function RulesList({ authority, categories }: { authority: AdminAuthority; categories: AdminCategories }) {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const categoryName = (code: string) => localized(categories.categories.find((c) => c.code === code)?.name, lang) || code;
  const areaName = (code: string | null) => (code ? localized(city.areas.find((a) => a.code === code)?.name, lang) || code : m.wholeCity);
  return (
    <section className="admin-rules" aria-labelledby="authority-rules">
      <h2 id="authority-rules">{m.authorities.rulesTitle}</h2>
      {authority.rules.length === 0 ? <p className="muted">{m.authorities.rulesNone}</p> : (
        <ul>
          {authority.rules.map((r) => (
            <li key={`${r.category}/${r.area ?? ""}`}>
              <Link href={`/routing/${r.category}`}>{categoryName(r.category)}</Link> — {areaName(r.area)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
