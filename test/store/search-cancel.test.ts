import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";
import { migrate, openStore, type Store } from "../../src/store/open.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { search } from "../../src/store/search.js";
import { MootError } from "../../src/domain/errors.js";

/**
 * A search whose request was abandoned stops in PostgreSQL itself. The search is held on a
 * lock another session takes, so it is certainly running when the client goes: no timing.
 */
describe.runIf(DIALECTS.includes("postgres"))("postgres: an abandoned search is cancelled in the server", () => {
  let store: Store;
  let db: Awaited<ReturnType<typeof freshPostgresUrl>>;
  let authorityId: string;
  beforeAll(async () => {
    db = await freshPostgresUrl();
    store = openStore({ databaseUrl: db.url, dataDir: "/nonexistent-moot-test" });
    await migrate(store);
    const a = await createAuthority(store, { slug: "north", name: "North Borough Council" });
    authorityId = a.id;
    const s = new Scope(store, a.id, "test");
    const c = await s.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
    const m = await s.create("meeting", {
      committeeId: c.id,
      localDate: "2025-03-10",
      localTime: "18:00",
      startsAt: "2025-03-10T18:00:00Z",
      agendaPublishedAt: "2025-03-01T12:00:00Z",
    });
    await s.create("agenda_item", { meetingId: m.id, number: "1", position: 1, title: "Quorvat bridge", description: "Quorvat" });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("rejects as aborted, leaves no query running, and the pool serves the next search", async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("lock table search_entry in access exclusive mode");
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
});
