import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Many authorities on one deployment: each has host names that serve it at `/`, the other
 * spellings packs print for it (import matches them), a short name and wordmark text.
 * Lists are JSON text on both dialects, like every nested value (codec.ts).
 */
export function tenancyAuthorityHostsAliasesMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable("authority").addColumn("short_name", "text").execute();
      await db.schema.alterTable("authority").addColumn("logo_text", "text").execute();
      await db.schema
        .alterTable("authority")
        .addColumn("hosts", "text", (c) => c.notNull().defaultTo("[]"))
        .execute();
      await db.schema
        .alterTable("authority")
        .addColumn("aliases", "text", (c) => c.notNull().defaultTo("[]"))
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const c of ["short_name", "logo_text", "hosts", "aliases"]) await db.schema.alterTable("authority").dropColumn(c).execute();
    },
  };
}
