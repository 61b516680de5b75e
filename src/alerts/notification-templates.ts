/**
 * City staff rewrite what subscribers receive, per template and language; deleting an edit
 * brings back the catalog's text. A text may use only its template's placeholders (a typo
 * would silently print nothing), and the unsubscribe footer stays outside the editable part.
 */
import type { City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { AppError, fieldError } from "../errors.ts";
import { languages, type Language } from "../i18n/index.ts";
import { requireAdmin, type Actor } from "../people/index.ts";
import * as repo from "./alerts.repo.ts";
import { defaultTemplate, fill, NOTIFICATION_TEMPLATES, notificationTemplateNames, unknownPlaceholders, type NotificationTemplate } from "./render.ts";

function cityAdmin(actor: Actor, city: City) {
  const admin = requireAdmin(actor);
  if (admin.role !== "superadmin" && admin.cityId !== city.id) throw new AppError("forbidden");
  return admin;
}

export async function listNotificationTemplates(db: Db, actor: Actor, city: City) {
  cityAdmin(actor, city);
  const overrides = await repo.templateOverrides(db, city.id);
  return notificationTemplateNames.flatMap((template) => languages.map((language) => {
    const edited = overrides.find((o) => o.template === template && o.language === language);
    const text = edited ?? defaultTemplate(template, language);
    return {
      template, language, placeholders: [...NOTIFICATION_TEMPLATES[template]], subject: text.subject, body: text.body,
      edited: edited !== undefined, updatedAt: edited?.updatedAt.toISOString() ?? null,
    };
  }));
}

export async function saveNotificationTemplate(db: Db, actor: Actor, city: City, template: NotificationTemplate, language: Language, text: { subject: string; body: string }): Promise<void> {
  const admin = cityAdmin(actor, city);
  for (const field of ["subject", "body"] as const) {
    if (unknownPlaceholders(template, text[field]).length) throw fieldError("validation", field, "invalid");
  }
  await repo.saveTemplateOverride(db, { cityId: city.id, template, language, subject: text.subject, body: text.body, updatedBy: admin.id });
}

export async function resetNotificationTemplate(db: Db, actor: Actor, city: City, template: NotificationTemplate, language: Language): Promise<void> {
  cityAdmin(actor, city);
  if (!(await repo.deleteTemplateOverride(db, city.id, template, language))) throw new AppError("not_found");
}

/** A text as it would read, with made-up values for its placeholders. */
export function previewTemplate(template: NotificationTemplate, text: { subject: string; body: string }) {
  const sample = Object.fromEntries(NOTIFICATION_TEMPLATES[template].map((name) => [name, `[${name}]`]));
  return { subject: fill(text.subject, sample), text: fill(text.body, sample), line: "" };
}

export { cityAdmin };
