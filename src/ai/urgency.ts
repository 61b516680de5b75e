/**
 * Urgency: a 0–100 priority and the reasons for it, each a factor with its points, so staff
 * read "exposed wires: +30; 120 m from a school: +10" and can overrule it. Additive on
 * purpose: every point can be traced to one fact about the report.
 */
import { findHazards, HAZARD_POINTS, statedDurationDays, type Hazard } from "./hazards.ts";

export type SensitiveKind = "school" | "hospital" | "market";

export type UrgencyFactor =
  | { kind: "severity"; severity: number; points: number }
  | { kind: "hazard"; hazard: Hazard; points: number }
  | { kind: "duration"; days: number; points: number }
  | { kind: "near"; place: SensitiveKind; name: Record<string, string>; distance: number; points: number }
  | { kind: "supporters"; count: number; points: number }
  | { kind: "overdue"; days: number; targetDays: number; points: number };

export interface Urgency { score: number; factors: UrgencyFactor[] }

export interface UrgencyInput {
  text: string;
  /** The category's default severity, 1 (cosmetic) to 5 (danger). */
  severity: number;
  /** Sensitive places near the report, with their distance in metres. */
  nearby?: { kind: SensitiveKind; name: Record<string, string>; distance: number }[];
  /** Other citizens who reported or supported the same problem. */
  supporters?: number;
  /** Days the report has been waiting, against the category's target time to fix. */
  ageDays?: number;
  targetDays?: number;
}

/** Sensitive places count within this distance. */
export const SENSITIVE_RADIUS_M = 200;
const NEAR_POINTS: Record<SensitiveKind, number> = { school: 10, hospital: 10, market: 5 };
const MAX_HAZARD_POINTS = 45;

export function scoreUrgency(input: UrgencyInput): Urgency {
  const factors: UrgencyFactor[] = [{ kind: "severity", severity: input.severity, points: input.severity * 10 }];

  let hazardPoints = 0;
  const hazards = findHazards(input.text).sort((a, b) => HAZARD_POINTS[b] - HAZARD_POINTS[a]);
  for (const hazard of hazards) {
    // Several hazards add up, to a ceiling: five alarming words are not five times the danger.
    const points = Math.min(HAZARD_POINTS[hazard], MAX_HAZARD_POINTS - hazardPoints);
    if (points <= 0) break;
    hazardPoints += points;
    factors.push({ kind: "hazard", hazard, points });
  }

  const days = statedDurationDays(input.text);
  if (days !== undefined && days >= 7) factors.push({ kind: "duration", days, points: days >= 90 ? 15 : days >= 30 ? 10 : 5 });

  // The closest place of each kind counts once: a school 80 m away is the reason, not every school.
  const closest = new Map<SensitiveKind, NonNullable<UrgencyInput["nearby"]>[number]>();
  for (const place of input.nearby ?? []) {
    if (place.distance > SENSITIVE_RADIUS_M) continue;
    const seen = closest.get(place.kind);
    if (!seen || place.distance < seen.distance) closest.set(place.kind, place);
  }
  for (const place of closest.values()) {
    factors.push({ kind: "near", place: place.kind, name: place.name, distance: Math.round(place.distance / 10) * 10, points: NEAR_POINTS[place.kind] });
  }

  if (input.supporters && input.supporters > 0) {
    factors.push({ kind: "supporters", count: input.supporters, points: Math.min(20, input.supporters * 4) });
  }

  if (input.ageDays !== undefined && input.targetDays && input.ageDays > input.targetDays) {
    factors.push({ kind: "overdue", days: Math.floor(input.ageDays), targetDays: input.targetDays, points: input.ageDays > 2 * input.targetDays ? 15 : 10 });
  }

  const total = factors.reduce((sum, f) => sum + f.points, 0);
  return { score: Math.max(0, Math.min(100, total)), factors };
}
