import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";
import { lockSearchEntries, lockWaiters } from "../support/search-fixture.js";
import { migrate, openStore, searchDbFor, type Store } from "../../src/store/open.js";
import { poolOf } from "../../src/store/pg-pool.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { search } from "../../src/store/search.js";
import { PREPARED_SEARCH_SHAPES } from "../../src/store/postgres-dialect.js";
import type { Viewer } from "../../src/domain/viewer.js";

/**
 * Searches on PostgreSQL run as named prepared statements (planned once per connection, the
 * generic plan after five runs). What that must never do: serve one authority's hits, or an
 * exempt paper, from a plan made for another search; name statements without bound; or leave a
 * connection unusable after a cancel.
 */
describe.runIf(DIALECTS.includes("postgres"))("postgres: searches as prepared statements", () => {
  let store: Store;
  let db: Awaited<ReturnType<typeof freshPostgresUrl>>;
  const ids = { north: "", south: "", northCommittee: "" };
  const signal = () => new AbortController().signal;
  const titles = async (authorityId: string, viewer: Viewer = { kind: "public" }, filters = {}) =>
    (await search(store, authorityId, "quorvat", filters, viewer, { signal: signal() })).map((h) => h.title).sort();

  /** The search statements prepared on each of the search pool's connections (the pool holds them all at once). */
  const prepared = async (): Promise<number[]> => {
    const pool = poolOf(searchDbFor(store.db))!;
    const clients = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
    try {
      return await Promise.all(
        clients.map(
          async (c) => (await c.query("select count(*)::int as n from pg_prepared_statements where name like 'moot_search_%'")).rows[0].n,
        ),
      );
    } finally {
      for (const c of clients) c.release();
    }
  };

  beforeAll(async () => {
    db = await freshPostgresUrl();
    store = openStore({ databaseUrl: db.url, dataDir: "/nonexistent-moot-test" });
    await migrate(store);
    // Two councils with the same committee and the same words; the north one has an exempt item.
    for (const slug of ["north", "south"] as const) {
      const a = await createAuthority(store, { slug, name: `${slug} Borough Council` });
      ids[slug] = a.id;
      const s = new Scope(store, a.id, "test");
      const c = await s.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
      if (slug === "north") ids.northCommittee = c.id;
      const m = await s.create("meeting", {
        committeeId: c.id,
        localDate: "2025-03-10",
        localTime: "18:00",
        startsAt: "2025-03-10T18:00:00Z",
        agendaPublishedAt: "2025-03-01T12:00:00Z",
      });
      await s.create("agenda_item", {
        meetingId: m.id,
        number: "1",
        position: 1,
        title: `Quorvat bridge ${slug}`,
        description: "Quorvat report",
      });
      if (slug === "north")
        await s.create("agenda_item", {
          meetingId: m.id,
          number: "2",
          position: 2,
          title: "Quorvat land sale",
          description: "Quorvat price",
          exemptParagraph: 3,
        });
    }
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("reuses one statement for every authority, each seeing only its own hits, and the public never the exempt one", async () => {
    const member: Viewer = { kind: "member", personId: "p1", committeeIds: [ids.northCommittee] };
    // Past the five custom plans, so the later runs use the generic plan.
    for (let i = 0; i < 8; i++) {
      expect(await titles(ids.north)).toEqual(["Quorvat bridge north"]);
      expect(await titles(ids.south)).toEqual(["Quorvat bridge south"]);
      expect(await titles(ids.north, member)).toEqual(["Quorvat bridge north", "Quorvat land sale"]);
      expect(await titles(ids.south, member)).toEqual(["Quorvat bridge south"]);
      expect(await titles(ids.north, { kind: "clerk" })).toEqual(["Quorvat bridge north", "Quorvat land sale"]);
    }
    // Three shapes (public, a member's committees, a clerk's all), each prepared at most once a connection.
    const counts = await prepared();
    expect(counts.some((n) => n > 0)).toBe(true);
    for (const n of counts) expect(n).toBeLessThanOrEqual(3);
  });

  it("names at most PREPARED_SEARCH_SHAPES shapes; the rest run unnamed and still answer", async () => {
    for (let n = 1; n <= PREPARED_SEARCH_SHAPES + 8; n++) {
      // A committee list of every length: a shape each.
      const committeeIds = [ids.northCommittee, ...Array.from({ length: n }, (_, i) => `made-up-${i}`)];
      expect(await titles(ids.north, { kind: "public" }, { committeeIds })).toEqual(["Quorvat bridge north"]);
    }
    for (const n of await prepared()) expect(n).toBeLessThanOrEqual(PREPARED_SEARCH_SHAPES);
    expect(await titles(ids.south)).toEqual(["Quorvat bridge south"]);
  });

  it("leaves a cancelled search's connection and its statement fit for the next search", async () => {
    const holder = await lockSearchEntries(db.url);
    try {
      const abort = new AbortController();
      const running = search(store, ids.north, "quorvat", {}, { kind: "public" }, { signal: abort.signal });
      // Held on the lock while running, so it is certainly in the server when its client goes: no timing.
      expect(await lockWaiters(holder, 1)).toBe(1);
      abort.abort();
      await expect(running).rejects.toMatchObject({ code: "aborted" });
      await holder.query("rollback");
    } finally {
      await holder.end();
    }
    for (let i = 0; i < 4; i++) expect(await titles(ids.north)).toEqual(["Quorvat bridge north"]);
  });

  it("prepares nothing with MOOT_PG_PREPARE=0 (a pooler that can't keep statements)", async () => {
    const other = openStore({ databaseUrl: db.url, dataDir: "/nonexistent-moot-test" });
    process.env.MOOT_PG_PREPARE = "0";
    try {
      const before = store;
      store = other;
      try {
        for (let i = 0; i < 3; i++) expect(await titles(ids.south)).toEqual(["Quorvat bridge south"]);
        expect(await prepared()).toEqual(expect.arrayContaining([0]));
        for (const n of await prepared()) expect(n).toBe(0);
      } finally {
        store = before;
      }
    } finally {
      delete process.env.MOOT_PG_PREPARE;
      await other.close();
    }
  });
});
