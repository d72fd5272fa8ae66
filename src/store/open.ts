import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, type MigrationResult } from "kysely";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { MootError } from "../domain/errors.js";
import type { Database } from "./schema.js";
import type { Dialect, DialectName } from "./dialect.js";
import { sqliteDialect } from "./sqlite-dialect.js";
import { postgresDialect } from "./postgres-dialect.js";
import { migrations } from "./migrations/index.js";
import { FileStore } from "./files.js";
import { SqliteWritersDialect } from "./sqlite-writers.js";
import { searchConcurrency } from "./search-gate.js";
import { rememberPool } from "./pg-pool.js";

export interface StoreConfig {
  /** postgres://… selects PostgreSQL; otherwise SQLite. */
  databaseUrl?: string | null;
  /** Where the SQLite file and content-addressed originals live. Default ./data. */
  dataDir?: string;
  /** SQLite file path; default <dataDir>/moot.sqlite. ":memory:" is allowed. */
  sqlitePath?: string;
}

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  files: FileStore;
  /** Human description for logs: never includes a password. */
  describe: string;
  close(): Promise<void>;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return { databaseUrl: env.DATABASE_URL || null, dataDir: env.MOOT_DATA_DIR || "./data" };
}

pg.types.setTypeParser(20, (v) => Number(v)); // int8 counts fit in a double here

export function openStore(config: StoreConfig = configFromEnv()): Store {
  const dataDir = resolve(config.dataDir ?? "./data");
  const url = config.databaseUrl ?? null;
  const files = new FileStore(join(dataDir, "files"));
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const kysely = (max: number) => {
      const pool = new pg.Pool({ connectionString: url, max });
      // An idle client dropped by the server (restart, database dropped) must not crash the process;
      // the pool replaces it and the next query reports any real failure.
      pool.on("error", (e) => {
        if (process.env.MOOT_DEBUG) console.error(`moot: idle PostgreSQL connection closed: ${e.message}`);
      });
      const k = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
      rememberPool(k, pool);
      return k;
    };
    const db = kysely(Number(process.env.MOOT_PG_POOL ?? 10));
    // Searches run on connections of their own, as many as the search gate admits and one for a
    // cancel (postgres-dialect.ts holds a search's connection until its cancel is answered): a
    // search the gate let in never queues for a connection behind page and API queries (under
    // load it queued twice, for its connection and its cancel's), and they never wait behind it.
    const search = kysely(searchConcurrency() + 1);
    // The data-version poll, a web process's heartbeat (every page and the proxy's version
    // question depend on it), on a connection of its own: on the shared pool it queued behind
    // page renders, went stale under load, and the proxy's version questions timed out.
    const versions = kysely(1);
    ownPools.set(db, { search, versions });
    const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
    return {
      db,
      dialect: postgresDialect,
      files,
      describe: `PostgreSQL ${safe}`,
      close: async () => {
        await Promise.all([db.destroy(), search.destroy(), versions.destroy()]);
      },
    };
  }
  if (url) throw new MootError("config", `DATABASE_URL must start with postgres:// (got "${url.split(":")[0]}:")`);
  const path = config.sqlitePath ?? join(dataDir, "moot.sqlite");
  if (path !== ":memory:") mkdirSync(resolve(path, ".."), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Search reads entries by rowid all over the file; a small page cache makes that I/O-bound,
  // so map the whole file (address space only; MOOT_SQLITE_MMAP overrides).
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma(`mmap_size = ${Number(process.env.MOOT_SQLITE_MMAP ?? 2 ** 31)}`);
  // Transactions begin as writers (BEGIN IMMEDIATE): see sqlite-writers.ts.
  const db = new Kysely<Database>({ dialect: new SqliteWritersDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  return { db, dialect: sqliteDialect, files, describe: `SQLite ${path}`, close: () => db.destroy() };
}

/** A PostgreSQL store's pools beside its main one, by its own `db`. */
const ownPools = new WeakMap<Kysely<Database>, { search: Kysely<Database>; versions: Kysely<Database> }>();

/** Where the data versions are read: a connection of their own on PostgreSQL, else `db`. */
export function versionDbFor(db: Kysely<Database>): Kysely<Database> {
  return ownPools.get(db)?.versions ?? db;
}

/**
 * Where a search on `db` runs: the search pool of a store's own `db` (PostgreSQL), else `db`
 * itself (SQLite, or a transaction, whose uncommitted writes only its own connection sees).
 */
export function searchDbFor(db: Kysely<Database>): Kysely<Database> {
  return ownPools.get(db)?.search ?? db;
}

export async function migrate(store: Store): Promise<MigrationResult[]> {
  return migrateDb(store.db, store.dialect.name);
}

export async function migrateDb(db: Kysely<any>, dialect: DialectName): Promise<MigrationResult[]> {
  const set = migrations(dialect);
  const migrator = new Migrator({
    // Migrations see raw snake_case names; the camel-case plugin is for application queries.
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => set },
    migrationTableName: "moot_migration",
    migrationLockTableName: "moot_migration_lock",
    // Migrations written in parallel share a date; one landing later than another may sort
    // before it, and a database migrated in between must still take it.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new MootError("config", `migration failed: ${(error as Error).message}`, { cause: error });
  return results ?? [];
}
