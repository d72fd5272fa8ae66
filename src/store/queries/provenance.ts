import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { visibleDocuments } from "./visibility.js";

export interface ProvenanceLink {
  documentId: string;
  documentTitle: string;
  documentKind: string;
  page: number;
}
/** Keyed by `${recordTable}:${recordId}:${field}`; see provenanceKey. */
export type ProvenanceIndex = Record<string, ProvenanceLink>;

export const provenanceKey = (table: string, id: string, field: string): string => `${table}:${id}:${field}`;

/**
 * Where imported values came from, for "from page N of …" links. Only sources the viewer
 * may open are returned, so a link never points into a withheld paper.
 */
export async function provenanceFor(
  store: Store,
  authorityId: string,
  viewer: Viewer,
  records: Array<[table: string, ids: string[]]>,
): Promise<ProvenanceIndex> {
  const out: ProvenanceIndex = {};
  for (const [table, ids] of records) {
    if (ids.length === 0) continue;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await store.db
        .selectFrom("provenance")
        .innerJoin("document", "document.id", "provenance.documentId")
        .select([
          "provenance.recordId",
          "provenance.field",
          "provenance.page",
          "document.id as documentId",
          "document.title",
          "document.kind",
        ])
        .where("provenance.authorityId", "=", authorityId)
        .where("provenance.recordTable", "=", table)
        .where("provenance.recordId", "in", ids.slice(i, i + 500))
        .where(visibleDocuments(viewer))
        .orderBy("provenance.confidence", "desc")
        .execute();
      for (const r of rows) {
        const key = provenanceKey(table, r.recordId, r.field);
        out[key] ??= { documentId: r.documentId, documentTitle: r.title, documentKind: r.kind, page: Number(r.page) };
      }
    }
  }
  return out;
}
