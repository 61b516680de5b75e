/**
 * The SQL of the open data exports: published reports, public columns only (never the
 * reporter's name, e-mail or phone, nor the text), read in pages along the
 * `reports_city_created` index (city, created_at, id) with a keyset cursor, so an export of a
 * million rows holds one page in memory at a time.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { reports } from "../db/schema.ts";
import type { StatsFilter } from "./transparency.repo.ts";

export interface OpenDataRow {
  id: string;
  ref: string;
  category_code: string;
  area_code: string;
  authority_id: string;
  state: string;
  created_at: string;
  confirmed_at: string | null;
  acknowledged_at: string | null;
  fixed_at: string | null;
  closed_at: string | null;
  updated_at: string;
  /** created_at as stored, to full precision: the cursor. */
  cursor: string;
  lat: number;
  lon: number;
}

export interface Cursor { createdAt: string; id: string }

const iso = (col: string) => sql.raw(`to_char(r.${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

export async function page(db: Db, f: Omit<StatsFilter, "targets" | "now">, after: Cursor | null, limit: number): Promise<OpenDataRow[]> {
  const result = await db.execute(sql`
    select r.id::text as id, r.ref, r.category_code, r.area_code, r.authority_id::text as authority_id, r.state,
      ${iso("created_at")} as created_at, ${iso("confirmed_at")} as confirmed_at, ${iso("acknowledged_at")} as acknowledged_at,
      ${iso("fixed_at")} as fixed_at, ${iso("closed_at")} as closed_at, ${iso("updated_at")} as updated_at,
      r.created_at::text as cursor, r.lat, r.lon
    from ${reports} r
    where r.city_id = ${f.cityId} and r.state <> 'open'
      and r.created_at >= ${f.from.toISOString()}::timestamptz and r.created_at < ${f.to.toISOString()}::timestamptz
      ${f.areas ? sql`and r.area_code in (${sql.join(f.areas.map((a) => sql`${a}`), sql`, `)})` : sql``}
      ${f.category ? sql`and r.category_code = ${f.category}` : sql``}
      ${after ? sql`and (r.created_at, r.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``}
    order by r.created_at, r.id
    limit ${limit}`);
  return (result as unknown as { rows: OpenDataRow[] }).rows;
}
