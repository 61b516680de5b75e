/** /alerts — a citizen creates an alert; signed in, "My alerts" below lists, changes and stops theirs. */
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { AlertForm } from "./AlertForm.tsx";
import messages from "./alerts.messages.ts";
import { MyAlerts } from "./MyAlerts.tsx";
import "./alerts.css";

export default function AlertsPage() {
  const [m] = useMessages(messages);
  const { user, loading } = useSession();
  const [created, setCreated] = useState(0);
  useEffect(() => { document.title = m.title; }, [m.title]);
  return (
    <main id="main" className="page alerts-page">
      <h1>{m.title}</h1>
      <p className="muted">{m.intro}</p>
      {/* Keyed by the account: signing in or out starts a fresh form (the e-mail field changes). */}
      {!loading && <AlertForm key={user?.id ?? "anonymous"} user={user} onCreated={() => setCreated((n) => n + 1)} />}
      {user ? <MyAlerts reloadKey={created} />
        : !loading && (
          <section className="alerts-mine" aria-labelledby="alerts-mine-heading">
            <h2 id="alerts-mine-heading">{m.mine.heading}</h2>
            <p>{m.mine.signIn} <Link href="/signin?next=/alerts">{m.mine.signInLink}</Link></p>
          </section>
        )}
    </main>
  );
}
