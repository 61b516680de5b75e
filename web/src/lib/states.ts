/** Report states as the interface shows them: colour and grouping. Names are in states.messages.ts. */
import type { ReportState } from "./types.ts";

export const publicStates: ReportState[] = ["confirmed", "in_progress", "action_scheduled", "reopened", "fixed", "closed", "duplicate", "not_responsible", "referred"];
export const openStates: ReportState[] = ["open", "confirmed", "in_progress", "action_scheduled", "reopened"];

/** Colours chosen for contrast on the map and on white (WCAG AA for text on them in white). */
export const stateColor: Record<ReportState, string> = {
  open: "#6b7280",
  confirmed: "#c2410c",
  reopened: "#b91c1c",
  in_progress: "#1d4ed8",
  action_scheduled: "#6d28d9",
  fixed: "#15803d",
  closed: "#374151",
  duplicate: "#6b7280",
  not_responsible: "#6b7280",
  referred: "#0f766e",
};

/** The three buckets a citizen cares about, for map colours and counts. */
export function stateBucket(s: ReportState): "open" | "progress" | "done" {
  if (s === "in_progress" || s === "action_scheduled") return "progress";
  if (s === "fixed" || s === "closed" || s === "duplicate" || s === "not_responsible" || s === "referred") return "done";
  return "open";
}
