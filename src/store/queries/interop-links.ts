import type { Store } from "../open.js";
import { ensureRefs, recordForRef, sourceUrlOf, type RefKind } from "./interop-refs.js";

/** Where a ModernGov page's record lives in Moot: its id, and the slug or meeting its page needs. */
export interface LinkTarget {
  id: string;
  /** A paper imported without its file: where the source system serves it. */
  sourceUrl?: string;
  slug?: string;
  meetingId?: string;
}

/** Resolves an old ModernGov page number (UID=, MId=, ID=) to the Moot record it now is. */
export async function linkTarget(
  store: Store,
  authorityId: string,
  kind: Exclude<RefKind, "ward">,
  no: number,
): Promise<LinkTarget | undefined> {
  await ensureRefs(store, authorityId, kind);
  const id = await recordForRef(store, authorityId, kind, no);
  if (!id) return undefined;
  const db = store.db;
  const scoped = <T extends "person" | "committee" | "agenda_item" | "decision" | "meeting" | "document">(t: T) =>
    db
      .selectFrom(t as "person")
      .where("id", "=", id)
      .where("authorityId", "=", authorityId);
  switch (kind) {
    case "person":
    case "committee": {
      const row = await scoped(kind).select(["id", "slug"]).executeTakeFirst();
      return row ? { id: row.id, slug: row.slug } : undefined;
    }
    case "agenda_item": {
      const row = await db
        .selectFrom("agenda_item")
        .select(["id", "meetingId"])
        .where("id", "=", id)
        .where("authorityId", "=", authorityId)
        .executeTakeFirst();
      return row ? { id: row.id, meetingId: row.meetingId } : undefined;
    }
    case "decision": {
      const row = await db
        .selectFrom("decision")
        .select(["id", "meetingId"])
        .where("id", "=", id)
        .where("authorityId", "=", authorityId)
        .executeTakeFirst();
      return row ? { id: row.id, meetingId: row.meetingId } : undefined;
    }
    case "document": {
      const row = await db
        .selectFrom("document")
        .select(["id", "sha256"])
        .where("id", "=", id)
        .where("authorityId", "=", authorityId)
        .executeTakeFirst();
      if (!row) return undefined;
      const source = row.sha256 ? null : await sourceUrlOf(store, authorityId, "document", id);
      return source ? { id: row.id, sourceUrl: source } : { id: row.id };
    }
    default: {
      const row = await scoped(kind).select("id").executeTakeFirst();
      return row ? { id: row.id } : undefined;
    }
  }
}
