/** HTTP routes of AI triage: the suggestion as a citizen types, and the model page for city admins. */
import fs from "node:fs";
import path from "node:path";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { MODELS_DIR } from "../ai/index.ts";
import { requireAdmin } from "../people/index.ts";
import * as repo from "./triage.repo.ts";
import * as s from "./triage.schemas.ts";
import { urgencyView } from "./triage.views.ts";

export const triageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post("/api/triage", {
    schema: {
      tags: ["triage"],
      summary: "Language, probable categories, urgency with its reasons and probable duplicates of a text being written (call it debounced as the citizen types)",
      body: s.triageBody, response: { 200: s.triageReply },
    },
    config: { rateLimit: { max: app.ctx.config.rateLimit ? 120 : 1_000_000, timeWindow: "1 minute" } },
  }, async (request) => {
    const { city, lang } = request;
    const result = await app.ctx.triage.analyse(app.ctx.database.db, city, request.body);
    return {
      ...result,
      categories: result.categories.map((c) => ({ ...c, name: city.categories.get(c.code)?.name[lang] ?? c.code })),
      urgency: urgencyView(result.urgency, lang),
      duplicates: result.duplicates.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    };
  });

  app.get("/api/admin/ai", {
    schema: { tags: ["admin"], summary: "The AI model in use: version, training, evaluation on the held-out split, and staff corrections since it was trained", response: { 200: s.modelReply } },
  }, async (request) => {
    requireAdmin(request.actor);
    const { manifest } = app.ctx.triage.models;
    const db = app.ctx.database.db;
    const trainedAt = new Date(manifest.trainedAt);
    const evaluationFile = path.join(MODELS_DIR, "evaluation.json");
    const evaluation = fs.existsSync(evaluationFile) ? JSON.parse(fs.readFileSync(evaluationFile, "utf8")) : null;
    const recent = await repo.listCorrections(db, request.city.id, { limit: 50 });
    return {
      version: manifest.version, trainedAt: manifest.trainedAt, training: manifest.training,
      evaluation: evaluation?.modelVersion === manifest.version ? evaluation : null,
      corrections: {
        sinceTraining: await repo.countCorrections(db, request.city.id, trainedAt),
        total: await repo.countCorrections(db, request.city.id),
        recent: recent.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
      },
    };
  });
};
