/**
 * address_string → a point, through the city's gazetteer (cities' places): the longest place
 * name, in any language, found in the address wins. Accents, case and punctuation are
 * ignored ("Mosquée Hassan II, Casablanca" and "mosquee hassan ii" both match).
 */
import type { City } from "../cities/index.ts";

export const normalizeName = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

export function resolveAddress(city: City, address: string): { lat: number; lon: number; place: string } | undefined {
  const wanted = ` ${normalizeName(address)} `;
  let best: { lat: number; lon: number; place: string; length: number } | undefined;
  for (const place of city.places) {
    for (const name of Object.values(place.name)) {
      const n = normalizeName(name);
      if (n.length >= 3 && wanted.includes(` ${n} `) && (!best || n.length > best.length)) {
        best = { lat: place.lat, lon: place.lon, place: place.code, length: n.length };
      }
    }
  }
  return best && { lat: best.lat, lon: best.lon, place: best.place };
}
