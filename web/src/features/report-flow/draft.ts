/**
 * The report being written. Its fields live in sessionStorage and its photos in IndexedDB, so a
 * reload (or a phone that drops the tab to save memory) loses nothing; both are cleared once the
 * report is sent or handed to the offline queue. The draft's key is also its Idempotency-Key:
 * a double click or a retry of the same draft never files two reports.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { createStore, del, entries, get, set } from "idb-keyval";

export interface LatLon { lat: number; lon: number }

export interface Draft {
  key: string;
  step: number;
  pin: LatLon | null;
  category: string;
  /**
   * The category was filled in from the AI's suggestion and the citizen has not confirmed it
   * yet (by choosing it or going on from the category step): a new suggestion may replace it.
   */
  suggested: boolean;
  /** Answers to the category's extra questions, by question code (lists joined by commas). */
  attributes: Record<string, string>;
  title: string;
  description: string;
  name: string;
  email: string;
  phone: string;
  showName: boolean;
}

export interface DraftPhoto { id: string; blob: Blob }
interface StoredPhotos { savedAt: number; photos: DraftPhoto[] }

const STORAGE_KEY = "report-draft";
// idb-keyval keeps one object store per database: the draft's photos get a database of their own.
const photoStore = createStore("baladiya-draft", "photos");
/** Photos of a draft nobody came back to (its tab closed) are dropped after a day. */
const ABANDONED_MS = 86_400_000;

async function dropAbandonedPhotos(): Promise<void> {
  const now = Date.now();
  const stale = (await entries<string, StoredPhotos>(photoStore)).filter(([, v]) => !(v?.savedAt > now - ABANDONED_MS));
  await Promise.all(stale.map(([key]) => del(key, photoStore)));
}

export function newDraft(pin: LatLon | null = null): Draft {
  return {
    key: crypto.randomUUID(), step: 1, pin, category: "", suggested: false, attributes: {},
    title: "", description: "", name: "", email: "", phone: "", showName: false,
  };
}

function storedDraft(): Draft | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? { ...newDraft(), ...(JSON.parse(raw) as Partial<Draft>) } : null;
  } catch {
    return null;
  }
}

export interface DraftState {
  draft: Draft;
  update(patch: Partial<Draft>): void;
  photos: DraftPhoto[];
  setPhotos(update: (photos: DraftPhoto[]) => DraftPhoto[]): void;
  /** Forgets the draft (sent or queued) and starts a blank one. */
  reset(): void;
}

export function useDraft(start: () => Draft): DraftState {
  const restored = useRef<Draft | null | undefined>(undefined);
  if (restored.current === undefined) restored.current = storedDraft();
  const [draft, setDraft] = useState<Draft>(() => restored.current ?? start());
  const [photos, setPhotoState] = useState<DraftPhoto[]>([]);
  // Until the stored photos are read back, saving would overwrite them with none.
  const photosRead = useRef(false);

  useEffect(() => {
    const previous = restored.current;
    // Drafts of other tabs keep their photos: only abandoned ones are dropped.
    const read = previous
      ? get<StoredPhotos>(previous.key, photoStore).then((s) => s && setPhotoState((now) => (now.length ? now : s.photos)))
      : dropAbandonedPhotos();
    void read.catch(() => {}).finally(() => { photosRead.current = true; });
  }, []);

  useEffect(() => {
    if (!photosRead.current) return;
    const stored: StoredPhotos = { savedAt: Date.now(), photos };
    void set(draft.key, stored, photoStore).catch(() => { /* private mode: photos stay in memory only */ });
  }, [draft.key, photos]);

  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  }, [draft]);

  const update = useCallback((patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch })), []);

  const setPhotos = useCallback((change: (photos: DraftPhoto[]) => DraftPhoto[]) => {
    photosRead.current = true;
    setPhotoState(change);
  }, []);

  const reset = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    void del(draft.key, photoStore).catch(() => {});
    restored.current = null;
    photosRead.current = false;
    setDraft(newDraft());
    setPhotoState([]);
  }, [draft.key]);

  return { draft, update, photos, setPhotos, reset };
}

/** The draft as the API's multipart fields ("reporter.name" nests on the server). */
export function reportFields(draft: Draft, language: string, signedIn: boolean): Record<string, string> {
  const fields: Record<string, string> = {
    category: draft.category,
    title: draft.title.trim(),
    description: draft.description.trim(),
    language,
    "reporter.showName": String(draft.showName),
  };
  if (draft.pin) {
    fields.lat = draft.pin.lat.toFixed(6);
    fields.lon = draft.pin.lon.toFixed(6);
  }
  const optional: [string, string][] = [["reporter.name", draft.name], ["reporter.phone", draft.phone]];
  // A signed-in citizen's reports go to their account's address.
  if (!signedIn) optional.push(["reporter.email", draft.email]);
  for (const [key, value] of optional) if (value.trim()) fields[key] = value.trim();
  for (const [code, value] of Object.entries(draft.attributes)) if (value.trim()) fields[`attributes.${code}`] = value.trim();
  return fields;
}
