import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Matters followed across meetings (src/domain/matter.ts) and their history; the call-in
 * period on decisions (domain/forward-plan.ts); each authority's call-in length.
 */
export function mattersMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("matter")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("reference", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("summary", "text")
        .addColumn("key_decision", "integer", (c) => c.notNull())
        .addColumn("decision_maker_id", "text", (c) => c.references("committee.id").onDelete("set null"))
        .addColumn("expected_on", "text")
        .addColumn("notice_published_on", "text")
        .addColumn("notice_exception", "text")
        .addColumn("lead_member", "text")
        .execute();
      // One reference names one matter in an authority: the importer finds "24/00108" again by it.
      await db.schema.createIndex("matter_reference_uq").on("matter").columns(["authority_id", "reference"]).unique().execute();
      await db.schema
        .createIndex("matter_forward_plan_idx")
        .on("matter")
        .columns(["authority_id", "key_decision", "expected_on"])
        .execute();
      await db.schema
        .createTable("matter_step")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("matter_id", "text", (c) => c.notNull().references("matter.id").onDelete("cascade"))
        .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
        .addColumn("agenda_item_id", "text", (c) => c.references("agenda_item.id").onDelete("cascade"))
        .addColumn("decision_id", "text", (c) => c.references("decision.id").onDelete("cascade"))
        .addColumn("document_id", "text", (c) => c.references("document.id").onDelete("cascade"))
        .addColumn("note", "text")
        .addColumn("linked_by", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("matter_step_matter_idx").on("matter_step").column("matter_id").execute();
      await db.schema.createIndex("matter_step_meeting_idx").on("matter_step").column("meeting_id").execute();
      await db.schema.createIndex("matter_step_decision_idx").on("matter_step").column("decision_id").execute();
      for (const col of ["call_in_from", "call_in_ends_on", "called_in_at", "call_in_reason", "call_in_ended_at", "implemented_at"])
        await db.schema.alterTable("decision").addColumn(col, "text").execute();
      await db.schema
        .alterTable("authority")
        .addColumn("call_in_working_days", "integer", (c) => c.notNull().defaultTo(5))
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ["matter_step", "matter"]) await db.schema.dropTable(t).ifExists().execute();
      for (const col of ["call_in_from", "call_in_ends_on", "called_in_at", "call_in_reason", "call_in_ended_at", "implemented_at"])
        await db.schema.alterTable("decision").dropColumn(col).execute();
      await db.schema.alterTable("authority").dropColumn("call_in_working_days").execute();
    },
  };
}
