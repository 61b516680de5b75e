/**
 * The app shell: providers, the header, and the routes. The map home is in the first
 * bundle (it is what a citizen opens); every other page is a lazy chunk, and the staff
 * console a chunk of its own that citizens never download.
 */
import { lazy, Suspense, type ReactNode } from "react";
import { Route, Switch } from "wouter";
import HomePage from "../features/map/HomePage.tsx";
import { CityProvider } from "../lib/city.tsx";
import { LanguageProvider, useMessages } from "../lib/i18n.tsx";
import { SessionProvider } from "../lib/session.tsx";
import messages from "./app.messages.ts";
import { ErrorBoundary } from "./ErrorBoundary.tsx";
import { Header } from "./Header.tsx";
import { OfflineBanner } from "./OfflineBanner.tsx";

const ReportFlowPage = lazy(() => import("../features/report-flow/ReportFlowPage.tsx"));
const ReportPage = lazy(() => import("../features/report-page/ReportPage.tsx"));
const ReporterMailsOffPage = lazy(() => import("../features/report-page/ReporterMailsOffPage.tsx"));
const SupporterConfirmPage = lazy(() => import("../features/report-page/SupporterConfirmPage.tsx"));
const ConfirmReportPage = lazy(() => import("../features/account/ConfirmReportPage.tsx"));
const SignInPage = lazy(() => import("../features/account/SignInPage.tsx"));
const SignUpPage = lazy(() => import("../features/account/SignUpPage.tsx"));
const VerifyEmailPage = lazy(() => import("../features/account/VerifyEmailPage.tsx"));
const ForgotPasswordPage = lazy(() => import("../features/account/ForgotPasswordPage.tsx"));
const ResetPasswordPage = lazy(() => import("../features/account/ResetPasswordPage.tsx"));
const MyReportsPage = lazy(() => import("../features/account/MyReportsPage.tsx"));
const SubscriptionConfirmPage = lazy(() => import("../features/account/SubscriptionConfirmPage.tsx"));
const UnsubscribePage = lazy(() => import("../features/account/UnsubscribePage.tsx"));
const AlertsPage = lazy(() => import("../features/alerts/AlertsPage.tsx"));
const ManageAlertsPage = lazy(() => import("../features/alerts/ManageAlertsPage.tsx"));
const TransparencyPage = lazy(() => import("../features/transparency/TransparencyPage.tsx"));
const StaffApp = lazy(() => import("../staff/StaffApp.tsx"));

export function Loading() {
  const [m] = useMessages(messages);
  return <p className="loading" role="status">{m.loading}</p>;
}

function NotFound() {
  const [m] = useMessages(messages);
  return (
    <main id="main" className="page narrow">
      <h1>{m.notFound}</h1>
      <p><a href="/">{m.backHome}</a></p>
    </main>
  );
}

function Page({ children }: { children: ReactNode }) {
  return <ErrorBoundary><Suspense fallback={<Loading />}>{children}</Suspense></ErrorBoundary>;
}

export function App() {
  return (
    <LanguageProvider>
      <SessionProvider>
        <CityProvider fallback={<Loading />}>
          <Header />
          <OfflineBanner />
          <Page>
            <Switch>
              <Route path="/"><HomePage /></Route>
              <Route path="/report"><ReportFlowPage /></Route>
              <Route path="/r/:ref/confirm"><ConfirmReportPage /></Route>
              <Route path="/r/:ref/mails-off"><ReporterMailsOffPage /></Route>
              <Route path="/r/:ref"><ReportPage /></Route>
              <Route path="/signin"><SignInPage /></Route>
              <Route path="/signup"><SignUpPage /></Route>
              <Route path="/account/verify"><VerifyEmailPage /></Route>
              <Route path="/account/forgot"><ForgotPasswordPage /></Route>
              <Route path="/account/reset"><ResetPasswordPage /></Route>
              <Route path="/me"><MyReportsPage /></Route>
              <Route path="/subscriptions/confirm"><SubscriptionConfirmPage /></Route>
              <Route path="/subscriptions/unsubscribe"><UnsubscribePage /></Route>
              <Route path="/alerts/manage"><ManageAlertsPage /></Route>
              <Route path="/alerts"><AlertsPage /></Route>
              <Route path="/transparency"><TransparencyPage /></Route>
              <Route path="/supporters/confirm"><SupporterConfirmPage /></Route>
              <Route path="/staff" nest><StaffApp /></Route>
              <Route><NotFound /></Route>
            </Switch>
          </Page>
        </CityProvider>
      </SessionProvider>
    </LanguageProvider>
  );
}
