import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * A meeting's natural key is unique: one committee meets once at a given local date and time
 * (a meeting with no printed time counts as one time of its own). Two workers importing the
 * same pack at once then cannot both create it: the second waits for the first, or is refused
 * by the index and retries into the meeting the first made.
 *
 * Existing duplicates are never merged silently: the migration stops and names them, so the
 * clerk can decide which record stands.
 */
export function uniqueMeetingsMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      const dupes = await sql<{ committee_id: string; local_date: string; local_time: string | null; n: number }>`
        select committee_id, local_date, local_time, count(*) as n from meeting
        group by committee_id, local_date, local_time having count(*) > 1 limit 5`.execute(db);
      if (dupes.rows.length) {
        const list = dupes.rows.map(
          (d) => `${Number(d.n)} meetings of committee ${d.committee_id} on ${d.local_date}${d.local_time ? ` at ${d.local_time}` : ""}`,
        );
        throw new Error(
          `cannot make meetings unique by committee, date and time: ${list.join("; ")}. Merge or delete the duplicates (moot export shows them), then run moot migrate again.`,
        );
      }
      await sql`create unique index meeting_natural_key_idx on meeting (committee_id, local_date, coalesce(local_time, ''))`.execute(db);
    },
    async down(db: Kysely<any>) {
      await sql`drop index if exists meeting_natural_key_idx`.execute(db);
    },
  };
}
