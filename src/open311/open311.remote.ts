/**
 * Calling an authority's own GeoReport v2 back-office: one request with a timeout, its
 * answer read as JSON or XML into plain records, its failures sorted into retryable
 * (network, timeout, 5xx, 408, 429: the outbox tries again later) and permanent (any other
 * 4xx: a dead letter for an admin to look at). Error texts name the status and the
 * back-office's own error descriptions, never the api_key.
 */
import { XMLParser } from "fast-xml-parser";
import { maskSecret, type Open311SendConfig } from "../cities/index.ts";

export class RemoteError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly status: number | null = null) {
    super(message);
    this.name = "RemoteError";
  }
}

export type RemoteRecord = Record<string, unknown>;

const xmlParser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ["request", "request_update", "error", "service"].includes(name),
});

/** GeoReport lists are bare arrays in JSON and a root element of repeated items in XML; some servers wrap the JSON too. */
function recordsOf(value: unknown, depth = 0): RemoteRecord[] {
  if (Array.isArray(value)) return value.filter((v): v is RemoteRecord => typeof v === "object" && v !== null);
  if (value && typeof value === "object" && depth < 3) {
    const entries = Object.values(value as RemoteRecord).filter((v) => v && typeof v === "object");
    if (entries.length === 1) return recordsOf(entries[0], depth + 1);
  }
  return [];
}

function parseBody(text: string, format: "json" | "xml", contentType: string): unknown {
  const looksJson = contentType.includes("json") || /^\s*[[{]/.test(text);
  if (looksJson || format === "json") {
    try { return JSON.parse(text); } catch { if (looksJson) throw new Error("unreadable JSON"); }
  }
  return xmlParser.parse(text);
}

/** The spec's error list as one line ("400 service_code: …; …"), or the start of whatever came back. */
function errorText(text: string, format: "json" | "xml", contentType: string): string {
  try {
    const errors = recordsOf(parseBody(text, format, contentType));
    const lines = errors.map((e) => [e.code, e.description].filter((x) => x !== undefined && x !== "").join(" ")).filter(Boolean);
    if (lines.length) return lines.join("; ");
  } catch { /* not a GeoReport error list */ }
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}

/**
 * One call: `GET|POST {endpoint}/{path}.{format}` with the settings' api_key and
 * jurisdiction_id added to the parameters. Answers the records of the answer's list.
 */
export async function callBackOffice(
  config: Open311SendConfig, method: "GET" | "POST", path: string, params: URLSearchParams, timeoutMs: number,
): Promise<RemoteRecord[]> {
  const all = new URLSearchParams(params);
  all.set("api_key", config.apiKey);
  if (config.jurisdictionId) all.set("jurisdiction_id", config.jurisdictionId);
  const url = `${config.endpoint}/${path}.${config.format}`;
  const hide = (s: string) => s.split(config.apiKey).join(maskSecret(config.apiKey));
  let res: Response;
  let text: string;
  try {
    res = await fetch(method === "GET" ? `${url}?${all}` : url, {
      method,
      headers: { accept: config.format === "json" ? "application/json" : "text/xml", ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: method === "POST" ? all.toString() : undefined,
      // A redirect of a POST would turn it into a GET: the endpoint should be set to where it leads.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === "TimeoutError" ? `no answer within ${Math.round(timeoutMs / 1000)} s` : e.cause?.code ?? e.cause?.message ?? e.message;
    throw new RemoteError(hide(`${method} ${path}: ${why}`), true);
  }
  const contentType = res.headers.get("content-type") ?? "";
  if (res.status >= 300) {
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    const detail = res.status < 400 ? `redirected to ${res.headers.get("location") ?? "?"}` : errorText(text, config.format, contentType);
    throw new RemoteError(hide(`${method} ${path}: HTTP ${res.status}${detail ? ` — ${detail}` : ""}`), retryable, res.status);
  }
  try {
    return recordsOf(parseBody(text, config.format, contentType));
  } catch {
    // A 2xx that is not GeoReport (a proxy's page): the next attempt may meet the real server.
    throw new RemoteError(`${method} ${path}: HTTP ${res.status} with an unreadable answer`, true, res.status);
  }
}

/** A record's field as text (XML gives strings, JSON may give numbers); undefined when empty. */
export function field(record: RemoteRecord, name: string): string | undefined {
  const v = record[name];
  if (v === undefined || v === null || typeof v === "object") return undefined;
  const s = String(v).trim();
  return s === "" ? undefined : s;
}
