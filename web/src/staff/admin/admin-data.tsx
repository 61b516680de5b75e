/**
 * How the admin pages load and save: a resource read from the API with its loading and error
 * states, a submit helper that keeps the server's field errors, and one live region for the
 * whole section, so "saved" is announced even when saving leads back to a list.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { useLocation } from "wouter";
import { api, ApiError, NetworkError } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./admin.messages.ts";

type ResourceState<T> = { status: "loading" } | { status: "ready"; data: T } | { status: "failed"; error: Error };

export function useResource<T>(path: string) {
  const [state, setState] = useState<ResourceState<T>>({ status: "loading" });
  const load = useCallback(async (signal?: AbortSignal) => {
    setState({ status: "loading" });
    try {
      setState({ status: "ready", data: await api<T>(path, { signal }) });
    } catch (error) {
      if ((error as Error).name !== "AbortError") setState({ status: "failed", error: error as Error });
    }
  }, [path]);
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);
  return { state, reload: () => load() };
}

/** Renders the data of one or more resources once all are ready; a status or an error until then. */
export function Loaded<T extends unknown[]>({ states, reload, children }: {
  states: { [K in keyof T]: ResourceState<T[K]> };
  reload: () => void;
  children: (...data: T) => ReactNode;
}) {
  const [m] = useMessages(messages);
  const failed = states.find((s) => s.status === "failed");
  if (failed) {
    const notFound = failed.error instanceof ApiError && failed.error.status === 404;
    return (
      <div role="alert" className="admin-load-error">
        <p>{notFound ? m.notFound : m.loadFailed}</p>
        {!notFound && <button type="button" className="button" onClick={reload}>{m.retry}</button>}
      </div>
    );
  }
  if (states.some((s) => s.status === "loading")) return <p role="status" className="loading">{m.loading}</p>;
  return <>{children(...(states.map((s) => (s as { data: unknown }).data) as T))}</>;
}

/** Sending a form: busy while it runs; the server's problem kept for the fields and the form. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error instanceof ApiError ? error.messageFor(field) : undefined);
  return { busy, error, run, fieldError };
}

/** The form's own message: the problem's title (pointing at the fields when the server named some). */
export function FormError({ error }: { error: Error | null }) {
  const [m, f] = useMessages(messages);
  const text = !error ? "" : error instanceof NetworkError ? m.offline
    : error instanceof ApiError && error.fields.length ? f.fill(m.fieldsNeedAttention, { title: error.title }) : error.message;
  return <p role="alert" className="form-error">{text}</p>;
}

interface Announcement { text: string; at: string }
/** Announces a result; `at` is the page it belongs to (the one the caller is about to open, or this one). */
type Announce = (text: string, at?: string) => void;
const AnnounceContext = createContext<Announce>(() => {});

/** One polite live region for the section; a message stays until the admin leaves the page it belongs to. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const announce = useCallback<Announce>((text, at) => setAnnouncement({ text, at: at ?? location }), [location]);
  useEffect(() => {
    setAnnouncement((a) => (a && a.at !== location ? null : a));
  }, [location]);
  return (
    <AnnounceContext.Provider value={announce}>
      <div aria-live="polite" role="status" className="admin-announcer">
        {announcement && <p className="notice">{announcement.text}</p>}
      </div>
      {children}
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);
