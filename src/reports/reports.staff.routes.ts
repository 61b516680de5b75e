/** HTTP routes of the staff console: the queue and its counts, bulk state changes, colleagues to assign. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { translator } from "../i18n/index.ts";
import { reportsContext } from "../server/context.ts";
import * as s from "./reports.schemas.ts";
import { bulkUpdate } from "./staff-bulk.ts";
import { listAssignees } from "./staff-members.ts";
import { countStaffQueue, listStaffQueue } from "./staff-queue.ts";

const PROBLEM_TYPE = "https://baladiya.org/problems/";

export const reportsStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = (city: Parameters<typeof reportsContext>[1]) => reportsContext(app, city);

  app.get("/api/staff/reports", {
    schema: {
      tags: ["staff"], summary: "The staff queue: the reports of the staff member's authority (the whole city's for admins), highest priority and longest waiting first",
      querystring: s.staffListQuery, response: { 200: s.staffListReply },
    },
  }, async (request) => listStaffQueue(ctx(request.city), request.actor, request.query, request.lang));

  app.get("/api/staff/reports/counts", {
    schema: {
      tags: ["staff"], summary: "How many reports of the queue are in each state (the queue's filters but state), and how many are overdue",
      querystring: s.staffCountsQuery, response: { 200: s.staffCountsReply },
    },
  }, async (request) => countStaffQueue(ctx(request.city), request.actor, request.query));

  app.post("/api/staff/reports/bulk", {
    schema: {
      tags: ["staff"], summary: "Move up to 100 reports to one state with the same public response; each report succeeds or fails on its own",
      body: s.bulkUpdateBody, response: { 200: s.bulkUpdateReply },
    },
  }, async (request) => {
    const results = await bulkUpdate(ctx(request.city), request.actor, request.body);
    app.ctx.worker.poke();
    app.ctx.listCache.invalidate(request.city.id);
    const t = translator(request.lang);
    return {
      results: results.map((r) => (r.ok
        ? { ref: r.ref, ok: true, state: r.state, problem: null }
        : { ref: r.ref, ok: false, state: r.state, problem: { type: PROBLEM_TYPE + r.error.code, title: t(`problem.${r.error.code}`), status: r.error.status } })),
    };
  });

  app.get("/api/staff/members", {
    schema: {
      tags: ["staff"], summary: "Colleagues reports can be assigned to: the caller's authority's staff (city admins: every staff account, or one authority's)",
      querystring: s.staffMembersQuery, response: { 200: s.staffMembersReply },
    },
  }, async (request) => ({ items: await listAssignees(ctx(request.city), request.actor, request.query) }));
};
