/**
 * Response templates: staff read the ones that fit a report (its category, the state they move
 * it to); city admins write them. A city starts with the defaults of its pack (templates.json),
 * seeded once, when the city is first created: after that they are the admins' to change.
 */
import { CityPackError, type City } from "../cities/index.ts";
import type { Db, Tx } from "../db/client.ts";
import { AppError, fieldError } from "../errors.ts";
import { requireAdmin, requireStaff, type Actor, type UserActor } from "../people/index.ts";
import * as repo from "./templates.repo.ts";
import { templateBody, type ApplicableQuery, type TemplateInput, type TemplateView } from "./templates.schemas.ts";

export interface TemplatesContext {
  db: Db;
  city: City;
}

function toView(r: repo.TemplateRow): TemplateView {
  const text = (t: Record<string, string>) => ({ ar: t.ar ?? "", fr: t.fr ?? "", en: t.en ?? "" });
  return { id: r.id, category: r.categoryCode, state: r.stateTo as TemplateView["state"], title: text(r.title), body: text(r.body), updatedAt: r.updatedAt };
}

function ofThisCity(ctx: TemplatesContext, user: UserActor): UserActor {
  if (user.role !== "superadmin" && user.cityId !== ctx.city.id) throw new AppError("forbidden");
  return user;
}

function checkCategory(ctx: TemplatesContext, category: string | null | undefined): void {
  if (category && !ctx.city.categories.has(category)) throw fieldError("validation", "category", "invalid");
}

const toRow = (input: TemplateInput) => ({ categoryCode: input.category, stateTo: input.state, title: input.title, body: input.body });

/** What a staff member may answer with: the city's templates for this category and state, and the general ones. */
export async function listApplicableTemplates(ctx: TemplatesContext, actor: Actor, q: ApplicableQuery): Promise<TemplateView[]> {
  ofThisCity(ctx, requireStaff(actor));
  checkCategory(ctx, q.category);
  return (await repo.listTemplates(ctx.db, ctx.city.id, q)).map(toView);
}

export async function listTemplates(ctx: TemplatesContext, actor: Actor): Promise<TemplateView[]> {
  ofThisCity(ctx, requireAdmin(actor));
  return (await repo.listTemplates(ctx.db, ctx.city.id)).map(toView);
}

export async function createTemplate(ctx: TemplatesContext, actor: Actor, input: TemplateInput): Promise<TemplateView> {
  ofThisCity(ctx, requireAdmin(actor));
  checkCategory(ctx, input.category);
  const [row] = await repo.insertTemplates(ctx.db, [{ cityId: ctx.city.id, ...toRow(input) }]);
  return toView(row!);
}

export async function updateTemplate(ctx: TemplatesContext, actor: Actor, id: string, input: TemplateInput): Promise<TemplateView> {
  ofThisCity(ctx, requireAdmin(actor));
  checkCategory(ctx, input.category);
  const row = await repo.updateTemplate(ctx.db, ctx.city.id, id, toRow(input));
  if (!row) throw new AppError("not_found");
  return toView(row);
}

export async function deleteTemplate(ctx: TemplatesContext, actor: Actor, id: string): Promise<void> {
  ofThisCity(ctx, requireAdmin(actor));
  if (!(await repo.deleteTemplate(ctx.db, ctx.city.id, id))) throw new AppError("not_found");
}

/**
 * Seeds a new city's templates from its pack, inside the transaction that creates the city, so
 * it happens exactly once. The pack loader has checked the shape and the categories; the
 * states are checked here, against the lifecycle this domain knows.
 */
export async function seedTemplates(tx: Tx, cityId: string, pack: { templates: unknown[] }): Promise<void> {
  const rows = pack.templates.map((d, i) => {
    const parsed = templateBody.safeParse(d);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CityPackError(`Invalid city pack: templates.json: field templates.${i}.${issue.path.join(".")}: ${issue.message}`);
    }
    return { cityId, ...toRow(parsed.data) };
  });
  await repo.insertTemplates(tx, rows);
}
