import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Platform administrators: accounts of the deployment, not of any council. They manage the
 * authorities (add, rename, host names, logo text) and nothing else; a council's editor,
 * drafts and exempt papers stay with that council's own accounts. Failed sign-ins are counted
 * on the account, which locks for a while after too many.
 */
export function platformAdminsMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("platform_account")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("username", "text", (c) => c.notNull().unique())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("disabled", "integer", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("locked_until", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("platform_session")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.notNull().references("platform_account.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable("platform_session").ifExists().execute();
      await db.schema.dropTable("platform_account").ifExists().execute();
    },
  };
}
