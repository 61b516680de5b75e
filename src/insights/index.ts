/**
 * Public entry of the insights domain: statistics over reports for the public transparency
 * page (`/api/stats/...`), open data exports (`/api/open-data/...`) and the staff analytics.
 * Other domains import only this file. Each half adds its own export lines below.
 */

// Public half: transparency figures and open data.
export { transparencyRoutes } from "./transparency.routes.ts";
export * as statsSchemas from "./transparency.schemas.ts";
export { licences as openDataLicences, fields as openDataFields } from "./open-data.ts";
export { REFRESH_TOPIC as INSIGHTS_REFRESH_TOPIC, scheduleRefresh as scheduleInsightsRefresh } from "./rollup.ts";
export { insightsRefreshHandler, refreshAllMonthly } from "./transparency.ts";

// Staff half: anomaly detection, hotspots, resource view, equity, staff exports.
export { insightsStaffRoutes } from "./insights.staff.routes.ts";
export { STAFF_EXPORT_TOPIC, staffExportHandler, type StaffExportDeps } from "./staff-exports.ts";
export * as staffInsightsSchemas from "./insights.staff.schemas.ts";
export { dashboardRequest, staffInsightsRequests } from "./page-requests.ts";
