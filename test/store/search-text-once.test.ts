import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { search } from "../../src/store/search.js";
import { londonToInstant } from "../../src/domain/time.js";
import type { Viewer } from "../../src/domain/viewer.js";

const PUBLIC: Viewer = { kind: "public" };
const CLERK: Viewer = { kind: "clerk" };

/**
 * Page text (and minute, decision and item text) is stored once, in its record: no other
 * table or column of the database holds it, while search still finds it, shows it in snippets,
 * follows every change to it and never shows an exempt page to the public.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: search text is stored once`, () => {
    let store: TestStore;
    let s: Scope;
    const ids: Record<string, string> = {};
    const PAGE = "The quillstrom embankment survey found seven culverts blocked beside the tannery.";
    const MINUTE = "Members noted the vendrick parking review and asked for a report.";
    beforeAll(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "wessex", name: "Wessex", timezone: "Europe/London", website: null });
      s = new Scope(store, a.id, "test");
      const c = await s.create("committee", { slug: "highways", name: "Highways", kind: "regulatory" });
      const m = await s.create("meeting", {
        committeeId: c.id,
        localDate: "2025-02-04",
        localTime: "10:00",
        startsAt: londonToInstant("2025-02-04", "10:00"),
        agendaPublishedAt: "2025-01-20T12:00:00Z",
        minutesPublishedAt: "2025-02-20T12:00:00Z",
      });
      const item = await s.create("agenda_item", {
        meetingId: m.id,
        number: "4",
        position: 4,
        title: "Drainage",
        description: "Repairs to the outfall",
      });
      const secret = await s.create("agenda_item", { meetingId: m.id, number: "9", position: 9, title: "Land sale", exemptParagraph: 3 });
      const doc = await s.create("document", {
        meetingId: m.id,
        agendaItemId: item.id,
        kind: "report",
        title: "Drainage report",
        pageCount: 1,
      });
      const page = await s.create("document_page", { documentId: doc.id, pageNumber: 1, text: PAGE });
      const secretDoc = await s.create("document", {
        meetingId: m.id,
        agendaItemId: secret.id,
        kind: "report",
        title: "Land sale",
        pageCount: 1,
      });
      await s.create("document_page", { documentId: secretDoc.id, pageNumber: 1, text: "The ombrix offer for the depot is confidential." });
      const minute = await s.create("minute", {
        meetingId: m.id,
        agendaItemId: item.id,
        number: "12",
        position: 1,
        title: "Parking",
        text: MINUTE,
      });
      Object.assign(ids, { authority: a.id, doc: doc.id, page: page.id, minute: minute.id, secretDoc: secretDoc.id });
    });
    afterAll(async () => store?.cleanup());

    /** Every table and text-like column of the database that holds `needle`, as "table.column". */
    async function holders(needle: string): Promise<string[]> {
      const found: string[] = [];
      const like = `%${needle}%`;
      if (dialect === "sqlite") {
        const tables = await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL TABLE%'`.execute(store.db);
        // Real tables only, FTS5's own shadow tables included; the FTS table itself reads its
        // columns through the content view, so it holds nothing to find.
        for (const { name } of tables.rows) {
          const cols = await sql<{ name: string }>`select name from pragma_table_xinfo(${name})`.execute(store.db);
          for (const col of cols.rows) {
            const r = await sql<{
              n: number;
            }>`select count(*) as n from ${sql.table(name)} where cast(${sql.ref(col.name)} as text) like ${like}`.execute(store.db);
            if (Number(r.rows[0]!.n) > 0) found.push(`${name}.${col.name}`);
          }
        }
      } else {
        const cols = await sql<{ t: string; c: string }>`
          select c.table_name as t, c.column_name as c from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(store.db);
        for (const c of cols.rows) {
          const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(c.t)} where ${sql.ref(c.c)}::text like ${like}`.execute(
            store.db,
          );
          if (Number(r.rows[0]!.n) > 0) found.push(`${c.t}.${c.c}`);
        }
      }
      return found.sort();
    }

    it("keeps a page's and a minute's text only in their own rows", async () => {
      expect(await holders("quillstrom embankment survey")).toEqual(["document_page.text"]);
      expect(await holders("vendrick parking review")).toEqual(["minute.text"]);
      if (dialect === "sqlite") {
        // External content: FTS5 keeps no copy of its own (no search_fts_content table).
        const shadow = await sql<{ name: string }>`select name from sqlite_master where name like 'search_fts%' order by name`.execute(
          store.db,
        );
        expect(shadow.rows.map((r) => r.name)).not.toContain("search_fts_content");
      }
      const cols = await sql<{ name: string }>`${
        dialect === "sqlite"
          ? sql`select name from pragma_table_xinfo('search_entry')`
          : sql`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'search_entry'`
      }`.execute(store.db);
      expect(cols.rows.map((r) => r.name)).not.toContain("body");
    });

    it("finds the text, snippets it from the record, and follows edits, renames and deletes", async () => {
      const hits = await search(store, ids.authority!, "culverts", {}, PUBLIC);
      expect(hits.map((h) => [h.kind, h.title])).toEqual([["page", "Drainage report"]]);
      expect(hits[0]!.snippet.replace(/[\u0002\u0003]/g, "")).toContain("seven culverts blocked");
      expect((await search(store, ids.authority!, "vendrick", {}, PUBLIC)).map((h) => h.kind)).toEqual(["minute"]);

      await s.update("document_page", ids.page!, { text: "The survey found a collapsed sluice gate." });
      expect(await search(store, ids.authority!, "culverts", {}, PUBLIC)).toEqual([]);
      expect((await search(store, ids.authority!, "sluice", {}, PUBLIC)).map((h) => h.title)).toEqual(["Drainage report"]);

      await s.update("document", ids.doc!, { title: "Sluice inspection" });
      expect((await search(store, ids.authority!, "sluice", {}, PUBLIC)).map((h) => h.title)).toEqual(["Sluice inspection"]);
      expect((await search(store, ids.authority!, "inspection", {}, PUBLIC)).map((h) => h.title)).toEqual(["Sluice inspection"]);

      await s.update("minute", ids.minute!, { text: "Members deferred the item." });
      expect(await search(store, ids.authority!, "vendrick", {}, PUBLIC)).toEqual([]);
      expect((await search(store, ids.authority!, "deferred", {}, PUBLIC)).map((h) => h.kind)).toEqual(["minute"]);

      await s.delete("document_page", ids.page!);
      expect(await search(store, ids.authority!, "sluice", {}, PUBLIC)).toEqual([]);
      if (dialect === "sqlite") {
        // The index agrees with its content (the view over the records) after all of that.
        await sql`insert into search_fts(search_fts) values ('integrity-check')`.execute(store.db);
      }
    });

    it("never shows an exempt page to the public; a clerk finds it", async () => {
      expect(await search(store, ids.authority!, "ombrix", {}, PUBLIC)).toEqual([]);
      const clerk = await search(store, ids.authority!, "ombrix", {}, CLERK);
      expect(clerk.map((h) => h.documentId)).toEqual([ids.secretDoc]);
    });
  });
}
