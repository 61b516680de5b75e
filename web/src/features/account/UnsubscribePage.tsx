import { useCallback } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./account.messages.ts";
import { TokenActionPage } from "./TokenActionPage.tsx";

/** /subscriptions/unsubscribe?token=… — the one-click link at the bottom of every notification (a report followed, or an alert). */
export default function UnsubscribePage() {
  const [m] = useMessages(messages);
  const run = useCallback((token: string) => api<{ ref: string | null }>("/api/subscriptions/unsubscribe", { json: { token } }), []);
  return (
    <TokenActionPage title={m.unsubscribeTitle} run={run} done={(r) => (
      r.ref
        ? <><p className="notice">{m.unsubscribeDone}</p><p><Link href={`/r/${r.ref}`}>{r.ref}</Link></p></>
        // An area, category or radius alert.
        : <><p className="notice">{m.unsubscribeAlertDone}</p><p><Link href="/alerts">{m.alertsLink}</Link></p></>
    )} />
  );
}
