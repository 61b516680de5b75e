/**
 * The card of the report chosen on the map: title, category, state, age, how many people have
 * the problem too, and a link to its page. Opened with the keyboard, it takes the focus; Escape
 * or the close button gives it back.
 */
import { useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useCity } from "../../lib/city.tsx";
import { localized, useLanguage, useMessages } from "../../lib/i18n.tsx";
import type { ReportDetail } from "../../lib/types.ts";
import loopMessages from "../report-page/report-loop.messages.ts";
import messages from "./map.messages.ts";
import { StateBadge } from "./StateBadge.tsx";

interface Props { reportRef: string; takeFocus: boolean; onClose(): void }

export function ReportCard({ reportRef, takeFocus, onClose }: Props) {
  const [m, f] = useMessages(messages);
  const [loop] = useMessages(loopMessages);
  const { lang } = useLanguage();
  const city = useCity();
  const [detail, setDetail] = useState<ReportDetail | "failed" | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    setDetail(null);
    api<ReportDetail>(`/api/reports/${reportRef}`, { signal: controller.signal })
      .then(setDetail, () => !controller.signal.aborted && setDetail("failed"));
    return () => controller.abort();
  }, [reportRef]);

  const report = detail && detail !== "failed" ? detail.report : null;
  useEffect(() => {
    if (report && takeFocus) link.current?.focus();
  }, [report, takeFocus]);

  return (
    <section className="map-card card" aria-label={report?.title ?? m.loading} onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <button type="button" className="map-card-close" aria-label={m.closePopup} onClick={onClose}>×</button>
      {detail === null && <p role="status">{m.loading}</p>}
      {detail === "failed" && <p role="alert">{m.reportUnavailable}</p>}
      {report && (
        <>
          <h2 dir="auto">{report.title}</h2>
          <p className="map-card-meta">
            <StateBadge state={report.state} />
            <span>{localized(city.categories.find((c) => c.code === report.category)?.name, lang)}</span>
            <time dateTime={report.createdAt}>{f.relative(report.createdAt)}</time>
          </p>
          {report.supporterCount > 0 && <p className="map-card-supporters">{f.plural(loop.supporters, report.supporterCount)}</p>}
          <Link ref={link} href={`/r/${report.ref}`} className="button secondary">{m.seeReport}</Link>
        </>
      )}
    </section>
  );
}
