/**
 * "Export as CSV" for the queue with its current filters: a small set is a download link at
 * once; a large one runs on the server (202) and the link appears when the file is ready.
 */
import { useEffect, useRef, useState } from "react";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./insights.messages.ts";

interface Started { mode: "direct" | "job"; total: number; downloadUrl: string | null; statusUrl: string | null }
interface Job { status: "pending" | "running" | "done" | "failed"; rows: number | null; downloadUrl: string | null }

const POLL_MS = 2000;

export function ExportButton({ search }: { search: string }) {
  const [m, f] = useMessages(messages);
  const [state, setState] = useState<{ kind: "idle" } | { kind: "busy"; total: number } | { kind: "ready"; url: string; count: number; direct: boolean } | { kind: "failed" }>({ kind: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // New filters: a previous export is of other reports.
  useEffect(() => { clearTimeout(timer.current); setState({ kind: "idle" }); }, [search]);

  const start = async () => {
    const body = Object.fromEntries(new URLSearchParams(search));
    try {
      const started = await api<Started>("/api/staff/exports", { json: body });
      if (started.mode === "direct") return setState({ kind: "ready", url: started.downloadUrl!, count: started.total, direct: true });
      setState({ kind: "busy", total: started.total });
      const poll = async () => {
        try {
          const job = await api<Job>(started.statusUrl!);
          if (job.status === "done") setState({ kind: "ready", url: job.downloadUrl!, count: job.rows ?? started.total, direct: false });
          else if (job.status === "failed") setState({ kind: "failed" });
          else timer.current = setTimeout(poll, POLL_MS);
        } catch {
          setState({ kind: "failed" });
        }
      };
      timer.current = setTimeout(poll, POLL_MS);
    } catch {
      setState({ kind: "failed" });
    }
  };

  return (
    <div className="queue-export">
      <button type="button" className="button secondary" disabled={state.kind === "busy"} onClick={() => void start()}>{m.export.button}</button>
      <p role="status" className="export-status">
        {state.kind === "busy" && f.fill(m.export.preparing, { count: state.total })}
        {state.kind === "ready" && <a href={state.url} download>{f.fill(state.direct ? m.export.direct : m.export.ready, { count: state.count })}</a>}
        {state.kind === "failed" && m.export.failed}
      </p>
    </div>
  );
}
