/** The report's story, oldest first: when it was filed, then every update and state change with its date and author. */
import { useMessages } from "../../lib/i18n.tsx";
import stateMessages from "../../lib/states.messages.ts";
import { stateColor } from "../../lib/states.ts";
import type { PublicReport, ReportUpdate } from "../../lib/types.ts";
import messages from "./report-page.messages.ts";

export function ReportTimeline({ report, updates }: { report: PublicReport; updates: ReportUpdate[] }) {
  const [m, f] = useMessages(messages);
  const [states] = useMessages(stateMessages);
  const roleName = (role: string) => (m.roles as Record<string, string>)[role] ?? role;
  const ordered = [...updates].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{m.timelineHeading}</h2>
      <ol className="timeline">
        <li className="timeline-item">
          <p className="timeline-meta"><time dateTime={report.createdAt}>{f.dateTime(report.createdAt)}</time></p>
          <p><strong>{m.created}</strong>{report.reporterName && <> — <span dir="auto">{report.reporterName}</span></>}</p>
        </li>
        {ordered.map((u) => (
          <li key={u.id} className={u.visibility === "internal" ? "timeline-item internal" : "timeline-item"}>
            <p className="timeline-meta">
              <time dateTime={u.createdAt}>{f.dateTime(u.createdAt)}</time>
              {" · "}{roleName(u.authorRole)}
              {u.authorName && <> · <span dir="auto">{u.authorName}</span></>}
            </p>
            {u.visibility === "internal" && <p className="internal-label">{m.internalNote}</p>}
            {u.stateTo && (
              <p className="timeline-state">
                {m.stateChanged}{" "}
                <span className="state-badge" style={{ background: stateColor[u.stateTo] }}>{states[u.stateTo]}</span>
              </p>
            )}
            {u.text && <p className="timeline-text" dir="auto">{u.text}</p>}
            {u.photos.length > 0 && (
              <ul className="report-photos">
                {u.photos.map((p) => (
                  <li key={p.id}>
                    <a href={p.url} target="_blank" rel="noopener">
                      <img src={p.thumbnailUrl} alt={f.fill(m.updatePhotoAlt, { date: f.dateTime(u.createdAt) })} loading="lazy" />
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
