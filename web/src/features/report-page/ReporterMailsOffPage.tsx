import { useCallback } from "react";
import { Link, useParams } from "wouter";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import { TokenActionPage } from "../account/TokenActionPage.tsx";
import messages from "./report-loop.messages.ts";

/**
 * /r/:ref/mails-off?token=…[&all=1] — the stop link at the bottom of every mail to a reporter:
 * mails about this report, or (all=1, account holders) about all their reports.
 */
export default function ReporterMailsOffPage() {
  const { ref = "" } = useParams<{ ref: string }>();
  const [m, f] = useMessages(messages);
  const all = new URLSearchParams(window.location.search).get("all") === "1";
  const run = useCallback((token: string) =>
    api<{ ref: string; allOwnReports: boolean }>(`/api/reports/${encodeURIComponent(ref)}/reporter-notifications/off`, { json: { token, all } }), [ref, all]);
  return (
    <TokenActionPage title={m.mailsOffTitle} run={run} done={(r) => (
      <>
        <p className="notice">{r.allOwnReports ? m.mailsOffAllDone : f.fill(m.mailsOffDone, { ref: r.ref })}</p>
        <p><Link href={`/r/${r.ref}`}>{m.seeReport}</Link></p>
      </>
    )} />
  );
}
