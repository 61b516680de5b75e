import { useCallback } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./account.messages.ts";
import { TokenActionPage } from "./TokenActionPage.tsx";

/** /subscriptions/unsubscribe?token=… — the one-click link at the bottom of every notification. */
export default function UnsubscribePage() {
  const [m] = useMessages(messages);
  const run = useCallback((token: string) => api<{ ref: string | null }>("/api/subscriptions/unsubscribe", { json: { token } }), []);
  return (
    <TokenActionPage title={m.unsubscribeTitle} run={run} done={(r) => (
      <><p className="notice">{m.unsubscribeDone}</p>{r.ref && <p><Link href={`/r/${r.ref}`}>{r.ref}</Link></p>}</>
    )} />
  );
}
