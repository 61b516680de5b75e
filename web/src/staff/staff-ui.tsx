/**
 * What the console's pages share: loading a resource, running an action with its outcome
 * announced (aria-live) and the server's field errors kept, a state badge, a priority badge and
 * the overdue flag that always say it in words or numbers, never by colour alone.
 */
import { Fragment, useCallback, useEffect, useState, type ReactNode } from "react";
import { api, ApiError, NetworkError } from "../lib/api.ts";
import { useMessages } from "../lib/i18n.tsx";
import { stateColor } from "../lib/states.ts";
import statesMessages from "../lib/states.messages.ts";
import type { ReportState } from "../lib/types.ts";
import { ClockIcon } from "./icons.tsx";
import messages from "./staff.messages.ts";
import { triageLanguages, type TriageLanguage } from "./triage-types.ts";
import triageMessages from "./triage.messages.ts";

type Resource<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "failed"; error: Error };

/** GET a path; reloads when the path changes; `reload` fetches again, keeping the current data on screen. */
export function useResource<T>(path: string | null) {
  const [state, setState] = useState<Resource<T>>({ status: "loading" });
  const load = useCallback(async (signal?: AbortSignal) => {
    if (!path) return;
    try {
      const data = await api<T>(path, { signal });
      setState({ status: "ready", data });
    } catch (error) {
      if ((error as Error).name !== "AbortError") setState({ status: "failed", error: error as Error });
    }
  }, [path]);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);
  return { state, reload: () => load() };
}

/** The resource's data, or a status line, or an error with a retry button. */
export function Loaded<T>({ resource, children }: { resource: { state: Resource<T>; reload(): Promise<void> }; children: (data: T) => ReactNode }) {
  const [m] = useMessages(messages);
  const { state } = resource;
  if (state.status === "loading") return <p className="loading" role="status">{m.loading}</p>;
  if (state.status === "failed") {
    const missing = state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 400);
    return (
      <div role="alert" className="staff-load-error">
        <p>{missing ? m.notFound : m.loadFailed}</p>
        {!missing && <button type="button" className="button" onClick={() => void resource.reload()}>{m.retry}</button>}
      </div>
    );
  }
  return <>{children(state.data)}</>;
}

export type Outcome = { ok: boolean; text: string } | null;

/**
 * One action (a form's submit): busy while it runs, its outcome in words for the live region,
 * the server's field errors for the fields. Resolves to the action's result, undefined if it failed.
 */
export function useAction() {
  const [m, f] = useMessages(messages);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async <T,>(action: () => Promise<T>, success: string | ((result: T) => NonNullable<Outcome>)): Promise<T | undefined> => {
    setBusy(true);
    setOutcome(null);
    setError(null);
    try {
      const result = await action();
      setOutcome(typeof success === "string" ? { ok: true, text: success } : success(result));
      return result;
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      const reason = err instanceof ApiError ? (err.fields.map((x) => x.message).join(" ") || err.title) : (err as Error).message;
      setOutcome({ ok: false, text: err instanceof NetworkError ? m.offline : f.fill(m.failed, { reason }) });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run, fieldError: (field: string) => error?.messageFor(field) };
}

/** Always in the page, so that screen readers hear each new outcome. */
export function ActionStatus({ outcome }: { outcome: Outcome }) {
  return (
    <p role="status" aria-live="polite" className={`action-status${outcome ? (outcome.ok ? " ok" : " failed") : ""}`}>
      {outcome && <><span aria-hidden="true">{outcome.ok ? "✓ " : "⚠ "}</span>{outcome.text}</>}
    </p>
  );
}

export function StateBadge({ state }: { state: ReportState }) {
  const [names] = useMessages(statesMessages);
  return <span className="state-badge" style={{ background: stateColor[state] }}>{names[state]}</span>;
}

/** A priority (0–100) as a number; its colour only repeats what the number says. */
export function PriorityBadge({ priority }: { priority: number }) {
  const [, f] = useMessages(messages);
  const level = priority >= 60 ? "high" : priority >= 30 ? "medium" : "low";
  return <span className={`priority-badge ${level}`}>{f.number(priority)}</span>;
}

export function OverdueFlag() {
  const [m] = useMessages(messages);
  return <span className="overdue-flag"><ClockIcon /> {m.overdue}</span>;
}

/** The attributes tying an input to its error, when there is one (no reference to an element that is not there). */
export function errorAttrs(id: string, text: string | undefined) {
  return text ? { "aria-invalid": true as const, "aria-describedby": id } : {};
}

/** A field's error beside it, tied to the input by id (aria-describedby). */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? <span id={id} className="error">{text}</span> : null;
}

/** A language code of AI triage (ary, ary-Latn, ar, fr…) as a name in the interface's language. */
export function useLanguageName() {
  const [t] = useMessages(triageMessages);
  return (code: string) => ((triageLanguages as readonly string[]).includes(code) ? t.languages[code as TriageLanguage] : code);
}

/**
 * A message with elements in its {placeholders}: a reference or a version kept left-to-right
 * and whole (<bdi>) inside an Arabic sentence, where a plain string would reorder its parts.
 */
export function fillElements(template: string, values: Record<string, ReactNode>): ReactNode {
  return template.split(/(\{\w+\})/).map((part, i) => {
    const key = /^\{(\w+)\}$/.exec(part)?.[1];
    return <Fragment key={i}>{key !== undefined && key in values ? values[key] : part}</Fragment>;
  });
}

/** A code (a report's reference, a model version) as one left-to-right piece of text. */
export const Code = ({ children }: { children: string }) => <bdi dir="ltr" className="nowrap">{children}</bdi>;
