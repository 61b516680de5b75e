/**
 * Reports written without a connection wait on the device (IndexedDB, photos included) and
 * are sent, oldest first, when the connection returns. Each keeps the Idempotency-Key it was
 * given when written, so a send that reached the server before the connection dropped is
 * never filed twice.
 */
import { createStore, del, entries, set } from "idb-keyval";
import { api, ApiError, NetworkError } from "./api.ts";

export interface PendingReport {
  id: string;
  savedAt: string;
  fields: Record<string, string>;
  photos: Blob[];
}

/** POST /api/reports's answer. */
export interface SentReport {
  id: string;
  ref: string;
  state: "open" | "confirmed";
  area: string;
  authority: { id: string; code: string; name: Record<string, string> };
  trackingUrl: string;
  confirmationRequired: boolean;
}

const store = createStore("baladiya", "pending-reports");
const listeners = new Set<() => void>();

export function onQueueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => listeners.forEach((l) => l());

/** How a waiting report ended: sent, or refused by the server (and dropped from the queue). */
export type QueueOutcome = { id: string; sent: SentReport } | { id: string; refused: ApiError };
const outcomeListeners = new Set<(outcome: QueueOutcome) => void>();

/** Lets the page that queued a report show what became of it. */
export function onQueueOutcome(listener: (outcome: QueueOutcome) => void): () => void {
  outcomeListeners.add(listener);
  return () => { outcomeListeners.delete(listener); };
}
const settled = (outcome: QueueOutcome) => outcomeListeners.forEach((l) => l(outcome));

export async function pendingReports(): Promise<PendingReport[]> {
  const all = await entries<string, PendingReport>(store);
  return all.map(([, v]) => v).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

/**
 * Keeps a report to send later. Pass the Idempotency-Key the first attempt used: if that attempt
 * reached the server after all, sending again returns the report it filed instead of a second one.
 */
export async function keepForLater(fields: Record<string, string>, photos: Blob[], id: string = crypto.randomUUID()): Promise<PendingReport> {
  const pending = { id, savedAt: new Date().toISOString(), fields, photos };
  await set(pending.id, pending, store);
  changed();
  return pending;
}

/** Sends one report (multipart, as the API takes it). */
export function sendReport(fields: Record<string, string>, photos: Blob[], idempotencyKey: string): Promise<SentReport> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  photos.forEach((p, i) => form.append("photos", p, `photo-${i + 1}.jpg`));
  return api<SentReport>("/api/reports", { form, headers: { "idempotency-key": idempotencyKey } });
}

let flushing: Promise<SentReport[]> | null = null;

/**
 * Sends what waits. Stops at the first network failure (still offline); a report the server
 * refuses (4xx) is dropped from the queue, since sending it again would fail the same way.
 */
export function flushQueue(): Promise<SentReport[]> {
  flushing ??= (async () => {
    const sent: SentReport[] = [];
    try {
      for (const p of await pendingReports()) {
        try {
          const report = await sendReport(p.fields, p.photos, p.id);
          sent.push(report);
          await del(p.id, store);
          settled({ id: p.id, sent: report });
        } catch (err) {
          if (err instanceof NetworkError || (err instanceof ApiError && err.status >= 500)) break;
          if (err instanceof ApiError) {
            await del(p.id, store);
            settled({ id: p.id, refused: err });
          }
        }
      }
    } finally {
      flushing = null;
      changed();
    }
    return sent;
  })();
  return flushing;
}

/** Flush when the browser says the connection is back, and once at start. */
export function startQueueFlushing(): void {
  window.addEventListener("online", () => void flushQueue());
  if (navigator.onLine) void flushQueue();
}
