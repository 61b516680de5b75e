/** Public entry of the open311 domain: the GeoReport v2 server and its API clients; the client sending to authorities' back-offices and following them. */
export { open311Routes, OPEN311_PREFIX } from "./open311.routes.ts";
export { open311AdminRoutes } from "./open311.admin.routes.ts";
export { FMS_STATUS, georeportStatus } from "./query-requests.ts";
export { open311Sender, open311TokenHandler, OPEN311_TOKEN_TOPIC } from "./send-request.ts";
export { open311PollHandler, pollOpen311, scheduleOpen311Poll, OPEN311_POLL_TOPIC, type PollResult } from "./poll-updates.ts";
