import { sql, type Kysely, type Transaction } from "kysely";
import { MootError } from "../../domain/errors.js";
import type { Database } from "../schema.js";
import type { Store } from "../open.js";

/**
 * Integer ids for systems that address records by number (ModernGov's `lMeetingId`, `UID`,
 * `attachmentid`). Moot's ids are text; each record gets a number once and keeps it. Imported
 * records keep their source's number (so a council's old links still resolve); Moot's own
 * records are numbered after the highest number in use, in creation order.
 */
export type RefKind = "committee" | "meeting" | "person" | "agenda_item" | "document" | "decision" | "ward";
type TableKind = Exclude<RefKind, "ward">;
type Db = Kysely<Database> | Transaction<Database>;

/**
 * Numbers the records of one kind that have no number yet. Runs on reads (the service must
 * answer for records created since); it only ever adds rows, so it never changes a number a
 * client has seen. Two readers racing for the same number: the loser's rows are skipped by
 * `on conflict do nothing` and numbered on its next pass.
 */
export async function ensureRefs(store: Store, authorityId: string, kind: TableKind): Promise<void> {
  for (let pass = 0; pass < 5; pass++) {
    const missing = await store.db
      .selectFrom(kind)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("authorityId", "=", authorityId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("interop_ref")
              .select("mgId")
              .where("interop_ref.authorityId", "=", authorityId)
              .where("interop_ref.kind", "=", kind)
              .whereRef("interop_ref.recordId", "=", `${kind}.id` as never),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    if (Number(missing.n) === 0) return;
    await sql`insert into interop_ref (authority_id, kind, mg_id, record_id, imported)
      select t.authority_id, ${kind},
        (select coalesce(max(r.mg_id), 0) from interop_ref r where r.authority_id = ${authorityId} and r.kind = ${kind})
          + row_number() over (order by t.created_at, t.id),
        t.id, 0
      from ${sql.table(kind)} t
      where t.authority_id = ${authorityId} and not exists (
        select 1 from interop_ref r2 where r2.authority_id = t.authority_id and r2.kind = ${kind} and r2.record_id = t.id)
      on conflict do nothing`.execute(store.db.withoutPlugins());
  }
  throw new MootError("conflict", `could not number ${kind} records for the ModernGov service; try again`);
}

/** Numbers for named keys that are not records (wards are names on people). */
export async function ensureNamedRefs(store: Store, authorityId: string, kind: "ward", names: readonly string[]): Promise<void> {
  const have = new Set(
    (
      await store.db.selectFrom("interop_ref").select("recordId").where("authorityId", "=", authorityId).where("kind", "=", kind).execute()
    ).map((r) => r.recordId),
  );
  const todo = [...new Set(names)].filter((n) => !have.has(n)).sort();
  if (!todo.length) return;
  await store.db.transaction().execute(async (trx) => {
    const max = await maxRef(trx, authorityId, kind);
    await trx
      .insertInto("interop_ref")
      .values(todo.map((recordId, i) => ({ authorityId, kind, mgId: max + i + 1, recordId, imported: 0, sourceUrl: null })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
}

async function maxRef(db: Db, authorityId: string, kind: RefKind): Promise<number> {
  const row = await db
    .selectFrom("interop_ref")
    .select((eb) => eb.fn.max("mgId").as("m"))
    .where("authorityId", "=", authorityId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

/** record id → number, for the given kind (all of them when ids is omitted). */
export async function refsFor(store: Store, authorityId: string, kind: RefKind, ids?: readonly string[]): Promise<Map<string, number>> {
  if (ids && ids.length === 0) return new Map();
  let q = store.db.selectFrom("interop_ref").select(["recordId", "mgId"]).where("authorityId", "=", authorityId).where("kind", "=", kind);
  if (ids && ids.length <= 500) q = q.where("recordId", "in", [...ids]);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.recordId, Number(r.mgId)]));
}

/** number → record id, or undefined when no record has that number. */
export async function recordForRef(store: Store, authorityId: string, kind: RefKind, mgId: number): Promise<string | undefined> {
  if (!Number.isSafeInteger(mgId)) return undefined;
  const row = await store.db
    .selectFrom("interop_ref")
    .select("recordId")
    .where("authorityId", "=", authorityId)
    .where("kind", "=", kind)
    .where("mgId", "=", mgId)
    .executeTakeFirst();
  return row?.recordId;
}

/**
 * Gives an imported record its source's number, inside the import's transaction. A number
 * already held by another record is refused (`conflict`): the import would otherwise merge
 * two different records. True when the number was not already this record's (the interop
 * answers change, so the caller raises the data version).
 */
export async function claimRef(
  db: Db,
  authorityId: string,
  kind: RefKind,
  mgId: number,
  recordId: string,
  sourceUrl: string | null = null,
): Promise<boolean> {
  const held = await db
    .selectFrom("interop_ref")
    .select(["recordId", "mgId"])
    .where("authorityId", "=", authorityId)
    .where("kind", "=", kind)
    .where((eb) => eb.or([eb("mgId", "=", mgId), eb("recordId", "=", recordId)]))
    .execute();
  if (held.some((h) => h.recordId === recordId && Number(h.mgId) === mgId)) {
    await db
      .updateTable("interop_ref")
      .set({ sourceUrl, imported: 1 })
      .where("authorityId", "=", authorityId)
      .where("kind", "=", kind)
      .where("mgId", "=", mgId)
      .execute();
    return false;
  }
  const other = held.find((h) => Number(h.mgId) === mgId);
  if (other) throw new MootError("conflict", `ModernGov ${kind.replace("_", " ")} id ${mgId} already belongs to another record`);
  // A record numbered by Moot before the import takes its source number instead.
  await db
    .deleteFrom("interop_ref")
    .where("authorityId", "=", authorityId)
    .where("kind", "=", kind)
    .where("recordId", "=", recordId)
    .execute();
  await db.insertInto("interop_ref").values({ authorityId, kind, mgId, recordId, imported: 1, sourceUrl }).execute();
  return true;
}

/** The record an import gave this source number, if any (the import's natural key). */
export async function importedRecord(db: Db, authorityId: string, kind: RefKind, mgId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom("interop_ref")
    .select("recordId")
    .where("authorityId", "=", authorityId)
    .where("kind", "=", kind)
    .where("mgId", "=", mgId)
    .executeTakeFirst();
  return row?.recordId;
}

/** The source number an import gave this record, if any (numbers Moot gave its own records don't count). */
export async function importedAs(db: Db, authorityId: string, kind: RefKind, recordId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("interop_ref")
    .select("mgId")
    .where("authorityId", "=", authorityId)
    .where("kind", "=", kind)
    .where("recordId", "=", recordId)
    .where("imported", "=", 1)
    .executeTakeFirst();
  return row ? Number(row.mgId) : undefined;
}

/** Forgets a number whose record is gone (deleted since an earlier import). */
export async function releaseRef(db: Db, authorityId: string, kind: RefKind, mgId: number): Promise<void> {
  await db.deleteFrom("interop_ref").where("authorityId", "=", authorityId).where("kind", "=", kind).where("mgId", "=", mgId).execute();
}

/** The source system's link for an imported record (a paper imported without its file). */
export async function sourceUrlOf(store: Store, authorityId: string, kind: RefKind, recordId: string): Promise<string | null> {
  const row = await store.db
    .selectFrom("interop_ref")
    .select("sourceUrl")
    .where("authorityId", "=", authorityId)
    .where("kind", "=", kind)
    .where("recordId", "=", recordId)
    .executeTakeFirst();
  return row?.sourceUrl ?? null;
}
