/**
 * The administration of the staff console (/staff/admin/…), for city admins: authorities,
 * categories, routing, staff accounts, the AI model, and notifications (announcements, texts,
 * suppressed addresses); response templates live in the console itself. A lazy chunk of its own, mounted by StaffApp under a nested route.
 */
import { useEffect, useRef } from "react";
import { Link, Redirect, Route, Switch, useLocation } from "wouter";
import { useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import type { User } from "../../lib/types.ts";
import { AnnouncerProvider } from "./admin-data.tsx";
import messages from "./admin.messages.ts";
import "./admin.css";

import AiModelPage from "./AiModelPage.tsx";
import AnnouncementsPage from "./AnnouncementsPage.tsx";
import AuthoritiesPage from "./AuthoritiesPage.tsx";
import AuthorityForm from "./AuthorityForm.tsx";
import CategoriesPage from "./CategoriesPage.tsx";
import CategoryForm from "./CategoryForm.tsx";
import NotificationTextsPage from "./NotificationTextsPage.tsx";
import Open311ClientsPage from "./Open311ClientsPage.tsx";
import open311Messages from "./open311.messages.ts";
import OutboxPage from "./OutboxPage.tsx";
import outboxMessages from "./outbox.messages.ts";
import RoutingForm from "./RoutingForm.tsx";
import RoutingPage from "./RoutingPage.tsx";
import StaffForm from "./StaffForm.tsx";
import StaffPage from "./StaffPage.tsx";
import SuppressionsPage from "./SuppressionsPage.tsx";

const isAdmin = (u: User | null) => u?.role === "city_admin" || u?.role === "superadmin";

function AdminNav() {
  const [m] = useMessages(messages);
  const [o] = useMessages(outboxMessages);
  const [open311] = useMessages(open311Messages);
  const [location] = useLocation();
  const sections = [
    ["/authorities", m.nav.authorities], ["/categories", m.nav.categories], ["/routing", m.nav.routing], ["/staff", m.nav.staff], ["/ai", m.nav.ai], ["/outbox", o.nav],
    ["/announcements", m.nav.announcements], ["/notifications", m.nav.notifications], ["/suppressions", m.nav.suppressions], ["/open311", open311.nav],
  ] as const;
  return (
    <nav className="admin-nav" aria-label={m.nav.label}>
      <p className="admin-nav-title" aria-hidden="true">{m.nav.label}</p>
      <ul>
        {sections.map(([path, label]) => (
          <li key={path}>
            <Link href={path} aria-current={location === path || location.startsWith(`${path}/`) ? "page" : undefined}>{label}</Link>
          </li>
        ))}
        {/* Templates belong to the console, outside this nested router: "~" makes the link absolute. */}
        <li><Link href="~/staff/templates">{m.nav.templates}</Link></li>
      </ul>
    </nav>
  );
}

function AdminOnly({ signedIn }: { signedIn: boolean }) {
  const [m] = useMessages(messages);
  return (
    <main id="main" className="page narrow">
      <h1>{m.adminOnly.title}</h1>
      <p>{m.adminOnly.text}</p>
      {!signedIn && <p><Link href={`~/signin?next=${encodeURIComponent(window.location.pathname)}`} className="button secondary">{m.adminOnly.signIn}</Link></p>}
    </main>
  );
}

/** After moving between admin pages, focus goes to the new page's heading, where a screen reader expects it. */
function useFocusHeadingOnNavigation() {
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    const heading = document.querySelector<HTMLElement>(".admin-content h1");
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [location]);
}

export default function AdminApp() {
  const [m] = useMessages(messages);
  const { user, loading } = useSession();
  useFocusHeadingOnNavigation();
  if (loading) return <main id="main" className="page"><p role="status" className="loading">{m.loading}</p></main>;
  if (!isAdmin(user)) return <AdminOnly signedIn={user !== null} />;
  return (
    <main id="main" className="admin">
      <AdminNav />
      <div className="admin-content">
        <AnnouncerProvider>
          <Switch>
            <Route path="/"><Redirect to="/authorities" replace /></Route>
            <Route path="/authorities"><AuthoritiesPage /></Route>
            <Route path="/authorities/new"><AuthorityForm /></Route>
            <Route path="/authorities/:code">{({ code }) => <AuthorityForm key={code} code={code} />}</Route>
            <Route path="/categories"><CategoriesPage /></Route>
            <Route path="/categories/:code">{({ code }) => <CategoryForm key={code} code={code} />}</Route>
            <Route path="/routing"><RoutingPage /></Route>
            <Route path="/routing/:category">{({ category }) => <RoutingForm key={category} category={category} />}</Route>
            <Route path="/staff"><StaffPage /></Route>
            <Route path="/staff/new"><StaffForm /></Route>
            <Route path="/staff/:id">{({ id }) => <StaffForm key={id} id={id} />}</Route>
            <Route path="/ai"><AiModelPage /></Route>
            <Route path="/announcements"><AnnouncementsPage /></Route>
            <Route path="/notifications"><NotificationTextsPage /></Route>
            <Route path="/suppressions"><SuppressionsPage /></Route>
            <Route path="/outbox"><OutboxPage /></Route>
            <Route path="/open311"><Open311ClientsPage /></Route>
            <Route><p>{m.notFound}</p></Route>
          </Switch>
        </AnnouncerProvider>
      </div>
    </main>
  );
}
