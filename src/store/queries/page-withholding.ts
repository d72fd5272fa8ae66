import { sql, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import type { Database } from "../schema.js";
import { exemptNotice, type Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { withheld, type Withheld } from "./visibility.js";

/**
 * Exemption decided once, per page of an original file (DESIGN.md "Originals and their
 * pages"). An original is a file stored once by its sha256; its pages are the file's pages,
 * 1…n. Every document is a page range of an original: a pack is the whole file, a paper cut
 * from it is `source_page_from`–`source_page_to` of the same file. A page of the original is
 * withheld by every exempt document (own paragraph, or its item's) whose range covers it, so
 * the pack's copy of an exempt report is withheld with the report, whatever numbers are
 * printed on it. Search, document pages, originals, packs and the API all read this answer.
 */

/** SQL: the file page of document page `p` (an alias) of document `d` (an alias). */
export function filePageOf(p: string, d: string): RawBuilder<number> {
  return sql<number>`(coalesce(${sql.raw(d)}.source_page_from, 1) + ${sql.raw(p)}.page_number - 1)`;
}

/** SQL: file page `page` lies inside the range of document `e` (a whole file when it has no range). */
function inRangeOf(e: string, page: RawBuilder<number>): RawBuilder<SqlBool> {
  const x = sql.raw(e);
  return sql<SqlBool>`(${x}.source_page_from is null or ${page} between ${x}.source_page_from
    and coalesce(${x}.source_page_to, ${x}.source_page_from + ${x}.page_count - 1))`;
}

/**
 * SQL: page `p` of document `d` is withheld from the public: an exempt document of the same
 * original (or `d` itself) covers it.
 */
export function pageWithheldSql(p: string, d: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from document we left join agenda_item wi on wi.id = we.agenda_item_id
    where we.authority_id = ${sql.raw(d)}.authority_id
      and (we.id = ${sql.raw(d)}.id or (${sql.raw(d)}.sha256 is not null and we.sha256 = ${sql.raw(d)}.sha256))
      and coalesce(we.exempt_paragraph, wi.exempt_paragraph) is not null
      and (we.id = ${sql.raw(d)}.id or ${inRangeOf("we", filePageOf(p, d))}))`;
}

export interface PageWithholding extends Withheld {
  /** The exempt document whose range covers the page, and its agenda item if any. */
  byDocumentId: string;
  byItemId: string | null;
}

export interface PageAnswer {
  pageId: string;
  /** The page's number in its document (1…n) and in the original file. */
  pageNumber: number;
  filePage: number;
  printedNumber: number | null;
  withheld: PageWithholding | null;
}

/**
 * Each page of a document and what withholds it from this viewer, if anything. Text is not
 * read here: callers that show text read it only for pages whose answer is null.
 */
export async function pageAnswers(
  store: Store,
  authorityId: string,
  documentId: string,
  viewer: Viewer,
  /** The transaction to read in, when the caller is inside one. */
  db: Kysely<Database> = store.db,
): Promise<PageAnswer[]> {
  // Raw results pass through the CamelCasePlugin too: columns come back camelCased.
  const pages = await sql<{ id: string; pageNumber: number; filePage: number; printedNumber: number | null }>`
    select p.id, p.page_number, ${filePageOf("p", "d")} as file_page, p.printed_number
    from document_page p join document d on d.id = p.document_id
    where d.id = ${documentId} and d.authority_id = ${authorityId}
    order by p.page_number`.execute(db);
  const withholders = await sql<{
    id: string;
    agendaItemId: string | null;
    paragraph: number;
    committeeId: string | null;
    fromPage: number | null;
    toPage: number | null;
    pageCount: number;
    same: number;
  }>`
    select we.id, we.agenda_item_id, coalesce(we.exempt_paragraph, wi.exempt_paragraph) as paragraph,
      wm.committee_id, we.source_page_from as from_page, we.source_page_to as to_page, we.page_count,
      case when we.id = d.id then 1 else 0 end as same
    from document d
    join document we on we.authority_id = d.authority_id and (we.id = d.id or (d.sha256 is not null and we.sha256 = d.sha256))
    left join agenda_item wi on wi.id = we.agenda_item_id
    left join meeting wm on wm.id = coalesce(we.meeting_id, wi.meeting_id)
    where d.id = ${documentId} and d.authority_id = ${authorityId}
      and coalesce(we.exempt_paragraph, wi.exempt_paragraph) is not null
    order by same desc, we.id`.execute(db);
  return pages.rows.map((p) => {
    const filePage = Number(p.filePage);
    const covering = withholders.rows.filter((w) => {
      if (Number(w.same) === 1 || w.fromPage === null) return true;
      const from = Number(w.fromPage);
      const to = w.toPage === null ? from + Number(w.pageCount) - 1 : Number(w.toPage);
      return filePage >= from && filePage <= to;
    });
    const hit = covering.map((by) => ({ by, w: withheld(viewer, by.committeeId, Number(by.paragraph)) })).find((x) => x.w !== null);
    return {
      pageId: p.id,
      pageNumber: Number(p.pageNumber),
      filePage,
      printedNumber: p.printedNumber === null ? null : Number(p.printedNumber),
      withheld: hit?.w ? { ...hit.w, byDocumentId: hit.by.id, byItemId: hit.by.agendaItemId } : null,
    };
  });
}

/** Runs of consecutive withheld pages of a document, for "pages N–M withheld" notices. */
export function withheldRuns(answers: PageAnswer[]): Array<Withheld & { from: number; to: number }> {
  const runs: Array<Withheld & { from: number; to: number }> = [];
  for (const a of answers) {
    if (!a.withheld) continue;
    const last = runs[runs.length - 1];
    if (last && last.to === a.pageNumber - 1 && last.paragraph === a.withheld.paragraph) last.to = a.pageNumber;
    else runs.push({ paragraph: a.withheld.paragraph, notice: exemptNotice(a.withheld.paragraph), from: a.pageNumber, to: a.pageNumber });
  }
  return runs;
}
