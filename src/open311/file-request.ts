/**
 * POST requests: an Open311 client files a report through the same createReport as the web
 * app (validation, placing, routing, AI triage, photos, outbox, mails). The api_key's client
 * answers for its user, so the report is confirmed at once and published; the reporter's
 * e-mail, name and phone are kept private, as for any report (they receive the same mails).
 * The reply carries the report's ref as service_request_id, and a token for clients that
 * follow the token path.
 */
import { randomBytes } from "node:crypto";
import { AppError, type FieldError } from "../errors.ts";
import type { Language } from "../i18n/index.ts";
import { createReport, reportSchemas, type ReportsContext } from "../reports/index.ts";
import { resolveAddress } from "./open311.address.ts";
import { authenticateClient, type KeyRateLimiter } from "./open311.clients.ts";
import * as repo from "./open311.repo.ts";
import { findService, questionsOf } from "./open311.services.ts";

export const MAX_DESCRIPTION = 4000;

/** The POST's fields as sent: name → values in order (a form may repeat a name). */
export type Fields = Map<string, string[]>;

const bad = (field: string, message: FieldError["message"] = "invalid", params?: FieldError["params"]) =>
  new AppError("validation", { message: `${field}: ${message}`, fields: [{ field, message, ...(params ? { params } : {}) }] });

const one = (fields: Fields, name: string) => fields.get(name)?.[0]?.trim() || undefined;

/** attribute[code]=v and attribute[code][]=v (multivaluelist), checked against the service's questions. */
function attributesOf(fields: Fields, questions: ReturnType<typeof questionsOf>): Record<string, string | number | string[]> {
  const given = new Map<string, string[]>();
  for (const [name, values] of fields) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(name);
    if (!m) continue;
    given.set(m[1]!, [...(given.get(m[1]!) ?? []), ...values]);
  }
  const out: Record<string, string | number | string[]> = {};
  for (const [code] of given) if (!questions.some((q) => q.code === code)) throw bad(`attribute[${code}]`);
  for (const q of questions) {
    const field = `attribute[${q.code}]`;
    const values = (given.get(q.code) ?? []).map((v) => v.trim()).filter(Boolean);
    if (!values.length) {
      if (q.required) throw bad(field, "required");
      continue;
    }
    const keys = new Set(q.values?.map((v) => v.key));
    switch (q.datatype) {
      case "number": {
        if (values.length > 1 || !/^-?\d+(\.\d+)?$/.test(values[0]!)) throw bad(field);
        out[q.code] = Number(values[0]);
        break;
      }
      case "datetime": {
        if (values.length > 1 || Number.isNaN(Date.parse(values[0]!))) throw bad(field);
        out[q.code] = new Date(values[0]!).toISOString();
        break;
      }
      case "singlevaluelist": {
        if (values.length > 1 || !keys.has(values[0]!)) throw bad(field);
        out[q.code] = values[0]!;
        break;
      }
      case "multivaluelist": {
        if (values.some((v) => !keys.has(v))) throw bad(field);
        out[q.code] = [...new Set(values)];
        break;
      }
      default: {
        if (values.length > 1) throw bad(field);
        if (values[0]!.length > 500) throw bad(field, "too_long", { max: 500 });
        out[q.code] = values[0]!;
      }
    }
  }
  return out;
}

/** GeoReport has no title: the description's first line (cut at a word), or the service's name. */
function titleOf(description: string, serviceName: string): string {
  const line = description.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? "";
  if (line.length < 3) return serviceName;
  if (line.length <= 120) return line;
  const cut = line.slice(0, 119);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 60 ? cut.lastIndexOf(" ") : 119)}…`;
}

/** Our field names back to GeoReport's, for error descriptions. */
const GEOREPORT_FIELD: Record<string, string> = { lat: "lat", lon: "long", category: "service_code", "reporter.email": "email", "reporter.phone": "phone", "reporter.name": "first_name", title: "description" };

export interface FiledRequest { ref: string; token: string }

export async function fileRequest(ctx: ReportsContext, limiter: KeyRateLimiter, lang: Language, fields: Fields, media: Buffer[]): Promise<FiledRequest> {
  const { city } = ctx;
  const client = await authenticateClient(ctx.db, city.id, one(fields, "api_key"), limiter);

  const serviceCode = one(fields, "service_code");
  if (!serviceCode) throw bad("service_code", "required");
  let category;
  try { category = findService(city, serviceCode); } catch { throw bad("service_code"); }

  // Multipart turns line breaks into CRLF: store them as the web app does.
  const description = (fields.get("description")?.[0] ?? "").replace(/\r\n?/g, "\n").trim();
  if (description.length > MAX_DESCRIPTION) throw bad("description", "too_long", { max: MAX_DESCRIPTION });

  const latText = one(fields, "lat");
  const longText = one(fields, "long");
  let point: { lat: number; lon: number };
  if (latText !== undefined || longText !== undefined) {
    const lat = Number(latText);
    const lon = Number(longText);
    if (latText === undefined || !Number.isFinite(lat) || lat < -90 || lat > 90) throw bad("lat", latText === undefined ? "required" : "invalid");
    if (longText === undefined || !Number.isFinite(lon) || lon < -180 || lon > 180) throw bad("long", longText === undefined ? "required" : "invalid");
    point = { lat, lon };
  } else {
    const address = one(fields, "address_string");
    if (!address) throw bad("lat", "required");
    const found = resolveAddress(city, address);
    if (!found) throw bad("address_string");
    point = { lat: found.lat, lon: found.lon };
  }

  const attributes = attributesOf(fields, questionsOf(category));
  const name = [one(fields, "first_name"), one(fields, "last_name")].filter(Boolean).join(" ") || undefined;
  const serviceName = category.name[lang] ?? category.name.fr ?? category.code;
  const parsed = reportSchemas.createReportBody.safeParse({
    ...point, category: category.code, title: titleOf(description, serviceName), description, language: lang, attributes,
    reporter: { ...(name ? { name } : {}), ...(one(fields, "email") ? { email: one(fields, "email") } : {}), ...(one(fields, "phone") ? { phone: one(fields, "phone") } : {}), showName: false },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join(".");
    throw bad(GEOREPORT_FIELD[path] ?? path, issue.code === "too_big" ? "too_long" : "invalid", issue.code === "too_big" ? { max: Number((issue as { maximum?: number }).maximum) } : undefined);
  }

  const token = randomBytes(16).toString("hex");
  let report;
  try {
    report = await createReport(ctx, { kind: "anonymous", cityId: city.id }, parsed.data, media, {
      source: "open311", trustedClient: true,
      inTransaction: (tx, reportId) => repo.insertToken(tx, { token, cityId: city.id, clientId: client.id, reportId }),
    });
  } catch (err) {
    // Our field names to GeoReport's (outside_area names "lat"; a photo is the "media" file).
    if (err instanceof AppError) {
      throw new AppError(err.code, {
        message: err.message, status: err.status,
        fields: err.fields.map((f) => ({ ...f, field: f.field.startsWith("photos") ? "media" : GEOREPORT_FIELD[f.field] ?? f.field })),
      });
    }
    throw err;
  }
  return { ref: report.ref, token };
}
