/**
 * Shapes of the API answers the web app reads. The server's zod schemas are the source of
 * truth (see /api/openapi.json); these mirror the fields the app uses.
 */
export type Localized = Record<string, string>;

export type ReportState =
  | "open" | "confirmed" | "in_progress" | "action_scheduled" | "fixed" | "closed"
  | "duplicate" | "not_responsible" | "referred" | "reopened";

export interface City {
  slug: string;
  name: Localized;
  timezone: string;
  defaultLanguage: string;
  center: { lat: number; lon: number; zoom: number };
  bounds: [number, number, number, number];
  attribution: string;
  map: { tileUrl: string; tileAttribution: string; geocoderUrl: string | null };
  groups: { code: string; name: Localized }[];
  categories: { code: string; group: string; severity: number; targetDays: number; name: Localized; description: Localized; questions: unknown[] }[];
  areas: { code: string; kind: string; parent: string | null; name: Localized; population: number | null; bbox: [number, number, number, number] }[];
  authorities: { code: string; name: Localized }[];
  places: { code: string; kind: string; name: Localized; lat: number; lon: number }[];
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: "citizen" | "staff" | "city_admin" | "superadmin";
  authorityId: string | null;
  language: "ar" | "fr" | "en";
  emailVerified: boolean;
}

export interface ReportListItem {
  ref: string;
  category: string;
  area: string;
  authority: string;
  lat: number;
  lon: number;
  title: string;
  language: string;
  state: ReportState;
  priority: number;
  createdAt: string;
  updatedAt: string;
  thumbnailUrl: string | null;
}

export interface Photo { id: string; url: string; thumbnailUrl: string; width: number; height: number }

export interface PublicReport {
  id: string;
  ref: string;
  category: string;
  area: string;
  prefecture: string | null;
  authority: { id: string; code: string; name: Localized };
  lat: number;
  lon: number;
  title: string;
  description: string;
  language: string;
  state: ReportState;
  priority: number;
  reporterName: string | null;
  duplicateOf: string | null;
  createdAt: string;
  updatedAt: string;
  confirmedAt: string | null;
  fixedAt: string | null;
  closedAt: string | null;
  photos: Photo[];
  trackingUrl: string;
}

export interface StaffReport extends PublicReport {
  reporter: { name: string | null; email: string | null; phone: string | null; showName: boolean; userId: string | null };
  source: string;
  attributes: Record<string, unknown>;
  assigneeId: string | null;
  acknowledgedAt: string | null;
}

export interface ReportUpdate {
  id: string;
  createdAt: string;
  authorName: string | null;
  authorRole: string;
  visibility: "public" | "internal";
  text: string;
  stateFrom: ReportState | null;
  stateTo: ReportState | null;
  photos: Photo[];
}

export interface ReportDetail {
  report: PublicReport | StaffReport;
  updates: ReportUpdate[];
  history?: { at: string; action: string; field: string | null; from: string | null; to: string | null; actor: string; actorId: string | null }[];
}

export interface Page<T> { items: T[]; nextCursor: string | null }
