/** What every route can reach: the services' dependencies, decorated on the Fastify instance and request. */
import type { City, CityRegistry } from "../cities/index.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { OutboxWorker } from "../db/outbox.ts";
import type { Language } from "../i18n/index.ts";
import type { Actor, PeopleContext } from "../people/index.ts";
import type { ReportsContext } from "../reports/index.ts";
import type { PhotoStore, PublicListCache } from "../reports/index.ts";

export interface AppContext {
  config: Config;
  database: Database;
  cities: CityRegistry;
  photos: PhotoStore;
  worker: OutboxWorker;
  listCache: PublicListCache;
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
  const { config, database, photos } = app.ctx;
  return { db: database.db, city, photos, secret: config.sessionSecret, publicUrl: config.publicUrl };
}

export function peopleContext(app: { ctx: AppContext }, city: City): PeopleContext {
  const { config, database } = app.ctx;
  return { db: database.db, secret: config.sessionSecret, publicUrl: config.publicUrl, cityId: city.id, cityName: city.manifest.name.fr,
    isAuthority: (id) => city.authorities.has(id) };
}
