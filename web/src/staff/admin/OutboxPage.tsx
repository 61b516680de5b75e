/**
 * Outgoing messages (/staff/admin/outbox): the dead letters (messages that failed on every
 * attempt, or for good) with their last error and a retry button, and the messages still waiting
 * for an attempt. The server masks every address (recipients and errors) and never sends payloads.
 */
import { useState } from "react";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import { FormError, Loaded, useAnnounce, useResource, useSubmit } from "./admin-data.tsx";
import { TableScroll } from "./fields.tsx";
import messages from "./outbox.messages.ts";

interface OutboxMessage {
  id: number;
  topic: string;
  status: "pending" | "dead" | "done";
  attempts: number;
  lastError: string | null;
  runAfter: string;
  createdAt: string;
  recipients: string[];
}

/** The outbox's topics (src/**: *_TOPIC) and their message keys. */
const topicKeys: Record<string, keyof (typeof messages)["en"]["topics"]> = {
  mail: "mail", "report.send": "report_send", "notification.send": "notification_send", "report.published": "report_published",
  "report.updated": "report_updated", "report.supported": "report_supported", "alerts.digest": "alerts_digest",
  "alerts.announcement": "alerts_announcement", "events.prune": "events_prune", "triage.rescore-overdue": "triage_rescore",
};

function useTopicName() {
  const [m] = useMessages(messages);
  return (topic: string) => (topicKeys[topic] ? m.topics[topicKeys[topic]!] : topic);
}

function OutboxTable({ items, kind, onRetried }: { items: OutboxMessage[]; kind: "dead" | "pending"; onRetried(): void }) {
  const [m, f] = useMessages(messages);
  const topicName = useTopicName();
  const announce = useAnnounce();
  const { busy, error, run } = useSubmit();
  const [retrying, setRetrying] = useState<number | null>(null);
  const retry = (message: OutboxMessage) => run(async () => {
    setRetrying(message.id);
    await api(`/api/admin/outbox/${message.id}/retry`, { method: "POST" });
    announce(f.fill(m.retried, { id: f.number(message.id, { useGrouping: false }) }));
    onRetried();
  });
  const c = m.columns;
  const heading = kind === "dead" ? m.dead.heading : m.pending.heading;
  if (items.length === 0) return <p className="muted">{kind === "dead" ? m.dead.empty : m.pending.empty}</p>;
  return (
    <>
      <FormError error={error} />
      <TableScroll label={heading}>
        <table className="admin-table outbox-table">
          <thead>
            <tr>
              <th scope="col">{c.message}</th><th scope="col">{c.to}</th><th scope="col">{c.attempts}</th><th scope="col">{c.error}</th>
              <th scope="col">{c.created}</th>{kind === "pending" && <th scope="col">{c.next}</th>}{kind === "dead" && <th scope="col">{c.actions}</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((message) => (
              <tr key={message.id}>
                <th scope="row">
                  {topicName(message.topic)}
                  <br /><small className="muted"><bdi dir="ltr">#{f.number(message.id, { useGrouping: false })} · <code>{message.topic}</code></bdi></small>
                </th>
                <td>{message.recipients.map((r) => <bdi key={r} dir="ltr" className="outbox-recipient">{r}</bdi>)}</td>
                <td>{f.number(message.attempts)}</td>
                <td className="outbox-error"><bdi dir="ltr">{message.lastError ?? m.noError}</bdi></td>
                <td className="nowrap"><time dateTime={message.createdAt}>{f.dateTime(message.createdAt)}</time></td>
                {kind === "pending" && <td className="nowrap"><time dateTime={message.runAfter}>{f.dateTime(message.runAfter)}</time></td>}
                {kind === "dead" && (
                  <td>
                    <button type="button" className="button" disabled={busy && retrying === message.id} onClick={() => void retry(message)}
                      aria-label={f.fill(m.retryLabel, { id: f.number(message.id, { useGrouping: false }), topic: topicName(message.topic) })}>
                      {m.retry}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

export default function OutboxPage() {
  const [m] = useMessages(messages);
  const dead = useResource<OutboxMessage[]>("/api/admin/outbox?status=dead");
  const pending = useResource<OutboxMessage[]>("/api/admin/outbox?status=pending");
  const reload = () => { void dead.reload(); void pending.reload(); };
  return (
    <>
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      <section>
        <h2>{m.dead.heading}</h2>
        <Loaded states={[dead.state]} reload={reload}>
          {(items) => <OutboxTable items={items} kind="dead" onRetried={reload} />}
        </Loaded>
      </section>
      <section>
        <h2>{m.pending.heading}</h2>
        <p className="muted">{m.pending.hint}</p>
        <Loaded states={[pending.state]} reload={reload}>
          {(items) => <OutboxTable items={items} kind="pending" onRetried={reload} />}
        </Loaded>
      </section>
    </>
  );
}
