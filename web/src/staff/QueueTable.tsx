/**
 * The queue as a table: one row per report, with a checkbox for bulk changes; its priority as a
 * number and the reasons for it under the title (the first two, all of them on demand); overdue
 * rows flagged in words. On a phone each row lays out as a card (staff.css), no sideways scroll.
 */
import { useEffect, useRef } from "react";
import { Link } from "wouter";
import { useCity } from "../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../lib/i18n.tsx";
import type { StaffMember } from "../lib/types.ts";
import messages from "./queue.messages.ts";
import staffMessages from "./staff.messages.ts";
import { OverdueFlag, PriorityBadge, StateBadge } from "./staff-ui.tsx";
import type { QueueItem } from "./triage-types.ts";
import triageMessages from "./triage.messages.ts";

interface Props {
  items: QueueItem[];
  members: StaffMember[];
  selected: Set<string>;
  onToggle(ref: string): void;
  onToggleAll(all: boolean): void;
}

/** Shown under the title: the two reasons worth the most points; the rest one click away. */
const SHOWN_REASONS = 2;

function Reasons({ reasons }: { reasons: string[] }) {
  const [t, f] = useMessages(triageMessages);
  if (reasons.length === 0) return null;
  return (
    <div className="queue-reasons">
      <ul aria-label={t.queue.reasons} title={reasons.join("\n")}>
        {reasons.slice(0, SHOWN_REASONS).map((r, i) => <li key={i}>{r}</li>)}
      </ul>
      {reasons.length > SHOWN_REASONS && (
        <details>
          <summary>{f.plural(t.queue.allReasons, reasons.length)}</summary>
          <ul>{reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

export function QueueTable({ items, members, selected, onToggle, onToggleAll }: Props) {
  const [m, f] = useMessages(messages);
  const [s] = useMessages(staffMessages);
  const [t] = useMessages(triageMessages);
  const { lang } = useLanguage();
  const city = useCity();
  const names = new Map(members.map((p) => [p.id, p.name]));
  const categoryName = (code: string) => localized(city.categories.find((c) => c.code === code)?.name, lang) || code;
  const areaName = (code: string) => localized(city.areas.find((a) => a.code === code)?.name, lang) || code;
  const allChecked = items.length > 0 && items.every((i) => selected.has(i.ref));
  const someChecked = items.some((i) => selected.has(i.ref));
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = someChecked && !allChecked;
  }, [someChecked, allChecked]);

  return (
    <div className="queue-table-wrap">
      <table className="queue-table">
        <caption className="visually-hidden">{m.table.caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="select-cell">
              <label>
                <input ref={selectAll} type="checkbox" aria-label={m.table.selectAll} checked={allChecked} onChange={(e) => onToggleAll(e.target.checked)} />
                <span className="phone-only" aria-hidden="true">{m.table.selectAll}</span>
              </label>
            </th>
            <th scope="col" className="priority-cell">{t.queue.priority}</th>
            <th scope="col">{m.table.ref}</th>
            <th scope="col">{m.table.title}</th>
            <th scope="col">{m.table.category}</th>
            <th scope="col">{m.table.area}</th>
            <th scope="col">{m.table.state}</th>
            <th scope="col">{m.table.age}</th>
            <th scope="col">{m.table.assignee}</th>
            <th scope="col">{m.table.due}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.ref} className={[r.overdue ? "overdue" : "", selected.has(r.ref) ? "selected" : ""].join(" ").trim() || undefined}>
              <td className="select-cell">
                <input type="checkbox" aria-label={f.fill(m.table.select, { ref: r.ref })} checked={selected.has(r.ref)} onChange={() => onToggle(r.ref)} />
              </td>
              <td className="priority-cell"><span className="phone-only">{t.queue.priority} </span><PriorityBadge priority={r.priority} /></td>
              <td className="ref-cell"><Link href={`/r/${r.ref}`}>{r.ref}</Link></td>
              <td className="title-cell">
                <span className="queue-title" lang={r.language} dir="auto">{r.title}</span>
                <Reasons reasons={r.reasons ?? []} />
              </td>
              <td className="category-cell">{categoryName(r.category)}</td>
              <td className="area-cell">{areaName(r.area)}</td>
              <td className="state-cell"><StateBadge state={r.state} /></td>
              <td className="age-cell"><time dateTime={r.createdAt} title={f.dateTime(r.createdAt)}>{f.relative(r.createdAt)}</time></td>
              <td className="assignee-cell">
                <span className="phone-only">{t.queue.assignee} </span>
                {r.assigneeId ? names.get(r.assigneeId) ?? "—" : <span className="muted">{s.unassigned}</span>}
              </td>
              <td className={r.overdue || r.dueAt ? "due-cell" : "due-cell empty"}>
                {r.overdue && <OverdueFlag />}
                {r.dueAt && <time dateTime={r.dueAt} className="due"><span className="phone-only">{t.queue.due} </span>{f.date(r.dueAt, { dateStyle: "short" })}</time>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
