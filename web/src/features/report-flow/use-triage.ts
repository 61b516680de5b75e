/**
 * What the AI makes of the draft, kept current as the citizen writes: asked a moment after the
 * typing stops, only once there is enough text to go on, the previous question abandoned when
 * the text changes. It is only a hint: offline, or when the server gives no answer, there is
 * simply no suggestion and the form works as before.
 */
import { useEffect, useRef, useState } from "react";
import type { City } from "../../lib/types.ts";
import { fetchTriage, type TriageQuery, type TriageReply } from "../../lib/triage.ts";
import type { Draft } from "./draft.ts";

/** Fewer characters than this say too little for a suggestion worth showing. */
export const TRIAGE_MIN_CHARS = 12;
/** While the citizen types: ask this long after the last key. */
export const TRIAGE_TYPING_DELAY_MS = 400;
/** Elsewhere (a category chosen, the step left): soon, but not on every arrow key through the list. */
export const TRIAGE_CHOICE_DELAY_MS = 150;

/** The draft as a triage question, or null while its text is too short. */
export function triageQuery(draft: Draft): TriageQuery | null {
  // Joined as the server joins a stored report's title and description.
  const text = [draft.title.trim(), draft.description.trim()].filter(Boolean).join(". ");
  if (text.length < TRIAGE_MIN_CHARS) return null;
  const query: TriageQuery = { text };
  if (draft.pin) {
    // Six decimals (about 10 cm): a pin nudged by nothing visible does not ask again.
    query.lat = Math.round(draft.pin.lat * 1e6) / 1e6;
    query.lon = Math.round(draft.pin.lon * 1e6) / 1e6;
  }
  if (draft.category) query.category = draft.category;
  return query;
}

/** The latest answer for the query (kept while the next one is on its way), or null. */
export function useTriage(query: TriageQuery | null, delay: number): TriageReply | null {
  const key = query ? JSON.stringify(query) : "";
  const [reply, setReply] = useState<TriageReply | null>(null);
  const pending = useRef<{ key: string; controller: AbortController } | null>(null);
  const answered = useRef("");

  useEffect(() => {
    // A question about another text is not worth an answer any more.
    if (pending.current && pending.current.key !== key) {
      pending.current.controller.abort();
      pending.current = null;
    }
    if (!query) {
      answered.current = "";
      setReply(null);
      return;
    }
    if (answered.current === key || pending.current?.key === key || !navigator.onLine) return;
    const timer = setTimeout(() => {
      const controller = new AbortController();
      pending.current = { key, controller };
      const settle = (answer: TriageReply | null) => {
        if (pending.current?.controller !== controller) return;
        pending.current = null;
        // After a failure, the next change of step or text asks again.
        answered.current = answer ? key : "";
        setReply(answer);
      };
      fetchTriage(query, controller.signal).then(settle, () => settle(null));
    }, delay);
    return () => clearTimeout(timer);
  }, [key, delay]);

  useEffect(() => () => {
    pending.current?.controller.abort();
    pending.current = null;
  }, []);

  return reply;
}

export interface Suggestion {
  /** The city's categories among the AI's top three, most probable first. */
  codes: string[];
  /** The first one can be filled in for the citizen (who may still change it). */
  confident: boolean;
}

/** The answer's categories as this city knows them (a model may know codes the city lacks). */
export function suggestionOf(reply: TriageReply | null, city: City): Suggestion | null {
  if (!reply) return null;
  const codes = reply.categories.map((c) => c.code).filter((code) => city.categories.some((c) => c.code === code));
  if (codes.length === 0) return null;
  // Confidence is about the model's first choice: if the city does not have it, nothing is sure.
  return { codes, confident: reply.confident && codes[0] === reply.categories[0]?.code };
}
