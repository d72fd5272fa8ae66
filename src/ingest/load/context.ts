import type { ExtractionProvenance, ProvenanceRef } from "../../domain/extraction.js";
import type { InputOf, RecordOf, RecordTable } from "../../domain/records.js";
import type { Scope } from "../../store/records.js";
import { hasNaturalKey, putByNaturalKey } from "../../store/natural-keys.js";

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** A value a clerk should check: the extractor was unsure, or the loader had to guess. */
export interface ReviewItem {
  source: string;
  recordTable: string;
  recordId: string;
  field: string;
  value: string;
  /** Physical page of the pack, when known. */
  page: number | null;
  confidence: number;
  reason: string;
}

export const LOW_CONFIDENCE = 0.6;

interface Binding {
  table: RecordTable;
  id: string;
  field: string;
  value: string;
  ref: ProvenanceRef;
}

/**
 * One import's working state: the transaction's Scope, counts per record kind, and the
 * provenance of every value stored so far. `upsert` is how every natural-key lookup writes,
 * so an unchanged record is counted and left alone (no write, no audit row).
 */
export class LoadContext {
  readonly counts: Record<string, KindCounts> = {};
  readonly review: ReviewItem[] = [];
  readonly warnings: string[] = [];
  private readonly bindings: Binding[] = [];

  constructor(
    readonly scope: Scope,
    readonly source: string,
    readonly provenance: ExtractionProvenance,
  ) {}

  private count(table: string, what: keyof KindCounts): void {
    (this.counts[table] ??= { created: 0, updated: 0, unchanged: 0 })[what]++;
  }

  /**
   * Creates the record, or updates `existing` in place when anything differs. A record with a
   * natural key that the loader's own matching missed (stored meanwhile by another import) is
   * found by that key and updated, never stored twice.
   */
  async upsert<T extends RecordTable>(table: T, existing: RecordOf<T> | undefined, input: InputOf<T>): Promise<RecordOf<T>> {
    if (!existing && hasNaturalKey(table)) {
      const { record, created } = await putByNaturalKey(this.scope, table, input as never);
      this.count(table, created ? "created" : "updated");
      return record as RecordOf<T>;
    }
    if (!existing) {
      const created = await this.scope.create(table, input);
      this.count(table, "created");
      return created;
    }
    const after = await this.scope.update(table, existing.id, input as never);
    const same = after.updatedAt === existing.updatedAt && stable(after) === stable(existing);
    this.count(table, same ? "unchanged" : "updated");
    return after;
  }

  /** Counts a record the import found and deliberately left as it is (e.g. approved minutes). */
  kept(table: RecordTable): void {
    this.count(table, "unchanged");
  }

  /** Records that `pointer`'s extracted value is stored as table.field of record id. */
  bind(pointer: string, table: RecordTable, id: string, field: string, value: string | null): void {
    const ref = this.provenance[pointer];
    if (!ref) return;
    this.bindings.push({ table, id, field, value: value ?? "", ref });
    if (ref.confidence < LOW_CONFIDENCE) {
      this.flag({
        recordTable: table,
        recordId: id,
        field,
        value: value ?? "",
        page: ref.page,
        confidence: ref.confidence,
        reason: `extractor "${ref.extractor}" was unsure`,
      });
    }
  }

  flag(item: Omit<ReviewItem, "source">): void {
    this.review.push({ source: this.source, ...item });
  }

  /** Writes (or updates) one provenance row per bound value, pointing into the pack document. */
  async writeProvenance(documentId: string): Promise<void> {
    const existing = await this.scope.list("provenance", { documentId });
    const byKey = new Map(existing.map((p) => [`${p.recordTable}:${p.recordId}:${p.field}`, p]));
    const seen = new Set<string>();
    for (const b of this.bindings) {
      const key = `${b.table}:${b.id}:${b.field}`;
      // Two pointers can feed one field (a meeting's date from its agenda and its minutes); the first wins.
      if (seen.has(key)) continue;
      seen.add(key);
      await this.upsert("provenance", byKey.get(key), {
        recordTable: b.table,
        recordId: b.id,
        field: b.field,
        documentId,
        page: b.ref.page,
        spanStart: b.ref.start,
        spanEnd: Math.max(b.ref.start, b.ref.end),
        extractor: b.ref.extractor,
        confidence: b.ref.confidence,
      });
    }
  }
}

const stable = (r: object) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Case, punctuation and "&"/"and" folded, for matching titles and names as printed. */
export function norm(s: string | null | undefined): string {
  return (s ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/\bsub[\s-]+committee\b/g, "subcommittee")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const STOP = new Set(["the", "of", "and", "a", "an", "to", "for", "in", "on", "report", "item"]);

/** Share of the smaller title's words found in the other (0–1). */
export function titleOverlap(a: string, b: string): number {
  const wa = new Set(
    norm(a)
      .split(" ")
      .filter((w) => w && !STOP.has(w)),
  );
  const wb = new Set(
    norm(b)
      .split(" ")
      .filter((w) => w && !STOP.has(w)),
  );
  if (!wa.size || !wb.size) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.min(wa.size, wb.size);
}
