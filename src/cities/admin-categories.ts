/**
 * City admins adjust the categories the pack defines: names and descriptions, severity,
 * target days, and whether citizens may still choose them. The list of codes is the pack's
 * (shared across cities, mapped to Open311 services): no category is created or deleted here.
 */
import { AppError } from "../errors.ts";
import type { Actor } from "../people/index.ts";
import { audit, changesOf, requireCityAdmin, type CityAdminContext } from "./admin-context.ts";
import type { CategoryView, UpdateCategoryInput } from "./cities.admin.schemas.ts";
import * as repo from "./cities.repo.ts";

function toView(c: repo.CategoryRow): CategoryView {
  return { code: c.code, group: c.groupCode, name: c.name, description: c.description, severity: c.severity, targetDays: c.targetDays, active: c.active };
}

export async function listCategories(ctx: CityAdminContext, actor: Actor) {
  requireCityAdmin(actor, ctx.city);
  const { categoryRows, groupRows } = await repo.loadCityRows(ctx.db, ctx.city.id);
  return { groups: groupRows.map((g) => ({ code: g.code, name: g.name })), categories: categoryRows.map(toView) };
}

export async function updateCategory(ctx: CityAdminContext, actor: Actor, code: string, input: UpdateCategoryInput): Promise<CategoryView> {
  const admin = requireCityAdmin(actor, ctx.city);
  const { before, after } = await ctx.db.transaction(async (tx) => {
    const before = await repo.lockCategory(tx, ctx.city.id, code);
    if (!before) throw new AppError("not_found");
    return { before, after: await repo.updateCategory(tx, before.id, input) };
  });
  audit(ctx, admin, "category.update", code, changesOf(before, input));
  await ctx.reload();
  return toView(after);
}
