import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Page text (and minute, decision and item text) is stored once, in its record. A search entry
 * keeps only what search filters and ranks by (council, kind, committee, date, restricted,
 * title); its body is read from the record it indexes.
 *
 * - SQLite: the FTS5 table's external content is the view `search_content`, which reads each
 *   entry's body from its record. FTS5 needs the exact old text to remove a row from the index,
 *   so triggers on the record tables take a changed text out of the index before the change
 *   (with `old.text`) and put it back after, and a record's delete removes its entry first,
 *   while the text is still there to read.
 * - PostgreSQL: `tsv` is an ordinary column (a generated one may not read another table),
 *   written by search-index.ts from the record's text in the same statement as the entry; the
 *   GIN index and queries are unchanged, and snippets read the record's text for the shown hits.
 *
 * The upgrade computes the index from the bodies still on search_entry, then drops them.
 */
export function searchTextOnceMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect === "sqlite") {
        for (const t of ["ai", "ad", "au"]) await sql`drop trigger if exists ${sql.raw(`search_entry_${t}`)}`.execute(db);
        await sql`drop table if exists search_fts`.execute(db);
        await sql`alter table search_entry drop column body`.execute(db);
        await createContentView(db);
        await sql`create virtual table search_fts using fts5(title, body, tags, content='search_content', content_rowid='rid', tokenize='porter unicode61 remove_diacritics 2')`.execute(
          db,
        );
        await createSqliteTriggers(db);
        await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
        return;
      }
      // The generated vector keeps its values as a plain column (and its GIN index); the body
      // goes. PostgreSQL reuses the dropped column's space as rows are rewritten (VACUUM FULL
      // search_entry returns it at once).
      await sql`alter table search_entry alter column tsv drop expression`.execute(db);
      await sql`alter table search_entry drop column body`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (dialect === "sqlite") {
        await dropSqliteTriggers(db);
        await sql`drop table if exists search_fts`.execute(db);
        await sql`drop view if exists search_content`.execute(db);
        await sql`alter table search_entry add column body text not null default ''`.execute(db);
        await sql`update search_entry set body = coalesce(${sql.raw(searchBodySql("search_entry"))}, '')`.execute(db);
        // As 2026-12-05-scale-search-tags left it: FTS5 over search_entry's own columns.
        await sql`create virtual table search_fts using fts5(title, body, tags, content='search_entry', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')`.execute(
          db,
        );
        await sql`create trigger search_entry_ai after insert on search_entry begin
          insert into search_fts(rowid, title, body, tags) values (new.rowid, new.title, new.body, new.tags); end`.execute(db);
        await sql`create trigger search_entry_ad after delete on search_entry begin
          insert into search_fts(search_fts, rowid, title, body, tags) values ('delete', old.rowid, old.title, old.body, old.tags); end`.execute(
          db,
        );
        await sql`create trigger search_entry_au after update on search_entry when old.title is not new.title or old.body is not new.body or old.tags is not new.tags begin
          insert into search_fts(search_fts, rowid, title, body, tags) values ('delete', old.rowid, old.title, old.body, old.tags);
          insert into search_fts(rowid, title, body, tags) values (new.rowid, new.title, new.body, new.tags); end`.execute(db);
        await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
        return;
      }
      await sql`alter table search_entry add column body text not null default ''`.execute(db);
      await sql`update search_entry set body = coalesce(${sql.raw(searchBodySql("search_entry"))}, '')`.execute(db);
      await sql`alter table search_entry drop column tsv`.execute(db);
      await sql`alter table search_entry add column tsv tsvector generated always as (
          setweight(to_tsvector('english', regexp_replace(coalesce(title, ''), '[^[:alnum:][:space:]]+', ' ', 'g')), 'A') ||
          setweight(to_tsvector('english', regexp_replace(body, '[^[:alnum:][:space:]]+', ' ', 'g')), 'B')) stored`.execute(db);
      await sql`create index search_entry_tsv_idx on search_entry using gin (tsv)`.execute(db);
    },
  };
}

/** The records whose text search indexes: table, text column (as SQL on `old`/`new`), entry kind. */
const TEXT_SOURCES = [
  { table: "document_page", column: "text", kind: "page", value: (row: string) => `${row}.text` },
  { table: "minute", column: "text", kind: "minute", value: (row: string) => `${row}.text` },
  { table: "decision", column: "text", kind: "decision", value: (row: string) => `${row}.text` },
  { table: "agenda_item", column: "description", kind: "agenda-item", value: (row: string) => `coalesce(${row}.description, '')` },
] as const;

/**
 * An entry's body, read from its record (SQL over a row `alias` of search_entry): a page's
 * text, a minute's or decision's text, an agenda item's description ('' when it has none).
 */
export function searchBodySql(alias: string): string {
  const arms = TEXT_SOURCES.map(
    (s) => `when '${s.kind}' then (select ${s.value("sb")} from ${s.table} sb where sb.id = ${alias}.record_id)`,
  ).join(" ");
  return `(case ${alias}.kind ${arms} end)`;
}

/**
 * The title-weighted vector of an entry (PostgreSQL). Punctuation becomes space before parsing,
 * as in search-query.ts, so "24/00123/FUL" is three adjacent words on both sides.
 */
export function searchVectorSql(title: string, body: string): string {
  return `(setweight(to_tsvector('english', regexp_replace(coalesce(${title}, ''), '[^[:alnum:][:space:]]+', ' ', 'g')), 'A') ||
    setweight(to_tsvector('english', regexp_replace(coalesce(${body}, ''), '[^[:alnum:][:space:]]+', ' ', 'g')), 'B'))`;
}

async function createContentView(db: Kysely<any>) {
  await sql`create view search_content as
    select s.rowid as rid, s.title, ${sql.raw(searchBodySql("s"))} as body, s.tags from search_entry s`.execute(db);
}

const TRIGGERS = [
  "search_entry_ai",
  "search_entry_ad",
  "search_entry_au",
  ...TEXT_SOURCES.flatMap((s) => [`${s.table}_search_bu`, `${s.table}_search_au`, `${s.table}_search_bd`]),
];

async function dropSqliteTriggers(db: Kysely<any>) {
  for (const t of TRIGGERS) await sql`drop trigger if exists ${sql.raw(t)}`.execute(db);
}

async function createSqliteTriggers(db: Kysely<any>) {
  const bodyNew = searchBodySql("new");
  const bodyOld = searchBodySql("old");
  await sql`create trigger search_entry_ai after insert on search_entry begin
    insert into search_fts(rowid, title, body, tags) values (new.rowid, new.title, ${sql.raw(bodyNew)}, new.tags); end`.execute(db);
  // The record is still there (a record's delete removes its entry first), so its text is what was indexed.
  await sql`create trigger search_entry_ad after delete on search_entry begin
    insert into search_fts(search_fts, rowid, title, body, tags) values ('delete', old.rowid, old.title, ${sql.raw(bodyOld)}, old.tags); end`.execute(
    db,
  );
  // Derived columns change often (search-index.ts); the index only when the title or tags do.
  await sql`create trigger search_entry_au after update on search_entry when old.title is not new.title or old.tags is not new.tags begin
    insert into search_fts(search_fts, rowid, title, body, tags) values ('delete', old.rowid, old.title, ${sql.raw(bodyOld)}, old.tags);
    insert into search_fts(rowid, title, body, tags) values (new.rowid, new.title, ${sql.raw(bodyNew)}, new.tags); end`.execute(db);
  for (const s of TEXT_SOURCES) {
    const changed = `old.${s.column} is not new.${s.column}`;
    await sql`create trigger ${sql.raw(`${s.table}_search_bu`)} before update of ${sql.raw(s.column)} on ${sql.raw(s.table)} when ${sql.raw(changed)} begin
      insert into search_fts(search_fts, rowid, title, body, tags)
        select 'delete', se.rowid, se.title, ${sql.raw(s.value("old"))}, se.tags from search_entry se where se.id = old.id and se.kind = '${sql.raw(s.kind)}'; end`.execute(
      db,
    );
    await sql`create trigger ${sql.raw(`${s.table}_search_au`)} after update of ${sql.raw(s.column)} on ${sql.raw(s.table)} when ${sql.raw(changed)} begin
      insert into search_fts(rowid, title, body, tags)
        select se.rowid, se.title, ${sql.raw(s.value("new"))}, se.tags from search_entry se where se.id = new.id and se.kind = '${sql.raw(s.kind)}'; end`.execute(
      db,
    );
    await sql`create trigger ${sql.raw(`${s.table}_search_bd`)} before delete on ${sql.raw(s.table)} begin
      delete from search_entry where id = old.id; end`.execute(db);
  }
}
