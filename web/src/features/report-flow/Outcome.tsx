/** What the citizen sees once they pressed Send: the reference and what happens next, or that the report waits for a connection. */
import { useEffect } from "react";
import { Link } from "wouter";
import type { ApiError } from "../../lib/api.ts";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import { flushQueue, onQueueOutcome, type SentReport } from "../../lib/offline-queue.ts";
import messages from "./report-flow.messages.ts";

export type Outcome =
  | { kind: "sent"; report: SentReport }
  | { kind: "waiting"; key: string }
  | { kind: "refused"; error: ApiError };

interface Props {
  outcome: Outcome;
  onOutcome(next: Outcome): void;
  onAnother(): void;
}

export function OutcomeView({ outcome, onOutcome, onAnother }: Props) {
  const [m] = useMessages(messages);
  const another = <button type="button" className="button" onClick={onAnother}>{m.reportAnother}</button>;
  return (
    <section className="outcome" aria-labelledby="step-heading" aria-live="polite">
      {outcome.kind === "sent" && <Sent report={outcome.report} />}
      {outcome.kind === "waiting" && <Waiting queueKey={outcome.key} onOutcome={onOutcome} />}
      {outcome.kind === "refused" && (
        <>
          <h2 id="step-heading" tabIndex={-1}>{m.refusedHeading}</h2>
          <p className="form-error">{outcome.error.title}</p>
        </>
      )}
      <p className="outcome-actions">{another}</p>
    </section>
  );
}

function Sent({ report }: { report: SentReport }) {
  const [m, f] = useMessages(messages);
  const { lang } = useLanguage();
  const authority = localized(report.authority.name, lang);
  return (
    <>
      <h2 id="step-heading" tabIndex={-1}>{m.sentHeading}</h2>
      <div className="reference-box">
        <p className="reference-label">{m.referenceLabel}</p>
        <p className="reference"><bdi data-testid="report-ref">{report.ref}</bdi></p>
      </div>
      <h3>{m.nextHeading}</h3>
      <p>{f.fill(report.confirmationRequired ? m.nextConfirm : m.nextPublished, { authority })}</p>
      <p><Link href={`/r/${report.ref}`} className="button secondary">{report.confirmationRequired ? m.followAfterConfirm : m.follow}</Link></p>
    </>
  );
}

/** The report waits in the device's queue; the queue tells us when it went (see lib/offline-queue.ts). */
function Waiting({ queueKey, onOutcome }: { queueKey: string; onOutcome(next: Outcome): void }) {
  const [m] = useMessages(messages);
  useEffect(() => onQueueOutcome((o) => {
    if (o.id !== queueKey) return;
    onOutcome("sent" in o ? { kind: "sent", report: o.sent } : { kind: "refused", error: o.refused });
  }), [queueKey, onOutcome]);

  return (
    <>
      <h2 id="step-heading" tabIndex={-1}>{m.waitingHeading}</h2>
      <p className="notice waiting" role="status">{m.waitingText}</p>
      <p><button type="button" className="button secondary" onClick={() => void flushQueue()}>{m.tryNow}</button></p>
    </>
  );
}
