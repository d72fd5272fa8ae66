import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";
import { migrate, openStore, type Store } from "../../src/store/open.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { search } from "../../src/store/search.js";

/**
 * Under load every round trip to a busy server waits its turn for the CPU (~20 ms each at 10
 * councils), so a cancellable search is one statement: its connection already knows the pid a
 * cancel needs (the cancel itself is search-cancel.test.ts).
 */
describe.runIf(DIALECTS.includes("postgres"))("postgres: a cancellable search is one round trip", () => {
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
    await s.create("agenda_item", { meetingId: m.id, number: "1", position: 1, title: "Quorvat bridge", description: "Quorvat report" });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("sends the server one statement, and still finds the hit with its committee, date and snippet", async () => {
    // Connect the pool's client first: opening a connection is not a statement.
    await search(store, authorityId, "quorvat", {}, { kind: "public" }, { signal: new AbortController().signal });
    const sent: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      sent.push(typeof args[0] === "string" ? args[0] : (args[0] as { text: string }).text);
      return Reflect.apply(original, this, args);
    } as typeof original;
    try {
      const hits = await search(store, authorityId, "quorvat", {}, { kind: "public" }, { signal: new AbortController().signal });
      expect(hits.map((h) => [h.title, h.committeeName, h.meetingDate])).toEqual([["Quorvat bridge", "Planning", "2025-03-10"]]);
      expect(hits[0]!.snippet).toMatch(/Quorvat/);
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/ts_headline/);
  });
});
