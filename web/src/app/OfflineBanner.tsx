/** Tells the citizen when they are offline and how many reports wait on the device. */
import { useEffect, useState } from "react";
import { useMessages } from "../lib/i18n.tsx";
import { onQueueChange, pendingReports } from "../lib/offline-queue.ts";
import messages from "./app.messages.ts";

export function OfflineBanner() {
  const [m, f] = useMessages(messages);
  const [online, setOnline] = useState(navigator.onLine);
  const [waiting, setWaiting] = useState(0);

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    const count = () => void pendingReports().then((p) => setWaiting(p.length), () => setWaiting(0));
    count();
    const stop = onQueueChange(count);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
      stop();
    };
  }, []);

  if (online && waiting === 0) return null;
  return (
    <div className="banner" role="status">
      {!online && <span>{m.offline} </span>}
      {waiting > 0 && <strong data-testid="pending-count">{f.plural(m.pendingReports, waiting)}</strong>}
    </div>
  );
}
