/** What every route can reach: the services' dependencies, decorated on the Fastify instance and request. */
import type { AlertsContext } from "../alerts/index.ts";
import type { Channels } from "../channels/index.ts";
import type { City, CityRegistry } from "../cities/index.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { EventBus, EventStreams } from "../events/index.ts";
import type { OutboxWorker } from "../db/outbox.ts";
import type { Language } from "../i18n/index.ts";
import type { Actor, PeopleContext } from "../people/index.ts";
import type { ReportsContext } from "../reports/index.ts";
import { getReport, type PhotoStore, type PublicListCache } from "../reports/index.ts";
import { AppError } from "../errors.ts";
import type { Triage } from "../triage/index.ts";

export interface AppContext {
  config: Config;
  database: Database;
  cities: CityRegistry;
  photos: PhotoStore;
  worker: OutboxWorker;
  listCache: PublicListCache;
  triage: Triage;
  /** Committed report events of every process, delivered to this process's streams. */
  events: EventBus;
  streams: EventStreams;
  /** Web Push, SMS and WhatsApp delivery (e-mail goes through the mailer). */
  channels: Channels;
  version: string;
}

declare module "fastify" {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    lang: Language;
    city: City;
    actor: Actor;
    /** Raw session token from the cookie, when there is one. */
    sessionToken: string | undefined;
    /** Photos of a multipart request, in order; set before validation. */
    uploads: Buffer[];
  }
}

export function reportsContext(app: { ctx: AppContext }, city: City): ReportsContext {
  const { config, database, photos, triage } = app.ctx;
  return { db: database.db, city, photos, triage, secret: config.sessionSecret, publicUrl: config.publicUrl };
}

export function alertsContext(app: { ctx: AppContext }, city: City): AlertsContext {
  const { config } = app.ctx;
  return {
    db: app.ctx.database.db, city, cityId: city.id, cityName: city.manifest.name, defaultLanguage: city.manifest.defaultLanguage,
    secret: config.sessionSecret, publicUrl: config.publicUrl,
    async findPublicReport(ref) {
      try {
        const { report } = await getReport(reportsContext(app, city), { kind: "anonymous", cityId: city.id }, ref);
        return { id: report.id, ref: report.ref, title: report.title };
      } catch (err) {
        if (err instanceof AppError && err.code === "not_found") return undefined;
        throw err;
      }
    },
  };
}

export function peopleContext(app: { ctx: AppContext }, city: City): PeopleContext {
  const { config, database } = app.ctx;
  return { db: database.db, secret: config.sessionSecret, publicUrl: config.publicUrl, cityId: city.id, cityName: city.manifest.name.fr,
    isAuthority: (id) => city.authorities.has(id) };
}
