import { createHash } from "node:crypto";
import { sql, type Kysely, type RawBuilder } from "kysely";
import type pg from "pg";
import { MootError } from "../domain/errors.js";
import type { Database } from "./schema.js";
import { MARK_END, MARK_START, type Dialect, type RawHit, type SearchPlan } from "./dialect.js";
import { toWebsearch } from "./search-query.js";
import { visibleAndFiltered } from "./search-filter.js";
import { backendPid, poolOf } from "./pg-pool.js";
import { searchBodySql } from "./migrations/2026-12-08-scale-search-text-once.js";

const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=…`;

export const postgresDialect: Dialect = {
  name: "postgres",
  async search(db: Kysely<Database>, plan: SearchPlan, signal?: AbortSignal): Promise<RawHit[]> {
    if (!signal) return searchOn(db, plan);
    // A search whose client has gone is cancelled in the server, not left to run: the backend
    // running it is told to cancel. The cancel is awaited before the connection goes back to
    // the pool, so it can never reach a later query on the same connection.
    const pool = poolOf(db);
    if (pool) return cancellableOnPool(db, pool, plan, signal);
    // A transaction's own connection (no pool to take a client from): ask for its backend.
    return db.connection().execute(async (conn) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
      return cancellable(db, rows[0]!.pid, signal, () => searchOn(conn, plan));
    });
  },
  async rawSearch(db, authorityId, query, limit) {
    const q = toWebsearch(query);
    const result = await sql`
      with q as (select websearch_to_tsquery('english', ${q}) as tsq),
      hits as (select id, kind, record_id, ts_rank(tsv, q.tsq) as rank from search_entry, q
        where authority_id = ${authorityId} and tsv @@ q.tsq order by rank desc limit ${limit})
      select id, ts_headline('english', ${sql.raw(searchBodySql("hits"))}, q.tsq, ${HEADLINE}) as snippet, rank from hits, q order by rank desc`.execute(
      db,
    );
    return result.rows;
  },
};

const abandoned = () => new MootError("aborted", "the search was cancelled: its request was abandoned");

/** Runs `run` on backend `pid`, cancelling it there (through `db`, another connection) if `signal` fires. */
async function cancellable<T>(db: Kysely<Database>, pid: number, signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  let cancelling: Promise<unknown> | null = null;
  const cancel = () => {
    cancelling = sql`select pg_cancel_backend(${pid})`.execute(db).catch(() => undefined);
  };
  if (signal.aborted) throw abandoned();
  signal.addEventListener("abort", cancel, { once: true });
  try {
    return await run();
  } catch (e) {
    if (signal.aborted) throw abandoned();
    throw e;
  } finally {
    signal.removeEventListener("abort", cancel);
    if (cancelling) await cancelling;
  }
}

/**
 * A search on a client of the store's search pool, taken from node-postgres directly: the
 * client knows its backend's pid, so the search is one round trip (through Kysely's connection
 * it was two, and under load the pid query waited as long as a search for a busy server).
 */
async function cancellableOnPool(db: Kysely<Database>, pool: pg.Pool, plan: SearchPlan, signal: AbortSignal): Promise<RawHit[]> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    const pid = await backendPid(client);
    const query = searchSql(plan).compile(db);
    return await cancellable(db, pid, signal, async () => {
      try {
        const name = preparedName(query.sql);
        return hitsOf(
          (await client.query<RawHit>({ text: query.sql, values: query.parameters as unknown[], ...(name ? { name } : {}) })).rows,
        );
      } catch (e) {
        // A cancelled search leaves its connection fit for the next; anything else may not have.
        if (!signal.aborted) failed = e as Error;
        throw e;
      }
    });
  } finally {
    client.release(failed);
  }
}

/**
 * The most search statements one process names (each shape of filters and rights is a text of
 * its own; the words, authority and page are parameters). Past it, new shapes run unnamed, so
 * hostile filters (committee lists of every length) cannot fill the server's memory.
 */
export const PREPARED_SEARCH_SHAPES = 32;
/** Each named shape's text and name: a shape seen before is looked up, not hashed again. */
const preparedNames = new Map<string, string>();

/**
 * A search runs as a named prepared statement, parsed and planned once per connection: parsing
 * and planning its CTEs cost ~1.5 ms of a ~5 ms search (one at a time on the 10-council
 * benchmark estate, 5.1 ms unnamed, 3.5 ms named), and under load every millisecond of the
 * server's CPU is a millisecond the pages and API don't get. PostgreSQL keeps a custom plan for
 * the first five runs and then the generic plan if it costs no more (it does not: the GIN index
 * drives every plan). MOOT_PG_PREPARE=0 runs searches unnamed, for a pooler in front of
 * PostgreSQL that can't keep a session's statements (PgBouncer before 1.21, transaction mode).
 */
function preparedName(text: string): string | undefined {
  if (process.env.MOOT_PG_PREPARE === "0") return undefined;
  const known = preparedNames.get(text);
  if (known) return known;
  if (preparedNames.size >= PREPARED_SEARCH_SHAPES) return undefined;
  const name = `moot_search_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  preparedNames.set(text, name);
  return name;
}

/** A search through Kysely, on `db`'s next free connection (or a transaction's own). */
async function searchOn(db: Kysely<Database>, plan: SearchPlan): Promise<RawHit[]> {
  return hitsOf((await searchSql(plan).execute(db)).rows);
}

const hitsOf = (rows: RawHit[]): RawHit[] => rows.map((r) => ({ ...r, rank: Number(r.rank) }));

/**
 * A long text's snippet is cut from a window of it: ts_headline parses the whole text it is
 * given (a few megabytes a second), and over the 21 hits of a page of results that was most of
 * a search's cost. The window begins WINDOW_BEFORE characters before the first occurrence of
 * any of the query's stems and is WINDOW_LENGTH long: some 45 words of council prose, enough for
 * the 30 a snippet shows (480 characters, as first written, cost a third more per headline).
 */
const WINDOW_BEFORE = 80;
const WINDOW_LENGTH = 320;

/**
 * The GIN index finds the matches; rights, filters, ranking and the page cut happen in one
 * scan of them before anything is joined. Every column it returns is named as RawHit names it.
 */
function searchSql(plan: SearchPlan): RawBuilder<RawHit> {
  const q = toWebsearch(plan.query);
  // ts_headline re-parses the text, so it runs only on the page of hits being shown, whose text
  // is read from their records (an entry stores none). An agenda item without a description
  // still gets a snippet: its title's. Each step after the page cut is its own materialised
  // part of the query, so the planner neither reads a text nor builds a headline twice.
  //
  // The window starts where one of the query's stems first occurs in the lower-cased text. A
  // stem may be spelt otherwise in the text ("librari" for "library": a trailing i is dropped
  // before looking), and it may first occur inside another word ("plan" in "explanation"); a
  // window whose headline marks nothing is given up for the whole text, so a snippet marks what
  // it would have marked without the window, and costs more only then. The text is lower-cased
  // as ASCII (collate "C"): under a UTF-8 locale lower() converts every character through the C
  // library, ~10 µs a page of text, and a capital beyond ASCII only moves the window to a later
  // occurrence or to the whole text.
  //
  // `offset 0` keeps the planner from pulling the text's subquery up into each place its column
  // is named (it did: every shown hit's text was read, and unpacked, three times).
  const start = sql`greatest(1, w.at - ${WINDOW_BEFORE})`;
  // The window's cut words are dropped at both ends. The end is trimmed from the reversed text
  // with a pattern anchored at its start: PostgreSQL's regex engine tries a pattern anchored
  // only at the end (\s+\S*$) from every position, ~15 µs a window against ~5.
  const cut = sql`reverse(regexp_replace(reverse(regexp_replace(substr(w.text, ${start}, ${WINDOW_LENGTH}),
      case when ${start} > 1 then '^\\S*\\s+' else '^' end, '')),
      case when ${start} + ${WINDOW_LENGTH} <= length(w.text) then '^\\S*\\s+' else '^' end, ''))`;
  return sql<RawHit>`
    with q as (select websearch_to_tsquery('english', ${q}) as tsq,
      array(select stem from (select rtrim(lexeme, 'i') as stem from unnest(to_tsvector('english', ${plan.query.terms.flat().join(" ")}))) l
        where stem <> '') as stems),
    hits as (
      select s.id, s.kind, s.record_id, s.meeting_id, s.document_id, s.agenda_item_id, s.page_number, s.title,
        s.meeting_date, s.committee_id, ts_rank(s.tsv, q.tsq) as rank
      from search_entry s cross join q
      ${visibleAndFiltered(plan)}
        and s.tsv @@ q.tsq
      order by rank desc, s.id
      limit ${plan.limit} offset ${plan.offset}
    ),
    texts as materialized (select b.*, case when b.body = '' then b.title else b.body end as text
      from (select hits.*, ${sql.raw(searchBodySql("hits"))} as body from hits offset 0) b),
    windows as materialized (select t.*, case when length(t.text) > ${WINDOW_BEFORE + WINDOW_LENGTH}
      then (select min(nullif(strpos(lower(t.text collate "C"), stem), 0)) from unnest(q.stems) stem) end as at from texts t cross join q),
    headlines as materialized (select w.*, ts_headline('english', case when w.at is null then w.text else ${cut} end, q.tsq, ${HEADLINE}) as snippet
      from windows w cross join q)
    select h.id, h.kind, h.record_id as "recordId", h.meeting_id as "meetingId", h.document_id as "documentId",
      h.agenda_item_id as "agendaItemId", h.page_number as "pageNumber", h.title,
      h.meeting_date as "meetingDate", h.committee_id as "committeeId", c.name as "committeeName",
      case when h.at is not null and strpos(h.snippet, ${MARK_START}) = 0
        then ts_headline('english', h.text, q.tsq, ${HEADLINE}) else h.snippet end as snippet, h.rank
    from headlines h cross join q
    left join committee c on c.id = h.committee_id
    order by h.rank desc, h.id`;
}
