import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { DIALECTS, type freshPostgresUrl } from "../support/stores.js";
import { postgresSearchFixture } from "../support/search-fixture.js";
import type { Store } from "../../src/store/open.js";
import { search } from "../../src/store/search.js";

interface PlanNode {
  "Relation Name"?: string;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}
const scansOf = (n: PlanNode, table: string): number =>
  (n["Relation Name"] === table && (n["Actual Loops"] ?? 0) > 0 ? 1 : 0) + (n.Plans ?? []).reduce((s, c) => s + scansOf(c, table), 0);

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

  // A hit's text is read from its record once: the planner pulled the subquery that reads it up
  // into each place its column was named (three), and so read every shown hit's text three times
  // (a real page's text is compressed out of line: unpacked three times).
  it("scans the agenda item table once for the hit's description", async () => {
    const sent: Array<{ text: string; values: unknown[] }> = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const a = args[0] as { text?: string; values?: unknown[] } | string;
      if (typeof a === "object" && a.text?.includes("ts_headline")) sent.push({ text: a.text, values: a.values ?? [] });
      return Reflect.apply(original, this, args);
    } as typeof original;
    try {
      const hits = await search(store, authorityId, "quorvat", {}, { kind: "public" }, { signal: new AbortController().signal });
      expect(hits.map((h) => h.snippet.replace(/[\u0002\u0003]/g, ""))).toEqual(["Quorvat report"]);
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(sent).toHaveLength(1);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const r = await client.query(`explain (analyze, format json) ${sent[0]!.text}`, sent[0]!.values);
      const plan = (r.rows[0]["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0]!.Plan;
      expect(scansOf(plan, "agenda_item")).toBe(1);
    } finally {
      await client.end();
    }
  });
});
