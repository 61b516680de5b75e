/**
 * Urgency grows when a report waits past its category's target time. Once an hour a job
 * re-scores the open reports that crossed their target (or twice it) since they were last
 * scored. It runs through the outbox, so with several instances one of them does it, and the
 * hour's dedupe key makes a restart or a second instance enqueue nothing twice.
 */
import type { City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import type { UrgencyFactor } from "../ai/index.ts";
import { findOpenFiledBefore, findTriages } from "./triage.repo.ts";
import type { Triage } from "./triage.service.ts";

export const RESCORE_TOPIC = "triage.rescore-overdue";
const HOUR = 3_600_000;
const DAY = 86_400_000;
const BATCH = 500;

const hourKey = (cityId: string, at: Date) => `${RESCORE_TOPIC}:${cityId}:${at.toISOString().slice(0, 13)}`;

/** Enqueues this hour's run (a no-op if it is already there). */
export async function scheduleRescore(db: Db, cityId: string, at = new Date()): Promise<void> {
  await enqueue(db, { topic: RESCORE_TOPIC, cityId, payload: {}, runAfter: at, dedupeKey: hourKey(cityId, at) });
}

/** Points the overdue factor should carry now: 0 within target, 10 past it, 15 past twice it. */
function overduePoints(ageDays: number, targetDays: number): number {
  return ageDays > 2 * targetDays ? 15 : ageDays > targetDays ? 10 : 0;
}

export async function rescoreOverdue(db: Db, city: City, triage: Triage, now = new Date()): Promise<number> {
  let rescored = 0;
  for (const category of city.categories.values()) {
    const due = await findOpenFiledBefore(db, city.id, category.code, new Date(now.getTime() - category.targetDays * DAY), BATCH);
    const triages = await findTriages(db, due.map((r) => r.id));
    for (const report of due) {
      const factors = (triages.get(report.id)?.urgencyFactors ?? []) as UrgencyFactor[];
      const scored = factors.find((f) => f.kind === "overdue")?.points ?? 0;
      if (scored === overduePoints((now.getTime() - report.createdAt.getTime()) / DAY, category.targetDays)) continue;
      await triage.rescore(db, city, report, now);
      rescored++;
    }
  }
  return rescored;
}

export function rescoreOverdueHandler(deps: { db: Db; triage: Triage; city: (cityId: string) => City | undefined }): OutboxHandler {
  return async (message) => {
    const city = message.cityId ? deps.city(message.cityId) : undefined;
    if (!city) return { ok: true, result: { skipped: "unknown city" } };
    const rescored = await rescoreOverdue(deps.db, city, deps.triage);
    await scheduleRescore(deps.db, city.id, new Date(Date.now() + HOUR));
    return { ok: true, result: { rescored } };
  };
}
