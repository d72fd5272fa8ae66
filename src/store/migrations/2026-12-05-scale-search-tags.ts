import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * SQLite search ranks and cuts inside the full-text index, before any join: each FTS row gains
 * a `tags` column of filter tokens (authority, kind, restricted, committee) that a MATCH can
 * require, so the index alone finds one council's visible hits and ranks only those; rows of
 * search_entry are read for the page of hits shown. Tags are a virtual generated column of
 * search_entry (FTS5 external content reads them from there), so nothing is stored twice.
 *
 * The FTS row is also rewritten only when what it indexes changes: the derived columns
 * search-index.ts refreshes on every write no longer churn the index.
 *
 * PostgreSQL needs nothing: its GIN query already filters, ranks and cuts before joining.
 */
export function searchTagsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect !== "sqlite") return;
      await sql`drop trigger if exists search_entry_ai`.execute(db);
      await sql`drop trigger if exists search_entry_ad`.execute(db);
      await sql`drop trigger if exists search_entry_au`.execute(db);
      await sql`drop table if exists search_fts`.execute(db);
      await sql`alter table search_entry add column tags text generated always as (${sql.raw(SEARCH_TAGS_SQL)}) virtual`.execute(db);
      await createFts(db, ["title", "body", "tags"]);
      await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (dialect !== "sqlite") return;
      for (const t of ["ai", "ad", "au"]) await sql`drop trigger if exists ${sql.raw(`search_entry_${t}`)}`.execute(db);
      await sql`drop table if exists search_fts`.execute(db);
      await sql`alter table search_entry drop column tags`.execute(db);
      await createFts(db, ["title", "body"]);
      await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
    },
  };
}

/**
 * Letters and digits only, so the unicode61 tokenizer keeps each token whole, and each ends in
 * a digit, which the porter stemmer never strips (no suffix rule ends in one): a tag is matched
 * exactly. The query side is `searchTags` in sqlite-dialect.ts.
 */
export const SEARCH_TAGS_SQL = `'auth' || replace(authority_id, '-', '') || '0 kind' || replace(kind, '-', '') || '0 restricted' || restricted || ' comm' || coalesce(replace(committee_id, '-', ''), 'none') || '0'`;

async function createFts(db: Kysely<any>, columns: string[]) {
  const cols = columns.join(", ");
  const news = columns.map((c) => `new.${c}`).join(", ");
  const olds = columns.map((c) => `old.${c}`).join(", ");
  const changed = columns.map((c) => `old.${c} is not new.${c}`).join(" or ");
  await sql`create virtual table search_fts using fts5(${sql.raw(cols)}, content='search_entry', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`create trigger search_entry_ai after insert on search_entry begin
    insert into search_fts(rowid, ${sql.raw(cols)}) values (new.rowid, ${sql.raw(news)}); end`.execute(db);
  await sql`create trigger search_entry_ad after delete on search_entry begin
    insert into search_fts(search_fts, rowid, ${sql.raw(cols)}) values ('delete', old.rowid, ${sql.raw(olds)}); end`.execute(db);
  await sql`create trigger search_entry_au after update on search_entry when ${sql.raw(changed)} begin
    insert into search_fts(search_fts, rowid, ${sql.raw(cols)}) values ('delete', old.rowid, ${sql.raw(olds)});
    insert into search_fts(rowid, ${sql.raw(cols)}) values (new.rowid, ${sql.raw(news)}); end`.execute(db);
}
