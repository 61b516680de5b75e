/**
 * The monthly figures behind the transparency page at scale (src/insights/rollup.ts): on two
 * years of demo reports, the figures added up from stored months and the partial months at a
 * period's ends equal the exact ones (counts to the unit, medians and 90th percentiles within
 * a bin), a change to a report or to a category's target marks its months and is seen at once,
 * and a refresh never drops a mark it did not read. PGlite, and PostgreSQL with DATABASE_URL.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { City } from "../src/cities/index.ts";
import type { Db } from "../src/db/client.ts";
import { generateReports } from "../src/demo/seed-demo.ts";
import { binOf, quantile } from "../src/insights/histogram.ts";
import { refreshAllMonthly } from "../src/insights/index.ts";
import { plan, reportsPerArea, selectionFigures, selectionParts } from "../src/insights/rollup.ts";
import { markedMonths, pendingMarks, rewriteMonth, targetsOf } from "../src/insights/rollup.repo.ts";
import { HEAT_CELL_DEGREES } from "../src/insights/transparency.ts";
import { planWeeks, weeklyCounts } from "../src/insights/weekly-counts.ts";
import * as exact from "../src/insights/transparency.repo.ts";
import { importReports } from "../src/reports/index.ts";
import { startTestPlatform, type TestPlatform } from "./support/platform.ts";

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 10, 20, 15, 0, 0));
let tp: TestPlatform;
let db: Db;
let city: City;

const filterOf = (from: string, to: string, more: Partial<exact.StatsFilter> = {}): exact.StatsFilter => ({
  cityId: city.id, from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T00:00:00Z`),
  targets: Object.fromEntries([...city.categories.values()].map((c) => [c.code, c.targetDays])), now: NOW, ...more,
});

/** Every grouping's counts equal, its times within one bin (10%) or a minute. */
function expectSameFigures(monthly: exact.FigureRow[], truth: exact.FigureRow[]) {
  const key = (r: exact.FigureRow) => `${r.grouping}/${r.authority_id ?? r.category_code ?? r.area_code ?? ""}`;
  const byKey = new Map(truth.map((r) => [key(r), r]));
  expect(monthly.map(key).sort()).toEqual([...byKey.keys()].sort());
  for (const m of monthly) {
    const t = byKey.get(key(m))!;
    for (const field of ["received", "acknowledged", "fixed", "within_target", "backlog", "backlog_overdue"] as const) {
      expect(m[field], `${key(m)} ${field}`).toBe(t[field]);
    }
    expect(m.backlog_age_max_s ?? 0).toBeCloseTo(t.backlog_age_max_s ?? 0, 3);
    for (const field of ["ack_median_s", "ack_p90_s", "fix_median_s", "fix_p90_s", "backlog_age_median_s"] as const) {
      if (t[field] === null) { expect(m[field], `${key(m)} ${field}`).toBeNull(); continue; }
      expect(Math.abs(m[field]! - t[field]!), `${key(m)} ${field}: ${m[field]} vs ${t[field]}`).toBeLessThanOrEqual(Math.max(60, t[field]! * 0.1));
    }
  }
}

beforeAll(async () => {
  tp = await startTestPlatform({ smtp: false });
  db = tp.platform.ctx.database.db;
  city = tp.platform.ctx.cities.get(tp.config.citySlug);
  await importReports(db, city, generateReports(city, 2500, NOW));
}, 180_000);

afterAll(async () => {
  await tp?.close();
});

describe("histograms", () => {
  it("read percentiles within 10% of percentile_cont", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const values = Array.from({ length: 5000 }, () => 60 * 60 * 24 * 30 * rand() ** 3);
    const sorted = [...values].sort((a, b) => a - b);
    const h: Record<string, number> = {};
    for (const v of values) h[binOf(v)] = (h[binOf(v)] ?? 0) + 1;
    for (const p of [0.5, 0.9]) {
      const rank = p * (sorted.length - 1);
      const truth = sorted[Math.floor(rank)]! + (rank % 1) * (sorted[Math.ceil(rank)]! - sorted[Math.floor(rank)]!);
      expect(Math.abs(quantile(h, p)! - truth) / truth).toBeLessThan(0.1);
    }
    expect(quantile({}, 0.5)).toBeNull();
  });
});

describe("planning a period", () => {
  it("reads whole months as months, the rest of the days as days, and computes marked months and partial days", () => {
    const { months, days, ranges } = plan(filterOf("2025-11-21", "2026-11-21"), new Set(["2026-03-01"]));
    expect(months[0]).toBe("2025-12-01");
    expect(months.at(-1)).toBe("2026-10-01");
    expect(months).not.toContain("2026-03-01");
    expect(months).toHaveLength(10);
    // November 21–30, 2025 and November 1–20, 2026.
    expect(days).toHaveLength(30);
    expect([days[0], days[9], days[10], days.at(-1)]).toEqual(["2025-11-21", "2025-11-30", "2026-11-01", "2026-11-20"]);
    expect(ranges.map((r) => [r.from.toISOString().slice(0, 10), r.to.toISOString().slice(0, 10)])).toEqual([["2026-03-01", "2026-04-01"]]);
    // A partial month that is marked is computed; instants that are not midnight leave partial days.
    const marked = plan(filterOf("2026-06-03", "2026-06-20"), new Set(["2026-06-01"]));
    expect(marked).toEqual({ months: [], days: [], ranges: [{ from: new Date("2026-06-03T00:00:00Z"), to: new Date("2026-06-20T00:00:00Z") }] });
    const instants = plan({ from: new Date("2026-06-03T10:00:00Z"), to: new Date("2026-06-06T08:00:00Z") }, new Set());
    expect(instants.days).toEqual(["2026-06-04", "2026-06-05"]);
    expect(instants.ranges.map((r) => [r.from.toISOString(), r.to.toISOString()])).toEqual([
      ["2026-06-03T10:00:00.000Z", "2026-06-04T00:00:00.000Z"], ["2026-06-06T00:00:00.000Z", "2026-06-06T08:00:00.000Z"],
    ]);
  });
});

describe("the monthly figures", () => {
  it("are marked by the import, and written by a refresh that clears the marks", async () => {
    expect((await markedMonths(db, city.id, "2024-01-01", "2027-01-01")).size).toBeGreaterThanOrEqual(24);
    expect(await refreshAllMonthly(db)).toBeGreaterThanOrEqual(24);
    expect((await markedMonths(db, city.id, "2024-01-01", "2027-01-01")).size).toBe(0);
    const { stored, days, cityWide, byAuthority, published } = (await db.execute(sql`select
      (select sum(received)::int from report_stats where city_id = ${city.id} and grain = 'month') as stored,
      (select sum(received)::int from report_stats where city_id = ${city.id} and grain = 'day') as days,
      (select sum(received)::int from report_stats where city_id = ${city.id} and grain = 'city-month' and area_code = '*' and category_code = '*'
        and authority_id = '00000000-0000-0000-0000-000000000000') as "cityWide",
      (select sum(received)::int from report_stats where city_id = ${city.id} and grain = 'city-day' and area_code = '*' and category_code = '*'
        and authority_id <> '00000000-0000-0000-0000-000000000000') as "byAuthority",
      (select count(*)::int from reports where city_id = ${city.id} and state <> 'open') as published`) as unknown as { rows: Record<string, number>[] }).rows[0]!;
    expect(stored).toBe(published);
    expect(days).toBe(published);
    expect(cityWide).toBe(published);
    expect(byAuthority).toBe(published);
  });

  it("add up to the exact figures of a year, of an area and of a category", async () => {
    const periods = [
      filterOf("2025-11-21", "2026-11-21"),
      filterOf("2025-01-01", "2026-11-21", { areas: ["maarif", "anfa"] }),
      filterOf("2025-06-15", "2026-10-15", { category: "road_damage" }),
    ];
    for (const f of periods) {
      expectSameFigures(await selectionFigures(db, f, HEAT_CELL_DEGREES, 0), await exact.figures(db, f));
    }
  });

  it("give the exact heat map and monthly timeline, read apart or all at once", async () => {
    const f = filterOf("2025-11-21", "2026-11-21");
    const cells = (rows: exact.HeatRow[]) => new Map(rows.map((r) => [`${Math.floor(r.lat / HEAT_CELL_DEGREES)}:${Math.floor(r.lon / HEAT_CELL_DEGREES)}`, r]));
    const apart = {
      ...await selectionParts(db, f, ["heat"], "month", HEAT_CELL_DEGREES, 0),
      ...await selectionParts(db, f, ["timeline"], "month", HEAT_CELL_DEGREES, 0),
      figures: await selectionFigures(db, f, HEAT_CELL_DEGREES, 0),
    };
    const together = await selectionParts(db, f, ["figures", "heat", "timeline"], "month", HEAT_CELL_DEGREES, 0);
    expect(together.figures).toEqual(apart.figures);
    expect(together.timeline).toEqual(apart.timeline);
    // Sums of coordinates: equal but for the order of the additions.
    expect(together.heat.map((c) => c.count)).toEqual(apart.heat.map((c) => c.count));
    together.heat.forEach((c, i) => expect(c.lat).toBeCloseTo(apart.heat[i]!.lat, 9));
    const monthlyHeat = cells(together.heat);
    const exactHeat = cells(await exact.heat(db, f, HEAT_CELL_DEGREES));
    expect([...monthlyHeat.keys()].sort()).toEqual([...exactHeat.keys()].sort());
    for (const [cell, r] of exactHeat) {
      expect(monthlyHeat.get(cell)!.count).toBe(r.count);
      expect(monthlyHeat.get(cell)!.lat).toBeCloseTo(r.lat, 9);
    }
    expect(together.timeline).toEqual(await exact.timeline(db, f, "month"));
    // Weeks are always counted exactly.
    expect((await selectionParts(db, f, ["timeline"], "week", HEAT_CELL_DEGREES, 0)).timeline).toEqual(await exact.timeline(db, f, "week"));
  });

  it("count the reports per area of any span of instants (equity)", async () => {
    const from = new Date("2025-10-17T13:45:00Z"), to = new Date("2026-11-20T09:30:00Z");
    const truth = (await db.execute(sql`select area_code, count(*)::int as n from reports where city_id = ${city.id} and state <> 'open'
      and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz group by area_code`) as unknown as { rows: { area_code: string; n: number }[] }).rows;
    expect(truth.length).toBeGreaterThan(10);
    expect(Object.fromEntries(await reportsPerArea(db, city.id, from, to))).toEqual(Object.fromEntries(truth.map((r) => [r.area_code, r.n])));
  });

  it("count the reports per category, area and rolling week (anomalies), whatever the time of day, scope or marks", async () => {
    const WEEK = 7 * DAY;
    const truth = async (now: Date, authorityIds?: string[]) => {
      const nowS = now.getTime() / 1000;
      const found = (await db.execute(sql`select category_code as category, area_code as area,
          floor((${nowS}::float8 - extract(epoch from created_at)::float8) / ${WEEK / 1000})::int as week, count(*)::int as n
        from reports where city_id = ${city.id} and state <> 'open'
          ${authorityIds ? sql`and authority_id = ${authorityIds[0]}` : sql``}
          and ((created_at > ${new Date(now.getTime() - 9 * WEEK).toISOString()}::timestamptz and created_at <= ${now.toISOString()}::timestamptz)
            or (created_at > ${new Date(now.getTime() - 57 * WEEK).toISOString()}::timestamptz and created_at <= ${new Date(now.getTime() - 48 * WEEK).toISOString()}::timestamptz))
        group by 1, 2, 3`) as unknown as { rows: { category: string; area: string; week: number; n: number }[] }).rows;
      return Object.fromEntries(found.map((r) => [`${r.category}/${r.area}/${r.week}`, Number(r.n)]));
    };
    const summed = (counts: { category: string; area: string; week: number; count: number }[]) => {
      const out: Record<string, number> = {};
      for (const c of counts) out[`${c.category}/${c.area}/${c.week}`] = (out[`${c.category}/${c.area}/${c.week}`] ?? 0) + c.count;
      return out;
    };
    const weeks: [number, number][] = [[0, 8], [48, 56]];
    const authority = [...city.authorities.values()][0]!.id;
    for (const now of [NOW, new Date("2026-11-20T00:00:00Z"), new Date("2026-10-07T23:59:59.999Z")]) {
      const planned = planWeeks(now, weeks, new Set());
      // Six whole days of each of the 18 weeks come from the stored rows (seven when now is midnight).
      expect(planned.days.size, now.toISOString()).toBeGreaterThanOrEqual(18 * 6 - 2);
      expect(summed(await weeklyCounts(db, { cityId: city.id }, now, weeks)), now.toISOString()).toEqual(await truth(now));
      expect(summed(await weeklyCounts(db, { cityId: city.id, authorityIds: [authority] }, now, weeks))).toEqual(await truth(now, [authority]));
    }
    // A change not yet refreshed: its month is counted from reports.
    await db.execute(sql`update reports set state = 'open' where id = (select id from reports where city_id = ${city.id} and state = 'confirmed'
      and created_at > ${new Date(NOW.getTime() - 3 * DAY).toISOString()}::timestamptz order by created_at limit 1)`);
    expect(planWeeks(NOW, weeks, await markedMonths(db, city.id, "2024-01-01", "2027-01-01")).days.size).toBeLessThan(18 * 6);
    expect(summed(await weeklyCounts(db, { cityId: city.id }, NOW, weeks))).toEqual(await truth(NOW));
    await refreshAllMonthly(db);
  });

  it("see a report's change at once, before and after the refresh", async () => {
    const f = filterOf("2025-11-21", "2026-11-21");
    const [target] = (await db.execute(sql`select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-01') as month from reports
      where city_id = ${city.id} and state = 'confirmed' and created_at >= '2026-02-01' and created_at < '2026-03-01' limit 1`) as unknown as { rows: { id: string; month: string }[] }).rows;
    expect(target).toBeDefined();
    await db.execute(sql`update reports set state = 'fixed', fixed_at = ${NOW.toISOString()}::timestamptz, acknowledged_at = coalesce(acknowledged_at, ${NOW.toISOString()}::timestamptz) where id = ${target!.id}`);
    expect([...await markedMonths(db, city.id, "2026-01-01", "2026-12-01")]).toEqual([target!.month]);
    expectSameFigures(await selectionFigures(db, f, HEAT_CELL_DEGREES, 0), await exact.figures(db, f));
    // A change the figures do not read (the priority) marks nothing.
    await refreshAllMonthly(db);
    await db.execute(sql`update reports set priority = priority + 1 where id = ${target!.id}`);
    expect((await markedMonths(db, city.id, "2024-01-01", "2027-01-01")).size).toBe(0);
    expectSameFigures(await selectionFigures(db, f, HEAT_CELL_DEGREES, 0), await exact.figures(db, f));
  });

  it("follow a category's new target time", async () => {
    await db.execute(sql`update categories set target_days = 2 where city_id = ${city.id} and code = 'road_damage'`);
    expect((await markedMonths(db, city.id, "2024-01-01", "2027-01-01")).size).toBeGreaterThanOrEqual(20);
    await refreshAllMonthly(db);
    const f = { ...filterOf("2025-11-21", "2026-11-21"), targets: await targetsOf(db, city.id) };
    expectSameFigures(await selectionFigures(db, f, HEAT_CELL_DEGREES, 0), await exact.figures(db, f));
  });

  it("keep a mark made after the refresh read the marks", async () => {
    await db.execute(sql`update reports set state = 'in_progress' where id = (select id from reports where city_id = ${city.id} and state = 'confirmed'
      and created_at >= '2026-05-01' and created_at < '2026-06-01' limit 1)`);
    const [seen] = await pendingMarks(db, 100);
    expect(seen!.month).toBe("2026-05-01");
    // A writer marks the same month again between the read and the rewrite.
    await db.execute(sql`update reports set state = 'in_progress' where id = (select id from reports where city_id = ${city.id} and state = 'confirmed'
      and created_at >= '2026-05-01' and created_at < '2026-06-01' limit 1)`);
    await rewriteMonth(db, seen!, await targetsOf(db, city.id), HEAT_CELL_DEGREES);
    expect([...await markedMonths(db, city.id, "2026-05-01", "2026-06-01")]).toEqual(["2026-05-01"]);
  });

  it("are not used for a small selection: its figures stay exact", async () => {
    const f = filterOf("2025-11-21", "2026-11-21");
    expect(await selectionFigures(db, f, HEAT_CELL_DEGREES)).toEqual(await exact.figures(db, f));
  });
});
