/** /alerts/manage?token=… — the "all your alerts" link at the bottom of every message: the alerts of that address, no account needed. */
import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { useMessages } from "../../lib/i18n.tsx";
import messages from "./alerts.messages.ts";
import { MyAlerts } from "./MyAlerts.tsx";
import "./alerts.css";

export default function ManageAlertsPage() {
  const [m] = useMessages(messages);
  const token = new URLSearchParams(window.location.search).get("token");
  const [invalid, setInvalid] = useState(false);
  const onInvalidToken = useCallback(() => setInvalid(true), []);
  useEffect(() => { document.title = m.manage.title; }, [m.manage.title]);
  return (
    <main id="main" className="page alerts-page">
      <h1>{m.manage.title}</h1>
      {!token ? <p role="alert" className="form-error">{m.manage.missing}</p>
        : invalid ? <p role="alert" className="form-error">{m.manage.invalid}</p>
          : (
            <>
              <p className="muted">{m.manage.intro}</p>
              <MyAlerts token={token} heading={false} onInvalidToken={onInvalidToken} />
            </>
          )}
      <p><Link href="/alerts" className="button">{m.manage.newAlert}</Link></p>
    </main>
  );
}
