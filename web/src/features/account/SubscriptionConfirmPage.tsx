import { useCallback } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import type { ConfirmReply } from "../alerts/alerts-types.ts";
import messages from "./account.messages.ts";
import { TokenActionPage } from "./TokenActionPage.tsx";

/** /subscriptions/confirm?token=… — confirms following a report, or an area / category / radius alert (ref null). */
export default function SubscriptionConfirmPage() {
  const [m, f] = useMessages(messages);
  const run = useCallback((token: string) => api<ConfirmReply>("/api/subscriptions/confirm", { json: { token } }), []);
  return (
    <TokenActionPage title={m.subscriptionConfirmTitle} run={run} done={(r) => (r.ref
      ? <><p className="notice">{f.fill(m.subscriptionConfirmDone, { ref: r.ref })}</p><p><Link href={`/r/${r.ref}`}>{r.ref}</Link></p></>
      : <><p className="notice">{m.alertConfirmDone}</p><p><Link href="/alerts">{m.alertsLink}</Link></p></>
    )} />
  );
}
