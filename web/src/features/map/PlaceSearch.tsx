/**
 * The place search box: a combobox (ARIA 1.2 pattern) over the city's gazetteer, with
 * Nominatim's answers below when the city has a geocoder and the browser is online.
 * Arrow keys move through the results, Enter chooses, Escape closes (then clears).
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { useCity } from "../../lib/city.tsx";
import { useLanguage, useMessages } from "../../lib/i18n.tsx";
import messages from "./map.messages.ts";
import { fold, gazetteer, searchGazetteer, searchGeocoder, type PlaceResult } from "./places.ts";

const GEOCODER_DEBOUNCE_MS = 500;
const GEOCODER_MIN_LENGTH = 3;

/** Nominatim's answers for a query, once the typing pauses; none offline or without a geocoder. */
function useGeocoder(query: string): { results: PlaceResult[]; searching: boolean } {
  const city = useCity();
  const { lang } = useLanguage();
  const [found, setFound] = useState<{ query: string; results: PlaceResult[] }>({ query: "", results: [] });
  const url = city.map.geocoderUrl;
  const wanted = !!url && fold(query).length >= GEOCODER_MIN_LENGTH;

  useEffect(() => {
    if (!url || !wanted || !navigator.onLine) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchGeocoder(url, city.bounds, query, lang, controller.signal)
        .then((results) => setFound({ query, results }), () => !controller.signal.aborted && setFound({ query, results: [] }));
    }, GEOCODER_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [url, wanted, query, lang, city.bounds]);

  const current = wanted && found.query === query;
  return { results: current ? found.results : [], searching: wanted && navigator.onLine && !current };
}

export function PlaceSearch({ onChoose }: { onChoose(place: PlaceResult): void }) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const entries = useMemo(() => gazetteer(city), [city]);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const local = useMemo(() => searchGazetteer(entries, query, lang), [entries, query, lang]);
  const remote = useGeocoder(query);
  const results = [...local, ...remote.results];
  const expanded = open && results.length > 0;

  const choose = (place: PlaceResult) => {
    setQuery(place.name);
    setOpen(false);
    setActive(-1);
    onChoose(place);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = (step: 1 | -1) => {
      e.preventDefault();
      setOpen(true);
      const n = results.length;
      if (n) setActive((i) => (i === -1 ? (step === 1 ? 0 : n - 1) : (i + step + n) % n));
    };
    if (e.key === "ArrowDown") move(1);
    else if (e.key === "ArrowUp") move(-1);
    else if (e.key === "Enter" && expanded) {
      e.preventDefault();
      const place = results[Math.max(active, 0)];
      if (place) choose(place);
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (expanded) setOpen(false);
      else setQuery("");
      setActive(-1);
    }
  };

  const announcement = !open || !query.trim() ? "" : results.length ? f.plural(m.searchResults, results.length) : remote.searching ? m.searchOnline : m.noPlace;

  return (
    <div className="place-search">
      <label htmlFor="place-search" className="visually-hidden">{m.search}</label>
      <input
        id="place-search"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls="place-search-results"
        aria-activedescendant={expanded && active >= 0 ? `place-search-${active}` : undefined}
        autoComplete="off"
        enterKeyHint="search"
        placeholder={m.searchPlaceholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <ul id="place-search-results" role="listbox" aria-label={m.search} hidden={!expanded}>
        {results.map((place, i) => (
          <li
            key={place.id}
            id={`place-search-${i}`}
            role="option"
            aria-selected={i === active}
            // Choosing with the pointer must not blur the input first (which closes the list).
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(place)}
          >
            <span dir="auto">{place.name}</span>
            <span className="place-kind">{m.kinds[place.kind as keyof typeof m.kinds] ?? m.kinds.place}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status">{announcement}</p>
    </div>
  );
}
