import { z } from "zod";
import type { Authority } from "../../domain/authority.js";
import type { Committee } from "../../domain/committee.js";
import type { Store } from "../../store/open.js";
import type { App } from "../context.js";
import { IsoDate } from "../../domain/common.js";
import { SearchKind, search, type SearchHit } from "../../store/search.js";
import { committeeChoices } from "../../store/queries/committees.js";
import { page } from "../views/render.js";
import { meetingWhen } from "../views/format.js";
import { Pager, Snippet } from "../views/components.js";
import { parseQuery } from "../http/input.js";
import { CommitteeSelect, DateRangeFields, resolveCommittee } from "../views/filters.js";
import { SEARCH_CACHE_CONTROL } from "../http/page-cache.js";
import { abandonedSignal } from "../http/abandoned.js";

const Query = z.object({
  q: z.string().max(500).optional(),
  committee: z.string().max(200).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  kind: SearchKind.optional(),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

const KIND_LABEL: Record<SearchHit["kind"], string> = {
  page: "Document page",
  "agenda-item": "Agenda item",
  minute: "Minute",
  decision: "Decision",
};
const PAGE_SIZE = 20;

/** Where a hit lives: a page of a document lands on that page's anchor. */
export function hitHref(h: SearchHit): string {
  if (h.kind === "page" && h.documentId) return `/documents/${h.documentId}#page-${h.pageNumber ?? 1}`;
  if (h.kind === "agenda-item" && h.meetingId) return `/meetings/${h.meetingId}/items/${h.recordId}`;
  if (h.kind === "decision" && h.meetingId) return `/meetings/${h.meetingId}#decision-${h.recordId}`;
  if (h.kind === "minute" && h.meetingId) return `/meetings/${h.meetingId}#minute-${h.recordId}`;
  if (h.meetingId) return `/meetings/${h.meetingId}#minutes`;
  return "/";
}

const committeeLists = new WeakMap<Authority, Promise<Committee[]>>();

/**
 * The authority's committees for the form's list, read once for each reading of the authority
 * itself: the site re-reads its authorities once per freshness window (http/tenants.ts; on every
 * request when there is none), so the list is as fresh as the authority and the cached pages,
 * and a search under load does not wait for a query that every search asked alike.
 */
function committeesOf(store: Store, authority: Authority): Promise<Committee[]> {
  let list = committeeLists.get(authority);
  if (!list) {
    list = committeeChoices(store, authority.id);
    committeeLists.set(authority, list);
    // A failed read is not kept: the next search asks again.
    list.catch(() => committeeLists.delete(authority));
  }
  return list;
}

export function registerSearch(app: App) {
  app.get("/search", async (c) => {
    const q = parseQuery(c, Query);
    const store = c.get("store");
    const a = c.get("authority");
    const text = q.q?.trim() ?? "";
    // One extra hit tells whether a next page exists without counting every match.
    const run = (committeeId: string | undefined) =>
      text
        ? search(
            store,
            a.id,
            text,
            {
              committeeIds: committeeId ? [committeeId] : undefined,
              from: q.from,
              to: q.to,
              kinds: q.kind ? [q.kind] : undefined,
              limit: PAGE_SIZE + 1,
              offset: q.offset,
            },
            c.get("viewer"),
            { signal: abandonedSignal(c) },
          )
        : Promise.resolve([]);
    // The form's committee list and the search are independent unless a committee is chosen
    // (its slug names the filter): under load each waited ~20-50 ms for the database, so they run at once.
    const [committees, hits] = q.committee
      ? await committeesOf(store, a).then(async (all) => [all, await run(resolveCommittee(all, q.committee))] as const)
      : await Promise.all([committeesOf(store, a), run(undefined)]);
    const shown = hits.slice(0, PAGE_SIZE);
    // Any text is a new address: kept in the shared page cache, searches would push out the pages
    // everyone reads (a loop of fresh searches emptied it). The browser may keep its own answer.
    if (text) c.header("Cache-Control", SEARCH_CACHE_CONTROL);
    return page(
      c,
      { title: text ? `Search: ${text}` : "Search", section: "search", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Search</h1>
        <form class="filters" method="get" action="/search" role="search">
          <div>
            <label for="q">Words or a phrase in quotes</label>
            <input id="q" name="q" type="search" value={text} />
          </div>
          <CommitteeSelect committees={committees} selected={q.committee} />
          <div>
            <label for="kind">Kind</label>
            <select id="kind" name="kind">
              <option value="">Everything</option>
              {SearchKind.options.map((k) => (
                <option value={k} selected={q.kind === k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </div>
          <DateRangeFields from={q.from} to={q.to} />
          <button type="submit">Search</button>
        </form>
        {text && (
          <>
            <h2>Results</h2>
            {shown.length === 0 ? (
              <p>Nothing matched “{text}”.</p>
            ) : (
              <ol class="plain results" start={q.offset + 1}>
                {shown.map((h) => (
                  <li>
                    <a href={hitHref(h)}>
                      {h.title}
                      {h.kind === "page" && h.pageNumber !== null && `, page ${h.pageNumber}`}
                    </a>{" "}
                    <span class="meta">
                      (
                      {[KIND_LABEL[h.kind], h.committeeName, h.meetingDate && meetingWhen({ localDate: h.meetingDate, localTime: null })]
                        .filter(Boolean)
                        .join(", ")}
                      )
                    </span>
                    <p>
                      <Snippet text={h.snippet} />
                    </p>
                  </li>
                ))}
              </ol>
            )}
            <Pager
              base="/search"
              params={{ q: text, committee: q.committee, from: q.from, to: q.to, kind: q.kind }}
              offset={q.offset}
              limit={PAGE_SIZE}
              total={q.offset + hits.length}
            />
          </>
        )}
      </>,
    );
  });
}
