/**
 * The API requests the insights pages make as they open. The pages build their URLs here, and
 * the server names the same URLs in the page's HTML (`<link rel="preload" as="fetch">`), so the
 * figures are computed while the scripts download instead of after they ran (a second on a
 * phone). Same URL or no reuse: that is why both sides share this module. Pure: the web app
 * bundles it.
 */
import { DAY_MS, isoDay } from "./dates.ts";

/**
 * /api/stats/dashboard for a /transparency address: its filters, and the server's default
 * period (the last 365 days to today, UTC) written out, in a fixed order.
 */
export function dashboardRequest(search: string, now = new Date()): string {
  const query = new URLSearchParams(search);
  const to = query.get("to") || isoDay(now);
  const from = query.get("from") || isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 364 * DAY_MS));
  const out = new URLSearchParams({ from, to });
  for (const key of ["area", "category"]) {
    const value = query.get(key);
    if (value) out.set(key, value);
  }
  return `/api/stats/dashboard?${out}`;
}

/** What /staff/insights asks for, in the reader's language. */
export function staffInsightsRequests(lang: string) {
  return {
    anomalies: `/api/staff/insights/anomalies?lang=${encodeURIComponent(lang)}`,
    hotspots: "/api/staff/insights/hotspots",
    resources: "/api/staff/insights/resources",
    equity: "/api/staff/insights/equity",
  };
}
