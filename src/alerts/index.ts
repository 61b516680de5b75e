/** Public entry of the alerts domain: subscriptions, the notifications they receive, announcements. */
export { alertsRoutes } from "./alerts.routes.ts";
export { alertsAdminRoutes } from "./alerts.admin.routes.ts";
export { reportPublishedHandler, reportUpdatedHandler, reportSupportedHandler } from "./fan-out.ts";
export { deliverNotificationHandler } from "./deliver.ts";
export { DIGEST_TOPIC, digestHandler, scheduleDigest, sendDigests } from "./digest.ts";
export { ANNOUNCEMENT_TOPIC, announcementHandler } from "./announcements.ts";
export { NOTIFICATION_TOPIC, MAX_INSTANT_PER_HOUR, type NotifyDeps } from "./notify.ts";
export { recordBounce } from "./suppressions.ts";
export type { AlertsContext, FollowedReport } from "./alerts.context.ts";
