import type { Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * The meeting lifecycle in the editor: an adjourned meeting keeps the date and time it is
 * adjourned to and the date it reconvened; a meeting called at short notice keeps the reason
 * and the Chair's agreement (who, on what date). Status stays a text column, so the new
 * states (adjourned, reconvened) need no change to existing rows.
 */
export function meetingLifecycleMigration(_dialect: DialectName) {
  const columns = ["adjourned_to_date", "adjourned_to_time", "reconvened_on", "short_notice_reason", "chair_agreed_by", "chair_agreed_on"];
  return {
    async up(db: Kysely<any>) {
      for (const c of columns) await db.schema.alterTable("meeting").addColumn(c, "text").execute();
    },
    async down(db: Kysely<any>) {
      for (const c of columns) await db.schema.alterTable("meeting").dropColumn(c).execute();
    },
  };
}
