/**
 * Announcements: city staff write once per language (a planned water cut, a street closed
 * for works), preview who will receive it and how it reads, then send it to the confirmed
 * subscribers of the chosen areas and categories. It is logged, and the sending fans out
 * through the outbox like every other notification (suppressions respected, one message per
 * address even when several alerts match; sent at once whatever the subscriber's frequency).
 */
import type { City } from "../cities/index.ts";
import type { Db } from "../db/client.ts";
import { enqueue, type OutboxHandler } from "../db/outbox.ts";
import { fieldError } from "../errors.ts";
import type { Language } from "../i18n/index.ts";
import { findStaffMember, type Actor } from "../people/index.ts";
import * as repo from "./alerts.repo.ts";
import type { AnnouncementInput } from "./alerts.schemas.ts";
import { cityAdmin } from "./notification-templates.ts";
import { languageOf, notify, type NotifyDeps } from "./notify.ts";
import { renderNotification } from "./render.ts";

export const ANNOUNCEMENT_TOPIC = "alerts.announcement";

function checkCodes(city: City, input: AnnouncementInput) {
  input.areaCodes.forEach((code, i) => { if (!city.areas.get(code)) throw fieldError("validation", `areaCodes.${i}`, "invalid"); });
  input.categoryCodes.forEach((code, i) => { if (!city.categories.has(code)) throw fieldError("unknown_category", `categoryCodes.${i}`, "invalid"); });
}

/**
 * Who an announcement reaches, one recipient per address as the sending counts them: area and
 * category alerts of its areas, where an area matches its préfecture and its arrondissements
 * (an alert on the préfecture hears of works in one of its arrondissements, and the other way
 * round), and, when it is about every category, radius alerts whose centre lies in one of its
 * areas. None chosen: the whole city.
 */
async function subscribersOf(db: Db, city: City, areaCodes: string[], categoryCodes: string[]): Promise<repo.SubscriptionRow[]> {
  const chosen = new Set(areaCodes);
  const related = new Set(areaCodes);
  for (const area of city.areas.all) {
    const chain = [area, ...city.areas.parentsOf(area)].map((a) => a.code);
    if (chain.slice(1).some((code) => chosen.has(code))) related.add(area.code);
    if (chosen.has(area.code)) chain.forEach((code) => related.add(code));
  }
  const [byArea, radius] = await Promise.all([
    repo.confirmedAnnouncementSubscribers(db, city.id, [...related], categoryCodes),
    categoryCodes.length ? [] : repo.confirmedRadiusSubscriptions(db, city.id),
  ]);
  const centredIn = (s: repo.SubscriptionRow) => {
    if (chosen.size === 0) return true;
    const at = s.lat === null || s.lon === null ? undefined : city.areas.locate(s.lat, s.lon);
    return !!at && [at.area, ...at.parents].some((a) => chosen.has(a.code));
  };
  return uniqueRecipients([...byArea, ...radius.filter(centredIn)]);
}

/** One recipient per address, as the sending will count them. */
function uniqueRecipients(rows: repo.SubscriptionRow[]): repo.SubscriptionRow[] {
  const seen = new Map<string, repo.SubscriptionRow>();
  for (const s of rows) if (!seen.has(`${s.channel}\u0000${s.address}`)) seen.set(`${s.channel}\u0000${s.address}`, s);
  return [...seen.values()];
}

export async function previewAnnouncement(deps: NotifyDeps, actor: Actor, city: City, input: AnnouncementInput) {
  cityAdmin(actor, city);
  checkCodes(city, input);
  const recipients = await subscribersOf(deps.db, city, input.areaCodes, input.categoryCodes);
  const byLanguage = { ar: 0, fr: 0, en: 0 };
  const byChannel: Record<string, number> = {};
  for (const s of recipients) {
    byLanguage[languageOf(s, city)]++;
    byChannel[s.channel] = (byChannel[s.channel] ?? 0) + 1;
  }
  const message = async (language: Language) => {
    const r = await renderNotification(deps.db, city.id, "announcement", language, { title: input.title[language], body: input.body[language] },
      { unsubscribe: `${deps.config.publicUrl}/subscriptions/unsubscribe?token=…`, manage: `${deps.config.publicUrl}/alerts/manage?token=…`, cityName: city.manifest.name[language] ?? "" });
    return { subject: r.subject, text: r.text, line: r.line };
  };
  return { recipients: recipients.length, byLanguage, byChannel, messages: { ar: await message("ar"), fr: await message("fr"), en: await message("en") } };
}

export async function sendAnnouncement(db: Db, actor: Actor, city: City, input: AnnouncementInput): Promise<{ id: string }> {
  const admin = cityAdmin(actor, city);
  checkCodes(city, input);
  return db.transaction(async (tx) => {
    const row = await repo.insertAnnouncement(tx, {
      cityId: city.id, authorUserId: admin.id, title: input.title, body: input.body, areaCodes: input.areaCodes, categoryCodes: input.categoryCodes,
    });
    await enqueue(tx, { topic: ANNOUNCEMENT_TOPIC, cityId: city.id, payload: { announcementId: row.id } });
    return { id: row.id };
  });
}

export async function listAnnouncements(db: Db, actor: Actor, city: City) {
  cityAdmin(actor, city);
  const rows = await repo.listAnnouncements(db, city.id, 100);
  const authors = new Map<string, string | null>();
  for (const id of new Set(rows.map((a) => a.authorUserId).filter((id): id is string => id !== null))) {
    authors.set(id, (await findStaffMember(db, city.id, id))?.name ?? null);
  }
  return rows.map((a) => ({
    id: a.id, title: a.title, body: a.body, areaCodes: a.areaCodes, categoryCodes: a.categoryCodes, recipients: a.recipients,
    author: a.authorUserId ? authors.get(a.authorUserId) ?? null : null, createdAt: a.createdAt.toISOString(), sentAt: a.sentAt?.toISOString() ?? null,
  }));
}

export function announcementHandler(deps: NotifyDeps): OutboxHandler {
  return async (message) => {
    const city = deps.city(message.cityId!);
    const announcement = await repo.findAnnouncement(deps.db, String(message.payload.announcementId));
    if (!city || !announcement) return { ok: true, result: { skipped: "gone" } };
    const recipients = await subscribersOf(deps.db, city, announcement.areaCodes, announcement.categoryCodes);
    await deps.db.transaction(async (tx) => {
      for (const s of recipients) {
        await notify(tx, deps, city, s, {
          key: `announcement:${announcement.id}`, template: "announcement", urgent: true,
          params: (language) => ({ title: announcement.title[language] ?? announcement.title.fr ?? "", body: announcement.body[language] ?? announcement.body.fr ?? "" }),
        });
      }
      await repo.markAnnouncementSent(tx, announcement.id, recipients.length);
    });
    return { ok: true, result: { recipients: recipients.length } };
  };
}

