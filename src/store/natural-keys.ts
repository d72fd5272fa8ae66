import type { InputOf, RecordOf, RecordTable } from "../domain/records.js";
import { nowInstant, type Scope, type WriteOptions } from "./records.js";

/**
 * The columns that name a record as the world knows it (ARCHITECTURE.md, Records), each held
 * unique by an index (the natural-keys and unique-meetings migrations). A document is keyed
 * only when it has an original; the index leaves the others out.
 */
export const NATURAL_KEYS = {
  committee: ["slug"],
  meeting: ["committeeId", "localDate", "localTime"],
  agenda_item: ["meetingId", "number", "occurrence"],
  minute: ["meetingId", "number", "occurrence", "version"],
  document: ["meetingId", "agendaItemId", "sha256", "kind", "sourcePageFrom", "sourcePageTo", "occurrence"],
} as const satisfies Partial<Record<RecordTable, readonly string[]>>;

export type KeyedTable = keyof typeof NATURAL_KEYS;

export const hasNaturalKey = (table: RecordTable): table is KeyedTable => table in NATURAL_KEYS;

/**
 * Stores `input` under its natural key: creates the record, or, when one with the same key is
 * already stored (another worker's import, a form submitted twice), updates that one with
 * `input` (only the columns that differ) and returns it. Never a second row, never a refusal.
 *
 * The authority's data version is raised first: that takes the writers' lock (PostgreSQL's row
 * lock, SQLite's write lock), so the lookup sees every committed writer and no other writer can
 * put the key in between.
 */
export async function putByNaturalKey<T extends KeyedTable>(
  scope: Scope,
  table: T,
  input: InputOf<T>,
  opts: WriteOptions = {},
): Promise<{ record: RecordOf<T>; created: boolean }> {
  return scope.transaction(async (s) => {
    await s.bumpDataVersion();
    const existing = await findByNaturalKey(s, table, input);
    if (existing) return { record: await s.update(table, existing.id, input as never, opts), created: false };
    return { record: await s.create(table, input, opts), created: true };
  });
}

/** The stored record with `input`'s natural key (defaults applied, as a create would store it). */
export async function findByNaturalKey<T extends KeyedTable>(scope: Scope, table: T, input: InputOf<T>): Promise<RecordOf<T> | undefined> {
  const now = nowInstant();
  const candidate = scope.validate(table, {
    ...input,
    id: "-",
    authorityId: scope.authorityId,
    createdAt: now,
    updatedAt: now,
    revision: 1,
  });
  if (table === "document" && (candidate as RecordOf<"document">).sha256 === null) return undefined;
  const where: Record<string, string | number | null> = {};
  for (const column of NATURAL_KEYS[table]) where[column] = (candidate as Record<string, string | number | null>)[column] ?? null;
  // A meeting with no printed time counts as one time of its own (coalesce in the index).
  const [found] = await scope.list(table, where as never);
  return found as RecordOf<T> | undefined;
}

/**
 * Numbers the occurrences of rows that share a natural key, in the order they were placed (then
 * stored), as the natural-keys migration numbers a store's: for an export made before that
 * migration, whose rows carry no occurrence.
 */
export function numberOccurrences(table: "agenda_item" | "minute" | "document", rows: Array<Record<string, unknown>>): void {
  const columns = NATURAL_KEYS[table].filter((c) => c !== "occurrence");
  const order = (r: Record<string, unknown>) => [Number(r.position ?? 0), String(r.createdAt ?? ""), String(r.id)] as const;
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2].localeCompare(y[2]);
  });
  const seen = new Map<string, number>();
  for (const row of sorted) {
    if (table === "document" && row.sha256 == null) continue;
    const key = JSON.stringify(columns.map((c) => row[c] ?? null));
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    row.occurrence = n;
  }
}
