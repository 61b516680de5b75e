/**
 * The queue's filters live in the address (/staff?state=…&assignee=me), so that back and forward,
 * reloading and sharing a link all keep them; saved views are named copies of that query.
 */
import { publicStates } from "../lib/states.ts";
import type { ReportState } from "../lib/types.ts";

export interface QueueFilters {
  state?: ReportState;
  category?: string;
  area?: string;
  authority?: string;
  /** "me", "none" (unassigned) or a colleague's id. */
  assignee?: string;
  overdue?: boolean;
  q?: string;
}

const textKeys = ["category", "area", "authority", "assignee", "q"] as const;

export function parseFilters(search: string): QueueFilters {
  const params = new URLSearchParams(search);
  const filters: QueueFilters = {};
  const state = params.get("state");
  if (state && (publicStates as string[]).includes(state)) filters.state = state as ReportState;
  for (const key of textKeys) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  if (params.get("overdue") === "true") filters.overdue = true;
  return filters;
}

/** A stable query string: the same filters always give the same string (saved views compare equal). */
export function toSearch(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.state) params.set("state", filters.state);
  for (const key of textKeys) if (filters[key]) params.set(key, filters[key]!);
  if (filters.overdue) params.set("overdue", "true");
  return params.toString();
}

export const hasFilters = (filters: QueueFilters) => toSearch(filters) !== "";
