/** Changing a category: its texts in three languages, severity, target time, availability. */
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { api } from "../../lib/api.ts";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { AdminCategories, AdminCategory } from "../../lib/types.ts";
import { FormError, Loaded, useAnnounce, useResource, useSubmit } from "./admin-data.tsx";
import messages from "./admin.messages.ts";
import { CheckboxField, LocalizedFields, SelectField, TextField } from "./fields.tsx";

export default function CategoryForm({ code }: { code: string }) {
  const [m] = useMessages(messages);
  const { state, reload } = useResource<AdminCategories>("/api/admin/categories");
  return (
    <>
      <h1>{m.categories.editTitle}</h1>
      <Loaded states={[state]} reload={reload}>
        {({ categories }) => {
          const category = categories.find((c) => c.code === code);
          return category ? <EditorForm category={category} /> : <p role="alert">{m.notFound}</p>;
        }}
      </Loaded>
    </>
  );
}

function EditorForm({ category }: { category: AdminCategory }) {
  const [m, f] = useMessages(messages);
  const t = m.categories;
  const { lang } = useLanguage();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const [draft, setDraft] = useState(category);
  // Kept as typed, so that clearing the box to retype a number does not snap it back.
  const [targetDays, setTargetDays] = useState(String(category.targetDays));
  const { busy, error, run, fieldError } = useSubmit();
  const set = <K extends keyof AdminCategory>(key: K) => (value: AdminCategory[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = () => run(async () => {
    const saved = await api<AdminCategory>(`/api/admin/categories/${category.code}`, {
      method: "PATCH",
      json: { name: draft.name, description: draft.description, severity: draft.severity, targetDays: Number(targetDays), active: draft.active },
    });
    announce(f.fill(t.saved, { name: localized(saved.name, lang) }), "/categories");
    navigate("/categories");
  });

  const severities = Object.entries(t.severities).map(([value, label]) => ({ value, label }));
  return (
    <form className="admin-form" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <dl className="admin-facts"><dt>{t.code}</dt><dd><code>{category.code}</code></dd></dl>
      <LocalizedFields legend={t.names} field="name" value={draft.name} onChange={set("name")} errorFor={fieldError} required />
      <LocalizedFields legend={t.descriptions} field="description" value={draft.description} onChange={set("description")} errorFor={fieldError} multiline required />
      <div className="admin-row">
        <SelectField label={t.severity} hint={t.severityHint} value={String(draft.severity)} onChange={(v) => set("severity")(Number(v))}
          error={fieldError("severity")} options={severities} />
        <TextField label={t.targetDaysLabel} hint={t.targetDaysHint} type="number" min={1} max={365} required
          value={targetDays} onChange={setTargetDays} error={fieldError("targetDays")} />
      </div>
      <CheckboxField label={t.active} checked={draft.active} onChange={set("active")} error={fieldError("active")} />
      <FormError error={error} />
      <div className="admin-actions">
        <button type="submit" className="button secondary" disabled={busy}>{busy ? m.saving : m.save}</button>
        <Link href="/categories">{m.backToList}</Link>
      </div>
    </form>
  );
}
