/**
 * Reports per category × area × rolling week, the anomaly detector's input, at any scale.
 *
 * Week k holds the reports filed in (now − (k+1)·7 d, now − k·7 d]: its ends fall at now's time
 * of day, so a week is six whole UTC days and the two days its ends cut. Whole days are read
 * from the stored day rows (report_stats); the cut days, today and every day of a month marked
 * to redo are counted from reports. For a million-report city that is a few thousand reports
 * counted instead of the ~200,000 of the last nine weeks.
 */
import type { Db } from "../db/client.ts";
import { weekOf, type WeeklyCount } from "./anomalies.ts";
import { dayStart, isoDay, monthStart, nextDay, nextMonth, WEEK_MS } from "./dates.ts";
import { weeklyCountsIn, type Scope, type Span } from "./insights.staff.repo.ts";
import { markedMonths, storedWeekCounts } from "./rollup.repo.ts";

/**
 * How to count weeks `first`…`last` of each pair: the UTC days wholly in the pair's weeks and in
 * one week, in a month not marked to redo, from the stored rows (day → week); every other day
 * from reports, adjacent days joined into one span.
 */
export function planWeeks(now: Date, weeks: [first: number, last: number][], marked: Set<string>): { days: Map<string, number>; spans: Span[] } {
  const days = new Map<string, number>();
  const spans: Span[] = [];
  for (const [first, last] of weeks) {
    const after = new Date(now.getTime() - (last + 1) * WEEK_MS);
    const upTo = new Date(now.getTime() - first * WEEK_MS);
    for (let d = dayStart(after); d <= upTo; d = nextDay(d)) {
      const end = nextDay(d);
      // No week boundary falls on [d, end): every instant of the day is in the same week.
      const oneWeek = weekOf(d, now) === weekOf(end, now);
      if (d > after && end < upTo && oneWeek && !marked.has(isoDay(monthStart(d)))) {
        days.set(isoDay(d), weekOf(d, now));
        continue;
      }
      const previous = spans.at(-1);
      if (previous && previous.to.getTime() === d.getTime() && previous.after === after) previous.to = end;
      else spans.push({ from: d, to: end, after, upTo });
    }
  }
  return { days, spans };
}

export async function weeklyCounts(db: Db, scope: Scope, now: Date, weeks: [first: number, last: number][]): Promise<WeeklyCount[]> {
  const oldest = new Date(now.getTime() - (Math.max(...weeks.map(([, last]) => last)) + 1) * WEEK_MS);
  const marked = await markedMonths(db, scope.cityId, isoDay(monthStart(oldest)), isoDay(nextMonth(now)));
  const { days, spans } = planWeeks(now, weeks, marked);
  const [stored, counted] = await Promise.all([
    storedWeekCounts(db, scope.cityId, days, scope.authorityIds),
    weeklyCountsIn(db, scope, now, spans),
  ]);
  return [...counted, ...stored.map((r) => ({ category: r.category, area: r.area, week: r.week, count: r.n }))];
}
