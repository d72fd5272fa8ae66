import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Postcode → ward, per authority, for ModernGov's GetCouncillorsByPostcode. Loaded from the
 * ONS postcode directory (or any postcode,ward list) by `moot postcodes import`; the ward is
 * the name councillors' records carry. Reference data published by the ONS, not a council
 * record: no audit trail, replaced wholesale when boundaries change.
 */
export function wardPostcodesMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("ward_postcode")
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("postcode", "text", (c) => c.notNull())
        .addColumn("ward", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("ward_postcode_pk", ["authority_id", "postcode"])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable("ward_postcode").ifExists().execute();
    },
  };
}
