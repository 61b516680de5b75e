/**
 * The only writer of the city configuration tables (cities, areas, authorities, categories,
 * category groups, routing rules, places). A pack seeds them; admins may edit them later,
 * so a re-sync adds what is missing and refreshes boundaries, but never overwrites edits
 * (the rule is explained in README.md, "Pack and admin edits").
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { areas, authorities, categories, categoryGroups, cities, places, routingRules } from "../db/schema.ts";
import type { CityPack } from "./cities.loader.ts";

export type CityRow = typeof cities.$inferSelect;
export type AuthorityRow = typeof authorities.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type PlaceRow = typeof places.$inferSelect;
export type GroupRow = typeof categoryGroups.$inferSelect;

/** Runs in the transaction that creates a city: other domains seed their share of the pack there, exactly once. */
export type OnCityCreated = (tx: Tx, cityId: string, pack: CityPack) => Promise<void>;

export async function syncCityPack(db: Db, pack: CityPack, onCreated?: OnCityCreated): Promise<CityRow> {
  return db.transaction(async (tx) => {
    const m = pack.manifest;
    let [city] = await tx.select().from(cities).where(eq(cities.slug, m.slug));
    if (city && city.packHash === pack.hash) return city;
    const created = !city;
    if (!city) {
      [city] = await tx.insert(cities).values({
        slug: m.slug, jurisdictionId: m.jurisdictionId, referencePrefix: m.referencePrefix, name: m.name, packHash: pack.hash,
      }).returning();
    } else {
      [city] = await tx.update(cities).set({ jurisdictionId: m.jurisdictionId, referencePrefix: m.referencePrefix, name: m.name, packHash: pack.hash })
        .where(eq(cities.id, city.id)).returning();
    }
    const cityId = city!.id;

    for (const a of pack.areas) {
      const p = a.properties;
      const values = {
        cityId, code: p.code, kind: p.kind, parentCode: p.parent, name: p.name, population: p.population,
        populationYear: p.populationYear, households: p.households, officialCode: p.officialCode, geometry: a.geometry,
      };
      // Boundaries and census figures always follow the pack: they are reference data, not settings.
      await tx.insert(areas).values(values).onConflictDoUpdate({ target: [areas.cityId, areas.code], set: values });
    }
    for (const a of pack.authorities) {
      await tx.insert(authorities).values({
        cityId, code: a.code, name: a.name, description: a.description ?? null, language: a.language, email: a.email, sendMethod: a.sendMethod,
      }).onConflictDoNothing();
    }
    for (const [i, g] of pack.groups.entries()) {
      await tx.insert(categoryGroups).values({ cityId, code: g.code, name: g.name, sortOrder: i }).onConflictDoNothing();
    }
    // A category's routing is seeded with the category itself: once it exists, its rules are the
    // admins' (a rule they removed must not come back with the next pack change).
    const knownCategories = new Set((await tx.select({ code: categories.code }).from(categories).where(eq(categories.cityId, cityId))).map((c) => c.code));
    for (const [i, c] of pack.categories.entries()) {
      await tx.insert(categories).values({
        cityId, code: c.code, groupCode: c.group, severity: c.severity, targetDays: c.targetDays, name: c.name,
        description: c.description, keywords: c.keywords, questions: c.questions, sortOrder: i,
      }).onConflictDoNothing();
    }
    const authorityIds = new Map((await tx.select().from(authorities).where(eq(authorities.cityId, cityId))).map((a) => [a.code, a.id]));
    for (const r of pack.rules.filter((rule) => !knownCategories.has(rule.category))) {
      for (const areaCode of r.areas ?? [null]) {
        await tx.insert(routingRules).values({ cityId, categoryCode: r.category, areaCode, authorityId: authorityIds.get(r.authority)! })
          .onConflictDoNothing();
      }
    }
    for (const p of pack.places) {
      await tx.insert(places).values({ cityId, code: p.code, kind: p.kind, name: p.name, lat: p.lat, lon: p.lon, approximate: p.approximate })
        .onConflictDoNothing();
    }
    if (created) await onCreated?.(tx, cityId, pack);
    return city!;
  });
}

export async function loadCityRows(db: Db, cityId: string) {
  const [authorityRows, categoryRows, groupRows, ruleRows, placeRows] = await Promise.all([
    db.select().from(authorities).where(eq(authorities.cityId, cityId)).orderBy(asc(authorities.code)),
    db.select().from(categories).where(and(eq(categories.cityId, cityId))).orderBy(asc(categories.sortOrder)),
    db.select().from(categoryGroups).where(eq(categoryGroups.cityId, cityId)).orderBy(asc(categoryGroups.sortOrder)),
    db.select().from(routingRules).where(eq(routingRules.cityId, cityId)),
    db.select().from(places).where(eq(places.cityId, cityId)),
  ]);
  return { authorityRows, categoryRows, groupRows, ruleRows, placeRows };
}

// ---- Admin edits (services in admin-*.ts open the transaction and pass it here) ----

type Handle = Db | Tx;

/** Locks the named authorities until the transaction ends: a deactivation and a routing change cannot cross. */
export async function lockAuthorities(tx: Handle, cityId: string, codes: string[]): Promise<AuthorityRow[]> {
  if (!codes.length) return [];
  return tx.select().from(authorities).where(and(eq(authorities.cityId, cityId), inArray(authorities.code, codes))).for("update");
}

export async function insertAuthority(tx: Handle, values: typeof authorities.$inferInsert): Promise<AuthorityRow | undefined> {
  const [row] = await tx.insert(authorities).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateAuthority(tx: Handle, id: string, values: Partial<typeof authorities.$inferInsert>): Promise<AuthorityRow> {
  const [row] = await tx.update(authorities).set(values).where(eq(authorities.id, id)).returning();
  return row!;
}

/** Authorities of the city, as the database has them now (another process may have changed them). */
export async function findAuthorities(db: Handle, cityId: string, where: { id?: string; sendMethod?: string }): Promise<AuthorityRow[]> {
  return db.select().from(authorities).where(and(
    eq(authorities.cityId, cityId),
    where.id ? eq(authorities.id, where.id) : undefined,
    where.sendMethod ? eq(authorities.sendMethod, where.sendMethod) : undefined,
  )).orderBy(asc(authorities.code));
}

export async function rulesOfAuthority(tx: Handle, authorityId: string): Promise<RoutingRuleRow[]> {
  return tx.select().from(routingRules).where(eq(routingRules.authorityId, authorityId));
}

export async function lockCategory(tx: Handle, cityId: string, code: string): Promise<CategoryRow | undefined> {
  const [row] = await tx.select().from(categories).where(and(eq(categories.cityId, cityId), eq(categories.code, code))).for("update");
  return row;
}

export async function updateCategory(tx: Handle, id: string, values: Partial<typeof categories.$inferInsert>): Promise<CategoryRow> {
  const [row] = await tx.update(categories).set(values).where(eq(categories.id, id)).returning();
  return row!;
}

export async function replaceCategoryRules(tx: Handle, cityId: string, categoryCode: string, rules: { areaCode: string | null; authorityId: string }[]): Promise<RoutingRuleRow[]> {
  const before = await tx.delete(routingRules).where(and(eq(routingRules.cityId, cityId), eq(routingRules.categoryCode, categoryCode))).returning();
  if (rules.length) await tx.insert(routingRules).values(rules.map((r) => ({ cityId, categoryCode, ...r })));
  return before;
}
