/**
 * The filters, in a sheet that opens below the toolbar over the map (no modal: the page stays
 * usable around it). Every change applies at once and goes into the URL.
 */
import { useEffect, useRef } from "react";
import { useCity } from "../../lib/city.tsx";
import { FeedLink } from "../../lib/FeedLink.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { activeFilterCount, buckets, type Filters } from "./filters.ts";
import messages from "./map.messages.ts";

interface Props {
  id: string;
  filters: Filters;
  /** What the filters leave in view, in words. */
  summary: string;
  onChange(filters: Filters): void;
  onClose(): void;
}

export function FiltersPanel({ id, filters, summary, onChange, onClose }: Props) {
  const [m] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const set = (change: Partial<Filters>) => onChange({ ...filters, ...change });
  const name = (n: Record<string, string>) => localized(n, lang);
  const byName = <T extends { name: Record<string, string> }>(a: T, b: T) => name(a.name).localeCompare(name(b.name), lang);
  const prefectures = city.areas.filter((a) => a.kind === "prefecture").sort(byName);
  const arrondissements = city.areas.filter((a) => a.kind !== "prefecture").sort(byName);

  return (
    <section id={id} className="home-filters" aria-labelledby={`${id}-title`} onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>{m.filtersTitle}</h2>
      <div className="field">
        <label htmlFor={`${id}-category`}>{m.category}</label>
        <select id={`${id}-category`} value={filters.category ?? ""} onChange={(e) => set({ category: e.target.value || null })}>
          <option value="">{m.allCategories}</option>
          {city.groups.map((g) => (
            <optgroup key={g.code} label={name(g.name)}>
              {city.categories.filter((c) => c.group === g.code).map((c) => <option key={c.code} value={c.code}>{name(c.name)}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <fieldset className="field home-filters-states">
        <legend>{m.state}</legend>
        {buckets.map((b) => (
          <label key={b} className="checkbox">
            <input
              type="checkbox"
              checked={filters.buckets.includes(b)}
              onChange={(e) => set({ buckets: e.target.checked ? buckets.filter((x) => x === b || filters.buckets.includes(x)) : filters.buckets.filter((x) => x !== b) })}
            />
            <span className={`map-shape map-shape-${b}`} aria-hidden="true" />
            <span>{m.buckets[b]}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-area`}>{m.area}</label>
        <select id={`${id}-area`} value={filters.area ?? ""} onChange={(e) => set({ area: e.target.value || null })}>
          <option value="">{m.allAreas}</option>
          <optgroup label={m.prefectures}>{prefectures.map((a) => <option key={a.code} value={a.code}>{name(a.name)}</option>)}</optgroup>
          <optgroup label={m.arrondissements}>{arrondissements.map((a) => <option key={a.code} value={a.code}>{name(a.name)}</option>)}</optgroup>
        </select>
        {/* New reports and state changes of the chosen area and category (states and dates are the map's own). */}
        <FeedLink scope={{ area: filters.area, category: filters.category }} />
      </div>
      <div className="home-filters-dates">
        <div className="field">
          <label htmlFor={`${id}-from`}>{m.from}</label>
          <input id={`${id}-from`} type="date" value={filters.from ?? ""} max={filters.to ?? undefined} onChange={(e) => set({ from: e.target.value || null })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{m.to}</label>
          <input id={`${id}-to`} type="date" value={filters.to ?? ""} min={filters.from ?? undefined} onChange={(e) => set({ to: e.target.value || null })} />
        </div>
      </div>
      <p className="home-filters-summary">{summary}</p>
      <div className="home-filters-actions">
        <button
          type="button"
          className="button"
          disabled={activeFilterCount(filters) === 0}
          onClick={() => {
            onChange({ category: null, buckets: [], area: null, from: null, to: null });
            // The button is disabled once nothing is left to clear: keep the focus in the sheet.
            heading.current?.focus();
          }}
        >
          {m.clearFilters}
        </button>
        <button type="button" className="button secondary" onClick={onClose}>{m.done}</button>
      </div>
    </section>
  );
}
