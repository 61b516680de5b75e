/**
 * Command line entry: serve (default), migrate, seed-demo, create-admin, train, eval, triage.
 * `npm start` = serve: migrates, loads the city pack, seeds a demo on a first start
 * (unless NODE_ENV=production), and serves the API and web app.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { CityPackError, CityRegistry } from "./cities/index.ts";
import { DataDirLockedError, openDatabase, vacuumAnalyze } from "./db/client.ts";
import { reportStats } from "./db/schema.ts";
import { upsertPrivilegedUser } from "./people/index.ts";
import { createPlatform } from "./server/app.ts";
import { seedTemplates } from "./templates/index.ts";
import { buildWeb, webBuildIsStale } from "./server/build-web.ts";
import { isDatabaseEmpty, seedDemo } from "./demo/seed-demo.ts";
import { refreshAllMonthly } from "./insights/index.ts";
import { allCorrections, evaluateModelsCommand, trainCommand, Triage, triageCommand } from "./triage/index.ts";

const usage = `Usage: npm run cli -- <command> [options]
  serve                         start the platform (default)
  migrate                       apply database migrations and exit
  seed-demo [--reports N]       add N demo reports (default 300) and demo accounts
  refresh-insights              rewrite the monthly transparency figures now (after a bulk import)
  create-admin --email E --name N --password P [--role superadmin|city_admin]
                                create or reset a privileged account
  train                         train the AI models from data/training/ and staff corrections (npm run train)
  eval                          evaluate the shipped models on the held-out test split (npm run eval)
  triage < reports.jsonl        triage JSON lines {"id","text","lat"?,"lon"?}, one JSON line out per line in`;

async function serve(config: Config) {
  if (config.env !== "production" && config.webDir === path.resolve("web/dist") && webBuildIsStale(config.webDir)) await buildWeb();
  const platform = await createPlatform(config);
  if (config.demo && await isDatabaseEmpty(platform.ctx.database.db, platform.ctx.cities.get(config.citySlug))) {
    platform.app.log.info("empty database: loading the demo city");
    const accounts = await seedDemo(platform.ctx.database.db, platform.ctx.cities, config, { reports: 300, triage: platform.ctx.triage });
    printAccounts(accounts);
  }
  const shutdown = async (signal: string) => {
    platform.app.log.info({ signal }, "shutting down");
    await platform.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  await platform.app.listen({ port: config.port, host: config.host });
  const { port } = platform.app.server.address() as { port: number };
  const url = config.port === 0 ? `http://localhost:${port}` : config.publicUrl;
  console.log(`\nBaladiya is running on ${url}  (API docs: ${url}/api/docs)\n`);
}

function printAccounts(accounts: { email: string; password: string; role: string; authority?: string }[]) {
  console.log("\nDemo accounts (shown once; password for all of them below):");
  for (const a of accounts) console.log(`  ${a.role.padEnd(10)} ${a.email.padEnd(48)} ${a.authority ?? ""}`);
  console.log(`  password: ${accounts[0]?.password}\n`);
}

async function withCity<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openDatabase>>, cities: CityRegistry) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const cities = new CityRegistry(database.db, { onCityCreated: seedTemplates });
    await cities.open(config.citiesDir, config.citySlug);
    return await fn(database, cities);
  } finally {
    await database.close();
  }
}

async function main() {
  const [command = "serve", ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest, allowPositionals: false, strict: true,
    options: { reports: { type: "string" }, email: { type: "string" }, name: { type: "string" }, password: { type: "string" }, role: { type: "string" } },
  });
  const config = loadConfig();
  switch (command) {
    case "serve":
      return serve(config);
    case "migrate":
      await withCity(config, async () => undefined);
      console.log("migrations applied");
      return;
    case "seed-demo": {
      const n = Number(values.reports ?? 300);
      if (!Number.isInteger(n) || n < 0) throw new ConfigError("--reports must be a whole number");
      const triage = await Triage.load();
      const accounts = await withCity(config, (database, cities) => seedDemo(database.db, cities, config, { reports: n, triage }));
      printAccounts(accounts);
      return;
    }
    case "refresh-insights": {
      const started = Date.now();
      const months = await withCity(config, async (database) => {
        const rewritten = await refreshAllMonthly(database.db);
        // Freshly written rows are not all-visible until vacuumed: index-only reads would visit the table.
        if (rewritten > 0) await vacuumAnalyze(database.db, [reportStats]);
        return rewritten;
      });
      console.log(`${months} month(s) of figures rewritten in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    case "create-admin": {
      const { email, name, password } = values;
      const role = values.role ?? "superadmin";
      if (!email || !name || !password || password.length < 10 || !["superadmin", "city_admin"].includes(role)) {
        throw new ConfigError(`create-admin needs --email, --name and --password (10+ characters); --role superadmin|city_admin\n\n${usage}`);
      }
      await withCity(config, async (database, cities) => {
        const user = await upsertPrivilegedUser(database.db, cities.get(config.citySlug).id, { email, name, password, role: role as "superadmin" });
        console.log(`${user.role} ${user.email} is ready`);
      });
      return;
    }
    case "train": {
      // Staff corrections live in the database; without one yet, training uses the files alone.
      const corrections = await withCity(config, async (database) => allCorrections(database.db));
      return trainCommand(config, corrections);
    }
    case "eval":
      return evaluateModelsCommand(config);
    case "triage":
      return triageCommand(config, process.stdin, process.stdout);
    default:
      throw new ConfigError(`Unknown command "${command}"\n\n${usage}`);
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof CityPackError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
