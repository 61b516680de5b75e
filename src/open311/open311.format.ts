/**
 * GeoReport v2 on the wire. XML is the reference format; JSON follows the spec's mapping
 * (the root element and the repeated element's wrapper disappear: a list is a bare array).
 * Each document is described once as a root name, an item name and plain records, and both
 * formats are written from it. Datetimes are ISO 8601 with the city's UTC offset.
 */
import { XMLBuilder } from "fast-xml-parser";

export type Format = "xml" | "json";
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export const CONTENT_TYPE: Record<Format, string> = { xml: "text/xml; charset=utf-8", json: "application/json; charset=utf-8" };

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: false });

/** In XML, null is an empty element and a list of values repeats a child element named by `listItems`. */
function toXml(value: Value, listItems: Record<string, string>, name: string): unknown {
  if (value === null) return "";
  if (Array.isArray(value)) {
    const item = listItems[name];
    if (!item) throw new Error(`no XML element name for the items of ${name}`);
    return { [item]: value.map((v) => toXml(v, listItems, item)) };
  }
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toXml(v, listItems, k)]));
  return value;
}

/** Names of the repeated child elements of GeoReport's lists (and mySociety's updates). */
const LIST_ITEMS: Record<string, string> = {
  services: "service", attributes: "attribute", values: "value", service_requests: "request", errors: "error",
  service_request_updates: "request_update", endpoints: "endpoint", formats: "format",
};

/**
 * A document: `root` names the XML root element. A list body (services, requests, errors)
 * is a bare array in JSON and `<root><item/>...</root>` in XML; an object body is the root's content.
 */
export function render(format: Format, root: string, body: Value): string {
  if (format === "json") return JSON.stringify(body);
  return builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "utf-8" }, [root]: toXml(body, LIST_ITEMS, root) }) as string;
}

/** ISO 8601 with the offset of `timeZone` at that instant, e.g. 2026-12-01T12:40:00+01:00. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(date).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  const offsetMinutes = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${hhmm}`;
}

/** "services.json" → ["services", "json"]; undefined when the extension is neither. */
export function splitFormat(file: string): [string, Format] | undefined {
  const m = /^(.+)\.(xml|json)$/.exec(file);
  return m ? [m[1]!, m[2] as Format] : undefined;
}
