/** Public entry of the alerts domain: subscriptions and the notifications they receive. */
export { alertsRoutes } from "./alerts.routes.ts";
export { notifySubscribersHandler } from "./notify-subscribers.ts";
export type { AlertsContext, FollowedReport } from "./alerts.context.ts";
