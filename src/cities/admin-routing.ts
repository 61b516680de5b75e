/**
 * The routing matrix: for each category, the authority for the whole city and per-area
 * overrides (an arrondissement's rule beats its préfecture's, which beats the whole city's;
 * see routing/). Admins replace one category's rules at a time. Every rule names an existing
 * area and an active authority, and a category without a city-wide rule falls to the triage
 * desk, which must be active: no report is ever left without an authority.
 */
import { fieldError } from "../errors.ts";
import type { Actor } from "../people/index.ts";
import { audit, requireCityAdmin, type CityAdminContext } from "./admin-context.ts";
import type { CategoryRouting } from "./cities.admin.schemas.ts";
import * as repo from "./cities.repo.ts";

function matrixOf(rules: repo.RoutingRuleRow[], codeOf: Map<string, string>, category: string): CategoryRouting {
  const own = rules.filter((r) => r.categoryCode === category);
  const cityWide = own.find((r) => r.areaCode === null);
  return {
    category,
    default: cityWide ? codeOf.get(cityWide.authorityId) ?? cityWide.authorityId : null,
    areas: Object.fromEntries(own.filter((r) => r.areaCode !== null).map((r) => [r.areaCode!, codeOf.get(r.authorityId) ?? r.authorityId])),
  };
}

export async function getRouting(ctx: CityAdminContext, actor: Actor) {
  requireCityAdmin(actor, ctx.city);
  const { categoryRows, authorityRows, ruleRows } = await repo.loadCityRows(ctx.db, ctx.city.id);
  const codeOf = new Map(authorityRows.map((a) => [a.id, a.code]));
  return { defaultAuthority: ctx.city.manifest.defaultAuthority, categories: categoryRows.map((c) => matrixOf(ruleRows, codeOf, c.code)) };
}

export async function replaceRouting(ctx: CityAdminContext, actor: Actor, input: CategoryRouting): Promise<CategoryRouting> {
  const admin = requireCityAdmin(actor, ctx.city);
  const { city } = ctx;
  for (const area of Object.keys(input.areas)) if (!city.areas.get(area)) throw fieldError("validation", `areas.${area}`, "invalid");
  // Each wanted rule with the request field that names it, for errors beside that field.
  const wanted = [
    ...(input.default ? [{ field: "default", area: null, authority: input.default }] : []),
    ...Object.entries(input.areas).map(([area, authority]) => ({ field: `areas.${area}`, area, authority })),
  ];

  const before = await ctx.db.transaction(async (tx) => {
    if (!(await repo.lockCategory(tx, city.id, input.category))) throw fieldError("unknown_category", "category", "invalid");
    // Locked until commit: an authority cannot be deactivated while it is being given rules.
    const codes = [...new Set([...wanted.map((w) => w.authority), city.manifest.defaultAuthority])];
    const found = new Map((await repo.lockAuthorities(tx, city.id, codes)).map((a) => [a.code, a]));
    for (const w of wanted) {
      const authority = found.get(w.authority);
      if (!authority) throw fieldError("validation", w.field, "invalid");
      if (!authority.active) throw fieldError("validation", w.field, "inactive_authority");
    }
    if (!input.default && !found.get(city.manifest.defaultAuthority)?.active) throw fieldError("validation", "default", "required");
    return repo.replaceCategoryRules(tx, city.id, input.category, wanted.map((w) => ({ areaCode: w.area, authorityId: found.get(w.authority)!.id })));
  });

  const previous = matrixOf(before, new Map([...city.authorityByCode.values()].map((a) => [a.id, a.code])), input.category);
  audit(ctx, admin, "routing.replace", input.category, { default: { from: previous.default, to: input.default }, areas: { from: previous.areas, to: input.areas } });
  await ctx.reload();
  return { category: input.category, default: input.default, areas: input.areas };
}
