/** UTC calendar arithmetic shared by the insights: the stored figures are per UTC day and month. */

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** YYYY-MM-DD of the UTC day holding `d`. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const dayStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
export const nextDay = (d: Date) => new Date(d.getTime() + DAY_MS);
export const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
export const nextMonth = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
