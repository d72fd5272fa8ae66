import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";
import { FileStore } from "../../src/store/files.js";
import { openStore, type Store } from "../../src/store/open.js";
import { originalInUse } from "../../src/store/queries/originals.js";
import { runCli } from "../support/run-cli.js";
import { DIALECTS, freshPostgresUrl } from "../support/stores.js";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "moot-two-workers-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const TABLES = [
  "authority",
  "committee",
  "person",
  "meeting",
  "agenda_item",
  "minute",
  "decision",
  "document",
  "document_page",
  "attendance",
] as const;

/** Rows that share a natural key: each query lists the keys held by more than one row. */
const NATURAL_KEY_DUPLICATES = [
  ["agenda items", sql`select meeting_id, number from agenda_item group by meeting_id, number having count(*) > 1`],
  ["minutes", sql`select meeting_id, number, version from minute group by meeting_id, number, version having count(*) > 1`],
  [
    "documents",
    sql`select authority_id, meeting_id, agenda_item_id, sha256, kind, source_page_from, source_page_to from document
      where sha256 is not null
      group by authority_id, meeting_id, agenda_item_id, sha256, kind, source_page_from, source_page_to having count(*) > 1`,
  ],
  ["committees", sql`select authority_id, slug from committee group by authority_id, slug having count(*) > 1`],
  ["decisions", sql`select minute_id, position from decision group by minute_id, position having count(*) > 1`],
  ["provenance", sql`select record_id, field, document_id from provenance group by record_id, field, document_id having count(*) > 1`],
] as const;

async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES)
    out[t] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0].n);
  return out;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: two workers import the same pack at once`, () => {
    it("make each meeting once, no duplicate rows and no orphan file", async () => {
      const dataDir = tmp();
      const pg = dialect === "postgres" ? await freshPostgresUrl() : null;
      const env = { MOOT_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
      // Migrated once first, so the two workers race on the import and not on creating tables.
      expect((await runCli(["migrate"], env)).code).toBe(0);
      const store = openStore({ dataDir, databaseUrl: pg?.url ?? null });
      try {
        const file = join(tmp(), "borsetshire-2024-04-10.txt");
        writeFileSync(file, BORSETSHIRE_PACK);
        const [a, b] = await Promise.all([runCli(["import", file], env), runCli(["import", file], env)]);
        expect(a.code, a.stderr).toBe(0);
        expect(b.code, b.stderr).toBe(0);
        const after = await counts(store);
        // The pack holds this meeting and the one whose minutes it approves: each once.
        const meetings =
          await sql`select committee_id, local_date, local_time from meeting group by committee_id, local_date, local_time having count(*) > 1`.execute(
            store.db,
          );
        expect(meetings.rows).toEqual([]);
        expect(after.meeting).toBe(2);
        expect(after.authority).toBe(1);
        // A third import changes nothing: the two left exactly what one import leaves.
        expect((await runCli(["import", file], env)).code).toBe(0);
        expect(await counts(store)).toEqual(after);
        // Nothing twice by its natural key: agenda items and minutes by meeting and printed number
        // (each version of a minute once), papers by meeting, item, original, kind and page range.
        for (const [what, query] of NATURAL_KEY_DUPLICATES) expect((await query.execute(store.db)).rows, what).toEqual([]);
        // Every page and decision belongs to one stored record, once.
        expect(after.document_page).toBe(
          Number(
            (await sql<{ n: number }>`select count(distinct document_id || ':' || page_number) as n from document_page`.execute(store.db))
              .rows[0].n,
          ),
        );
        const sha = FileStore.sha256(Buffer.from(BORSETSHIRE_PACK));
        expect(existsSync(store.files.pathOf(sha))).toBe(true);
        expect(readdirSync(join(dataDir, "files", ".claims"))).toEqual([]);
        const stored = readdirSync(join(dataDir, "files"))
          .filter((d) => /^[0-9a-f]{2}$/.test(d))
          .flatMap((d) => readdirSync(join(dataDir, "files", d)).map((f) => d + f));
        expect(stored).toEqual([sha]);
        expect(await originalInUse(store, sha)).toBe(true);
      } finally {
        await store.close();
        await pg?.drop();
      }
    }, 240_000);
  });
}
