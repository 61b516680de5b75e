/** Public entry of the events domain: the live event log, its bus and the SSE stream. */
export { recordReportEvent, type ReportEvent } from "./record-event.ts";
export { EventBus, type LiveEvent } from "./events.bus.ts";
export { EventStreams, defaultLimits, type StreamLimits } from "./events.streams.ts";
export { eventsRoutes } from "./events.routes.ts";
export { PRUNE_EVENTS_TOPIC, pruneEvents, pruneEventsHandler, schedulePruneEvents, EVENT_RETENTION_DAYS } from "./prune-events.ts";
export { eventTypes, type LiveEventType, type EventData } from "./events.schemas.ts";
