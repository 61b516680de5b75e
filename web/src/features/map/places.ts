/**
 * Finding places: the city's gazetteer (areas and landmarks, named in ar/fr/en) searched in the
 * browser, then, when the city has a geocoder and the browser is online, Nominatim.
 */
import { localized, type Language } from "../../lib/i18n.tsx";
import type { City } from "../../lib/types.ts";

export type BBox = [west: number, south: number, east: number, north: number];

export interface PlaceResult {
  id: string;
  name: string;
  /** A key of the messages' `kinds`. */
  kind: string;
  lat: number;
  lon: number;
  /** Areas and geocoder results with an extent: the map fits it. */
  bbox?: BBox;
}

/**
 * Folds what people type differently into one form: case, Latin accents and ligatures, Arabic
 * short vowels and the forms of hamza (they are combining marks once decomposed), alef wasla,
 * alef maqsura, taa marbuta, tatweel; punctuation becomes spaces.
 */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ٱ/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه").replace(/ـ/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

interface Entry { result: Omit<PlaceResult, "name">; names: Record<string, string>; folded: string[] }

/** The gazetteer, folded once per city. */
export function gazetteer(city: City): Entry[] {
  const folded = (names: Record<string, string>) => Object.values(names).map(fold);
  return [
    ...city.areas.map((a) => {
      const [west, south, east, north] = a.bbox;
      return {
        result: { id: `area:${a.code}`, kind: a.kind, lat: (south + north) / 2, lon: (west + east) / 2, bbox: a.bbox },
        names: a.name, folded: folded(a.name),
      };
    }),
    ...city.places.map((p) => ({ result: { id: `place:${p.code}`, kind: p.kind, lat: p.lat, lon: p.lon }, names: p.name, folded: folded(p.name) })),
  ];
}

/**
 * Places whose name (in any language) holds every word typed; names that start with the
 * query first, then names with a word that does, then the rest.
 */
export function searchGazetteer(entries: Entry[], query: string, lang: Language, limit = 8): PlaceResult[] {
  const q = fold(query);
  if (!q) return [];
  const words = q.split(" ");
  const rank = (name: string) => (name.startsWith(q) ? 0 : ` ${name}`.includes(` ${words[0]}`) ? 1 : 2);
  return entries
    .map((e) => {
      const ranks = e.folded.filter((name) => words.every((w) => name.includes(w))).map(rank);
      return { e, rank: ranks.length ? Math.min(...ranks) : -1 };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || localized(a.e.names, lang).localeCompare(localized(b.e.names, lang)))
    .slice(0, limit)
    .map(({ e }) => ({ ...e.result, name: localized(e.names, lang) }));
}

interface NominatimPlace { place_id: number; display_name: string; lat: string; lon: string; boundingbox?: [string, string, string, string]; type?: string }

/** Nominatim, bounded to the city: `geocoderUrl` is its base (no trailing slash). */
export async function searchGeocoder(geocoderUrl: string, bounds: BBox, query: string, lang: Language, signal: AbortSignal): Promise<PlaceResult[]> {
  const [west, south, east, north] = bounds;
  const params = new URLSearchParams({
    format: "jsonv2", q: query, viewbox: `${west},${north},${east},${south}`, bounded: "1", "accept-language": lang, limit: "5",
  });
  const res = await fetch(`${geocoderUrl}/search?${params}`, { signal, headers: { accept: "application/json" } });
  if (!res.ok) return [];
  const found = (await res.json()) as NominatimPlace[];
  return found.map((p) => {
    const box = p.boundingbox?.map(Number);
    return {
      id: `geocoder:${p.place_id}`, name: p.display_name, kind: "address", lat: Number(p.lat), lon: Number(p.lon),
      // Nominatim's box is south, north, west, east.
      bbox: box && box.length === 4 ? [box[2]!, box[0]!, box[3]!, box[1]!] : undefined,
    };
  });
}
