import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { Scope } from "../../src/store/records.js";
import { search } from "../../src/store/search.js";
import { PUBLIC } from "../../src/domain/viewer.js";
import { postgresSearchFixture } from "../support/search-fixture.js";

/**
 * PostgreSQL's search index takes new entries into its tree as they are written: nothing waits
 * in GIN's pending list, which every search reads from end to end until a vacuum merges it
 * (on an estate with imports and no recent vacuum, 268 pending pages made a search's index scan
 * ten times slower).
 */
const PG = process.env.MOOT_TEST_POSTGRES_URL;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.runIf(PG)("the search index on PostgreSQL", () => {
  it("keeps no pending list: entries written after the migration are in the index's tree, and found", async () => {
    const { store, db, authorityId } = await postgresSearchFixture();
    cleanups.push(async () => {
      await store.close();
      await db.drop();
    });
    const options = await sql<{ reloptions: string[] | null }>`
      select reloptions from pg_class where relname = 'search_entry_authority_tsv_idx'`.execute(store.db);
    expect(options.rows[0]?.reloptions).toContain("fastupdate=off");

    // More entries, as an import or an editor writes them.
    const s = new Scope(store, authorityId, "test");
    const c = await s.create("committee", { slug: "licensing", name: "Licensing", kind: "regulatory" });
    const m = await s.create("meeting", {
      committeeId: c.id,
      localDate: "2025-04-14",
      localTime: "10:00",
      startsAt: "2025-04-14T09:00:00Z",
      agendaPublishedAt: "2025-04-01T12:00:00Z",
    });
    for (let i = 0; i < 40; i++)
      await s.create("agenda_item", {
        meetingId: m.id,
        number: String(i + 1),
        position: i,
        title: `Zelvane premises ${i}`,
        description: "Zelvane licence",
      });

    // gin_clean_pending_list merges what is pending and says how many pages that was.
    const pending = await sql<{ pages: number }>`
      select gin_clean_pending_list('search_entry_authority_tsv_idx'::regclass) as pages`.execute(store.db);
    expect(Number(pending.rows[0]?.pages)).toBe(0);
    expect((await search(store, authorityId, "zelvane", { limit: 100 }, PUBLIC)).length).toBe(40);
  });
});
