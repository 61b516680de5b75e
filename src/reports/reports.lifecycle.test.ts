/** Who may move a report where: the staff and citizen rules of canTransition. */
import { describe, expect, it } from "vitest";
import { canTransition, closedStates, isPublicState, openStates, publicStates, states, type ReportState } from "./reports.lifecycle.ts";

const working: ReportState[] = ["in_progress", "action_scheduled"];
const closing: ReportState[] = ["fixed", "closed", "duplicate", "not_responsible", "referred"];

describe("canTransition as staff", () => {
  it("publishes an unconfirmed report or takes it straight to work", () => {
    expect(canTransition("open", "confirmed", "staff")).toBe(true);
    expect(canTransition("open", "in_progress", "staff")).toBe(true);
    expect(canTransition("open", "duplicate", "staff")).toBe(true);
    expect(canTransition("open", "reopened", "staff")).toBe(false);
  });

  it.each(["confirmed", "in_progress", "action_scheduled", "reopened"] as ReportState[])("from %s: any working or closing state", (from) => {
    for (const to of [...working, ...closing]) {
      expect(canTransition(from, to, "staff"), `${from} → ${to}`).toBe(to !== from);
    }
    expect(canTransition(from, "open", "staff")).toBe(false);
    expect(canTransition(from, "confirmed", "staff")).toBe(false);
  });

  it("a fixed report can be closed, reopened or taken back to work, nothing else", () => {
    const allowed = states.filter((to) => canTransition("fixed", to, "staff"));
    expect(allowed.sort()).toEqual(["closed", "in_progress", "reopened"]);
  });

  it.each(["closed", "duplicate", "not_responsible", "referred"] as ReportState[])("from %s: only reopened", (from) => {
    expect(states.filter((to) => canTransition(from, to, "staff"))).toEqual(["reopened"]);
  });

  it("never goes back to open or to the same state", () => {
    for (const from of states) {
      expect(canTransition(from, "open", "staff"), `${from} → open`).toBe(false);
      expect(canTransition(from, from, "staff"), `${from} → ${from}`).toBe(false);
    }
  });
});

describe("canTransition as a citizen", () => {
  it("may only reopen a fixed report", () => {
    const allowed: [ReportState, ReportState][] = [];
    for (const from of states) for (const to of states) if (canTransition(from, to, "citizen")) allowed.push([from, to]);
    expect(allowed).toEqual([["fixed", "reopened"]]);
  });

  it("cannot confirm, close, fix or reopen a closed report", () => {
    expect(canTransition("open", "confirmed", "citizen")).toBe(false);
    expect(canTransition("confirmed", "fixed", "citizen")).toBe(false);
    expect(canTransition("in_progress", "closed", "citizen")).toBe(false);
    expect(canTransition("closed", "reopened", "citizen")).toBe(false);
    expect(canTransition("duplicate", "reopened", "citizen")).toBe(false);
  });
});

describe("state sets", () => {
  it("everything but open is public", () => {
    expect(isPublicState("open")).toBe(false);
    for (const s of states.filter((x) => x !== "open")) expect(isPublicState(s)).toBe(true);
    expect(publicStates).not.toContain("open");
    expect(publicStates).toHaveLength(states.length - 1);
  });

  it("open and closed states partition the published states", () => {
    expect([...openStates, ...closedStates].sort()).toEqual([...publicStates].sort());
    expect(openStates.filter((s) => closedStates.includes(s))).toEqual([]);
  });
});
