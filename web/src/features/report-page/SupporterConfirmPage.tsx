import { useCallback } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import { TokenActionPage } from "../account/TokenActionPage.tsx";
import messages from "./report-loop.messages.ts";

/** /supporters/confirm?token=… — the e-mailed link that counts an anonymous "me too". */
export default function SupporterConfirmPage() {
  const [m, f] = useMessages(messages);
  const run = useCallback((token: string) => api<{ ref: string; supporterCount: number }>("/api/supporters/confirm", { json: { token } }), []);
  return (
    <TokenActionPage title={m.supporterConfirmTitle} run={run} done={(r) => (
      <><p className="notice">{f.plural(m.supporterConfirmDone, r.supporterCount)}</p><p><Link href={`/r/${r.ref}`}>{m.seeReport}</Link></p></>
    )} />
  );
}
