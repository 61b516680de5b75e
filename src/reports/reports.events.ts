/**
 * Events the reports domain publishes through the outbox, in the transaction of the change:
 * other domains (alerts today, live updates and Open311 later) subscribe by topic and never
 * reach into the reports tables.
 */
export const REPORT_UPDATED_TOPIC = "report.updated";

/** A public update on a report: a comment, a response, or a state change. */
export interface ReportUpdatedEvent {
  reportId: string;
  ref: string;
  title: string;
  updateId: string;
  text: string;
  stateFrom: string | null;
  stateTo: string | null;
  /** The state after the update. */
  state: string;
  authorUserId: string | null;
  /** The reporter already hears of it by the reporter's own mail; subscribers with this address are skipped. */
  reporterEmail: string | null;
}
