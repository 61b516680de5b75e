/** The only SQL over response templates. */
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.ts";
import { responseTemplates } from "../db/schema.ts";

export type TemplateRow = typeof responseTemplates.$inferSelect;
type Handle = Db | Tx;

/** The city's templates; with a category or a state, those for it plus those for any. */
export async function listTemplates(db: Handle, cityId: string, filter: { category?: string; state?: string } = {}): Promise<TemplateRow[]> {
  const t = responseTemplates;
  return db.select().from(t).where(and(
    eq(t.cityId, cityId),
    filter.category ? or(eq(t.categoryCode, filter.category), isNull(t.categoryCode)) : undefined,
    filter.state ? or(eq(t.stateTo, filter.state), isNull(t.stateTo)) : undefined,
  // Specific before general: a category's own answer comes before the city-wide ones.
  )).orderBy(sql`${t.categoryCode} is null`, sql`${t.stateTo} is null`, asc(t.createdAt), asc(t.id));
}

export async function findTemplate(db: Handle, cityId: string, id: string): Promise<TemplateRow | undefined> {
  const [row] = await db.select().from(responseTemplates).where(and(eq(responseTemplates.cityId, cityId), eq(responseTemplates.id, id)));
  return row;
}

export async function insertTemplates(db: Handle, values: (typeof responseTemplates.$inferInsert)[]): Promise<TemplateRow[]> {
  return values.length ? db.insert(responseTemplates).values(values).returning() : [];
}

export async function updateTemplate(db: Handle, cityId: string, id: string, values: Partial<typeof responseTemplates.$inferInsert>): Promise<TemplateRow | undefined> {
  const [row] = await db.update(responseTemplates).set({ ...values, updatedAt: new Date() })
    .where(and(eq(responseTemplates.cityId, cityId), eq(responseTemplates.id, id))).returning();
  return row;
}

export async function deleteTemplate(db: Handle, cityId: string, id: string): Promise<boolean> {
  const rows = await db.delete(responseTemplates).where(and(eq(responseTemplates.cityId, cityId), eq(responseTemplates.id, id))).returning({ id: responseTemplates.id });
  return rows.length > 0;
}
