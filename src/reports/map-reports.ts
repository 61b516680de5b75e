/**
 * What a map shows of the public reports in a box. A phone on 3G must paint a view of
 * 10,000 reports quickly: up to MAX_POINTS reports come as compact points (the client
 * clusters them itself); above that, the database counts them per grid cell of about
 * CELL_PX pixels at the asked zoom, so the answer stays a few kilobytes however dense the view.
 */
import { toFilter } from "./query-reports.ts";
import type { ReportsContext } from "./reports.context.ts";
import { closedStates, publicStates, type ReportState } from "./reports.lifecycle.ts";
import * as repo from "./reports.repo.ts";
import type { MapReportsQuery, MapReportsReply } from "./reports.schemas.ts";

export const MAX_POINTS = 3000;
export const CELL_PX = 60;
const TILE_PX = 256;

const progress: ReportState[] = ["in_progress", "action_scheduled"];
/** The buckets a citizen reads on the map (as the web app's lib/states.ts colours them). */
export const mapBuckets = {
  open: publicStates.filter((s) => !progress.includes(s) && !closedStates.includes(s)),
  progress,
  done: closedStates,
};

/** Five decimals: about a metre, plenty for a marker, and a third shorter than full precision. */
const round = (x: number) => Math.round(x * 1e5) / 1e5;

export async function mapReports(ctx: ReportsContext, q: MapReportsQuery): Promise<MapReportsReply> {
  const filter = { ...toFilter(ctx, q, publicStates), bbox: q.bbox };
  const points = await repo.listMapPoints(ctx.db, filter, MAX_POINTS + 1);
  if (points.length <= MAX_POINTS) {
    return { kind: "points", total: points.length, points: points.map((p) => [p.ref, round(p.lat), round(p.lon), p.state as ReportState, p.category]) };
  }
  const cells = await repo.countMapCells(ctx.db, filter, CELL_PX / (TILE_PX * 2 ** q.zoom), mapBuckets);
  return {
    kind: "cells",
    total: cells.reduce((sum, c) => sum + c.count, 0),
    cellSize: CELL_PX,
    buckets: mapBuckets,
    cells: cells.map((c) => [round(c.lat), round(c.lon), c.count, c.open, c.progress, c.done]),
  };
}
