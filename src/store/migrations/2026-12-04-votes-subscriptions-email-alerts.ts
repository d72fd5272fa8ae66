import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Email alerts: subscriptions (double opt-in), the alerts already sent (one per subscription
 * and event, so a repeated run sends nothing twice) and sign-up throttling.
 */
export function alertsMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("alert_subscription")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("target_key", "text", (c) => c.notNull())
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("frequency", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("confirm_token_hash", "text", (c) => c.notNull())
        .addColumn("unsubscribe_token", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("confirmation_sent_at", "text")
        .addColumn("confirmed_at", "text")
        .addColumn("unsubscribed_at", "text")
        .addColumn("since", "text", (c) => c.notNull())
        .addColumn("last_digest_on", "text")
        .execute();
      await db.schema
        .createIndex("alert_subscription_email_idx")
        .on("alert_subscription")
        .columns(["authority_id", "email", "target", "target_key"])
        .execute();
      await db.schema
        .createIndex("alert_subscription_confirm_idx")
        .on("alert_subscription")
        .column("confirm_token_hash")
        .unique()
        .execute();
      await db.schema
        .createIndex("alert_subscription_unsubscribe_idx")
        .on("alert_subscription")
        .column("unsubscribe_token")
        .unique()
        .execute();
      await db.schema.createIndex("alert_subscription_status_idx").on("alert_subscription").columns(["authority_id", "status"]).execute();
      await db.schema
        .createTable("alert_sent")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("subscription_id", "text", (c) => c.notNull().references("alert_subscription.id").onDelete("cascade"))
        .addColumn("event_key", "text", (c) => c.notNull())
        .addColumn("sent_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("alert_sent_once_idx").on("alert_sent").columns(["subscription_id", "event_key"]).unique().execute();
      await db.schema
        .createTable("alert_signup_attempt")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("authority_id", "text", (c) => c.notNull().references("authority.id").onDelete("cascade"))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("window_start", "text", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("alert_signup_attempt_key_idx")
        .on("alert_signup_attempt")
        .columns(["authority_id", "key"])
        .unique()
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ["alert_signup_attempt", "alert_sent", "alert_subscription"]) await db.schema.dropTable(t).ifExists().execute();
    },
  };
}
