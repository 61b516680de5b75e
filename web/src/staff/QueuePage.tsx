/**
 * The queue (/staff): the authority's reports (the whole city's for admins), highest priority
 * and longest waiting first. Filters live in the address; counts per state are the tabs; rows
 * can be selected for a bulk change of state. While open, it follows the live events (of its
 * category filter) and refreshes quietly, keeping the selection and the scroll, and says politely
 * how many reports are new.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useLocation, useSearch } from "wouter";
import { api } from "../lib/api.ts";
import { useMessages } from "../lib/i18n.tsx";
import { useSession } from "../lib/session.tsx";
import type { BulkResult, Page, StaffCounts, StaffMember } from "../lib/types.ts";
import { useLiveEvents } from "../lib/use-live-events.ts";
import { BulkChange } from "./BulkChange.tsx";
import { ExportButton } from "./insights/ExportButton.tsx";
import { parseFilters, toSearch, type QueueFilters } from "./queue-filters.ts";
import messages from "./queue.messages.ts";
import { QueueFiltersForm } from "./QueueFiltersForm.tsx";
import { QueueTable } from "./QueueTable.tsx";
import { SavedViews } from "./SavedViews.tsx";
import { StateTabs } from "./StateTabs.tsx";
import staffMessages from "./staff.messages.ts";
import { useResource } from "./staff-ui.tsx";
import type { QueueItem } from "./triage-types.ts";

const PAGE_SIZE = 50;
/** The most rows a quiet refresh asks for at once (the API's own limit). */
const MAX_REFRESH = 500;
/** Bursts of events (a bulk change) make one refresh. */
const LIVE_DEBOUNCE_MS = 600;
/** How long the live announcement stays; cleared so that the next one is read again. */
const NOTICE_MS = 15_000;

/** The queue's pages for one filter set: the first page, then more on demand; a newer filter set wins any race. */
function useQueue(search: string) {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  const generation = useRef(0);
  const load = useCallback(async (after: string | null) => {
    const mine = ++generation.current;
    setStatus("loading");
    const params = new URLSearchParams(search);
    params.set("limit", String(PAGE_SIZE));
    if (after) params.set("cursor", after);
    try {
      const page = await api<Page<QueueItem>>(`/api/staff/reports?${params}`);
      if (mine !== generation.current) return;
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setStatus("ready");
    } catch {
      if (mine === generation.current) setStatus("failed");
    }
  }, [search]);
  useEffect(() => { void load(null); }, [load]);

  const shown = useRef(items);
  shown.current = items;
  /**
   * The rows shown (all pages loaded so far) fetched again in one request, without a loading
   * state; returns how many of them are new to the list (and whether it was empty), null if
   * nothing changed (or the request failed), or "superseded" when a newer load or refresh started
   * meanwhile (it has the last word).
   */
  const refresh = useCallback(async (): Promise<Refreshed> => {
    const mine = ++generation.current;
    const before = shown.current;
    const params = new URLSearchParams(search);
    params.set("limit", String(Math.min(MAX_REFRESH, Math.max(PAGE_SIZE, before.length))));
    try {
      const page = await api<Page<QueueItem>>(`/api/staff/reports?${params}`);
      if (mine !== generation.current) return "superseded";
      if (JSON.stringify(page.items) === JSON.stringify(before)) return null;
      const known = new Set(before.map((i) => i.ref));
      setItems(page.items);
      setCursor(page.nextCursor);
      setStatus("ready");
      return { added: page.items.filter((i) => !known.has(i.ref)).length, wasEmpty: before.length === 0 };
    } catch {
      // Quiet: the list stays as it was; the next event tries again.
      return null;
    }
  }, [search]);
  return { items, status, hasMore: cursor !== null, reload: () => load(null), loadMore: () => load(cursor), refresh };
}

type Refreshed = { added: number; wasEmpty: boolean } | null | "superseded";

/** Live events of the queue's category (all when none) refresh the queue and the counts; returns what to announce. */
function useLiveQueue(category: string | undefined, refresh: () => Promise<Refreshed>, reloadCounts: () => Promise<void>) {
  const [m, f] = useMessages(messages);
  const [notice, setNotice] = useState("");
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const clear = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => { mounted.current = false; clearTimeout(debounce.current); clearTimeout(clear.current); };
  }, []);
  const latest = useRef({ refresh, reloadCounts, m, f });
  latest.current = { refresh, reloadCounts, m, f };

  // Whether the next refresh follows an event (announced) or only a (re)opening of the stream.
  // An announcement stays owed until a refresh completes (one overtaken by a newer refresh hands
  // it on), and rows a quiet refresh brought count as news at the next announcement: on a slow
  // server the quiet refresh of a just-opened stream could fetch a new report before its event's
  // refresh, which then found nothing new and said nothing.
  const announce = useRef(false);
  const owed = useRef(false);
  const quietlyAdded = useRef(0);
  const follow = useCallback((event: boolean) => {
    announce.current ||= event;
    clearTimeout(debounce.current);
    debounce.current = setTimeout(async () => {
      const { refresh, reloadCounts, m, f } = latest.current;
      owed.current ||= announce.current;
      announce.current = false;
      const [result] = await Promise.all([refresh(), reloadCounts()]);
      if (result === "superseded") return;
      const announced = owed.current;
      owed.current = false;
      if (!announced) {
        // The first rows of a page that opened before its list loaded are not news.
        if (result && !result.wasEmpty) quietlyAdded.current += result.added;
        return;
      }
      const added = (result?.added ?? 0) + quietlyAdded.current;
      quietlyAdded.current = 0;
      if ((result === null && added === 0) || !mounted.current) return;
      setNotice(added > 0 ? f.plural(m.live.newReports, added) : m.live.updated);
      clearTimeout(clear.current);
      clear.current = setTimeout(() => setNotice(""), NOTICE_MS);
    }, LIVE_DEBOUNCE_MS);
  }, []);

  // On (re)opening, the stream starts at the newest event: a quiet refresh covers what came before, unannounced.
  useLiveEvents(category ? { category: [category] } : {}, { onEvent: () => follow(true), onOpen: () => follow(false) });
  return notice;
}

export default function QueuePage() {
  const [m, f] = useMessages(messages);
  const [s] = useMessages(staffMessages);
  const { user } = useSession();
  const [, navigate] = useLocation();
  const filters = parseFilters(useSearch());
  const search = toSearch(filters);
  const countsSearch = toSearch({ ...filters, state: undefined });
  const queue = useQueue(search);
  const counts = useResource<StaffCounts>(`/api/staff/reports/counts${countsSearch ? `?${countsSearch}` : ""}`);
  const members = useResource<{ items: StaffMember[] }>("/api/staff/members");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const allAuthorities = user?.role === "city_admin" || user?.role === "superadmin";
  const liveNotice = useLiveQueue(filters.category, queue.refresh, counts.reload);

  useEffect(() => { document.title = m.title; }, [m.title]);
  // A new filter set is a new list: what was selected is not in view any more.
  useEffect(() => setSelected(new Set()), [search]);

  const apply = (next: QueueFilters | string) => {
    const query = typeof next === "string" ? next : toSearch(next);
    navigate(query ? `~/staff?${query}` : "~/staff");
  };
  const toggle = (ref: string) => setSelected((current) => {
    const next = new Set(current);
    if (!next.delete(ref)) next.add(ref);
    return next;
  });
  const bulkDone = (results: BulkResult[]) => {
    // Keep selected only what did not move, for another try.
    setSelected(new Set(results.filter((r) => !r.ok).map((r) => r.ref)));
    void queue.reload();
    void counts.reload();
  };
  const memberList = members.state.status === "ready" ? members.state.data.items : [];

  return (
    <main id="main" className="page staff-page staff-queue">
      <h1>{m.title}</h1>
      <StateTabs counts={counts.state.status === "ready" ? counts.state.data : null} filters={filters} onChange={apply} />
      <QueueFiltersForm filters={filters} members={memberList} allAuthorities={allAuthorities} onChange={apply} />
      <SavedViews search={search} onApply={apply} />
      <ExportButton search={search} />
      <BulkChange selected={queue.items.filter((i) => selected.has(i.ref))} onDone={bulkDone} onClear={() => setSelected(new Set())} />

      {/* Always in the page so that screen readers announce its text when it appears. */}
      <p className="live-notice" role="status" aria-live="polite">{liveNotice}</p>
      <p role="status" className="queue-status">
        {queue.status === "loading" && queue.items.length === 0 ? s.loading
          : queue.status === "ready" && queue.items.length === 0 ? m.empty
            : f.plural(m.shown, queue.items.length)}
      </p>
      {queue.status === "failed" && (
        <div role="alert" className="staff-load-error">
          <p>{s.loadFailed}</p>
          <button type="button" className="button" onClick={() => void queue.reload()}>{s.retry}</button>
        </div>
      )}
      {queue.items.length > 0 && (
        <QueueTable items={queue.items} members={memberList} selected={selected} onToggle={toggle}
          onToggleAll={(all) => setSelected(all ? new Set(queue.items.map((i) => i.ref)) : new Set())} />
      )}
      {queue.hasMore && (
        <p><button type="button" className="button" disabled={queue.status === "loading"} onClick={() => void queue.loadMore()}>{m.loadMore}</button></p>
      )}
    </main>
  );
}
