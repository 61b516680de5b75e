import { useCallback } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./account.messages.ts";
import { TokenActionPage } from "./TokenActionPage.tsx";

/** /subscriptions/confirm?token=… — confirms following a report by e-mail. */
export default function SubscriptionConfirmPage() {
  const [m, f] = useMessages(messages);
  const run = useCallback((token: string) => api<{ ref: string }>("/api/subscriptions/confirm", { json: { token } }), []);
  return (
    <TokenActionPage title={m.subscriptionConfirmTitle} run={run} done={(r) => (
      <><p className="notice">{f.fill(m.subscriptionConfirmDone, { ref: r.ref })}</p><p><Link href={`/r/${r.ref}`}>{r.ref}</Link></p></>
    )} />
  );
}
