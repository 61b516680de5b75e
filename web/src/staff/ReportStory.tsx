/**
 * What happened to a report: public updates and internal notes (told apart by a label and a
 * frame, not by colour alone), and the history of every change — who, when, which field,
 * old → new.
 */
import { useCity } from "../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../lib/i18n.tsx";
import statesMessages from "../lib/states.messages.ts";
import type { ReportDetail, ReportState, ReportUpdate, StaffMember } from "../lib/types.ts";
import messages from "./detail.messages.ts";
import { EyeIcon, LockIcon } from "./icons.tsx";
import staffMessages from "./staff.messages.ts";
import { StateBadge } from "./staff-ui.tsx";

type History = NonNullable<ReportDetail["history"]>;

/** "old → new": the arrow points the way the text reads (flipped in Arabic), and is read out as a word. */
function Arrow({ label }: { label: string }) {
  return <><span className="flip" aria-hidden="true">→</span><span className="visually-hidden">{label}</span></>;
}

export function UpdatesList({ updates }: { updates: ReportUpdate[] }) {
  const [m, f] = useMessages(messages);
  const [s] = useMessages(staffMessages);
  const role = (r: string) => (s.roles as Record<string, string>)[r] ?? r;
  return (
    <section aria-labelledby="updates-heading">
      <h2 id="updates-heading">{m.timeline.heading}</h2>
      {updates.length === 0 ? <p className="muted">{m.timeline.empty}</p> : (
        <ol className="staff-updates">
          {updates.map((u) => (
            <li key={u.id} className={`staff-update ${u.visibility}`}>
              <p className="update-kind">
                {u.visibility === "internal" ? <><LockIcon /> {m.timeline.internal}</> : <><EyeIcon /> {m.timeline.public}</>}
              </p>
              <p className="update-meta">
                <time dateTime={u.createdAt}>{f.dateTime(u.createdAt)}</time>
                {" · "}{u.authorName ? <span dir="auto">{u.authorName}</span> : null}{u.authorName ? ` (${role(u.authorRole)})` : role(u.authorRole)}
              </p>
              {u.stateTo && (
                <p className="update-state">
                  {m.timeline.stateChange}{" "}
                  {u.stateFrom && <><StateBadge state={u.stateFrom} /> <Arrow label={m.history.becomes} /> </>}
                  <StateBadge state={u.stateTo} />
                </p>
              )}
              {u.text && <p className="update-text" dir="auto">{u.text}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function HistoryTable({ history, members }: { history: History; members: StaffMember[] }) {
  const [m, f] = useMessages(messages);
  const [s] = useMessages(staffMessages);
  const [states] = useMessages(statesMessages);
  const { lang } = useLanguage();
  const city = useCity();
  const names = new Map(members.map((p) => [p.id, p.name]));
  const who = (h: History[number]) => (h.actorId && names.get(h.actorId)) || ((s.roles as Record<string, string>)[h.actor] ?? h.actor);
  const value = (field: string | null, v: string | null): string => {
    if (v === null) return "—";
    if (field === "state") return states[v as ReportState] ?? v;
    if (field === "category") return localized(city.categories.find((c) => c.code === v)?.name, lang) || v;
    if (field === "authority") return localized(city.authorities.find((a) => a.code === v)?.name, lang) || v;
    if (field === "assignee") return names.get(v) ?? s.unassigned;
    return v;
  };
  const what = (h: History[number]) => {
    const action = (m.history.actions as Record<string, string>)[h.action] ?? h.action;
    const field = h.field && h.action === "change" ? (m.history.fields as Record<string, string>)[h.field] ?? h.field : null;
    return field ? f.fill(m.history.fieldChange, { action, field }) : action;
  };
  // A note's or an update's row points at the update itself: its text is in the list above.
  const showsChange = (h: History[number]) => h.action !== "update" && h.action !== "note" && h.field !== null;

  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{m.history.heading}</h2>
      <div className="table-wrap">
        <table className="history-table">
          <thead>
            <tr><th scope="col">{m.history.when}</th><th scope="col">{m.history.who}</th><th scope="col">{m.history.what}</th><th scope="col">{m.history.change}</th></tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={i}>
                <td><time dateTime={h.at}>{f.dateTime(h.at)}</time></td>
                <td dir="auto">{who(h)}</td>
                <td>{what(h)}</td>
                <td>
                  {showsChange(h) && (
                    <>
                      {h.from !== null && <><span dir="auto">{value(h.field, h.from)}</span> <Arrow label={m.history.becomes} /> </>}
                      <span dir="auto">{value(h.field, h.to)}</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
