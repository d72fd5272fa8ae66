import { z } from "zod";
import type { Kysely } from "kysely";
import { Authority } from "../domain/authority.js";
import { encodeAuthority, getAuthority } from "./authorities.js";
import { AuditEntry } from "../domain/audit.js";
import { RECORD_TABLES, recordSchemas, type RecordTable } from "../domain/records.js";
import { MootError, invalid } from "../domain/errors.js";
import type { Store } from "./open.js";
import { decodeRow, encodeRow } from "./codec.js";
import { reindex } from "./search-index.js";
import { Scope } from "./records.js";
import { numberOccurrences } from "./natural-keys.js";
import { WardPostcode } from "../domain/postcode.js";
import { allWardPostcodes } from "./queries/ward-postcodes.js";

export const EXPORT_FORMAT = "moot-authority-export";

/**
 * A whole authority as JSON: every record, the audit trail and the original files, so
 * `load` into an empty database gives back the same export, byte for byte.
 */
export const AuthorityExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  authority: Authority,
  records: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  audit: z.array(AuditEntry),
  /** sha256 → base64 of the original file. */
  files: z.record(z.string(), z.string()),
  /**
   * The integer ids ModernGov clients and old links address records by (store/queries/interop-refs.ts),
   * so a council moved between databases keeps its old links and client configurations working.
   * Absent from exports made before they were carried.
   */
  interopRefs: z
    .array(
      z.object({
        kind: z.string().min(1).max(40),
        mgId: z.number().int(),
        recordId: z.string().min(1).max(300),
        imported: z.number().int().min(0).max(1),
        sourceUrl: z.string().max(2000).nullable(),
      }),
    )
    .default([]),
  /** Postcode → ward (GetCouncillorsByPostcode); absent from exports made before it was carried. */
  wardPostcodes: z.array(WardPostcode).default([]),
});
export type AuthorityExport = z.infer<typeof AuthorityExport>;

export async function exportAuthority(store: Store, authorityId: string, opts: { files?: boolean } = {}): Promise<AuthorityExport> {
  const authority = await getAuthority(store.db, authorityId);
  if (!authority) throw new MootError("not_found", `authority ${authorityId} not found`);
  const records: Record<string, Record<string, unknown>[]> = {};
  const db = store.db as Kysely<any>;
  for (const table of RECORD_TABLES) {
    const rows = await db.selectFrom(table).selectAll().where("authorityId", "=", authorityId).orderBy("id").execute();
    records[table] = rows.map((r: Record<string, unknown>) => decodeRow(recordSchemas[table], r));
  }
  const auditRows = await store.db.selectFrom("audit_entry").selectAll().where("authorityId", "=", authorityId).orderBy("id").execute();
  const audit = auditRows.map((a) => ({
    ...a,
    before: a.before ? JSON.parse(a.before) : null,
    after: a.after ? JSON.parse(a.after) : null,
  }));
  const files: Record<string, string> = {};
  if (opts.files !== false) {
    for (const d of records.document) {
      const sha = d.sha256 as string | null;
      if (sha && !files[sha] && (await store.files.has(sha))) files[sha] = (await store.files.get(sha)).toString("base64");
    }
  }
  const interopRefs = (
    await store.db.selectFrom("interop_ref").selectAll().where("authorityId", "=", authorityId).orderBy("kind").orderBy("mgId").execute()
  ).map((r) => ({ kind: r.kind, mgId: Number(r.mgId), recordId: r.recordId, imported: Number(r.imported), sourceUrl: r.sourceUrl }));
  const wardPostcodes = await allWardPostcodes(store, authorityId);
  return { format: EXPORT_FORMAT, version: 1, authority, records, audit, files, interopRefs, wardPostcodes };
}

/** Restores an export into a database that does not hold that authority yet, in one transaction. */
export async function loadAuthority(store: Store, data: unknown): Promise<{ authorityId: string; counts: Record<string, number> }> {
  const parsed = AuthorityExport.safeParse(data);
  if (!parsed.success) throw invalid(parsed.error, "not a Moot export");
  const exp = parsed.data;
  const clash = await store.db
    .selectFrom("authority")
    .select("id")
    .where((eb) => eb.or([eb("id", "=", exp.authority.id), eb("slug", "=", exp.authority.slug)]))
    .executeTakeFirst();
  if (clash) throw new MootError("conflict", `authority "${exp.authority.slug}" is already in this database; load into an empty one`);
  const counts: Record<string, number> = {};
  // Records are checked before anything is written, so a bad file leaves the database untouched.
  const checked = new Map<RecordTable, Record<string, unknown>[]>();
  for (const table of RECORD_TABLES) {
    const rows = exp.records[table] ?? [];
    checked.set(
      table,
      rows.map((row, i) => {
        const r = recordSchemas[table].safeParse(row);
        if (!r.success) throw invalid(r.error, `${table}[${i}]`);
        if (r.data.authorityId !== exp.authority.id) throw new MootError("invalid", `${table}[${i}]: belongs to another authority`);
        return r.data as Record<string, unknown>;
      }),
    );
  }
  // An export made before natural keys were unique carries no occurrence: rows sharing a key
  // are numbered as the migration numbers a store's, rather than refused by the unique index.
  for (const table of ["agenda_item", "minute", "document"] as const) {
    const raw = (exp.records[table] ?? []) as unknown[];
    if (raw.some((row) => typeof row === "object" && row !== null && !("occurrence" in row))) numberOccurrences(table, checked.get(table)!);
  }
  for (const [sha, b64] of Object.entries(exp.files)) {
    const written = await store.files.put(Buffer.from(b64, "base64"));
    if (written !== sha) throw new MootError("invalid", `file ${sha.slice(0, 12)}… does not match its digest`);
  }
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto("authority").values(encodeAuthority(exp.authority)).execute();
    const scope = new Scope({ ...store, db: trx }, exp.authority.id, "load", trx);
    await scope.bumpDataVersion();
    for (const table of RECORD_TABLES) {
      const rows = checked.get(table)!;
      for (let i = 0; i < rows.length; i += 200) {
        const batch = rows.slice(i, i + 200).map((r) => encodeRow(recordSchemas[table], r));
        if (batch.length) await (trx as Kysely<any>).insertInto(table).values(batch).execute();
      }
      for (const r of rows) await reindex(scope, table, r);
      counts[table] = rows.length;
    }
    for (let i = 0; i < exp.audit.length; i += 200) {
      const batch = exp.audit
        .slice(i, i + 200)
        .map((a) => ({ ...a, before: a.before ? JSON.stringify(a.before) : null, after: a.after ? JSON.stringify(a.after) : null }));
      await trx.insertInto("audit_entry").values(batch).execute();
    }
    counts.audit_entry = exp.audit.length;
    for (let i = 0; i < exp.interopRefs.length; i += 200) {
      const batch = exp.interopRefs.slice(i, i + 200).map((r) => ({ ...r, authorityId: exp.authority.id }));
      await trx.insertInto("interop_ref").values(batch).execute();
    }
    counts.interop_ref = exp.interopRefs.length;
    for (let i = 0; i < exp.wardPostcodes.length; i += 500) {
      const batch = exp.wardPostcodes.slice(i, i + 500).map((r) => ({ ...r, authorityId: exp.authority.id }));
      await trx.insertInto("ward_postcode").values(batch).execute();
    }
    counts.ward_postcode = exp.wardPostcodes.length;
  });
  return { authorityId: exp.authority.id, counts };
}
