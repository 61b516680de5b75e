/**
 * City admins manage the authorities reports are sent to: names, contact e-mail and its
 * language, how reports are sent (with the Open311 settings, whose api_key is write-only),
 * and whether the authority is active. An authority that still receives reports (a routing
 * rule, or being the triage desk) cannot be deactivated.
 */
import { AppError } from "../errors.ts";
import type { Actor } from "../people/index.ts";
import { audit, changesOf, requireCityAdmin, type Changes, type CityAdminContext } from "./admin-context.ts";
import type { AuthorityView, CreateAuthorityInput, Open311SettingsInput, UpdateAuthorityInput } from "./cities.admin.schemas.ts";
import * as repo from "./cities.repo.ts";
import { open311ConfigView, open311SendConfig } from "./send-config.ts";

function toView(a: repo.AuthorityRow, rules: repo.RoutingRuleRow[], defaultAuthority: string): AuthorityView {
  return {
    id: a.id, code: a.code, name: a.name, description: a.description, email: a.email, language: a.language, sendMethod: a.sendMethod,
    open311: open311ConfigView(a.sendConfig), active: a.active, isDefault: a.code === defaultAuthority,
    rules: rules.filter((r) => r.authorityId === a.id).map((r) => ({ category: r.categoryCode, area: r.areaCode })),
  };
}

/** Read from the database, not the in-memory city: another process may have made the last change. */
export async function listAuthorities(ctx: CityAdminContext, actor: Actor): Promise<AuthorityView[]> {
  requireCityAdmin(actor, ctx.city);
  const { authorityRows, ruleRows } = await repo.loadCityRows(ctx.db, ctx.city.id);
  return authorityRows.map((a) => toView(a, ruleRows, ctx.city.manifest.defaultAuthority));
}

/**
 * The send_config an edit leaves: the given Open311 settings over the stored ones (an empty
 * api_key keeps the stored key), checked whole; unchanged when no settings are given.
 * Choosing the open311 send method needs complete settings.
 */
function nextSendConfig(stored: Record<string, unknown>, toOpen311: boolean, given: Open311SettingsInput | undefined): Record<string, unknown> {
  let config = stored;
  if (given) {
    const { apiKey, ...rest } = given;
    config = { ...rest, apiKey: apiKey || stored.apiKey };
  }
  if (given || toOpen311) {
    const parsed = open311SendConfig.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const missing = issue.path.length === 1 && (config[String(issue.path[0])] ?? "") === "";
      throw new AppError("validation", { fields: [{ field: ["open311", ...issue.path].join("."), message: missing ? "required" : "invalid" }] });
    }
    config = parsed.data;
  }
  return config;
}

/** Audit lines name what changed in the settings, the key only as changed or not. */
function sendConfigChanges(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  if (JSON.stringify(before) === JSON.stringify(after)) return {};
  const view = (c: Record<string, unknown>) => ({ ...open311ConfigView(c), apiKeyHint: undefined });
  return {
    sendConfig: { from: view(before), to: view(after) },
    ...(before.apiKey !== after.apiKey ? { apiKey: { from: "(secret)", to: "(changed)" } } : {}),
  };
}

export async function createAuthority(ctx: CityAdminContext, actor: Actor, input: CreateAuthorityInput): Promise<AuthorityView> {
  const admin = requireCityAdmin(actor, ctx.city);
  const { open311, ...fields } = input;
  const sendConfig = nextSendConfig({}, input.sendMethod === "open311", open311);
  const row = await repo.insertAuthority(ctx.db, { cityId: ctx.city.id, ...fields, sendConfig });
  if (!row) throw new AppError("code_taken", { fields: [{ field: "code", message: "taken" }] });
  audit(ctx, admin, "authority.create", row.code, { ...changesOf({}, fields), ...sendConfigChanges({}, sendConfig) });
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
    const { open311, ...fields } = input;
    const sendConfig = nextSendConfig(before.sendConfig, input.sendMethod === "open311" && before.sendMethod !== "open311", open311);
    return { before, after: await repo.updateAuthority(tx, before.id, { ...fields, sendConfig }), rules };
  });
  const { open311: _settings, ...fields } = input;
  audit(ctx, admin, "authority.update", code, { ...changesOf(before, fields), ...sendConfigChanges(before.sendConfig, after.sendConfig) });
  await ctx.reload();
  return toView(after, rules, defaultAuthority);
}
