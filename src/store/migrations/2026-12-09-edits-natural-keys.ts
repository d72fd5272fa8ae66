import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * Agenda items, minutes and documents become unique by their natural keys, so two workers
 * importing the same pack (or a clerk's double-submitted form) cannot store one twice:
 *
 * - an agenda item by meeting, printed number and `occurrence` (a supplementary agenda can print
 *   a number again: the first item with the number is 0, the next 1, by position);
 * - a minute by meeting, printed number, occurrence and version (a correction is a new version
 *   of its minute and keeps the original's occurrence);
 * - a document with an original (sha256) by authority, meeting, agenda item, original, kind and
 *   page range inside the original (a paper cut from a pack is a page range of it), plus an
 *   occurrence that only this migration sets. Documents with no original (a ModernGov link, a
 *   demo paper) have nothing to match and are left out of the index.
 *
 * Rows that already share a key are numbered (occurrence 1, 2… after the first, in the order
 * they were placed or stored), not merged and not refused: which of two imported copies is
 * right is the clerk's call, and numbering keeps every row and every link to it.
 */
export function naturalKeysMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      for (const table of ["agenda_item", "minute", "document"])
        await sql`alter table ${sql.table(table)} add column occurrence integer not null default 0`.execute(db);

      await sql`update agenda_item set occurrence = r.n from (
          select id, row_number() over (partition by meeting_id, number order by position, created_at, id) - 1 as n from agenda_item
        ) r where r.id = agenda_item.id and r.n > 0`.execute(db);

      // Minutes: first the originals (no supersedes_id), then each correction takes its
      // original's occurrence down the chain (chains are a few versions long).
      await sql`update minute set occurrence = r.n from (
          select id, row_number() over (partition by meeting_id, number, version order by position, created_at, id) - 1 as n
          from minute where supersedes_id is null
        ) r where r.id = minute.id and r.n > 0`.execute(db);
      for (let depth = 0; depth < 1000; depth++) {
        const r = await sql`update minute set occurrence = p.occurrence from minute p
          where p.id = minute.supersedes_id and minute.occurrence <> p.occurrence`.execute(db);
        if (Number(r.numAffectedRows ?? 0) === 0) break;
      }
      // Two corrections of one minute (the race a unique key now prevents) share a version:
      // the later ones move to occurrences after every other of that number.
      const clashes = await sql<{ id: string; meeting_id: string; number: string; rn: number }>`
        select id, meeting_id, number, rn from (
          select id, meeting_id, number,
            row_number() over (partition by meeting_id, number, occurrence, version order by created_at, id) as rn
          from minute) x where rn > 1 order by meeting_id, number, rn`.execute(db);
      for (const c of clashes.rows) {
        const next = await sql<{ n: number }>`select max(occurrence) + 1 as n from minute
          where meeting_id = ${c.meeting_id} and number = ${c.number}`.execute(db);
        const occurrence = Number(next.rows[0]!.n);
        // The moved correction and every later version of it.
        for (let ids = [c.id]; ids.length; ) {
          for (const id of ids) await sql`update minute set occurrence = ${occurrence} where id = ${id}`.execute(db);
          const later = await sql<{ id: string }>`select id from minute where supersedes_id in (${sql.join(ids)})`.execute(db);
          ids = later.rows.map((r) => r.id);
        }
      }

      await sql`update document set occurrence = r.n from (
          select id, row_number() over (
            partition by authority_id, coalesce(meeting_id, ''), coalesce(agenda_item_id, ''), sha256, kind,
              coalesce(source_page_from, 0), coalesce(source_page_to, 0)
            order by created_at, id) - 1 as n
          from document where sha256 is not null
        ) r where r.id = document.id and r.n > 0`.execute(db);

      await sql`create unique index agenda_item_natural_key_idx on agenda_item (meeting_id, number, occurrence)`.execute(db);
      await sql`create unique index minute_natural_key_idx on minute (meeting_id, number, occurrence, version)`.execute(db);
      await sql`create unique index document_natural_key_idx on document (
          authority_id, coalesce(meeting_id, ''), coalesce(agenda_item_id, ''), sha256, kind,
          coalesce(source_page_from, 0), coalesce(source_page_to, 0), occurrence)
        where sha256 is not null`.execute(db);
    },
    async down(db: Kysely<any>) {
      for (const index of ["agenda_item_natural_key_idx", "minute_natural_key_idx", "document_natural_key_idx"])
        await sql`drop index if exists ${sql.id(index)}`.execute(db);
      for (const table of ["agenda_item", "minute", "document"])
        await sql`alter table ${sql.table(table)} drop column occurrence`.execute(db);
    },
  };
}
