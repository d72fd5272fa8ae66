import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";
import { MARK_END, MARK_START, type Dialect, type RawHit, type SearchPlan } from "./dialect.js";
import { toFts5 } from "./search-query.js";
import { visibleAndFiltered } from "./search-filter.js";

const SNIPPET_BODY = sql`snippet(search_fts, 1, ${MARK_START}, ${MARK_END}, '…', 16)`;
const SNIPPET_TITLE = sql`snippet(search_fts, 0, ${MARK_START}, ${MARK_END}, '…', 16)`;

export const sqliteDialect: Dialect = {
  name: "sqlite",
  async search(db: Kysely<Database>, plan: SearchPlan): Promise<RawHit[]> {
    // The user's words match title and body only; the tags column (2026-12-05-scale-search-tags)
    // carries the council, kind, restriction and committee as tokens, so the index itself keeps
    // to one council's visible hits and ranks and cuts them with no row read. Only a date range
    // needs search_entry's rows, so only then does the ranking join them.
    const match = `({title body} : (${toFts5(plan.query)})) AND ${tagFilter(plan)}`;
    const dated = plan.from !== null || plan.to !== null;
    const top = dated
      ? sql`select s.rowid as rid, bm25(search_fts, 4.0, 1.0, 0.0) as rank
          from search_fts join search_entry s on s.rowid = search_fts.rowid
          ${visibleAndFiltered(plan)} and search_fts match ${match}
          order by rank limit ${plan.limit} offset ${plan.offset}`
      : sql`select rowid as rid, bm25(search_fts, 4.0, 1.0, 0.0) as rank
          from search_fts where search_fts match ${match}
          order by rank limit ${plan.limit} offset ${plan.offset}`;
    // snippet() and the committee's name are made only for the hits shown. An agenda item
    // without a description still gets a snippet: its title's.
    const result = await sql<RawHit>`
      with top as (${top})
      select s.id, s.kind, s.record_id as "recordId", s.meeting_id as "meetingId", s.document_id as "documentId",
        s.agenda_item_id as "agendaItemId", s.page_number as "pageNumber", s.title,
        s.meeting_date as "meetingDate", s.committee_id as "committeeId", c.name as "committeeName",
        coalesce(nullif(${SNIPPET_BODY}, ''), ${SNIPPET_TITLE}) as snippet, top.rank
      from top
      join search_fts on search_fts.rowid = top.rid
      join search_entry s on s.rowid = top.rid
      left join committee c on c.id = s.committee_id
      where search_fts match ${match}
      order by top.rank, s.id`.execute(db);
    return result.rows.map((r) => ({ ...r, rank: -Number(r.rank) }));
  },
  async rawSearch(db, authorityId, query, limit) {
    const match = `({title body} : (${toFts5(query)})) AND tags : ${tag("auth", authorityId)}`;
    const result = await sql`
      select rowid, snippet(search_fts, 1, ${MARK_START}, ${MARK_END}, '…', 16) as snippet, bm25(search_fts, 4.0, 1.0, 0.0) as rank
      from search_fts where search_fts match ${match} order by rank limit ${limit}`.execute(db);
    return result.rows;
  },
};

/** A tag token as the tags column writes it: letters and digits, ending in a digit. */
const tag = (prefix: string, value: string) => `"${prefix}${value.replace(/[^\p{L}\p{N}]/gu, "")}0"`;
const anyOf = (tags: string[]) => `(${tags.join(" OR ")})`;

/**
 * The council and the filters, as tokens the tags column must hold, then the viewer's rights
 * as what it must not: restricted entries, bar those of committees whose exempt papers the
 * viewer may see. NOT of the few restricted entries costs far less than AND of the many open.
 */
function tagFilter(plan: SearchPlan): string {
  const must = [tag("auth", plan.authorityId)];
  if (plan.kinds?.length) must.push(anyOf(plan.kinds.map((k) => tag("kind", k))));
  if (plan.committeeIds?.length) must.push(anyOf(plan.committeeIds.map((c) => tag("comm", c))));
  const positive = `tags : (${must.join(" AND ")})`;
  if (plan.exemptVisibleFor === "all") return positive;
  const hidden = plan.exemptVisibleFor.length
    ? `(tags : "restricted1") NOT (tags : ${anyOf(plan.exemptVisibleFor.map((c) => tag("comm", c)))})`
    : `tags : "restricted1"`;
  return `(${positive}) NOT (${hidden})`;
}
