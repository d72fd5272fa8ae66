import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/** Every authority-owned record table at the time of this migration (written out: a migration stays what it was). */
const TABLES = [
  "committee",
  "person",
  "membership",
  "meeting",
  "agenda_item",
  "document",
  "document_page",
  "report_cover",
  "attendance",
  "minute",
  "declaration",
  "decision",
  "action",
  "action_update",
  "work_programme_item",
  "provenance",
  "registered_interest",
  "vote",
  "vote_position",
  "person_profile",
  "matter",
  "matter_step",
];

/**
 * No lost update, and a cache version that follows commit order.
 *
 * - Every record carries a `revision`, 1 when created and one more on each change; an update
 *   names the revision it was made from and changes nothing if the row has moved on.
 * - `data_version` holds one counter per authority, raised inside every writing transaction,
 *   so a commit that lands after a faster one still changes what page caches see.
 */
export function revisionsDataVersionMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      for (const t of TABLES) {
        await db.schema
          .alterTable(t)
          .addColumn("revision", "integer", (c) => c.notNull().defaultTo(1))
          .execute();
      }
      await db.schema
        .createTable("data_version")
        .addColumn("authority_id", "text", (c) => c.primaryKey().references("authority.id").onDelete("cascade"))
        .addColumn("version", dialect === "postgres" ? "bigint" : "integer", (c) => c.notNull())
        .addColumn("changed_at", "text", (c) => c.notNull())
        .execute();
      // Start from what the audit trail says, so caches built before this migration are replaced once.
      await sql`insert into data_version (authority_id, version, changed_at)
        select authority_id, count(*), max(at) from audit_entry group by authority_id`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable("data_version").ifExists().execute();
      for (const t of TABLES) await db.schema.alterTable(t).dropColumn("revision").execute();
    },
  };
}
