import type { Kysely } from "kysely";
import type { Database } from "./schema.js";
import type { SearchQuery } from "./search-query.js";

export type DialectName = "sqlite" | "postgres";

/** A search request after viewer rights and filters were resolved to plain SQL inputs. */
export interface SearchPlan {
  authorityId: string;
  query: SearchQuery;
  kinds: string[] | null;
  committeeIds: string[] | null;
  from: string | null;
  to: string | null;
  /** Committees whose exempt material the viewer may see; "all" for clerks and admins. */
  exemptVisibleFor: "all" | string[];
  limit: number;
  offset: number;
}

export interface RawHit {
  id: string;
  kind: string;
  recordId: string;
  meetingId: string | null;
  documentId: string | null;
  agendaItemId: string | null;
  pageNumber: number | null;
  title: string;
  /** The meeting's local date and committee, so every hit says when and where. */
  meetingDate: string | null;
  committeeId: string | null;
  committeeName: string | null;
  snippet: string;
  rank: number;
}

/**
 * The few real differences between SQLite and PostgreSQL (STYLE.md habit 1): full-text
 * search, and how a database is opened and copied. Everything else is plain kysely.
 */
export interface Dialect {
  name: DialectName;
  /** `signal`: the request was abandoned; a dialect that can stop a running query does. */
  search(db: Kysely<Database>, plan: SearchPlan, signal?: AbortSignal): Promise<RawHit[]>;
  /**
   * The benchmarks' reference: the bare full-text query over one council's entries (match,
   * rank, cut at `limit`, snippets of the cut), with no rights, filters or joins. Council-scoped
   * because every search Moot runs is; unscoped it read every council's matches and flattered
   * Moot's ratio.
   */
  rawSearch(db: Kysely<Database>, authorityId: string, query: SearchQuery, limit: number): Promise<unknown[]>;
}

/** Snippet highlight markers; the web layer escapes text then turns these into <mark>. */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";
