import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect.js";

/**
 * The audit trail keeps only what each write changed (Scope.audit): an insert row no longer
 * copies the record, an update row holds the changed columns on each side. Existing rows are
 * rewritten so; nothing is lost, since recordHistory rebuilds every version from the live row
 * backwards through the updates' `before` (a delete row still holds the whole record).
 */
export function auditChangesOnlyMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      // Accounts and authorities keep their insert values (Scope.audit); records do not need them.
      await sql`update audit_entry set after = null where operation = 'insert' and after is not null
        and table_name not in ('authority', 'user_account')`.execute(db);
      let last = "";
      for (;;) {
        const rows = await db
          .selectFrom("audit_entry")
          .select(["id", "before", "after"])
          .where("operation", "=", "update")
          .where("id", ">", last)
          .orderBy("id")
          .limit(500)
          .execute();
        if (!rows.length) break;
        for (const r of rows) {
          const before = r.before ? JSON.parse(r.before) : {};
          const after = r.after ? JSON.parse(r.after) : {};
          const b: Record<string, unknown> = {};
          const a: Record<string, unknown> = {};
          for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
            if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
            b[k] = before[k] ?? null;
            a[k] = after[k] ?? null;
          }
          await db
            .updateTable("audit_entry")
            .set({ before: JSON.stringify(b), after: JSON.stringify(a) })
            .where("id", "=", r.id)
            .execute();
        }
        last = rows.at(-1)!.id;
      }
    },
    async down() {
      // Not reversible by design: the copies it dropped are rebuilt by recordHistory, not stored.
    },
  };
}
