/**
 * The report's states and who may move it where. Pure: no I/O, used by services and UI.
 *   open (awaiting the reporter's confirmation) → confirmed → in_progress / action_scheduled
 *   → fixed → closed, plus duplicate, not_responsible, referred, and reopened.
 */
export const states = [
  "open", "confirmed", "in_progress", "action_scheduled", "fixed", "closed", "duplicate", "not_responsible", "referred", "reopened",
] as const;
export type ReportState = (typeof states)[number];

/** States the public can see: everything but reports still awaiting confirmation. */
export const publicStates: ReportState[] = states.filter((s) => s !== "open");
/** Work still to do. */
export const openStates: ReportState[] = ["confirmed", "in_progress", "action_scheduled", "reopened"];
/** Ends of the road (until reopened). */
export const closedStates: ReportState[] = ["fixed", "closed", "duplicate", "not_responsible", "referred"];

const staffTargets: ReportState[] = ["in_progress", "action_scheduled", "fixed", "closed", "duplicate", "not_responsible", "referred"];

/** Staff moves: from any published state to any other working or closing state. */
const staffTransitions: Record<ReportState, ReportState[]> = {
  open: ["confirmed", ...staffTargets],
  confirmed: staffTargets,
  in_progress: staffTargets.filter((s) => s !== "in_progress"),
  action_scheduled: staffTargets.filter((s) => s !== "action_scheduled"),
  reopened: staffTargets,
  fixed: ["closed", "reopened", "in_progress"],
  closed: ["reopened"],
  duplicate: ["reopened"],
  not_responsible: ["reopened"],
  referred: ["reopened"],
};

/** Citizens may only say "it is not fixed". */
const citizenTransitions: Partial<Record<ReportState, ReportState[]>> = { fixed: ["reopened"] };

export function canTransition(from: ReportState, to: ReportState, as: "staff" | "citizen"): boolean {
  const allowed = as === "staff" ? staffTransitions[from] : citizenTransitions[from] ?? [];
  return allowed.includes(to);
}

export function isPublicState(state: string): boolean {
  return state !== "open";
}
