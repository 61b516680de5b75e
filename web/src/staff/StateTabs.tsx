/** Counts per state as toggle buttons: they filter the queue, and say how many wait in each state. */
import { useMessages } from "../lib/i18n.tsx";
import { publicStates } from "../lib/states.ts";
import statesMessages from "../lib/states.messages.ts";
import type { StaffCounts } from "../lib/types.ts";
import { ClockIcon } from "./icons.tsx";
import type { QueueFilters } from "./queue-filters.ts";
import messages from "./queue.messages.ts";

export function StateTabs({ counts, filters, onChange }: { counts: StaffCounts | null; filters: QueueFilters; onChange(next: QueueFilters): void }) {
  const [m, f] = useMessages(messages);
  const [names] = useMessages(statesMessages);
  const count = (n: number | undefined) => (counts ? ` (${f.number(n ?? 0)})` : "");
  // Every state that has reports, and the one chosen even when it has none.
  const shown = publicStates.filter((s) => !counts || (counts.states[s] ?? 0) > 0 || filters.state === s);
  return (
    <div className="state-tabs" role="group" aria-label={m.tabs.label}>
      <button type="button" className="chip" aria-pressed={!filters.state} onClick={() => onChange({ ...filters, state: undefined })}>
        {m.tabs.all}{count(counts?.total)}
      </button>
      {shown.map((s) => (
        <button key={s} type="button" className="chip" aria-pressed={filters.state === s} onClick={() => onChange({ ...filters, state: s })}>
          {names[s]}{count(counts?.states[s])}
        </button>
      ))}
      <button type="button" className="chip chip-overdue" aria-pressed={Boolean(filters.overdue)} onClick={() => onChange({ ...filters, overdue: !filters.overdue || undefined })}>
        <ClockIcon /> {m.tabs.overdue}{count(counts?.overdue)}
      </button>
    </div>
  );
}
