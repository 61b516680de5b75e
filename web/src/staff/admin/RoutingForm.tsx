/**
 * One category's routing: the whole city's authority, then a choice per préfecture and per
 * arrondissement, each defaulting to the level above (shown in the option, so the admin sees
 * who will receive the reports without working it out).
 */
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { api } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { AdminAuthority, AdminCategories, CategoryRouting, RoutingMatrix } from "../../lib/types.ts";
import { FormError, Loaded, useAnnounce, useResource, useSubmit } from "./admin-data.tsx";
import messages from "./admin.messages.ts";
import { SelectField } from "./fields.tsx";
import { areaTree, authorityNamer } from "./routing.ts";

export default function RoutingForm({ category }: { category: string }) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const matrix = useResource<RoutingMatrix>("/api/admin/routing");
  const categories = useResource<AdminCategories>("/api/admin/categories");
  const authorities = useResource<AdminAuthority[]>("/api/admin/authorities");
  const reload = () => { matrix.reload(); categories.reload(); authorities.reload(); };
  const name = categories.state.status === "ready"
    ? localized(categories.state.data.categories.find((c) => c.code === category)?.name, lang) || category : category;
  return (
    <>
      <h1>{f.fill(m.routing.editTitle, { name })}</h1>
      <Loaded states={[matrix.state, authorities.state]} reload={reload}>
        {(routing, auths) => {
          const current = routing.categories.find((c) => c.category === category);
          return current ? <EditorForm current={current} name={name} triage={routing.defaultAuthority} authorities={auths} /> : <p role="alert">{m.notFound}</p>;
        }}
      </Loaded>
    </>
  );
}

const INHERIT = "";

function EditorForm({ current, name, triage, authorities }: { current: CategoryRouting; name: string; triage: string; authorities: AdminAuthority[] }) {
  const [m, f] = useMessages(messages);
  const t = m.routing;
  const { lang } = useLanguage();
  const city = useCity();
  const [, navigate] = useLocation();
  const announce = useAnnounce();
  const [cityWide, setCityWide] = useState(current.default ?? INHERIT);
  const [areas, setAreas] = useState<Record<string, string>>(current.areas);
  const { busy, error, run, fieldError } = useSubmit();
  const nameOf = authorityNamer(authorities, lang);

  // Active authorities, and any inactive one a rule still names (so the form never drops it silently).
  const choices = authorities
    .filter((a) => a.active || a.code === cityWide || Object.values(areas).includes(a.code))
    .map((a) => ({ value: a.code, label: localized(a.name, lang) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  const cityWideName = cityWide ? nameOf(cityWide) : f.fill(t.triageOption, { name: nameOf(triage) });
  const setArea = (code: string) => (value: string) => setAreas((all) => {
    const { [code]: _, ...rest } = all;
    return value === INHERIT ? rest : { ...rest, [code]: value };
  });

  const save = () => run(async () => {
    await api<CategoryRouting>("/api/admin/routing", { method: "PUT", json: { category: current.category, default: cityWide || null, areas } });
    announce(f.fill(t.saved, { name }), "/routing");
    navigate("/routing");
  });

  return (
    <form className="admin-form" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <p className="muted">{t.editIntro}</p>
      <SelectField label={t.wholeCityLabel} value={cityWide} onChange={setCityWide} error={fieldError("default")}
        options={[{ value: INHERIT, label: f.fill(t.triageOption, { name: nameOf(triage) }) }, ...choices]} />
      <div className="routing-areas">
        {areaTree(city.areas).map(({ prefecture, arrondissements }) => {
          const prefectureName = areas[prefecture.code] ? nameOf(areas[prefecture.code]!) : cityWideName;
          return (
            <fieldset key={prefecture.code} className="routing-prefecture">
              <legend>{localized(prefecture.name, lang)}</legend>
              <SelectField label={t.wholePrefecture} value={areas[prefecture.code] ?? INHERIT} onChange={setArea(prefecture.code)}
                error={fieldError(`areas.${prefecture.code}`)} options={[{ value: INHERIT, label: f.fill(t.sameAsCity, { name: cityWideName }) }, ...choices]} />
              {arrondissements.map((a) => (
                <SelectField key={a.code} label={localized(a.name, lang)} value={areas[a.code] ?? INHERIT} onChange={setArea(a.code)}
                  error={fieldError(`areas.${a.code}`)} options={[{ value: INHERIT, label: f.fill(t.sameAsPrefecture, { name: prefectureName }) }, ...choices]} />
              ))}
            </fieldset>
          );
        })}
      </div>
      <FormError error={error} />
      <div className="admin-actions">
        <button type="submit" className="button secondary" disabled={busy}>{busy ? m.saving : m.save}</button>
        <Link href="/routing">{m.backToList}</Link>
      </div>
    </form>
  );
}
