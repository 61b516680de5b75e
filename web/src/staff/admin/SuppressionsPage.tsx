/**
 * Suppressed addresses (/staff/admin/suppressions): where nothing is sent any more (a hard
 * bounce, a complaint, a push subscription gone), and lifting one once its owner fixed it.
 */
import { useState } from "react";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import type { Suppression } from "../../features/alerts/alerts-types.ts";
import { FormError, Loaded, useAnnounce, useResource, useSubmit } from "./admin-data.tsx";
import { TableScroll } from "./fields.tsx";
import messages from "./notifications.messages.ts";
import "./notifications.css";

function SuppressionTable({ items, onLifted }: { items: Suppression[]; onLifted(): void }) {
  const [m, f] = useMessages(messages);
  const t = m.suppressions;
  const announce = useAnnounce();
  const { busy, error, run } = useSubmit();
  const [lifting, setLifting] = useState<string | null>(null);
  const lift = (s: Suppression) => run(async () => {
    setLifting(`${s.channel}:${s.address}`);
    await api(`/api/admin/suppressions?channel=${encodeURIComponent(s.channel)}&address=${encodeURIComponent(s.address)}`, { method: "DELETE" });
    announce(f.fill(t.lifted, { address: s.address }));
    onLifted();
  });
  if (items.length === 0) return <p className="muted">{t.empty}</p>;
  return (
    <>
      <FormError error={error} />
      <TableScroll label={t.title}>
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t.address}</th><th scope="col">{t.channel}</th><th scope="col">{t.reason}</th>
              <th scope="col">{t.detail}</th><th scope="col">{t.since}</th><th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={`${s.channel}:${s.address}`}>
                <th scope="row"><bdi dir="ltr" className="suppressed-address">{s.address}</bdi></th>
                <td>{m.channels[s.channel as keyof typeof m.channels] ?? s.channel}</td>
                <td>{t.reasons[s.reason as keyof typeof t.reasons] ?? s.reason}</td>
                <td dir="auto">{s.detail ?? ""}</td>
                <td className="nowrap"><time dateTime={s.createdAt}>{f.dateTime(s.createdAt)}</time></td>
                <td>
                  <button type="button" className="button" disabled={busy && lifting === `${s.channel}:${s.address}`}
                    aria-label={f.fill(t.liftLabel, { address: s.address })} onClick={() => void lift(s)}>{t.lift}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

export default function SuppressionsPage() {
  const [m] = useMessages(messages);
  const t = m.suppressions;
  const { state, reload } = useResource<{ items: Suppression[] }>("/api/admin/suppressions");
  return (
    <>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <Loaded states={[state]} reload={reload}>
        {({ items }) => <SuppressionTable items={items} onLifted={() => void reload()} />}
      </Loaded>
    </>
  );
}
