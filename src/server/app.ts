/**
 * Builds the platform: database, city, mail, outbox worker and the Fastify app with its
 * security plugins and routes. `npm start`, the tests and the benchmarks all come through here.
 */
import { readFileSync } from "node:fs";
import zlib from "node:zlib";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { channelsRoutes, createChannels, type ChannelsOptions } from "../channels/index.ts";
import { CityRegistry, citiesAdminRoutes, citiesRoutes } from "../cities/index.ts";
import type { Config } from "../config.ts";
import { openDatabase, type Database } from "../db/client.ts";
import { OutboxWorker } from "../db/outbox.ts";
import { PRUNE_OUTBOX_TOPIC, pruneOutboxHandler, scheduleOutboxPrune } from "../db/outbox-prune.ts";
import { EventBus, EventStreams, eventsRoutes, PRUNE_EVENTS_TOPIC, pruneEventsHandler, schedulePruneEvents } from "../events/index.ts";
import { isLanguage, negotiateLanguage } from "../i18n/index.ts";
import { INSIGHTS_REFRESH_TOPIC, insightsRefreshHandler, insightsStaffRoutes, scheduleInsightsRefresh, STAFF_EXPORT_TOPIC, staffExportHandler } from "../insights/index.ts";
import { createMailer, MAIL_TOPIC, mailHandler, type Mailer } from "../mail/index.ts";
import { peopleRoutes } from "../people/index.ts";
import { PhotoStore, PublicListCache, recordExternalId, REPORT_PUBLISHED_TOPIC, REPORT_SUPPORTED_TOPIC, REPORT_UPDATED_TOPIC, reportsFeedsRoutes, reportsLoopRoutes, reportsMapRoutes, reportsRoutes, reportsStaffRoutes } from "../reports/index.ts";
import {
  alertsAdminRoutes, alertsRoutes, ANNOUNCEMENT_TOPIC, announcementHandler, deliverNotificationHandler, DIGEST_TOPIC, digestHandler, NOTIFICATION_TOPIC,
  recordBounce, reportPublishedHandler, reportSupportedHandler, reportUpdatedHandler, scheduleDigest, type NotifyDeps,
} from "../alerts/index.ts";
import {
  open311AdminRoutes, open311PollHandler, open311Routes, open311Sender, open311TokenHandler, OPEN311_POLL_TOPIC, OPEN311_PREFIX, OPEN311_TOKEN_TOPIC, scheduleOpen311Poll,
} from "../open311/index.ts";
import { transparencyRoutes } from "../insights/index.ts";
import { registerSender, SEND_REPORT_TOPIC, sendReportHandler } from "../routing/index.ts";
import { seedTemplates, templatesRoutes } from "../templates/index.ts";
import { RESCORE_TOPIC, rescoreOverdueHandler, scheduleRescore, Triage, triageRoutes } from "../triage/index.ts";
import { registerAuth } from "./auth.ts";
import { reportsContext, type AppContext } from "./context.ts";
import { opsRoutes } from "./ops.routes.ts";
import { registerProblemHandlers } from "./problem.ts";
import { registerWeb, webBuildExists } from "./web.ts";

export const version: string = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;

export interface Platform {
  app: FastifyInstance;
  ctx: AppContext;
  mailer: Mailer;
  close(): Promise<void>;
}

/** The CSP source of a tile URL template: its origin, with {s} subdomains as a wildcard. */
function tileSource(template: string): string {
  const origin = template.match(/^https:\/\/[^/]+/)![0];
  return origin.replace(/\{s\}\./, "*.");
}

export async function createPlatform(config: Config, opts: { database?: Database; channels?: ChannelsOptions } = {}): Promise<Platform> {
  const database = opts.database ?? await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const cities = new CityRegistry(database.db, { onCityCreated: seedTemplates });
  const city = await cities.open(config.citiesDir, config.citySlug);

  const app = Fastify({
    logger: config.logLevel === "silent" ? false : { level: config.logLevel, redact: ["req.headers.authorization", "req.headers.cookie", "req.headers[\"x-csrf-token\"]"] },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: "x-request-id",
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const mailer = createMailer({ smtpUrl: config.smtpUrl, mailDir: config.mailDir, from: config.mailFrom, domain: new URL(config.publicUrl).hostname });
  const triage = await Triage.load();
  const channels = await createChannels(config, database.db, app.log, opts.channels);
  const open311Timeout = { timeoutMs: config.open311TimeoutSeconds * 1000 };
  registerSender("open311", open311Sender(open311Timeout));
  const notifyDeps: NotifyDeps = { db: database.db, config, city: (cityId) => cities.all().find((c) => c.id === cityId) };
  const worker = new OutboxWorker(database.db, app.log, { leaseSeconds: config.outboxLeaseSeconds })
    .register(MAIL_TOPIC, mailHandler(database.db, mailer, ({ cityId, address, error }) => recordBounce(database.db, cityId, "email", address, "bounce", error)))
    .register(SEND_REPORT_TOPIC, sendReportHandler(database.db, { recordExternalId: (reportId, externalId) => recordExternalId(database.db, reportId, externalId) }))
    .register(OPEN311_TOKEN_TOPIC, open311TokenHandler(database.db, open311Timeout))
    .register(OPEN311_POLL_TOPIC, open311PollHandler({
      db: database.db, city: (cityId) => cities.all().find((c) => c.id === cityId), context: (c) => reportsContext({ ctx }, c),
      intervalSeconds: config.open311PollSeconds, ...open311Timeout,
    }))
    .register(REPORT_PUBLISHED_TOPIC, reportPublishedHandler(notifyDeps))
    .register(REPORT_UPDATED_TOPIC, reportUpdatedHandler(notifyDeps))
    .register(REPORT_SUPPORTED_TOPIC, reportSupportedHandler(notifyDeps))
    .register(NOTIFICATION_TOPIC, deliverNotificationHandler({ db: database.db, channels: channels.byName }))
    .register(DIGEST_TOPIC, digestHandler(notifyDeps))
    .register(ANNOUNCEMENT_TOPIC, announcementHandler(notifyDeps))
    .register(RESCORE_TOPIC, rescoreOverdueHandler({ db: database.db, triage, city: (cityId) => cities.all().find((c) => c.id === cityId) }))
    .register(PRUNE_EVENTS_TOPIC, pruneEventsHandler(database.db))
    .register(PRUNE_OUTBOX_TOPIC, pruneOutboxHandler(database.db))
    .register(INSIGHTS_REFRESH_TOPIC, insightsRefreshHandler(database.db))
    .register(STAFF_EXPORT_TOPIC, staffExportHandler({
      db: database.db, dataDir: config.dataDir,
      reportsContext: (cityId) => { const c = cities.all().find((x) => x.id === cityId); return c && reportsContext({ ctx }, c); },
    }));
  const events = new EventBus(database, app.log);
  const streams = new EventStreams(database.db, events);
  const ctx: AppContext = { config, database, cities, photos: new PhotoStore(config.uploadDir), worker, listCache: new PublicListCache(), triage, events, streams, channels, version };
  app.decorate("ctx", ctx);
  app.decorateRequest("lang", "fr");
  app.decorateRequest("city", null as never);
  app.decorateRequest("actor", null as never);
  app.decorateRequest("sessionToken", undefined);
  app.decorateRequest("uploads", null as never);

  // API answers and pages are compressed on the fly (fast settings: it is per request);
  // the web app's files were compressed once at build time and are served as they are.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:", tileSource(config.mapTileUrl)],
        connectSrc: ["'self'", ...(config.geocoderUrl ? [new URL(config.geocoderUrl).origin] : [])],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit ? 300 : 1_000_000,
    timeWindow: "1 minute",
    errorResponseBuilder: (_req, context) => Object.assign(new Error("rate limited"), { statusCode: context.statusCode }),
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(multipart, { limits: { files: 5, fileSize: 10 * 1024 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Baladiya API", version, description: "Civic issue reporting. Errors are application/problem+json (RFC 9457)." },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" }, session: { type: "apiKey", in: "cookie", name: "baladiya_session" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  // City and language first: every later hook and error message depends on them.
  app.addHook("onRequest", async (request) => {
    const host = request.hostname.split(":")[0] ?? "";
    // From the registry on every request: an admin edit replaces the city object there.
    request.city = cities.all().find((c) => c.manifest.hosts.includes(host)) ?? cities.get(city.slug);
    const query = request.query as Record<string, unknown> | undefined;
    const asked = query?.lang ?? request.cookies?.lang;
    request.lang = isLanguage(asked) ? asked : negotiateLanguage(request.headers["accept-language"], request.city.manifest.defaultLanguage);
  });
  registerAuth(app);
  // Without a build (API-only tests, or before `npm run build`), every unknown path is a problem+json 404.
  registerProblemHandlers(app, webBuildExists(config.webDir) ? await registerWeb(app) : undefined);
  app.addHook("onSend", async (request, reply) => {
    reply.header("content-language", request.lang);
    if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
  });

  await app.register(opsRoutes);
  await app.register(citiesRoutes);
  await app.register(citiesAdminRoutes);
  await app.register(peopleRoutes);
  await app.register(reportsRoutes);
  await app.register(reportsStaffRoutes);
  await app.register(reportsMapRoutes);
  await app.register(reportsFeedsRoutes);
  await app.register(reportsLoopRoutes);
  await app.register(alertsRoutes);
  await app.register(alertsAdminRoutes);
  await app.register(channelsRoutes);
  await app.register(templatesRoutes);
  await app.register(triageRoutes);
  await app.register(eventsRoutes);
  await app.register(open311Routes, { prefix: OPEN311_PREFIX });
  await app.register(open311AdminRoutes);
  await app.register(transparencyRoutes);
  await app.register(insightsStaffRoutes);

  if (config.worker) {
    await scheduleRescore(database.db, city.id);
    await scheduleDigest(database.db, city.id);
    await scheduleOpen311Poll(database.db, city.id, config.open311PollSeconds);
    await schedulePruneEvents(database.db);
    await scheduleOutboxPrune(database.db);
    await scheduleInsightsRefresh(database.db);
    worker.start();
  }
  await app.ready();
  // Last: its LISTEN connection would keep a process whose start failed from exiting.
  try {
    await events.start();
  } catch (err) {
    await app.close();
    await worker.stop();
    throw err;
  }

  return {
    app, ctx, mailer,
    async close() {
      // Open event streams are ended by the events routes' preClose hook, or this would wait on them.
      await app.close();
      await events.close();
      await worker.stop();
      mailer.close();
      if (!opts.database) await database.close();
    },
  };
}
