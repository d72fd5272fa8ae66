import { recordSchemas, type RecordOf, type RecordTable } from "../../domain/records.js";
import { decodeRow } from "../codec.js";

/** Stored rows back into domain records (booleans, JSON), as Scope reads do. */
export function decodeAll<T extends RecordTable>(table: T, rows: readonly object[]): RecordOf<T>[] {
  return rows.map((r) => decodeRow<RecordOf<T>>(recordSchemas[table], r as Record<string, unknown>));
}

export function decodeOne<T extends RecordTable>(table: T, row: object | undefined): RecordOf<T> | undefined {
  return row ? decodeRow<RecordOf<T>>(recordSchemas[table], row as Record<string, unknown>) : undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const byId = <T extends { id: string }>(rows: readonly T[]): Map<string, T> => new Map(rows.map((r) => [r.id, r]));
