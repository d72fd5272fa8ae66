import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Interoperability (issue 13): members' published profiles (ModernGov's councillor shape) and
 * the integer ids other systems address records by. `interop_ref` maps (authority, kind,
 * integer id) to a Moot record id: imported records keep their source system's id, so old
 * links keep working; Moot's own records are numbered after them.
 */
export function interopMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("person_profile")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("person_id", "text", (c) => c.notNull().references("person.id"))
        .addColumn("photo_small_url", "text")
        .addColumn("photo_big_url", "text")
        .addColumn("district", "text")
        .addColumn("representing", "text")
        .addColumn("key_posts", "text")
        .addColumn("work_address", "text", (c) => c.notNull())
        .addColumn("home_address", "text", (c) => c.notNull())
        .addColumn("surgery", "text")
        .addColumn("terms", "text")
        .addColumn("list_order", "integer")
        .execute();
      await db.schema.createIndex("person_profile_person_id_idx").on("person_profile").column("person_id").unique().execute();
      await db.schema
        .createTable("interop_ref")
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("mg_id", "integer", (c) => c.notNull())
        .addColumn("record_id", "text", (c) => c.notNull())
        .addColumn("imported", "integer", (c) => c.notNull())
        .addColumn("source_url", "text")
        .addPrimaryKeyConstraint("interop_ref_pk", ["authority_id", "kind", "mg_id"])
        .execute();
      await db.schema
        .createIndex("interop_ref_record_idx")
        .on("interop_ref")
        .columns(["authority_id", "kind", "record_id"])
        .unique()
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ["interop_ref", "person_profile"]) await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
