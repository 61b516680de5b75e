/** Public entry of the reports domain. */
export { createReport } from "./create-report.ts";
export { importReports, type ImportedReport } from "./import-reports.ts";
export { confirmReport } from "./confirm-report.ts";
export { addUpdate } from "./add-update.ts";
export { manageReport } from "./manage-report.ts";
export { getReport, listPublicReports, photoFile } from "./query-reports.ts";
export { listStaffQueue, countStaffQueue } from "./staff-queue.ts";
export { PhotoStore, processPhoto } from "./reports.photos.ts";
export { PublicListCache } from "./public-list-cache.ts";
export type { ReportsContext } from "./reports.context.ts";
export { states, publicStates, openStates, closedStates, canTransition, type ReportState } from "./reports.lifecycle.ts";
export { MAX_PHOTOS, MAX_PHOTO_MB } from "./reports.schemas.ts";
export * as reportSchemas from "./reports.schemas.ts";
export { reportsRoutes } from "./reports.routes.ts";
export { reportsStaffRoutes } from "./reports.staff.routes.ts";
export { reportsMapRoutes } from "./reports.map.routes.ts";
export { REPORT_UPDATED_TOPIC, type ReportUpdatedEvent } from "./reports.events.ts";
