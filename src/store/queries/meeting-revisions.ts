import type { Store } from "../open.js";

/**
 * How many times each meeting has been changed since it was created, from the audit trail:
 * the iCalendar SEQUENCE, which calendar clients need to see rise before they replace an
 * event they already hold (a cancellation or a new time).
 */
export async function meetingRevisions(store: Store, authorityId: string): Promise<Map<string, number>> {
  const rows = await store.db
    .selectFrom("audit_entry")
    .select(["recordId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("authorityId", "=", authorityId)
    .where("tableName", "=", "meeting")
    .where("operation", "=", "update")
    .groupBy("recordId")
    .execute();
  return new Map(rows.map((r) => [r.recordId, Number(r.n)]));
}
