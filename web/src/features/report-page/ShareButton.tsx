/** Share the report: the phone's share sheet when there is one, else the link copied, with a visible confirmation. */
import { useState } from "react";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./report-page.messages.ts";

export function ShareButton({ title, url }: { title: string; url: string }) {
  const [m] = useMessages(messages);
  const [status, setStatus] = useState<"copied" | "manual" | null>(null);

  const share = async () => {
    setStatus(null);
    if (navigator.share) {
      try {
        return await navigator.share({ title, url });
      } catch (err) {
        // The citizen closed the share sheet: nothing to say.
        if ((err as Error).name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      setStatus("manual");
    }
  };

  return (
    <div className="share">
      <button type="button" className="button" onClick={() => void share()}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="18" cy="5" r="3" /><circle cx="6" cy="12" r="3" /><circle cx="18" cy="19" r="3" /><path d="m8.6 13.5 6.8 4M15.4 6.5l-6.8 4" />
        </svg>
        {m.share}
      </button>
      <p role="status" className="share-status">
        {status === "copied" && m.linkCopied}
        {status === "manual" && <>{m.copyThisLink} <input readOnly value={url} dir="ltr" aria-label={m.copyThisLink} onFocus={(e) => e.currentTarget.select()} /></>}
      </p>
    </div>
  );
}
