/**
 * Probable duplicates: an open report near the new one, of the same or a related category,
 * recent, and saying much the same thing. Text similarity is the cosine of character
 * 3-gram counts over the model form of the text, which survives spelling variants, Arabizi,
 * missing accents and word order. Scores combine place, category, text and time; the
 * threshold is measured on labelled pairs (npm run eval).
 */
import { normalizeForModel } from "./normalize.ts";

/** How far apart two reports of a category can be and still be one problem, in metres. */
const RADIUS_M: Record<string, number> = {
  road_damage: 60, sidewalk: 60, street_lighting: 80, waste_collection: 80, illegal_dumping: 100, water_leak: 100,
  sewage_drainage: 150, traffic_signals: 80, public_transport: 100, green_spaces: 150, dangerous_structure: 60,
  stray_animals: 300, noise_nuisance: 200, graffiti_vandalism: 60, public_space_occupation: 80, other: 80,
};
export const MAX_DUPLICATE_RADIUS_M = 300;
/** Reports older than this are not offered as duplicates of a new one. */
export const DUPLICATE_WINDOW_DAYS = 60;

/** Categories citizens confuse for one problem: a pothole on the pavement, a leak becoming a flood. */
const RELATED: string[][] = [
  ["road_damage", "sidewalk"], ["waste_collection", "illegal_dumping"], ["water_leak", "sewage_drainage"],
  ["sidewalk", "public_space_occupation"], ["graffiti_vandalism", "green_spaces"],
];

export function radiusFor(category: string): number {
  return RADIUS_M[category] ?? 100;
}

export function categoriesRelated(a: string, b: string): boolean {
  return a === b || RELATED.some((pair) => pair.includes(a) && pair.includes(b));
}

export type TrigramVector = Map<string, number>;

export function trigrams(text: string): TrigramVector {
  const v: TrigramVector = new Map();
  for (const word of normalizeForModel(text).split(" ")) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      v.set(g, (v.get(g) ?? 0) + 1);
    }
  }
  return v;
}

export function cosine(a: TrigramVector, b: TrigramVector): number {
  let dot = 0, na = 0, nb = 0;
  for (const [g, x] of a) { na += x * x; const y = b.get(g); if (y) dot += x * y; }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export function textSimilarity(a: string, b: string): number {
  return cosine(trigrams(a), trigrams(b));
}

/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const R = 6371008.8, rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

export interface DuplicateCandidate { category: string; text: string; lat: number; lon: number; createdAt: Date }
export interface DuplicateQuery { category?: string; text: string; lat: number; lon: number; at?: Date }

export interface DuplicateMatch { score: number; distance: number; similarity: number }

/**
 * 0..1: how likely the candidate is the same problem. Place weighs most (0.45), then text
 * (0.35), category (0.15: same, or 0.08 related) and recency (0.05). A candidate beyond the
 * category's radius, or of an unrelated category, scores 0.
 */
export function duplicateScore(query: DuplicateQuery, candidate: DuplicateCandidate, queryVector = trigrams(query.text)): DuplicateMatch {
  const category = query.category ?? candidate.category;
  const distance = distanceM(query, candidate);
  const radius = radiusFor(category);
  const similarity = cosine(queryVector, trigrams(candidate.text));
  if (distance > radius || !categoriesRelated(category, candidate.category)) return { score: 0, distance, similarity };
  const ageDays = Math.max(0, ((query.at ?? new Date()).getTime() - candidate.createdAt.getTime()) / 86_400_000);
  const score = 0.45 * (1 - distance / radius)
    + 0.35 * similarity
    + (category === candidate.category ? 0.15 : 0.08)
    + 0.05 * Math.max(0, 1 - ageDays / DUPLICATE_WINDOW_DAYS);
  return { score: Math.round(score * 1000) / 1000, distance: Math.round(distance), similarity: Math.round(similarity * 1000) / 1000 };
}

/** At or above this score a candidate is offered as a probable duplicate: the best F1 on the tuning
 * part of the labelled pairs (the test part is only for npm run eval). */
export const DUPLICATE_THRESHOLD = 0.6;
