import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * The records model, one table per domain record. Booleans are integers and nested values
 * JSON text on both dialects (codec.ts). Columns are spelled out here, not derived from the
 * zod schemas, so that this migration stays what it was when later ones change the model.
 */
type Col = [name: string, type: "text" | "integer" | "real", spec?: string];

const base: Col[] = [
  ["id", "text", "pk"],
  ["authority_id", "text", "nn ref:authority"],
  ["created_at", "text", "nn"],
  ["updated_at", "text", "nn"],
];

const tables: Record<string, Col[]> = {
  committee: [
    ["slug", "text", "nn"],
    ["name", "text", "nn"],
    ["kind", "text", "nn"],
    ["parent_id", "text", "ref:committee"],
    ["active_from", "text"],
    ["active_to", "text"],
    ["minute_scheme", "text", "nn"],
    ["description", "text"],
  ],
  person: [
    ["slug", "text", "nn"],
    ["name", "text", "nn"],
    ["honorific", "text"],
    ["kind", "text", "nn"],
    ["party", "text"],
    ["ward", "text"],
    ["post", "text"],
    ["service", "text"],
    ["email", "text"],
  ],
  membership: [
    ["person_id", "text", "nn ref:person"],
    ["committee_id", "text", "nn ref:committee"],
    ["role", "text", "nn"],
    ["kind", "text", "nn"],
    ["co_opted_kind", "text"],
    ["representing", "text"],
    ["from_date", "text"],
    ["to_date", "text"],
  ],
  meeting: [
    ["committee_id", "text", "nn ref:committee"],
    ["local_date", "text", "nn"],
    ["local_time", "text"],
    ["starts_at", "text", "nn"],
    ["title", "text"],
    ["venue", "text"],
    ["status", "text", "nn"],
    ["agenda_published_at", "text"],
    ["contact_officer", "text"],
    ["webcast_url", "text"],
    ["status_note", "text"],
  ],
  agenda_item: [
    ["meeting_id", "text", "nn ref:meeting"],
    ["number", "text", "nn"],
    ["position", "integer", "nn"],
    ["title", "text", "nn"],
    ["description", "text"],
    ["kind", "text", "nn"],
    ["page_from", "integer"],
    ["page_to", "integer"],
    ["to_follow", "integer", "nn"],
    ["verbal", "integer", "nn"],
    ["exempt_paragraph", "integer"],
    ["urgency_reason", "text"],
  ],
  document: [
    ["meeting_id", "text", "ref:meeting"],
    ["agenda_item_id", "text", "ref:agenda_item"],
    ["kind", "text", "nn"],
    ["title", "text", "nn"],
    ["sha256", "text"],
    ["file_name", "text"],
    ["media_type", "text"],
    ["byte_size", "integer"],
    ["page_count", "integer", "nn"],
    ["source_page_from", "integer"],
    ["source_page_to", "integer"],
    ["exempt_paragraph", "integer"],
    ["published_at", "text"],
  ],
  document_page: [
    ["document_id", "text", "nn ref:document"],
    ["page_number", "integer", "nn"],
    ["printed_number", "integer"],
    ["text", "text", "nn"],
  ],
  report_cover: [
    ["agenda_item_id", "text", "nn ref:agenda_item"],
    ["document_id", "text", "ref:document"],
    ["title", "text"],
    ["author", "text"],
    ["service", "text"],
    ["wards", "text"],
    ["purpose", "text"],
    ["recommendations", "text"],
    ["implications", "text"],
  ],
  attendance: [
    ["meeting_id", "text", "nn ref:meeting"],
    ["person_id", "text", "nn ref:person"],
    ["status", "text", "nn"],
    ["capacity", "text", "nn"],
    ["substitute_for_id", "text", "ref:person"],
    ["note", "text"],
  ],
  minute: [
    ["meeting_id", "text", "nn ref:meeting"],
    ["agenda_item_id", "text", "ref:agenda_item"],
    ["number", "text", "nn"],
    ["position", "integer", "nn"],
    ["title", "text", "nn"],
    ["text", "text", "nn"],
    ["status", "text", "nn"],
    ["version", "integer", "nn"],
    ["supersedes_id", "text", "ref:minute"],
    ["correction_reason", "text"],
    ["approved_at", "text"],
    ["approved_at_meeting_id", "text", "ref:meeting"],
  ],
  declaration: [
    ["meeting_id", "text", "nn ref:meeting"],
    ["agenda_item_id", "text", "ref:agenda_item"],
    ["person_id", "text", "nn ref:person"],
    ["type", "text", "nn"],
    ["nature", "text", "nn"],
    ["dispensation", "text"],
    ["item_as_printed", "text"],
  ],
  decision: [
    ["meeting_id", "text", "nn ref:meeting"],
    ["minute_id", "text", "ref:minute"],
    ["agenda_item_id", "text", "ref:agenda_item"],
    ["position", "integer", "nn"],
    ["text", "text", "nn"],
    ["kind", "text", "nn"],
    ["decided_on", "text", "nn"],
  ],
  action: [
    ["committee_id", "text", "ref:committee"],
    ["meeting_id", "text", "ref:meeting"],
    ["decision_id", "text", "ref:decision"],
    ["parent_action_id", "text", "ref:action"],
    ["origin", "text", "nn"],
    ["source_title", "text"],
    ["ref", "text"],
    ["text", "text", "nn"],
    ["owner_text", "text"],
    ["owner_person_id", "text", "ref:person"],
    ["due_date", "text"],
    ["due_text", "text"],
    ["status", "text", "nn"],
    ["status_as_printed", "text"],
    ["executive_response", "text"],
    ["success_measure", "text"],
    ["review_due", "text"],
    ["completed_on", "text"],
  ],
  action_update: [
    ["action_id", "text", "nn ref:action"],
    ["on_date", "text", "nn"],
    ["text", "text", "nn"],
    ["status", "text"],
    ["by_name", "text"],
  ],
  work_programme_item: [
    ["committee_id", "text", "nn ref:committee"],
    ["meeting_id", "text", "ref:meeting"],
    ["planned_text", "text"],
    ["topic", "text", "nn"],
    ["reason", "text"],
    ["responsible", "text"],
    ["paper", "text"],
    ["score", "integer"],
    ["status", "text", "nn"],
    ["recurrence", "text", "nn"],
  ],
  provenance: [
    ["record_table", "text", "nn"],
    ["record_id", "text", "nn"],
    ["field", "text", "nn"],
    ["document_id", "text", "nn ref:document"],
    ["page", "integer", "nn"],
    ["span_start", "integer", "nn"],
    ["span_end", "integer", "nn"],
    ["extractor", "text", "nn"],
    ["confidence", "real", "nn"],
  ],
};

const indexes: Array<[table: string, columns: string[], unique?: boolean]> = [
  ["committee", ["authority_id", "slug"], true],
  ["person", ["authority_id", "slug"], true],
  ["membership", ["committee_id"]],
  ["membership", ["person_id"]],
  ["meeting", ["committee_id", "local_date"]],
  ["meeting", ["authority_id", "starts_at"]],
  ["agenda_item", ["meeting_id", "position"]],
  ["document", ["meeting_id"]],
  ["document", ["agenda_item_id"]],
  ["document", ["authority_id", "sha256"]],
  ["document_page", ["document_id", "page_number"], true],
  ["report_cover", ["agenda_item_id"]],
  ["attendance", ["meeting_id"]],
  ["attendance", ["person_id"]],
  ["minute", ["meeting_id", "position"]],
  ["declaration", ["meeting_id"]],
  ["declaration", ["person_id"]],
  ["decision", ["meeting_id"]],
  ["decision", ["authority_id", "decided_on"]],
  ["action", ["committee_id", "status"]],
  ["action", ["decision_id"]],
  ["action_update", ["action_id"]],
  ["work_programme_item", ["committee_id"]],
  ["provenance", ["record_table", "record_id"]],
  ["audit_entry", ["table_name", "record_id"]],
  ["audit_entry", ["authority_id", "at"]],
  ["search_entry", ["record_id"]],
  ["search_entry", ["meeting_id"]],
  ["search_entry", ["agenda_item_id"]],
  ["search_entry", ["document_id"]],
];

export function recordsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("authority")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("timezone", "text", (c) => c.notNull())
        .addColumn("website", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      for (const [table, cols] of Object.entries(tables)) {
        let t = db.schema.createTable(table);
        for (const [name, type, spec = ""] of [...base, ...cols]) {
          const ref = /ref:(\w+)/.exec(spec)?.[1];
          t = t.addColumn(name, type === "real" ? (dialect === "postgres" ? "double precision" : "real") : type, (c) => {
            let col = c;
            if (spec.includes("pk")) col = col.primaryKey();
            if (spec.includes("nn")) col = col.notNull();
            // Records of one authority are removed together, so children follow their parent.
            if (ref)
              col = col
                .references(`${ref}.id`)
                .onDelete(ref === "authority" || (name.endsWith("_id") && spec.includes("nn")) ? "cascade" : "set null");
            return col;
          });
        }
        await t.execute();
      }
      await db.schema
        .createTable("audit_entry")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("table_name", "text", (c) => c.notNull())
        .addColumn("record_id", "text", (c) => c.notNull())
        .addColumn("operation", "text", (c) => c.notNull())
        .addColumn("before", "text")
        .addColumn("after", "text")
        .addColumn("reason", "text")
        .execute();
      await db.schema
        .createTable("search_entry")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("record_id", "text", (c) => c.notNull())
        .addColumn("meeting_id", "text")
        .addColumn("document_id", "text")
        .addColumn("agenda_item_id", "text")
        .addColumn("page_number", "integer")
        // Copied from the meeting, item and document so search needs no joins; search-index.ts keeps them in step.
        .addColumn("committee_id", "text")
        .addColumn("meeting_date", "text")
        .addColumn("restricted", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .execute();
      for (const [table, columns, unique] of indexes) {
        let ix = db.schema
          .createIndex(`${table}_${columns.join("_")}_idx`)
          .on(table)
          .columns(columns);
        if (unique) ix = ix.unique();
        await ix.execute();
      }
      if (dialect === "sqlite") {
        await sql`create virtual table search_fts using fts5(title, body, content='search_entry', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')`.execute(
          db,
        );
        await sql`create trigger search_entry_ai after insert on search_entry begin
          insert into search_fts(rowid, title, body) values (new.rowid, new.title, new.body); end`.execute(db);
        await sql`create trigger search_entry_ad after delete on search_entry begin
          insert into search_fts(search_fts, rowid, title, body) values ('delete', old.rowid, old.title, old.body); end`.execute(db);
        await sql`create trigger search_entry_au after update on search_entry begin
          insert into search_fts(search_fts, rowid, title, body) values ('delete', old.rowid, old.title, old.body);
          insert into search_fts(rowid, title, body) values (new.rowid, new.title, new.body); end`.execute(db);
      } else {
        // Punctuation becomes space before parsing, as in search-query.ts, so "24/00123/FUL"
        // is three adjacent words on both sides rather than one PostgreSQL "file" token.
        await sql`alter table search_entry add column tsv tsvector generated always as (
          setweight(to_tsvector('english', regexp_replace(coalesce(title, ''), '[^[:alnum:][:space:]]+', ' ', 'g')), 'A') ||
          setweight(to_tsvector('english', regexp_replace(body, '[^[:alnum:][:space:]]+', ' ', 'g')), 'B')) stored`.execute(db);
        await sql`create index search_entry_tsv_idx on search_entry using gin (tsv)`.execute(db);
      }
    },
    async down(db: Kysely<any>) {
      if (dialect === "sqlite") await sql`drop table if exists search_fts`.execute(db);
      for (const t of ["search_entry", "audit_entry", ...Object.keys(tables).reverse(), "authority"]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
