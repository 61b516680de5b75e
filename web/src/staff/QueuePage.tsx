/**
 * The queue (/staff): the authority's reports (the whole city's for admins), highest priority
 * and longest waiting first. Filters live in the address; counts per state are the tabs; rows
 * can be selected for a bulk change of state.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useLocation, useSearch } from "wouter";
import { api } from "../lib/api.ts";
import { useMessages } from "../lib/i18n.tsx";
import { useSession } from "../lib/session.tsx";
import type { BulkResult, Page, StaffCounts, StaffMember } from "../lib/types.ts";
import { BulkChange } from "./BulkChange.tsx";
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
  return { items, status, hasMore: cursor !== null, reload: () => load(null), loadMore: () => load(cursor) };
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
      <BulkChange selected={queue.items.filter((i) => selected.has(i.ref))} onDone={bulkDone} onClear={() => setSelected(new Set())} />

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
