/**
 * Per-city behaviour beyond data. Core code calls these documented hooks and never tests
 * a city's slug; a misspelled hook is a compile error.
 */
export interface CityProfile {
  /** Reference shown to citizens, e.g. CAS-2026-000123. */
  formatReference?(prefix: string, year: number, seq: number): string;
}

export const defaultProfile: Required<CityProfile> = {
  formatReference: (prefix, year, seq) => `${prefix}-${year}-${String(seq).padStart(6, "0")}`,
};

/** Profiles of cities that need hooks; a city without one uses the defaults. */
const profiles: Record<string, CityProfile> = {};

export function profileFor(slug: string): Required<CityProfile> {
  return { ...defaultProfile, ...profiles[slug] };
}
