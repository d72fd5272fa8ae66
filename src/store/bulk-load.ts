import { sql, type Kysely } from "kysely";
import type { Store } from "./open.js";
import { RECORD_TABLES, recordSchemas, type InputOf, type RecordOf, type RecordTable } from "../domain/records.js";
import { MootError } from "../domain/errors.js";
import { encodeRow } from "./codec.js";
import { guardAttendance, isUniqueViolation, nextAuditId, nowInstant, type Scope, type WriteOptions } from "./records.js";
import { indexCreated } from "./search-index.js";
import { ulid } from "ulid";

/** Records to write, by table; a caller that links them gives their ids. */
export type BulkRecords = { [T in RecordTable]?: InputOf<T>[] };
/** The records as written, by table. */
export type CreatedRecords = { [T in RecordTable]?: RecordOf<T>[] };

/** Rows per INSERT: a few hundred keeps every statement inside both databases' parameter limits. */
const ROWS_PER_INSERT = 250;

/**
 * Writes many records of one authority at once, as `Scope.create` of each would leave them
 * (validated, one audit row each, the search index in step, the data version raised) but in
 * multi-row inserts and set-based index updates: what a generated estate or a large import
 * needs, where a statement per row per step costs minutes. Tables are written in the order of
 * `recordSchemas` (parents first). All or nothing: the caller's transaction, or one of its own,
 * and a row that breaks a natural key refuses the whole load with `conflict`.
 *
 * @example await bulkCreate(scope, { committee: [{ id, slug: "planning", name: "Planning", kind: "regulatory" }] })
 */
export async function bulkCreate(scope: Scope, records: BulkRecords, opts: WriteOptions = {}): Promise<CreatedRecords> {
  const now = nowInstant();
  const created: CreatedRecords = {};
  for (const table of RECORD_TABLES) {
    const inputs = (records[table] ?? []) as Array<InputOf<RecordTable>>;
    if (inputs.length)
      (created as Record<string, unknown[]>)[table] = inputs.map((input) =>
        scope.validate(table, {
          ...input,
          id: input.id ?? ulid(),
          authorityId: scope.authorityId,
          createdAt: now,
          updatedAt: now,
          revision: 1,
        }),
      );
  }
  if (Object.keys(created).length === 0) return created;
  return scope.transaction(async (s) => {
    await s.bumpDataVersion();
    for (const table of RECORD_TABLES) {
      const rows = (created[table] ?? []) as Array<RecordOf<RecordTable>>;
      if (!rows.length) continue;
      // Attendance is locked with approved minutes (records.ts), whichever way it is written.
      if (table === "attendance") await guardAttendance(s, [...new Set((rows as Array<RecordOf<"attendance">>).map((r) => r.meetingId))]);
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const part = rows.slice(i, i + ROWS_PER_INSERT);
        try {
          await (s.db as Kysely<any>)
            .insertInto(table)
            .values(part.map((r) => encodeRow(recordSchemas[table], r)))
            .execute();
        } catch (e) {
          if (isUniqueViolation(e)) throw new MootError("conflict", `That ${table.replace(/_/g, " ")} already exists.`, { cause: e });
          throw e;
        }
        // An insert's audit row keeps no values (Scope.audit): the record is its first version.
        await s.db
          .insertInto("audit_entry")
          .values(
            part.map((r) => ({
              id: nextAuditId(),
              authorityId: s.authorityId,
              actor: s.actor,
              at: now,
              tableName: table,
              recordId: r.id,
              operation: "insert",
              before: null,
              after: null,
              reason: opts.reason ?? null,
            })),
          )
          .execute();
      }
    }
    await indexCreated(s, created);
    return created;
  });
}

/**
 * Refreshes the planner's statistics after bulk loads. PostgreSQL's autovacuum does this in
 * time, but only where it runs and only after its next pass: until then a freshly loaded
 * estate is planned as if its tables were empty (search read every entry of every council).
 */
export async function refreshStatistics(store: Store): Promise<void> {
  await sql`analyze`.execute(store.db);
}
