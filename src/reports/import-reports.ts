/**
 * Bulk import of already-decided reports (demo data, migrations from another platform):
 * batches of multi-row inserts with their updates and history, references taken from the
 * city's counter in one step per batch. Not for citizen input: no validation beyond types.
 */
import { normalizeForSearch } from "../ai/index.ts";
import type { City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { chooseAuthority } from "../routing/index.ts";
import type { ReportState } from "./reports.lifecycle.ts";
import * as repo from "./reports.repo.ts";

export interface ImportedReport {
  categoryCode: string;
  lat: number;
  lon: number;
  title: string;
  description: string;
  language: string;
  state: ReportState;
  priority: number;
  createdAt: Date;
  reporterName: string | null;
  reporterEmail: string | null;
  showName: boolean;
  source: string;
  updates: { at: Date; text: string; authorName: string; authorRole: string; stateFrom: ReportState | null; stateTo: ReportState | null; language: string }[];
}

export async function importReports(db: Db, city: City, items: ImportedReport[], onProgress?: (done: number) => void): Promise<number> {
  const BATCH = 500;
  let done = 0;
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    await db.transaction(async (tx) => {
      const rows: Parameters<typeof repo.insertReport>[1][] = [];
      const located: typeof batch = [];
      // One counter step per year in the batch instead of one per report.
      const perYear = new Map<number, number>();
      for (const item of batch) perYear.set(item.createdAt.getUTCFullYear(), (perYear.get(item.createdAt.getUTCFullYear()) ?? 0) + 1);
      const nextSeq = new Map<number, number>();
      for (const [year, count] of perYear) nextSeq.set(year, await repo.reserveReferenceNumbers(tx, city.id, year, count));
      for (const item of batch) {
        const year = item.createdAt.getUTCFullYear();
        const seq = nextSeq.get(year)!;
        nextSeq.set(year, seq + 1);
        const location = city.areas.locate(item.lat, item.lon);
        if (!location) continue;
        const fixed = item.updates.find((u) => u.stateTo === "fixed")?.at ?? null;
        const closed = item.updates.find((u) => u.stateTo === "closed")?.at ?? null;
        const firstStaff = item.updates.find((u) => u.authorRole !== "citizen")?.at ?? null;
        const last = item.updates.at(-1)?.at ?? item.createdAt;
        rows.push({
          cityId: city.id, ref: city.profile.formatReference(city.manifest.referencePrefix, year, seq), categoryCode: item.categoryCode,
          areaCode: location.area.code, prefectureCode: location.parents.find((p) => p.kind === "prefecture")?.code ?? null,
          authorityId: chooseAuthority(city, item.categoryCode, location).id, lat: item.lat, lon: item.lon, title: item.title, description: item.description,
          language: item.language, state: item.state, priority: item.priority, source: item.source, reporterName: item.reporterName,
          reporterEmail: item.reporterEmail, showName: item.showName, createdAt: item.createdAt, updatedAt: last,
          confirmedAt: item.state === "open" ? null : item.createdAt, acknowledgedAt: firstStaff, fixedAt: fixed, closedAt: closed,
          search: repo.searchVector(normalizeForSearch(item.title), normalizeForSearch(item.description)) as never,
        });
        located.push(item);
      }
      const inserted = await repo.insertReports(tx, rows);
      const updates = inserted.flatMap((r, i) => located[i]!.updates.map((u) => ({
        cityId: city.id, reportId: r.id, authorName: u.authorName, authorRole: u.authorRole, visibility: "public", text: u.text,
        stateFrom: u.stateFrom, stateTo: u.stateTo, language: u.language, createdAt: u.at,
      })));
      await repo.insertUpdates(tx, updates);
      await repo.insertHistory(tx, inserted.flatMap((r, i) => [
        { cityId: city.id, reportId: r.id, actorKind: "import", action: "created", field: "state", oldValue: null, newValue: "open", createdAt: r.createdAt },
        ...located[i]!.updates.filter((u) => u.stateTo).map((u) => ({
          cityId: city.id, reportId: r.id, actorKind: u.authorRole, action: "state", field: "state", oldValue: u.stateFrom, newValue: u.stateTo, createdAt: u.at,
        })),
      ]));
      done += inserted.length;
    });
    onProgress?.(done);
  }
  // A bulk load leaves the planner without statistics (PGlite has no autovacuum to gather them):
  // without them it picks plans made for an empty table.
  await repo.analyzeReports(db);
  return done;
}
