import type { RecordOf, RecordTable } from "../domain/records.js";
import type { Scope } from "./records.js";

export interface RecordVersion<T extends RecordTable> {
  at: string;
  actor: string;
  operation: "insert" | "update" | "delete";
  reason: string | null;
  /** The record as this write left it; for a delete, as it was when deleted. */
  record: RecordOf<T>;
}

/**
 * Every version of one record, oldest first, from its audit rows. The trail keeps only what
 * each write changed (Scope.audit), so versions are rebuilt backwards: from the live row (or
 * the deleted record a delete row holds), each update's `before` columns give the version
 * before it, down to the insert.
 */
export async function recordHistory<T extends RecordTable>(scope: Scope, table: T, id: string): Promise<RecordVersion<T>[]> {
  const rows = await scope.db
    .selectFrom("audit_entry")
    .select(["at", "actor", "operation", "reason", "before"])
    .where("authorityId", "=", scope.authorityId)
    .where("tableName", "=", table)
    .where("recordId", "=", id)
    .orderBy("at")
    .orderBy("id")
    .execute();
  const versions: RecordVersion<T>[] = [];
  let state: Record<string, unknown> | undefined = await scope.get(table, id);
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    const before = r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null;
    const operation = r.operation as RecordVersion<T>["operation"];
    if (operation === "delete") state = before ?? undefined;
    if (!state) continue;
    versions.unshift({ at: r.at, actor: r.actor, operation, reason: r.reason, record: state as RecordOf<T> });
    if (operation === "update") state = { ...state, ...before };
    // Before its insert the record did not exist; an earlier life ended in a delete row.
    if (operation === "insert") state = undefined;
  }
  return versions;
}
