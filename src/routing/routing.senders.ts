/**
 * Sending a confirmed report to its authority. A registry keyed by the authority's
 * send_method; each sender returns { ok, externalId } or { ok: false, error, retryable }.
 * The outbox message carries a snapshot of the report, so senders never read report tables;
 * it names the authority but carries none of its send settings (an Open311 api_key is a
 * secret, and a retry should use the settings of the moment): senders read those themselves.
 */
import type { Db } from "../db/client.ts";
import type { OutboxHandler } from "../db/outbox.ts";
import { formatDateTime, isLanguage, type Language } from "../i18n/index.ts";
import { queueMail } from "../mail/index.ts";

export const SEND_REPORT_TOPIC = "report.send";

/** What the reports domain hands over when a report is confirmed. */
export interface ReportSnapshot {
  reportId: string;
  ref: string;
  title: string;
  description: string;
  categoryCode: string;
  category: Record<string, string>;
  area: Record<string, string>;
  lat: number;
  lon: number;
  createdAt: string;
  /** The answers to the category's extra questions, by question code. */
  attributes: Record<string, unknown>;
  photoUrls: string[];
  staffUrl: string;
  authority: { id: string; code: string; email: string; language: string; sendMethod: string };
  cityName: Record<string, string>;
}

export type SendResult = { ok: true; externalId: string | null } | { ok: false; error: string; retryable: boolean };
export type Sender = (report: ReportSnapshot, ctx: { db: Db; cityId: string }) => Promise<SendResult>;

/** E-mail: queued as its own outbox message, so the SMTP retry policy applies to it. */
const emailSender: Sender = async (r, { db, cityId }) => {
  const lang: Language = isLanguage(r.authority.language) ? r.authority.language : "fr";
  await queueMail(db, cityId, { email: r.authority.email, language: lang }, "newReport", {
    ref: r.ref, title: r.title, description: r.description || "—", category: r.category[lang] ?? "", area: r.area[lang] ?? "",
    lat: r.lat.toFixed(6), lon: r.lon.toFixed(6),
    mapLink: `https://www.openstreetmap.org/?mlat=${r.lat.toFixed(6)}&mlon=${r.lon.toFixed(6)}#map=18/${r.lat.toFixed(6)}/${r.lon.toFixed(6)}`,
    photos: r.photoUrls.length ? r.photoUrls.join("\n") : "—", date: formatDateTime(new Date(r.createdAt), lang), link: r.staffUrl,
  }, r.cityName[lang] ?? "");
  return { ok: true, externalId: null };
};

/** The authority only works in the console: nothing to send. */
const noopSender: Sender = async () => ({ ok: true, externalId: null });

const senders = new Map<string, Sender>([["email", emailSender], ["noop", noopSender]]);

export function registerSender(method: string, sender: Sender): void {
  senders.set(method, sender);
}

/** `recordExternalId` keeps the id the authority's system gave the report (the reports domain owns the column). */
export function sendReportHandler(db: Db, hooks: { recordExternalId(reportId: string, externalId: string): Promise<void> }): OutboxHandler {
  return async (message) => {
    const snapshot = message.payload as unknown as ReportSnapshot;
    const sender = senders.get(snapshot.authority.sendMethod);
    if (!sender) return { ok: false, error: `no sender for send method "${snapshot.authority.sendMethod}"`, retryable: false };
    const result = await sender(snapshot, { db, cityId: message.cityId! });
    if (result.ok && result.externalId) await hooks.recordExternalId(snapshot.reportId, result.externalId);
    return result.ok ? { ok: true, result: { externalId: result.externalId } } : result;
  };
}
