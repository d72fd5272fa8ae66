import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Votes and the members' positions in recorded votes (src/domain/vote.ts). A vote belongs
 * to its meeting (and goes with it); a position belongs to its vote and its person.
 */
export function votesMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("vote")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
        .addColumn("minute_id", "text", (c) => c.references("minute.id").onDelete("set null"))
        .addColumn("agenda_item_id", "text", (c) => c.references("agenda_item.id").onDelete("set null"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("question", "text", (c) => c.notNull())
        .addColumn("result", "text", (c) => c.notNull())
        .addColumn("method", "text", (c) => c.notNull())
        .addColumn("for_count", "integer", (c) => c.notNull())
        .addColumn("against_count", "integer", (c) => c.notNull())
        .addColumn("abstain_count", "integer", (c) => c.notNull())
        .addColumn("note", "text")
        .execute();
      await db.schema.createIndex("vote_meeting_id_idx").on("vote").columns(["meeting_id", "position"]).execute();
      await db.schema.createIndex("vote_minute_id_idx").on("vote").column("minute_id").execute();
      await db.schema
        .createTable("vote_position")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("vote_id", "text", (c) => c.notNull().references("vote.id").onDelete("cascade"))
        .addColumn("person_id", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
        .addColumn("position", "text", (c) => c.notNull())
        .addColumn("name_as_printed", "text")
        .execute();
      await db.schema.createIndex("vote_position_vote_id_idx").on("vote_position").column("vote_id").execute();
      await db.schema.createIndex("vote_position_person_id_idx").on("vote_position").column("person_id").execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ["vote_position", "vote"]) await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
