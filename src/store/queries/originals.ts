import type { Store } from "../open.js";

/**
 * Whether any document, of any authority, refers to the original with this digest. Originals
 * are stored once by content and may be shared across authorities, so the file store asks
 * this before removing one.
 */
export async function originalInUse(store: Store, sha256: string): Promise<boolean> {
  const row = await store.db.selectFrom("document").select("id").where("sha256", "=", sha256).limit(1).executeTakeFirst();
  return row !== undefined;
}
