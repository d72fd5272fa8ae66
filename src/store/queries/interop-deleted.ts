import type { RecordTable } from "../../domain/records.js";
import type { Store } from "../open.js";

export interface DeletedRecord {
  table: RecordTable;
  id: string;
  createdAt: string;
  deletedAt: string;
}

/**
 * Records deleted since an instant, from the audit trail (every delete writes one), for
 * feeds that must report deletions (OParl's `deleted: true`). Only ids and times leave
 * here: the deleted record's content stays in the audit trail. A record deleted and then
 * re-created under the same id is not reported.
 */
export async function deletedSince(
  store: Store,
  authorityId: string,
  tables: readonly RecordTable[],
  since: string | null,
): Promise<DeletedRecord[]> {
  if (!tables.length) return [];
  let q = store.db
    .selectFrom("audit_entry")
    .select(["tableName", "recordId", "at", "before"])
    .where("authorityId", "=", authorityId)
    .where("operation", "=", "delete")
    .where("tableName", "in", [...tables]);
  if (since) q = q.where("at", ">=", since);
  const rows = await q.orderBy("at").orderBy("id").execute();
  const out = new Map<string, DeletedRecord>();
  for (const r of rows) {
    const before = r.before ? (JSON.parse(r.before) as { createdAt?: string }) : {};
    out.set(`${r.tableName}:${r.recordId}`, {
      table: r.tableName as RecordTable,
      id: r.recordId,
      createdAt: before.createdAt ?? r.at,
      deletedAt: r.at,
    });
  }
  const live = new Set<string>();
  for (const table of tables) {
    const ids = [...out.values()].filter((d) => d.table === table).map((d) => d.id);
    for (let i = 0; i < ids.length; i += 500) {
      const found = await store.db
        .selectFrom(table as "meeting")
        .select("id")
        .where("id", "in", ids.slice(i, i + 500))
        .execute();
      for (const f of found) live.add(`${table}:${f.id}`);
    }
  }
  return [...out.entries()].filter(([k]) => !live.has(k)).map(([, v]) => v);
}
