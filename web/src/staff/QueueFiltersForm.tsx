/** Category, area, authority (admins), assignee and text search; a choice applies at once, the text on submit. */
import { useEffect, useState } from "react";
import { useCity } from "../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../lib/i18n.tsx";
import type { StaffMember } from "../lib/types.ts";
import { hasFilters, type QueueFilters } from "./queue-filters.ts";
import messages from "./queue.messages.ts";

interface Props {
  filters: QueueFilters;
  members: StaffMember[];
  /** City admins see every authority's reports, and may narrow to one. */
  allAuthorities: boolean;
  onChange(next: QueueFilters): void;
}

export function QueueFiltersForm({ filters, members, allAuthorities, onChange }: Props) {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const [q, setQ] = useState(filters.q ?? "");
  useEffect(() => setQ(filters.q ?? ""), [filters.q]);
  const set = (key: keyof QueueFilters, value: string) => onChange({ ...filters, [key]: value || undefined });
  const byName = <T extends { name: Record<string, string> }>(a: T, b: T) => localized(a.name, lang).localeCompare(localized(b.name, lang), lang);
  const prefectures = city.areas.filter((a) => a.kind === "prefecture").sort(byName);

  return (
    <form className="queue-filters" aria-label={m.filters.label} role="search"
      onSubmit={(e) => { e.preventDefault(); set("q", q.trim()); }}>
      <div className="field">
        <label htmlFor="filter-category">{m.filters.category}</label>
        <select id="filter-category" value={filters.category ?? ""} onChange={(e) => set("category", e.target.value)}>
          <option value="">{m.filters.anyCategory}</option>
          {city.groups.map((g) => (
            <optgroup key={g.code} label={localized(g.name, lang)}>
              {city.categories.filter((c) => c.group === g.code).map((c) => <option key={c.code} value={c.code}>{localized(c.name, lang)}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-area">{m.filters.area}</label>
        <select id="filter-area" value={filters.area ?? ""} onChange={(e) => set("area", e.target.value)}>
          <option value="">{m.filters.anyArea}</option>
          {prefectures.map((p) => (
            <optgroup key={p.code} label={localized(p.name, lang)}>
              <option value={p.code}>{localized(p.name, lang)}</option>
              {city.areas.filter((a) => a.parent === p.code).sort(byName).map((a) => <option key={a.code} value={a.code}>{localized(a.name, lang)}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      {allAuthorities && (
        <div className="field">
          <label htmlFor="filter-authority">{m.filters.authority}</label>
          <select id="filter-authority" value={filters.authority ?? ""} onChange={(e) => set("authority", e.target.value)}>
            <option value="">{m.filters.anyAuthority}</option>
            {[...city.authorities].sort(byName).map((a) => <option key={a.code} value={a.code}>{localized(a.name, lang)}</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="filter-assignee">{m.filters.assignee}</label>
        <select id="filter-assignee" value={filters.assignee ?? ""} onChange={(e) => set("assignee", e.target.value)}>
          <option value="">{m.filters.anyone}</option>
          <option value="me">{m.filters.me}</option>
          <option value="none">{m.filters.nobody}</option>
          {members.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      <div className="field queue-search">
        <label htmlFor="filter-q">{m.filters.search}</label>
        <div className="inline">
          <input id="filter-q" type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
          <button type="submit" className="button secondary">{m.filters.searchButton}</button>
        </div>
      </div>
      <label className="checkbox queue-overdue">
        <input type="checkbox" checked={Boolean(filters.overdue)} onChange={(e) => onChange({ ...filters, overdue: e.target.checked || undefined })} />
        <span>{m.filters.overdueOnly}</span>
      </label>
      {hasFilters(filters) && <button type="button" className="linklike" onClick={() => onChange({})}>{m.filters.clear}</button>}
    </form>
  );
}
