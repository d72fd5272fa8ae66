import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { DIALECTS, type freshPostgresUrl } from "../support/stores.js";
import { lockSearchEntries, lockWaiters, postgresSearchFixture } from "../support/search-fixture.js";
import { openStore, type Store } from "../../src/store/open.js";
import { search } from "../../src/store/search.js";
import { MootError } from "../../src/domain/errors.js";
import { searchConcurrency } from "../../src/store/search-gate.js";

/**
 * A search whose request was abandoned stops in PostgreSQL itself. The search is held on a
 * lock another session takes, so it is certainly running when the client goes: no timing.
 */
describe.runIf(DIALECTS.includes("postgres"))("postgres: an abandoned search is cancelled in the server", () => {
  let store: Store;
  let db: Awaited<ReturnType<typeof freshPostgresUrl>>;
  let authorityId: string;
  beforeAll(async () => {
    ({ store, db, authorityId } = await postgresSearchFixture());
    // Open every connection of the search pool (as many as run at once) before any test locks the
    // table: a backend starting while the lock is held waits before it shows in pg_stat_activity.
    await Promise.all(
      Array.from({ length: searchConcurrency() }, () =>
        search(store, authorityId, "quorvat", {}, { kind: "public" }, { signal: new AbortController().signal }),
      ),
    );
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("rejects as aborted, leaves no query running, and the pool serves the next search", async () => {
    const holder = await lockSearchEntries(db.url);
    try {
      const abort = new AbortController();
      const running = search(store, authorityId, "quorvat", {}, { kind: "public" }, { signal: abort.signal });
      // Wait until the search is waiting on the lock, then abandon it (an abort before the query
      // reaches the server is the gate's case, not this one).
      let waiting = false;
      for (let i = 0; i < 3000 && !waiting; i++) {
        const r = await holder.query(
          // Parse-time lock waits still show the connection's previous query text, so look for the wait itself.
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'",
        );
        waiting = r.rows[0].n > 0;
        if (!waiting) await new Promise((r) => setTimeout(r, 20));
      }
      expect(waiting, "the search never reached the server's lock queue").toBe(true);
      abort.abort();
      const err = await running.then(
        () => null,
        (e) => e,
      );
      expect(err).toBeInstanceOf(MootError);
      expect((err as MootError).code).toBe("aborted");
      // The server acts on a cancel request on its own schedule: poll (only this test's database,
      // as other suites search the same server) until the query is gone, with a bound that only catches a hang.
      let still = -1;
      for (let i = 0; i < 3000 && still !== 0; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 20));
        const r = await holder.query(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'",
        );
        still = r.rows[0].n;
      }
      expect(still).toBe(0);
    } finally {
      await holder.query("rollback");
      await holder.end();
    }
    const hits = await search(store, authorityId, "quorvat", {}, { kind: "public" });
    expect(hits.map((h) => h.title)).toEqual(["Quorvat bridge"]);
  });
  it("a full gate of searches, all abandoned at once, are all cancelled: a cancel never waits for a connection its search holds", async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    const n = searchConcurrency();
    try {
      await holder.query("begin");
      await holder.query("lock table search_entry in access exclusive mode");
      const abort = new AbortController();
      const running = Array.from({ length: n }, () =>
        search(store, authorityId, "quorvat", {}, { kind: "public" }, { signal: abort.signal }).then(
          () => null,
          (e: unknown) => e,
        ),
      );
      expect(await lockWaiters(holder, n), "the searches never all reached the server's lock queue").toBe(n);
      abort.abort();
      const errors = await Promise.all(running);
      expect(errors.map((e) => (e as MootError).code)).toEqual(Array(n).fill("aborted"));
      expect(await lockWaiters(holder, 0)).toBe(0);
    } finally {
      await holder.query("rollback");
      await holder.end();
    }
  });

  it("a search does not queue for a connection behind other queries: every connection of the store's pool is busy and it still answers", async () => {
    process.env.MOOT_PG_POOL = "2";
    const busy = openStore({ databaseUrl: db.url, dataDir: "/nonexistent-moot-test" });
    delete process.env.MOOT_PG_POOL;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started = 0;
    const holders = Array.from({ length: 2 }, () =>
      busy.db.connection().execute(async (conn) => {
        await conn.selectFrom("authority").select("id").execute();
        started++;
        await held;
      }),
    );
    try {
      for (let i = 0; i < 3000 && started < 2; i++) await new Promise((r) => setTimeout(r, 20));
      expect(started, "the pool's connections were never all taken").toBe(2);
      const hits = await search(busy, authorityId, "quorvat", {}, { kind: "public" }, { signal: new AbortController().signal });
      expect(hits.map((h) => h.title)).toEqual(["Quorvat bridge"]);
    } finally {
      release();
      await Promise.all(holders);
      await busy.close();
    }
  });
});
