/**
 * Opening the database: PGlite (embedded, one process per data directory) by default,
 * a PostgreSQL server when DATABASE_URL is set. Both behind one Drizzle handle.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTable, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { getTableName, sql } from "drizzle-orm";
import pg from "pg";
import lockfile from "proper-lockfile";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** A Drizzle handle that works on PGlite and PostgreSQL alike; services take this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** The server's URL (postgres): LISTEN needs a dedicated connection of its own. */
  url?: string;
  /** The embedded instance (pglite): it delivers its own NOTIFYs to `listen` callbacks. */
  pglite?: PGlite;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export class DataDirLockedError extends Error {}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; migrate?: boolean; poolSize?: number }): Promise<Database> {
  const database = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl, opts.poolSize ?? 10)
    : await openPglite(opts.dataDir);
  if (opts.migrate !== false) await runMigrations(database, opts.databaseUrl);
  return database;
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // No JIT: our queries are short, and PostgreSQL's cost estimate of jsonb_each (100 rows a
  // call) set it off on the insights' sums, where compiling took 40 ms of a 300 ms answer.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: "-c jit=off" });
  pool.on("error", () => { /* idle client errors surface on the next query */ });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    url,
    ping: async () => { await pool.query("select 1"); },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  // PGlite has no lock of its own: two processes on one directory would corrupt it.
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { lockfilePath: path.join(dataDir, "baladiya.lock"), stale: 15_000, update: 5_000 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new DataDirLockedError(
        `The data directory ${dataDir} is in use by another Baladiya process. ` +
        "Stop it first, or set DATA_DIR to another directory (or DATABASE_URL to share a PostgreSQL server).",
      );
    }
    throw err;
  }
  const client = await PGlite.create(path.join(dataDir, "pgdata"));
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    pglite: client,
    ping: async () => { await client.query("select 1"); },
    close: async () => { await client.close(); await release(); },
  };
}

export async function runMigrations(database: Database, databaseUrl?: string): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  // Several app processes may start at once on one server: a session advisory lock on a
  // dedicated connection serializes their migrations.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(727274)");
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.end();
  }
}

/**
 * VACUUM (ANALYZE) of some tables, after a bulk import: the planner learns the new sizes and the
 * visibility map lets index-only scans skip the rows. Autovacuum does it in time on a running
 * server; an import should not leave the first hours of queries without it (or a server whose
 * autovacuum is off, as on this project's CI machine, without it for ever).
 */
export async function vacuumAnalyze(db: Db, tables: PgTable[]): Promise<void> {
  await db.execute(sql.raw(`vacuum (analyze) ${tables.map((t) => `"${getTableName(t)}"`).join(", ")}`));
}
