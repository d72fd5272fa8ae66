import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Sign-in accounts, sessions, sign-in throttling and the register of members' interests.
 * Booleans are integers on both dialects, as in the records migration.
 */
export function accountsInterestsMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("user_account")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("username", "text", (c) => c.notNull())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("person_id", "text", (c) => c.references("person.id").onDelete("set null"))
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("disabled", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("user_account_authority_id_username_idx")
        .on("user_account")
        .columns(["authority_id", "username"])
        .unique()
        .execute();
      await db.schema
        .createTable("user_session")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.notNull().references("user_account.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("user_session_user_id_idx").on("user_session").column("user_id").execute();
      await db.schema
        .createTable("sign_in_attempt")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("window_start", "text", (c) => c.notNull())
        .addColumn("failures", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("sign_in_attempt_authority_id_key_idx")
        .on("sign_in_attempt")
        .columns(["authority_id", "key"])
        .unique()
        .execute();
      await db.schema
        .createTable("registered_interest")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("person_id", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
        .addColumn("interest_class", "text", (c) => c.notNull())
        .addColumn("category", "text")
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("holder", "text", (c) => c.notNull())
        .addColumn("sensitive", "integer", (c) => c.notNull())
        .addColumn("registered_on", "text", (c) => c.notNull())
        .addColumn("ended_on", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema.createIndex("registered_interest_person_id_idx").on("registered_interest").column("person_id").execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ["registered_interest", "sign_in_attempt", "user_session", "user_account"])
        await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
