import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";
import { MARK_END, MARK_START, type Dialect, type RawHit, type SearchPlan } from "./dialect.js";
import { toFts5 } from "./search-query.js";
import { visibleAndFiltered } from "./search-filter.js";

export const sqliteDialect: Dialect = {
  name: "sqlite",
  async search(db: Kysely<Database>, plan: SearchPlan): Promise<RawHit[]> {
    const match = toFts5(plan.query);
    // Rank and cut to one page first; snippet() and the committee's name are made only for
    // the hits shown, never for every match.
    const result = await sql<RawHit>`
      with top as (
        select s.rowid as rid, bm25(search_fts, 4.0, 1.0) as rank
        from search_fts
        join search_entry s on s.rowid = search_fts.rowid
        ${visibleAndFiltered(plan)}
          and search_fts match ${match}
        order by rank
        limit ${plan.limit} offset ${plan.offset}
      )
      select s.id, s.kind, s.record_id as "recordId", s.meeting_id as "meetingId", s.document_id as "documentId",
        s.agenda_item_id as "agendaItemId", s.page_number as "pageNumber", s.title,
        s.meeting_date as "meetingDate", s.committee_id as "committeeId", c.name as "committeeName",
        snippet(search_fts, 1, ${MARK_START}, ${MARK_END}, '…', 16) as snippet, top.rank
      from top
      join search_fts on search_fts.rowid = top.rid
      join search_entry s on s.rowid = top.rid
      left join committee c on c.id = s.committee_id
      where search_fts match ${match}
      order by top.rank, s.id`.execute(db);
    return result.rows.map((r) => ({ ...r, rank: -Number(r.rank) }));
  },
  async rawSearch(db, query, limit) {
    const result = await sql`
      select rowid, snippet(search_fts, 1, ${MARK_START}, ${MARK_END}, '…', 16) as snippet, bm25(search_fts, 4.0, 1.0) as rank
      from search_fts where search_fts match ${toFts5(query)} order by rank limit ${limit}`.execute(db);
    return result.rows;
  },
};
