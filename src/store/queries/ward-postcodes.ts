import type { Kysely } from "kysely";
import { normalisePostcode, type WardPostcode } from "../../domain/postcode.js";
import type { Store } from "../open.js";
import type { Scope } from "../records.js";
import type { Database } from "../schema.js";

export interface WardPostcodeChanges {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/**
 * Makes the authority's postcode → ward table exactly `rows`, in one transaction: postcodes
 * not in `rows` go (boundaries change, postcodes are terminated). Writes only what differs,
 * and raises the data version only then, so loading the same file twice changes nothing and
 * cached service answers are dropped only when an answer could change.
 */
export async function replaceWardPostcodes(scope: Scope, rows: readonly WardPostcode[]): Promise<WardPostcodeChanges> {
  const next = new Map(rows.map((r) => [r.postcode, r.ward]));
  return scope.transaction(async (s) => {
    const db = s.db as Kysely<Database>;
    const current = new Map(
      (await db.selectFrom("ward_postcode").select(["postcode", "ward"]).where("authorityId", "=", s.authorityId).execute()).map((r) => [
        r.postcode,
        r.ward,
      ]),
    );
    const removed = [...current.keys()].filter((p) => !next.has(p));
    const changed = [...next].filter(([p, w]) => current.has(p) && current.get(p) !== w);
    const added = [...next].filter(([p]) => !current.has(p));
    const result = {
      added: added.length,
      changed: changed.length,
      removed: removed.length,
      unchanged: next.size - added.length - changed.length,
    };
    if (!removed.length && !changed.length && !added.length) return result;
    await s.bumpDataVersion();
    const gone = [...removed, ...changed.map(([p]) => p)];
    for (let i = 0; i < gone.length; i += 500)
      await db
        .deleteFrom("ward_postcode")
        .where("authorityId", "=", s.authorityId)
        .where("postcode", "in", gone.slice(i, i + 500))
        .execute();
    const put = [...changed, ...added];
    for (let i = 0; i < put.length; i += 500)
      await db
        .insertInto("ward_postcode")
        .values(put.slice(i, i + 500).map(([postcode, ward]) => ({ authorityId: s.authorityId, postcode, ward })))
        .execute();
    return result;
  });
}

/** The ward a postcode lies in, for this authority; any spacing or case. */
export async function wardForPostcode(store: Store, authorityId: string, postcode: string): Promise<string | undefined> {
  const canonical = normalisePostcode(postcode);
  if (!canonical) return undefined;
  const row = await store.db
    .selectFrom("ward_postcode")
    .select("ward")
    .where("authorityId", "=", authorityId)
    .where("postcode", "=", canonical)
    .executeTakeFirst();
  return row?.ward;
}

/** Every postcode of the authority, for `moot export`. */
export async function allWardPostcodes(store: Store, authorityId: string): Promise<WardPostcode[]> {
  return store.db
    .selectFrom("ward_postcode")
    .select(["postcode", "ward"])
    .where("authorityId", "=", authorityId)
    .orderBy("postcode")
    .execute();
}
