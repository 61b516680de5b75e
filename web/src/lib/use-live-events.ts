/**
 * Live report events for a page: one EventSource on GET /api/events with the given filters,
 * open while the component is mounted (and the filters unchanged), closed on unmount.
 * The browser reconnects by itself and resumes with Last-Event-ID, so missed events arrive in
 * order. Where EventSource is missing or the stream fails, nothing happens: pages must work
 * without it (they still load their data as before).
 */
import { useEffect, useRef } from "react";
import type { EventData, LiveEventType } from "../../../src/events/events.schemas.ts";

export type { EventData, LiveEventType };

export interface LiveEvent { id: string; type: LiveEventType; data: EventData }

/** The stream's filters (all given ones must match); an empty filter is the whole city. */
export interface LiveFilter {
  bbox?: [west: number, south: number, east: number, north: number];
  area?: string[];
  category?: string[];
  report?: string[];
}

export interface LiveHandlers {
  onEvent(event: LiveEvent): void;
  /**
   * Called each time the stream (re)opens. A fresh stream starts at the newest event, so a page
   * that loaded its data before the stream opened may refetch here to cover the gap.
   */
  onOpen?(): void;
}

const types: LiveEventType[] = ["report.created", "report.updated", "report.state_changed"];

export function liveEventsUrl(filter: LiveFilter): string {
  const q = new URLSearchParams();
  if (filter.bbox) q.set("bbox", filter.bbox.join(","));
  for (const key of ["area", "category", "report"] as const) {
    const list = filter[key];
    if (list && list.length > 0) q.set(key, list.join(","));
  }
  const s = q.toString();
  return s ? `/api/events?${s}` : "/api/events";
}

/** Listens while mounted; pass `null` to stay closed (e.g. until the page knows what to follow). */
export function useLiveEvents(filter: LiveFilter | null, handlers: LiveHandlers): void {
  // The latest handlers, without reopening the stream each render.
  const latest = useRef(handlers);
  latest.current = handlers;
  const url = filter ? liveEventsUrl(filter) : null;

  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    let source: EventSource;
    try {
      source = new EventSource(url);
    } catch {
      return;
    }
    const listener = (type: LiveEventType) => (e: MessageEvent<string>) => {
      let data: EventData;
      try {
        data = JSON.parse(e.data) as EventData;
      } catch {
        return;
      }
      latest.current.onEvent({ id: e.lastEventId, type, data });
    };
    const listeners = types.map((type) => [type, listener(type)] as const);
    for (const [type, fn] of listeners) source.addEventListener(type, fn);
    const onOpen = () => latest.current.onOpen?.();
    source.addEventListener("open", onOpen);
    // Errors: the browser retries by itself (or gives up on a refusal such as 429); either way the
    // page keeps working from its own requests, so there is nothing to show.
    return () => {
      for (const [type, fn] of listeners) source.removeEventListener(type, fn);
      source.removeEventListener("open", onOpen);
      source.close();
    };
  }, [url]);
}
