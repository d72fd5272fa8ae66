import { z } from "zod";
import { IsoDate } from "../domain/common.js";
import { exemptVisibleFor, type Viewer } from "../domain/viewer.js";
import { invalid } from "../domain/errors.js";
import { searchDbFor, type Store } from "./open.js";
import { isEmptyQuery, parseSearchQuery } from "./search-query.js";
import { MARK_END, MARK_START, type RawHit } from "./dialect.js";
import { searchGate } from "./search-gate.js";

export const SearchKind = z.enum(["page", "agenda-item", "minute", "decision"]);
export const SearchFilters = z.object({
  committeeIds: z.array(z.string()).optional(),
  kinds: z.array(SearchKind).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
});
export type SearchFilters = z.input<typeof SearchFilters>;

/** A hit; its snippet is plain text with MARK_START/MARK_END around matches (see snippetParts). */
export type SearchHit = Omit<RawHit, "id" | "kind"> & { kind: z.infer<typeof SearchKind> };

/**
 * Ranked full-text search over pages, agenda items, minutes and decisions of one authority,
 * with the viewer's rights applied in the query itself. Any user text is accepted. Ranking,
 * the page cut and snippets all happen in the database; `signal` drops a search whose
 * request was abandoned while it waited for a slot, and on PostgreSQL cancels one running.
 * (better-sqlite3 runs a query to its end on the JavaScript thread; there the work is bounded
 * by ranking inside the index and the gate, not by interruption.)
 */
export async function search(
  store: Store,
  authorityId: string,
  text: string,
  filters: SearchFilters,
  viewer: Viewer,
  opts: { signal?: AbortSignal } = {},
): Promise<SearchHit[]> {
  const parsed = SearchFilters.safeParse(filters);
  if (!parsed.success) throw invalid(parsed.error, "invalid search filters");
  const f = parsed.data;
  const query = parseSearchQuery(text);
  if (isEmptyQuery(query)) return [];
  const plan = {
    authorityId,
    query,
    kinds: f.kinds ?? null,
    committeeIds: f.committeeIds ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    exemptVisibleFor: exemptVisibleFor(viewer),
    limit: f.limit,
    offset: f.offset,
  };
  // Bounded per process (search-gate.ts); a request the client abandoned never runs.
  const hits = await searchGate(store).run(() => store.dialect.search(searchDbFor(store.db), plan, opts.signal), opts.signal);
  return hits.map(({ id: _id, ...h }) => ({
    ...h,
    kind: h.kind as SearchHit["kind"],
    pageNumber: h.pageNumber === null ? null : Number(h.pageNumber),
  }));
}

/** Splits a snippet into plain and highlighted runs, for renderers that escape text. */
export function snippetParts(snippet: string): Array<{ text: string; mark: boolean }> {
  const parts: Array<{ text: string; mark: boolean }> = [];
  const re = new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, "g");
  let last = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index! > last) parts.push({ text: snippet.slice(last, m.index), mark: false });
    parts.push({ text: m[1], mark: true });
    last = m.index! + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), mark: false });
  return parts.map((p) => ({ ...p, text: p.text.replace(/[\u0002\u0003]/g, "") }));
}
