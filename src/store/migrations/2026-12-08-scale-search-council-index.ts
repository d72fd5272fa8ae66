import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * PostgreSQL: one GIN index over (authority_id, tsv) in place of the index over tsv alone, so a
 * search finds only its own council's matches inside the index, instead of every council's
 * matches filtered afterwards: with a hundred councils in one database, a common word matched
 * a hundred times the rows it needed to. btree_gin (a trusted contrib extension: the database's
 * owner may create it) gives GIN the text column. The index still serves a query on tsv alone.
 *
 * SQLite needs nothing: its FTS tags already put the council inside the index (search-tags).
 */
export function searchCouncilIndexMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect !== "postgres") return;
      await sql`create extension if not exists btree_gin`.execute(db);
      await sql`create index search_entry_authority_tsv_idx on search_entry using gin (authority_id, tsv)`.execute(db);
      await sql`drop index if exists search_entry_tsv_idx`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (dialect !== "postgres") return;
      await sql`create index if not exists search_entry_tsv_idx on search_entry using gin (tsv)`.execute(db);
      await sql`drop index if exists search_entry_authority_tsv_idx`.execute(db);
    },
  };
}
