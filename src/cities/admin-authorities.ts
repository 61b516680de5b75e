/**
 * City admins manage the authorities reports are sent to: names, contact e-mail and its
 * language, how reports are sent, and whether the authority is active. An authority that
 * still receives reports (a routing rule, or being the triage desk) cannot be deactivated.
 */
import { AppError } from "../errors.ts";
import type { Actor } from "../people/index.ts";
import { audit, changesOf, requireCityAdmin, type CityAdminContext } from "./admin-context.ts";
import type { AuthorityView, CreateAuthorityInput, UpdateAuthorityInput } from "./cities.admin.schemas.ts";
import * as repo from "./cities.repo.ts";

function toView(a: repo.AuthorityRow, rules: repo.RoutingRuleRow[], defaultAuthority: string): AuthorityView {
  return {
    id: a.id, code: a.code, name: a.name, description: a.description, email: a.email, language: a.language, sendMethod: a.sendMethod,
    active: a.active, isDefault: a.code === defaultAuthority,
    rules: rules.filter((r) => r.authorityId === a.id).map((r) => ({ category: r.categoryCode, area: r.areaCode })),
  };
}

/** Read from the database, not the in-memory city: another process may have made the last change. */
export async function listAuthorities(ctx: CityAdminContext, actor: Actor): Promise<AuthorityView[]> {
  requireCityAdmin(actor, ctx.city);
  const { authorityRows, ruleRows } = await repo.loadCityRows(ctx.db, ctx.city.id);
  return authorityRows.map((a) => toView(a, ruleRows, ctx.city.manifest.defaultAuthority));
}

export async function createAuthority(ctx: CityAdminContext, actor: Actor, input: CreateAuthorityInput): Promise<AuthorityView> {
  const admin = requireCityAdmin(actor, ctx.city);
  const row = await repo.insertAuthority(ctx.db, { cityId: ctx.city.id, ...input });
  if (!row) throw new AppError("code_taken", { fields: [{ field: "code", message: "taken" }] });
  audit(ctx, admin, "authority.create", row.code, changesOf({}, input));
  await ctx.reload();
  return toView(row, [], ctx.city.manifest.defaultAuthority);
}

export async function updateAuthority(ctx: CityAdminContext, actor: Actor, code: string, input: UpdateAuthorityInput): Promise<AuthorityView> {
  const admin = requireCityAdmin(actor, ctx.city);
  const { defaultAuthority } = ctx.city.manifest;
  const { before, after, rules } = await ctx.db.transaction(async (tx) => {
    // The lock makes a concurrent routing change to this authority wait for our answer.
    const [before] = await repo.lockAuthorities(tx, ctx.city.id, [code]);
    if (!before) throw new AppError("not_found");
    const rules = await repo.rulesOfAuthority(tx, before.id);
    if (input.active === false && before.active) {
      if (before.code === defaultAuthority) throw new AppError("authority_in_use", { fields: [{ field: "active", message: "triage_authority" }] });
      if (rules.length) {
        const named = rules.map((r) => (r.areaCode ? `${r.categoryCode} @ ${r.areaCode}` : r.categoryCode)).sort().join(", ");
        throw new AppError("authority_in_use", { fields: [{ field: "active", message: "in_use", params: { rules: named } }] });
      }
    }
    return { before, after: await repo.updateAuthority(tx, before.id, input), rules };
  });
  audit(ctx, admin, "authority.update", code, changesOf(before, input));
  await ctx.reload();
  return toView(after, rules, defaultAuthority);
}
