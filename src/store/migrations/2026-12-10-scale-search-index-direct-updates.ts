import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * PostgreSQL: the search index takes each new entry into its tree as it is written
 * (fastupdate off), instead of into a pending list that every search then reads from end to end
 * until a vacuum merges it. Imports and edits went to the pending list, which grows to
 * gin_pending_list_limit (4 MB) between vacuums, and longer where autovacuum is slow or off: on
 * a 10-council estate after a few imports, 268 pending pages made the index's part of a search
 * 3.7 ms where the merged index took 0.35 ms (a whole search: 7.2 ms to 5.9 ms at the median).
 * Writing an entry costs a little more; a search, read far more often, costs less and the same
 * however long since the last vacuum. What is pending now is merged here.
 *
 * SQLite needs nothing: FTS5 merges its own segments as it writes.
 */
export function searchIndexDirectUpdatesMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect !== "postgres") return;
      await sql`alter index search_entry_authority_tsv_idx set (fastupdate = off)`.execute(db);
      await sql`select gin_clean_pending_list('search_entry_authority_tsv_idx'::regclass)`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (dialect !== "postgres") return;
      await sql`alter index search_entry_authority_tsv_idx reset (fastupdate)`.execute(db);
    },
  };
}
