/**
 * Bulk state changes from the staff queue: each report goes through the same use-case as a
 * single update (lifecycle, history, notifications), in its own transaction, so one report
 * that cannot move does not hold back the others. A report the caller may not manage is
 * reported as forbidden and left alone.
 */
import { AppError } from "../errors.ts";
import { requireStaff, type Actor } from "../people/index.ts";
import { addUpdate } from "./add-update.ts";
import { canManage } from "./reports.access.ts";
import type { ReportsContext } from "./reports.context.ts";
import { isPublicState, type ReportState } from "./reports.lifecycle.ts";
import * as repo from "./reports.repo.ts";
import type { BulkUpdateInput } from "./reports.schemas.ts";

export type BulkResult =
  | { ref: string; ok: true; state: ReportState }
  | { ref: string; ok: false; state: ReportState | null; error: AppError };

export async function bulkUpdate(ctx: ReportsContext, actor: Actor, input: BulkUpdateInput): Promise<BulkResult[]> {
  const staff = requireStaff(actor);
  const results: BulkResult[] = [];
  for (const ref of new Set(input.refs)) {
    const report = await repo.findReportByRef(ctx.db, ctx.city.id, ref);
    const manager = report !== undefined && canManage(staff, report);
    if (!report || (!manager && !isPublicState(report.state))) {
      results.push({ ref, ok: false, state: null, error: new AppError("not_found") });
    } else if (!manager) {
      results.push({ ref, ok: false, state: null, error: new AppError("forbidden") });
    } else if (report.state === input.state) {
      // Already there: nothing to record, and no empty message to send.
      results.push({ ref, ok: true, state: input.state });
    } else {
      try {
        await addUpdate(ctx, staff, ref, { text: input.text ?? "", state: input.state, visibility: "public" }, []);
        results.push({ ref, ok: true, state: input.state });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ ref, ok: false, state: report.state as ReportState, error: err });
      }
    }
  }
  return results;
}
