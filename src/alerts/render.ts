/**
 * Notification wording: each template has a subject and a body that city staff may rewrite
 * per language (notification_templates), the i18n catalog's `notify.*` text being the default,
 * and a fixed one-line form used by push, SMS and digests. The unsubscribe footer is appended
 * outside the editable part, so no edit can remove it.
 */
import { catalogs, translator, type Language } from "../i18n/index.ts";
import type { Db, Tx } from "../db/client.ts";
import { findTemplateOverride } from "./alerts.repo.ts";

/** Editable templates and the placeholders each may use. */
export const NOTIFICATION_TEMPLATES = {
  reportUpdate: ["ref", "title", "state", "text", "link"],
  newReport: ["ref", "title", "category", "area", "what", "link"],
  stateChange: ["ref", "title", "category", "area", "state", "text", "what", "link"],
  announcement: ["title", "body"],
  digest: ["count", "items", "link"],
  confirmAlert: ["what", "link"],
} as const satisfies Record<string, readonly string[]>;
export type NotificationTemplate = keyof typeof NOTIFICATION_TEMPLATES;
export const notificationTemplateNames = Object.keys(NOTIFICATION_TEMPLATES) as NotificationTemplate[];

export type Params = Record<string, string | number>;

export interface RenderedNotification {
  subject: string;
  text: string;
  line: string;
  /** Where a tap leads (push), when the message is about one place. */
  url?: string;
}

/** {{name}} placeholders, as in the catalogs; an unknown name renders empty. */
export function fill(template: string, params: Params): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ""));
}

/** Placeholders a staff-written text uses that its template does not offer. */
export function unknownPlaceholders(template: NotificationTemplate, text: string): string[] {
  const allowed = new Set<string>(NOTIFICATION_TEMPLATES[template]);
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).filter((name) => !allowed.has(name));
}

export function defaultTemplate(template: NotificationTemplate, language: Language): { subject: string; body: string } {
  // The catalog's raw strings, so that staff edit the same {{placeholders}}.
  const { subject, body } = catalogs[language].notify[template];
  return { subject, body };
}

export async function renderNotification(db: Db | Tx, cityId: string, template: NotificationTemplate, language: Language,
  params: Params, footer: { unsubscribe: string; manage: string; cityName: string }): Promise<RenderedNotification> {
  const t = translator(language);
  const override = await findTemplateOverride(db, cityId, template, language);
  const { subject, body } = override ?? defaultTemplate(template, language);
  return {
    subject: fill(subject, params).replace(/\s+/g, " ").trim().slice(0, 250),
    text: `${fill(body, params)}\n\n${t("notify.footer", footer)}\n-- \n${t("mail.footer", { city: footer.cityName })}\n`,
    line: t(`notify.${template}.line`, params),
    ...(typeof params.link === "string" ? { url: params.link } : {}),
  };
}
