import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { DIALECTS, type freshPostgresUrl } from "../support/stores.js";
import { postgresSearchFixture } from "../support/search-fixture.js";
import type { Store } from "../../src/store/open.js";
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
    ({ store, db, authorityId } = await postgresSearchFixture());
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
