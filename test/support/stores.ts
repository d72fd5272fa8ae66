import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { expect } from "vitest";
import { migrate, openStore, type Store } from "../../src/store/open.js";
import type { DialectName } from "../../src/store/dialect.js";

const PG_URL = process.env.MOOT_TEST_POSTGRES_URL;

/** Dialects every store suite runs on (STYLE.md habit 2). PostgreSQL needs MOOT_TEST_POSTGRES_URL. */
export const DIALECTS: DialectName[] = PG_URL ? ["sqlite", "postgres"] : ["sqlite"];
if (!PG_URL && !(globalThis as { __mootPgNotice?: boolean }).__mootPgNotice) {
  (globalThis as { __mootPgNotice?: boolean }).__mootPgNotice = true;
  console.warn("PostgreSQL suites skipped: set MOOT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run them");
}

export interface TestStore extends Store {
  cleanup(): Promise<void>;
  dataDir: string;
  /** PostgreSQL only: the database's URL, for a second pool on it (a second worker or clerk). */
  databaseUrl?: string;
}

/** A migrated, empty database of its own: a SQLite file in a temp dir, or a new PostgreSQL database. */
export async function freshStore(dialect: DialectName): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), "moot-test-"));
  if (dialect === "sqlite") {
    const store = openStore({ dataDir });
    await migrate(store);
    return Object.assign(store, {
      dataDir,
      cleanup: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    });
  }
  const pg = await freshPostgresUrl();
  const store = openStore({ databaseUrl: pg.url, dataDir });
  await migrate(store);
  return Object.assign(store, {
    dataDir,
    databaseUrl: pg.url,
    cleanup: async () => {
      await store.close();
      await pg.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** The URL of a new empty PostgreSQL database, for CLI tests that take DATABASE_URL. */
export async function freshPostgresUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error("MOOT_TEST_POSTGRES_URL is not set");
  const name = `moot_c_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/**
 * SQLite: asserts another writer holds the database now, from a second handle on the file (as a
 * second process would be): its `BEGIN IMMEDIATE` is refused at once.
 */
export function expectSqliteWriterHeld(store: TestStore): void {
  const probe = new SqliteDatabase(join(store.dataDir, "moot.sqlite"), { timeout: 0 });
  try {
    expect(() => probe.exec("begin immediate")).toThrow(/locked|busy/i);
  } finally {
    probe.close();
  }
}
