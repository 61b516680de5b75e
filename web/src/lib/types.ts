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
  categories: { code: string; group: string; severity: number; targetDays: number; name: Localized; description: Localized; questions: CategoryQuestion[] }[];
  areas: { code: string; kind: string; parent: string | null; name: Localized; population: number | null; bbox: [number, number, number, number] }[];
  authorities: { code: string; name: Localized }[];
  places: { code: string; kind: string; name: Localized; lat: number; lon: number }[];
}

/** An extra question a category asks (Open311 service attributes), answered in the report's `attributes`. */
export interface CategoryQuestion {
  code: string;
  datatype: "string" | "number" | "datetime" | "text" | "singlevaluelist" | "multivaluelist";
  required: boolean;
  label: Localized;
  values?: { key: string; name: Localized }[];
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
  /** Citizens who said "me too". */
  supporterCount: number;
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
  /** Citizens who said "me too". */
  supporterCount: number;
}

export interface StaffReport extends PublicReport {
  reporter: { name: string | null; email: string | null; phone: string | null; showName: boolean; userId: string | null };
  source: string;
  attributes: Record<string, unknown>;
  assigneeId: string | null;
  acknowledgedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  /** The reporters' answers to "Is it really fixed?". */
  fixFeedback: { answers: number; notFixed: number; averageScore: number | null };
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
  /** What this viewer may do: they filed it, they said "me too", they are asked "Is it really fixed?". */
  viewer: { reporter: boolean; supporting: boolean; feedbackAwaited: boolean };
}

export interface Page<T> { items: T[]; nextCursor: string | null }

/** City administration (/api/admin/*): authorities, categories, routing, staff accounts. */
export interface AdminAuthority {
  id: string;
  code: string;
  name: Localized;
  description: Localized | null;
  email: string;
  language: "ar" | "fr" | "en";
  sendMethod: "email" | "noop" | "open311";
  /** The authority's Open311 back-office (the api_key only as a hint), null when none is set. */
  open311: AdminOpen311Settings | null;
  active: boolean;
  /** The triage desk: receives every report no rule routes; it cannot be deactivated. */
  isDefault: boolean;
  rules: { category: string; area: string | null }[];
}

export interface AdminOpen311Settings {
  endpoint: string;
  jurisdictionId: string | null;
  serviceCodes: Record<string, string>;
  format: "json" | "xml";
  updates: "servicerequestupdates" | "requests";
  /** "••••" and the key's last four characters. */
  apiKeyHint: string | null;
}

export interface AdminCategory {
  code: string;
  group: string;
  name: Localized;
  description: Localized;
  severity: number;
  targetDays: number;
  active: boolean;
}

export interface AdminCategories { groups: { code: string; name: Localized }[]; categories: AdminCategory[] }

/** One category's routing: the whole city's authority (null: the triage desk) and per-area overrides. */
export interface CategoryRouting { category: string; default: string | null; areas: Record<string, string> }
export interface RoutingMatrix { defaultAuthority: string; categories: CategoryRouting[] }

export interface StaffAccount extends Omit<User, "role"> {
  role: "staff" | "city_admin";
  active: boolean;
  invitationPending: boolean;
  createdAt: string;
}

/** GET /api/reports/map: every report of a box as a point when few, else counts per grid cell. */
export type MapPoint = [ref: string, lat: number, lon: number, state: ReportState, category: string];
export type MapCell = [lat: number, lon: number, count: number, open: number, progress: number, done: number];
export type MapReports =
  | { kind: "points"; total: number; points: MapPoint[] }
  | { kind: "cells"; total: number; cellSize: number; buckets: Record<"open" | "progress" | "done", ReportState[]>; cells: MapCell[] };

/** The staff console (/api/staff/*): queue rows, counts, colleagues, bulk results, response templates. */
export interface StaffListItem extends ReportListItem {
  assigneeId: string | null;
  acknowledgedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
}

export interface StaffCounts { total: number; overdue: number; states: Partial<Record<ReportState, number>> }

export interface StaffMember { id: string; name: string; role: "staff" | "city_admin"; authority: string | null }

export interface BulkResult {
  ref: string;
  ok: boolean;
  state: ReportState | null;
  problem: { type: string; title: string; status: number } | null;
}

export interface ResponseTemplate {
  id: string;
  category: string | null;
  state: ReportState | null;
  title: Record<"ar" | "fr" | "en", string>;
  body: Record<"ar" | "fr" | "en", string>;
  updatedAt: string;
}
