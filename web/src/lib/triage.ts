/**
 * The triage API (POST /api/triage, see src/triage/triage.schemas.ts): what the AI makes of a
 * text being written — its language, its probable categories, urgency, and open reports it
 * probably repeats. Public, and only ever a hint: callers treat any failure as "no suggestion".
 */
import { api } from "./api.ts";

export type TriageLanguage = "ary" | "ary-Latn" | "ar" | "fr" | "en" | "es" | "zgh" | "und";

export interface TriageQuery {
  /** Title and description, 1 to 5000 characters. */
  text: string;
  lat?: number;
  lon?: number;
  /** The category the citizen chose: duplicates (and urgency) follow it. */
  category?: string;
}

export interface TriageCategory {
  code: string;
  /** Calibrated probability, 0..1: never shown to citizens as a number. */
  p: number;
  /** In the request's language. */
  name: string;
}

export interface UrgencyFactor { kind: "severity" | "hazard" | "duration" | "near" | "supporters" | "overdue"; points: number; text: string }

export interface TriageDuplicate {
  ref: string;
  title: string;
  category: string;
  state: string;
  createdAt: string;
  /** Metres from the query's point. */
  distance: number;
  similarity: number;
  score: number;
}

export interface TriageReply {
  modelVersion: string;
  language: TriageLanguage;
  languageConfidence: number;
  /** The three most probable categories, most probable first. */
  categories: TriageCategory[];
  /** false: the citizen should be asked to choose among them. */
  confident: boolean;
  urgency: { score: number; factors: UrgencyFactor[] };
  /** Open reports that are probably the same problem, most probable first (only with lat/lon). */
  duplicates: TriageDuplicate[];
}

export const TRIAGE_TEXT_MAX = 5000;

/** Asks the server; the CSRF header and the app's language go along as with every API call. */
export function fetchTriage(query: TriageQuery, signal?: AbortSignal): Promise<TriageReply> {
  const json: TriageQuery = { text: query.text.slice(0, TRIAGE_TEXT_MAX) };
  if (query.lat !== undefined && query.lon !== undefined) {
    json.lat = query.lat;
    json.lon = query.lon;
  }
  if (query.category) json.category = query.category;
  return api<TriageReply>("/api/triage", { json, signal });
}
