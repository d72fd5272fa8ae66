import type { Viewer } from "../../domain/viewer.js";
import { type Store, versionDbFor } from "../open.js";
import { visibleDocuments } from "./visibility.js";

/**
 * A token that changes whenever any record of the authority changes: every writing
 * transaction raises the authority's counter in `data_version` (Scope.bumpDataVersion), so the
 * token follows commit order, not the time a write was made, and a late commit still changes it.
 */
export async function dataVersion(store: Store, authorityId: string): Promise<{ token: string; lastModified: string | null }> {
  const row = await store.db
    .selectFrom("data_version")
    .select(["version", "changedAt"])
    .where("authorityId", "=", authorityId)
    .executeTakeFirst();
  if (!row) return { token: "empty", lastModified: null };
  return { token: `v${Number(row.version)}`, lastModified: row.changedAt };
}

/** Every authority's data version token (as dataVersion), in one read: a web process polls them together. */
export async function dataVersions(store: Store): Promise<Map<string, { token: string; lastModified: string | null }>> {
  const rows = await versionDbFor(store.db).selectFrom("data_version").select(["authorityId", "version", "changedAt"]).execute();
  return new Map(rows.map((r) => [r.authorityId, { token: `v${Number(r.version)}`, lastModified: r.changedAt }]));
}

export interface SitemapEntries {
  committees: Array<{ slug: string; updatedAt: string }>;
  meetings: Array<{ id: string; updatedAt: string }>;
  documents: Array<{ id: string; updatedAt: string }>;
  people: Array<{ slug: string; updatedAt: string }>;
}

/** Every public page worth indexing; withheld documents are left out. */
export async function sitemapEntries(store: Store, authorityId: string, viewer: Viewer): Promise<SitemapEntries> {
  const db = store.db;
  const [committees, meetings, documents, people] = await Promise.all([
    db.selectFrom("committee").select(["slug", "updatedAt"]).where("authorityId", "=", authorityId).orderBy("slug").execute(),
    db
      .selectFrom("meeting")
      .select(["id", "updatedAt"])
      .where("authorityId", "=", authorityId)
      .orderBy("startsAt", "desc")
      .limit(40_000)
      .execute(),
    db
      .selectFrom("document")
      .select(["document.id", "document.updatedAt"])
      .where("document.authorityId", "=", authorityId)
      .where(visibleDocuments(viewer))
      .orderBy("document.id")
      .limit(5_000)
      .execute(),
    db.selectFrom("person").select(["slug", "updatedAt"]).where("authorityId", "=", authorityId).orderBy("slug").execute(),
  ]);
  return { committees, meetings, documents, people };
}
