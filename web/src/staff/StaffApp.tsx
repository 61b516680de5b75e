/**
 * The staff console (/staff), a lazy chunk citizens never download: a sign-in gate, the
 * console's navigation, and its pages — the queue, a report, response templates — with the
 * administration section (city admins) a further lazy chunk of its own.
 */
import { lazy, Suspense } from "react";
import { Link, Route, Switch, useLocation } from "wouter";
import { useMessages } from "../lib/i18n.tsx";
import { isStaff, useSession } from "../lib/session.tsx";
import type { User } from "../lib/types.ts";
import QueuePage from "./QueuePage.tsx";
import ReportDetailPage from "./ReportDetailPage.tsx";
import messages from "./staff.messages.ts";
import TemplatesPage from "./TemplatesPage.tsx";
import "./staff.css";

const AdminApp = lazy(() => import("./admin/AdminApp.tsx"));
const InsightsPage = lazy(() => import("./insights/InsightsPage.tsx"));

const isAdmin = (u: User | null) => u?.role === "city_admin" || u?.role === "superadmin";

function Gate({ user }: { user: User | null }) {
  const [m] = useMessages(messages);
  const [location] = useLocation();
  const next = `/staff${location === "/" ? "" : location}${window.location.search}`;
  return (
    <main id="main" className="page narrow">
      <h1>{user ? m.gate.staffOnlyTitle : m.gate.title}</h1>
      {user ? (
        <>
          <p>{m.gate.staffOnlyText}</p>
          <p><Link href="~/">{m.gate.backHome}</Link></p>
        </>
      ) : (
        <>
          <p>{m.gate.signInText}</p>
          <p><Link href={`~/signin?next=${encodeURIComponent(next)}`} className="button secondary">{m.gate.signIn}</Link></p>
        </>
      )}
    </main>
  );
}

function StaffNav({ admin }: { admin: boolean }) {
  const [m] = useMessages(messages);
  const [location] = useLocation();
  const current = (active: boolean) => (active ? "page" : undefined);
  return (
    <nav className="staff-nav" aria-label={m.nav.label}>
      <Link href="/" aria-current={current(location === "/" || location.startsWith("/r/"))}>{m.nav.queue}</Link>
      <Link href="/insights" aria-current={current(location === "/insights")}>{m.nav.insights}</Link>
      {admin && <Link href="/templates" aria-current={current(location === "/templates")}>{m.nav.templates}</Link>}
      {admin && <Link href="/admin" aria-current={current(location.startsWith("/admin"))}>{m.nav.admin}</Link>}
    </nav>
  );
}

export default function StaffApp() {
  const [m] = useMessages(messages);
  const { user, loading } = useSession();
  if (loading) return <main id="main" className="page"><p className="loading" role="status">{m.loading}</p></main>;
  if (!isStaff(user)) return <Gate user={user} />;
  const admin = isAdmin(user);
  return (
    <div className="staff-console">
      <StaffNav admin={admin} />
      <Switch>
        <Route path="/"><QueuePage /></Route>
        <Route path="/r/:ref">{({ ref }) => <ReportDetailPage key={ref} />}</Route>
        <Route path="/templates"><TemplatesPage isAdmin={admin} /></Route>
        <Route path="/insights">
          <Suspense fallback={<p className="loading" role="status">{m.loading}</p>}><InsightsPage /></Suspense>
        </Route>
        <Route path="/admin" nest>
          <Suspense fallback={<p className="loading" role="status">{m.loading}</p>}><AdminApp /></Suspense>
        </Route>
        <Route><main id="main" className="page"><p>{m.notFound}</p></main></Route>
      </Switch>
    </div>
  );
}
