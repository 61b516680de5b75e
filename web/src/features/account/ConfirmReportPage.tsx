import { useCallback } from "react";
import { Link, useParams } from "wouter";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./account.messages.ts";
import { TokenActionPage } from "./TokenActionPage.tsx";

/** /r/:ref/confirm?token=… — the link of the confirmation e-mail publishes the report. */
export default function ConfirmReportPage() {
  const [m, f] = useMessages(messages);
  const { ref } = useParams<{ ref: string }>();
  const run = useCallback((token: string) => api<{ ref: string }>(`/api/reports/${encodeURIComponent(ref)}/confirm`, { json: { token } }), [ref]);
  return (
    <TokenActionPage title={m.confirmReportTitle} run={run} done={(r) => (
      <>
        <p className="notice">{f.fill(m.confirmReportDone, { ref: r.ref })}</p>
        <p><Link href={`/r/${r.ref}`} className="button secondary">{m.followReport}</Link></p>
      </>
    )} />
  );
}
