import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Draft minutes become public when the clerk publishes them, not when they are typed:
 * meeting.minutes_published_at records that moment (approval publishes them too).
 *
 * Existing stores keep what the public could rightly see: minutes already approved count as
 * published when they were approved, and records the importer loaded (they carry provenance)
 * count as published as their source published them.
 */
export function minutesPublishedMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable("meeting").addColumn("minutes_published_at", "text").execute();
      await sql`update meeting set minutes_published_at = (
          select max(m.approved_at) from minute m where m.meeting_id = meeting.id and m.status = 'approved')
        where minutes_published_at is null`.execute(db);
      await sql`update meeting set minutes_published_at = updated_at
        where minutes_published_at is null and exists (
          select 1 from minute m join provenance p on p.record_table = 'minute' and p.record_id = m.id
          where m.meeting_id = meeting.id)`.execute(db);
      await sql`update meeting set agenda_published_at = updated_at
        where agenda_published_at is null and exists (
          select 1 from provenance p where p.record_table = 'meeting' and p.record_id = meeting.id)`.execute(db);
      // Search entries learn the new rules: unpublished entries, and pages an exempt document of
      // the same original covers (written out here so this migration stays what it was).
      await sql`update search_entry set restricted = 1 where restricted = 0 and (
        (kind in ('minute', 'decision') and exists (select 1 from meeting um
          where um.id = coalesce(search_entry.meeting_id, (select sa.meeting_id from agenda_item sa where sa.id = search_entry.agenda_item_id))
            and um.minutes_published_at is null))
        or (kind = 'agenda-item' and exists (select 1 from meeting um
          where um.id = search_entry.meeting_id and um.agenda_published_at is null))
        or (kind = 'page' and exists (select 1 from document ud join meeting um
            on um.id = coalesce(ud.meeting_id, (select sa.meeting_id from agenda_item sa where sa.id = ud.agenda_item_id))
          where ud.id = search_entry.document_id
            and (case when ud.kind = 'minutes' and ud.source_page_from is null then um.minutes_published_at
              else um.agenda_published_at end) is null))
        or (kind = 'page' and exists (select 1 from document_page p join document d on d.id = p.document_id
          join document we on we.authority_id = d.authority_id and d.sha256 is not null and we.sha256 = d.sha256
          left join agenda_item wi on wi.id = we.agenda_item_id
          where p.id = search_entry.record_id and coalesce(we.exempt_paragraph, wi.exempt_paragraph) is not null
            and (we.source_page_from is null or coalesce(d.source_page_from, 1) + p.page_number - 1
              between we.source_page_from and coalesce(we.source_page_to, we.source_page_from + we.page_count - 1)))))`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable("meeting").dropColumn("minutes_published_at").execute();
    },
  };
}
