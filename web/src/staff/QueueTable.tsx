/** The queue as a table: one row per report, with a checkbox for bulk changes; overdue rows flagged in words. */
import { useEffect, useRef } from "react";
import { Link } from "wouter";
import { useCity } from "../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../lib/i18n.tsx";
import type { StaffListItem, StaffMember } from "../lib/types.ts";
import messages from "./queue.messages.ts";
import staffMessages from "./staff.messages.ts";
import { OverdueFlag, StateBadge } from "./staff-ui.tsx";

interface Props {
  items: StaffListItem[];
  members: StaffMember[];
  selected: Set<string>;
  onToggle(ref: string): void;
  onToggleAll(all: boolean): void;
}

export function QueueTable({ items, members, selected, onToggle, onToggleAll }: Props) {
  const [m, f] = useMessages(messages);
  const [s] = useMessages(staffMessages);
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
              <input ref={selectAll} type="checkbox" aria-label={m.table.selectAll} checked={allChecked} onChange={(e) => onToggleAll(e.target.checked)} />
            </th>
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
              <td className="ref-cell"><Link href={`/r/${r.ref}`}>{r.ref}</Link></td>
              <td className="title-cell" lang={r.language}>{r.title}</td>
              <td>{categoryName(r.category)}</td>
              <td>{areaName(r.area)}</td>
              <td><StateBadge state={r.state} /></td>
              <td><time dateTime={r.createdAt} title={f.dateTime(r.createdAt)}>{f.relative(r.createdAt)}</time></td>
              <td>{r.assigneeId ? names.get(r.assigneeId) ?? "—" : <span className="muted">{s.unassigned}</span>}</td>
              <td>
                {r.overdue && <OverdueFlag />}
                {r.dueAt && <time dateTime={r.dueAt} className="due">{f.date(r.dueAt, { dateStyle: "short" })}</time>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
