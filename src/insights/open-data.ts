/**
 * Open data: every published report as CSV or GeoJSON, streamed page by page (bounded memory),
 * with documented fields and the licence the city chose (OPEN_DATA_LICENCE). Coordinates are
 * rounded to 4 decimals (about 11 m), and no personal data is ever written: no reporter name,
 * e-mail or phone, no title or description (free text may name people), no photo.
 */
import type { StatsQuery } from "./transparency.schemas.ts";
import * as repo from "./open-data.repo.ts";
import { select, type InsightsContext } from "./transparency.ts";

export type LicenceId = "ODbL-1.0" | "CC-BY-4.0";

export const licences: Record<LicenceId, { id: LicenceId; name: string; url: string }> = {
  "ODbL-1.0": { id: "ODbL-1.0", name: "Open Database License (ODbL) v1.0", url: "https://opendatacommons.org/licenses/odbl/1-0/" },
  "CC-BY-4.0": { id: "CC-BY-4.0", name: "Creative Commons Attribution 4.0 International (CC BY 4.0)", url: "https://creativecommons.org/licenses/by/4.0/" },
};

/** The fields of both formats, in CSV column order (GeoJSON: properties, with the point as geometry). */
export const fields = [
  { name: "reference", description: "The report's public reference, e.g. CAS-2026-000123; its page is /r/{reference}" },
  { name: "category", description: "Category code (see GET /api/city/categories)" },
  { name: "area", description: "Arrondissement code (see GET /api/city/areas.geojson)" },
  { name: "authority", description: "Code of the authority responsible" },
  { name: "state", description: "confirmed, in_progress, action_scheduled, fixed, closed, duplicate, not_responsible, referred or reopened" },
  { name: "created_at", description: "When the report was filed (UTC, ISO 8601)" },
  { name: "confirmed_at", description: "When it was published (UTC), empty if published at once" },
  { name: "acknowledged_at", description: "The authority's first action or public answer (UTC), empty if none yet" },
  { name: "fixed_at", description: "When it was marked fixed (UTC), empty if not fixed" },
  { name: "closed_at", description: "When it was closed (UTC), empty if not closed" },
  { name: "updated_at", description: "Last change (UTC)" },
  { name: "latitude", description: "WGS 84, rounded to 4 decimals (about 11 m)" },
  { name: "longitude", description: "WGS 84, rounded to 4 decimals (about 11 m)" },
] as const;

const PAGE = 1000;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export interface OpenDataRecord {
  reference: string; category: string; area: string; authority: string; state: string;
  created_at: string; confirmed_at: string | null; acknowledged_at: string | null; fixed_at: string | null; closed_at: string | null; updated_at: string;
  latitude: number; longitude: number;
}

/**
 * Published reports oldest first, a page of rows at a time. Without from/to: all of them.
 * The query is checked here, before the first byte is sent (a bad code is still a 400).
 */
export function openDataRecords(ctx: InsightsContext, q: StatsQuery): AsyncGenerator<OpenDataRecord> {
  const { filter } = select(ctx, { ...q, from: q.from ?? "1970-01-01", to: q.to ?? "9999-12-30" });
  return pages(ctx, filter);
}

async function* pages(ctx: InsightsContext, filter: ReturnType<typeof select>["filter"]): AsyncGenerator<OpenDataRecord> {
  let after: repo.Cursor | null = null;
  for (;;) {
    const rows = await repo.page(ctx.db, filter, after, PAGE);
    for (const r of rows) {
      yield {
        reference: r.ref, category: r.category_code, area: r.area_code, authority: ctx.city.authorities.get(r.authority_id)?.code ?? "unknown",
        state: r.state, created_at: r.created_at, confirmed_at: r.confirmed_at, acknowledged_at: r.acknowledged_at, fixed_at: r.fixed_at,
        closed_at: r.closed_at, updated_at: r.updated_at, latitude: round4(r.lat), longitude: round4(r.lon),
      };
    }
    if (rows.length < PAGE) return;
    const last = rows.at(-1)!;
    after = { createdAt: last.cursor, id: last.id };
  }
}

/** RFC 4180: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvCell(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  const safe = typeof v === "string" && /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function* csvChunks(records: AsyncIterable<OpenDataRecord>): AsyncGenerator<string> {
  yield `${fields.map((f) => f.name).join(",")}\r\n`;
  let chunk = "";
  let n = 0;
  for await (const r of records) {
    chunk += `${fields.map((f) => csvCell(r[f.name])).join(",")}\r\n`;
    if (++n % 500 === 0) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

export async function* geojsonChunks(records: AsyncIterable<OpenDataRecord>, meta: { licence: (typeof licences)[LicenceId]; attribution: string; generatedAt: Date }): AsyncGenerator<string> {
  // Foreign members (RFC 7946 §6.1) carry the licence in the file itself.
  yield `{"type":"FeatureCollection","license":${JSON.stringify(meta.licence)},"attribution":${JSON.stringify(meta.attribution)},"generated_at":${JSON.stringify(meta.generatedAt.toISOString())},"features":[\n`;
  let first = true;
  let chunk = "";
  let n = 0;
  for await (const r of records) {
    const { latitude, longitude, ...properties } = r;
    chunk += `${first ? "" : ",\n"}${JSON.stringify({ type: "Feature", geometry: { type: "Point", coordinates: [longitude, latitude] }, properties: { ...properties, latitude, longitude } })}`;
    first = false;
    if (++n % 500 === 0) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}\n]}\n`;
}
