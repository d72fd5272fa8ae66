import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { search, type SearchFilters, type SearchHit } from "../search.js";
import { isPack, pageWithheld, withheldPackRanges } from "./pack-ranges.js";

/**
 * The store's search, less pack pages an exempt item is printed on (see pack-ranges.ts): the
 * index flags papers and items, not page ranges inside a public pack.
 */
export async function searchVisible(store: Store, authorityId: string, text: string, filters: SearchFilters, viewer: Viewer): Promise<SearchHit[]> {
  const hits = await search(store, authorityId, text, filters, viewer);
  const docIds = [...new Set(hits.filter((h) => h.kind === "page" && h.documentId).map((h) => h.documentId!))];
  if (docIds.length === 0) return hits;
  const docs = await store.db.selectFrom("document").select(["id", "kind", "agendaItemId", "meetingId"]).where("id", "in", docIds).execute();
  const packs = new Map(docs.filter(isPack).map((d) => [d.id, d.meetingId!]));
  if (packs.size === 0) return hits;
  const ranges = await withheldPackRanges(store, authorityId, [...new Set(packs.values())], viewer);
  if (ranges.size === 0) return hits;
  const pages = await store.db
    .selectFrom("document_page")
    .select(["documentId", "pageNumber", "printedNumber"])
    .where("documentId", "in", [...packs.keys()])
    .execute();
  const printed = new Map(pages.map((p) => [`${p.documentId}:${p.pageNumber}`, p.printedNumber]));
  return hits.filter((h) => {
    const meetingId = h.documentId ? packs.get(h.documentId) : undefined;
    const r = meetingId ? ranges.get(meetingId) : undefined;
    if (!r || h.pageNumber === null) return true;
    return !pageWithheld({ pageNumber: h.pageNumber, printedNumber: printed.get(`${h.documentId}:${h.pageNumber}`) ?? null }, r);
  });
}
