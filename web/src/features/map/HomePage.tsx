/**
 * The citizen's home: the city's map with its reports, filled below the header. A toolbar
 * (place search, filters, list) sits above it; filters, list view and position live in the
 * URL; a floating button starts a report where the map is. Part of the first bundle: keep it
 * and what it imports light.
 */
import type { Map as LeafletMap } from "leaflet";
import { useCallback, useMemo, useRef, useState, type CSSProperties } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { stateColor } from "../../lib/states.ts";
import { areaAt, useAreas } from "../../lib/areas.ts";
import {
  activeFilterCount, apiFilterQuery, buckets, isListView, readFilters, readPosition, withFilters, withPosition, withView, type Filters,
} from "./filters.ts";
import { FiltersPanel } from "./FiltersPanel.tsx";
import messages from "./map.messages.ts";
import "./map.css";
import type { PlaceResult } from "./places.ts";
import { PlaceSearch } from "./PlaceSearch.tsx";
import { ReportCard } from "./ReportCard.tsx";
import { ReportList } from "./ReportList.tsx";
import { motion, ReportsMap, type ReportPin } from "./ReportsMap.tsx";
import { featuresIn, useMapReports, type Viewport } from "./useMapReports.ts";

/** The bucket colours, from the states' own (lib/states.ts), for markers, clusters and the legend. */
const bucketColors = {
  "--bucket-open": stateColor.confirmed, "--bucket-progress": stateColor.in_progress, "--bucket-done": stateColor.fixed,
} as CSSProperties;

const MAX_PLACE_ZOOM = 17;

interface Selection extends ReportPin { viaKeyboard: boolean; opener: Element | null }

function Legend() {
  const [m] = useMessages(messages);
  return (
    <ul className="map-legend" aria-label={m.legend}>
      {buckets.map((b) => (
        <li key={b}><span className={`map-shape map-shape-${b}`} aria-hidden="true" />{m.buckets[b]}</li>
      ))}
    </ul>
  );
}

/** The query string of the page as it is now (callbacks must not write a stale one back). */
const currentSearch = () => window.location.search.slice(1);

export default function HomePage() {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const city = useCity();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => readFilters(search), [search]);
  const filterQuery = useMemo(() => apiFilterQuery(filters).toString(), [filters]);
  const listView = isListView(search);
  const [initialPosition] = useState(() => readPosition(search));
  const [map, setMap] = useState<LeafletMap | null>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [selected, setSelected] = useState<Selection | null>(null);
  const filtersButton = useRef<HTMLButtonElement>(null);

  const areas = useAreas();
  const { index, status } = useMapReports(viewport, filterQuery);
  const { features, shown } = useMemo(() => featuresIn(index, viewport), [index, viewport]);
  const count = f.plural(m.inView, shown);

  const onViewport = useCallback((v: Viewport) => {
    setViewport(v);
    // Where the map is goes into the URL too (replacing, so moves do not fill the history).
    navigate(`/?${withPosition(currentSearch(), { zoom: v.zoom, lat: v.center.lat, lon: v.center.lon })}`, { replace: true });
  }, [navigate]);

  const changeFilters = (next: Filters) => {
    navigate(`/?${withFilters(currentSearch(), next)}`);
    const area = next.area !== filters.area ? city.areas.find((a) => a.code === next.area) : undefined;
    if (area && map) fitBox(map, area.bbox);
  };

  const closeFilters = () => {
    setFiltersOpen(false);
    filtersButton.current?.focus();
  };

  const choosePlace = (place: PlaceResult) => {
    if (!map) return;
    if (place.bbox) fitBox(map, place.bbox);
    else map.flyTo([place.lat, place.lon], MAX_PLACE_ZOOM, motion());
  };

  const select = useCallback((pin: ReportPin, viaKeyboard: boolean) => {
    setSelected({ ...pin, viaKeyboard, opener: document.activeElement });
  }, []);

  const closeCard = () => {
    if (selected?.viaKeyboard && selected.opener instanceof HTMLElement && selected.opener.isConnected) selected.opener.focus();
    setSelected(null);
  };

  const center = viewport?.center ?? city.center;
  const centralArea = areas && viewport ? areaAt(areas, center) : undefined;
  const activeFilters = activeFilterCount(filters);

  return (
    <main id="main" className="home" style={bucketColors}>
      <h1 className="visually-hidden">{f.fill(m.heading, { city: localized(city.name, lang) })}</h1>
      <div className="home-toolbar">
        <PlaceSearch onChoose={choosePlace} />
        <button
          ref={filtersButton}
          type="button"
          className="button home-tool"
          aria-expanded={filtersOpen}
          aria-controls="home-filters"
          onClick={() => (filtersOpen ? closeFilters() : setFiltersOpen(true))}
        >
          {activeFilters ? f.plural(m.filtersActive, activeFilters) : m.filters}
        </button>
        <button type="button" className="button home-tool" onClick={() => navigate(`/?${withView(currentSearch(), !listView)}`)}>
          {listView ? m.showMap : m.showList}
        </button>
      </div>
      <p className="home-status" role="status">
        {centralArea && <span className="home-area">{localized(centralArea.properties.name, lang)}</span>}
        {status === "error" ? <span className="error">{m.loadFailed}</span> : viewport && index && <span>{count}</span>}
        {status === "loading" && <span className="muted">{m.updating}</span>}
      </p>
      <div className="home-stage">
        {filtersOpen && <FiltersPanel id="home-filters" filters={filters} summary={count} onChange={changeFilters} onClose={closeFilters} />}
        <Link className="button primary home-report" href={`/report?lat=${center.lat.toFixed(5)}&lon=${center.lon.toFixed(5)}`}>
          <span aria-hidden="true">+</span> {m.reportHere}
        </Link>
        <div className="home-map" role="region" aria-label={m.mapLabel} inert={listView}>
          <ReportsMap
            initial={initialPosition}
            areas={areas}
            features={features}
            index={index}
            selected={selected?.ref ?? null}
            onViewport={onViewport}
            onSelect={select}
            onMap={setMap}
          />
          <Legend />
          {selected && <ReportCard key={selected.ref} reportRef={selected.ref} takeFocus={selected.viaKeyboard} onClose={closeCard} />}
        </div>
        {listView && viewport && <ReportList view={viewport.view} filterQuery={filterQuery} />}
      </div>
    </main>
  );
}

function fitBox(map: LeafletMap, [west, south, east, north]: [number, number, number, number]) {
  map.flyToBounds([[south, west], [north, east]], { maxZoom: MAX_PLACE_ZOOM, ...motion() });
}
