import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";
import { migrate, openStore, type Store } from "../../src/store/open.js";
import { searchTagsMigration } from "../../src/store/migrations/2026-12-05-scale-search-tags.js";
import { searchTextOnceMigration } from "../../src/store/migrations/2026-12-08-scale-search-text-once.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { search } from "../../src/store/search.js";
import { recordHistory } from "../../src/store/audit-trail.js";

/**
 * A store written before the scale migrations (full audit copies, FTS without tags, page text
 * copied into search entries) is migrated: search finds what it found, every version of a
 * record is still there, and later writes keep the index right.
 *
 * Today's code cannot write into the old layout, so the records are written first and the
 * store is then put back into it: the search migrations' own `down` (bodies copied back into
 * search_entry, FTS over them without tags) and the trail rewritten as whole copies.
 */
const AGED = ["2026-12-05-scale-audit-changes-only", "2026-12-05-scale-search-tags", "2026-12-08-scale-search-text-once"];
for (const dialect of DIALECTS) {
  describe(`${dialect}: migrating a store written before the scale migrations`, () => {
    let store: Store;
    let done: () => Promise<void>;
    beforeAll(async () => {
      if (dialect === "sqlite") {
        const dir = mkdtempSync(join(tmpdir(), "moot-mig-"));
        store = openStore({ dataDir: dir });
        done = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const db = await freshPostgresUrl();
        store = openStore({ databaseUrl: db.url, dataDir: "/nonexistent-moot-mig" });
        done = db.drop;
      }
      await migrate(store);
    });
    afterAll(async () => {
      await store?.close();
      await done?.();
    });

    it("keeps search and every version of a record", async () => {
      const a = await createAuthority(store, { slug: "north", name: "North Council" });
      const s = new Scope(store, a.id, "test");
      const c = await s.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
      const m = await s.create("meeting", {
        committeeId: c.id,
        localDate: "2025-01-10",
        localTime: "18:00",
        startsAt: "2025-01-10T18:00:00Z",
        agendaPublishedAt: "2025-01-01T00:00:00Z",
      });
      const v1 = await s.create("agenda_item", {
        meetingId: m.id,
        number: "1",
        position: 1,
        title: "Quorvat bridge",
        description: "old words",
      });
      const v2 = await s.update("agenda_item", v1.id, { description: "pelnix repairs" });
      const v3 = await s.update("agenda_item", v1.id, { title: "Quorvat bridge works" });
      const paper = await s.create("document", {
        meetingId: m.id,
        kind: "report",
        title: "Zintrax report",
        publishedAt: "2025-01-01T00:00:00Z",
      });
      await s.create("document_page", { documentId: paper.id, pageNumber: 1, text: "the glorbent survey of the marsh" });
      // The search index as it was: bodies copied into search_entry, FTS without tags.
      const raw = store.db.withoutPlugins() as Kysely<any>;
      await searchTextOnceMigration(dialect).down(raw);
      await searchTagsMigration(dialect).down(raw);
      await raw.deleteFrom("moot_migration").where("name", "in", AGED).execute();
      const bodies = await sql<{ body: string }>`select body from search_entry where id = ${v1.id}`.execute(raw);
      expect(bodies.rows.map((r) => r.body)).toEqual(["pelnix repairs"]);
      // The trail as the code before these migrations wrote it: whole records on every row.
      const rows = await store.db.selectFrom("audit_entry").select(["id"]).where("recordId", "=", v1.id).orderBy("id").execute();
      const full: Array<[unknown, unknown]> = [
        [null, v1],
        [v1, v2],
        [v2, v3],
      ];
      for (const [i, r] of rows.entries())
        await store.db
          .updateTable("audit_entry")
          .set({ before: full[i]![0] ? JSON.stringify(full[i]![0]) : null, after: JSON.stringify(full[i]![1]) })
          .where("id", "=", r.id)
          .execute();

      const applied = (await migrate(store)).map((x) => x.migrationName);
      expect(applied.sort()).toEqual(AGED);

      const hits = await search(store, a.id, "pelnix", {}, { kind: "public" });
      expect(hits.map((h) => h.title)).toEqual(["Quorvat bridge works"]);
      expect((await recordHistory(s, "agenda_item", v1.id)).map((v) => v.record)).toEqual([v1, v2, v3]);
      const newRows = await store.db
        .selectFrom("audit_entry")
        .select(["operation", "after"])
        .where("recordId", "=", v1.id)
        .orderBy("id")
        .execute();
      expect(newRows[0]!.after).toBeNull();
      // Only what changed: the title, and the stamps every update moves (updatedAt, revision).
      expect(JSON.parse(newRows[2]!.after!)).toEqual({ title: "Quorvat bridge works", updatedAt: v3.updatedAt, revision: v3.revision });

      const pageHits = await search(store, a.id, "glorbent", {}, { kind: "public" });
      expect(pageHits.map((h) => [h.kind, h.title])).toEqual([["page", "Zintrax report"]]);
      expect(pageHits[0]!.snippet.replace(/[\u0002\u0003]/g, "")).toContain("glorbent survey of the marsh");

      await s.update("agenda_item", v1.id, { description: "vorpane" });
      expect(await search(store, a.id, "pelnix", {}, { kind: "public" })).toEqual([]);
      expect((await search(store, a.id, "vorpane", {}, { kind: "public" })).length).toBe(1);
    });
  });
}
