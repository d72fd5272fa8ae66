import type { Generated } from "kysely";
import type { RecordOf, RecordTable } from "../domain/records.js";
import type { Authority } from "../domain/authority.js";
import type { SignInAttempt, Session, User } from "../domain/account.js";
import type { AlertSent, Subscription } from "../domain/subscription.js";

/** The stored form of a value: booleans as 0/1, nested values as JSON text (see codec.ts). */
type Stored<V> = V extends boolean ? number : V extends object ? (V extends null ? V : string) : V;
type StoredRow<R> = { [K in keyof R]: Stored<R[K]> };

export interface AuditRow {
  id: string;
  authorityId: string;
  actor: string;
  at: string;
  tableName: string;
  recordId: string;
  operation: "insert" | "update" | "delete";
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface SearchEntryRow {
  id: string;
  authorityId: string;
  kind: "page" | "agenda-item" | "minute" | "decision";
  recordId: string;
  meetingId: string | null;
  documentId: string | null;
  agendaItemId: string | null;
  pageNumber: number | null;
  committeeId: string | null;
  meetingDate: string | null;
  /** 1 when the entry's agenda item or document is exempt; derived, see search-index.ts. */
  restricted: number;
  title: string;
  /* No body: an entry's text is its record's (searchBodySql). PostgreSQL adds `tsv`. */
}

/** Integer ids other systems (ModernGov) address records by; see the interop migration. */
export interface InteropRefRow {
  authorityId: string;
  kind: string;
  mgId: number;
  recordId: string;
  imported: number;
  /** Where an imported record's original lives in the source system (a paper's download link). */
  sourceUrl: string | null;
}

/** Postcode → ward per authority (GetCouncillorsByPostcode); see the ward-postcodes migration. */
export interface WardPostcodeRow {
  authorityId: string;
  postcode: string;
  ward: string;
}

export interface MigrationRow {
  name: string;
}

/** A record's row: `revision` (1) and `occurrence` (0) have defaults, so bulk inserts may leave them out. */
type RecordRow<R> = Omit<StoredRow<R>, "revision" | "occurrence"> & { revision: Generated<number> } & (R extends { occurrence: number }
    ? { occurrence: Generated<number> }
    : unknown);

export interface DataVersionRow {
  authorityId: string;
  version: number;
  changedAt: string;
}

export type Database = { [T in RecordTable]: RecordRow<RecordOf<T>> } & {
  data_version: DataVersionRow;
  authority: StoredRow<Authority>;
  audit_entry: AuditRow;
  search_entry: SearchEntryRow;
  user_account: StoredRow<User>;
  user_session: Session;
  sign_in_attempt: SignInAttempt;
  interop_ref: InteropRefRow;
  ward_postcode: WardPostcodeRow;
  alert_subscription: Subscription;
  alert_sent: AlertSent;
  alert_signup_attempt: { id: string; authorityId: string; key: string; windowStart: string; count: number };
  platform_account: PlatformAccountRow;
  platform_session: { id: string; accountId: string; createdAt: string; expiresAt: string };
};

export interface PlatformAccountRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  disabled: number;
  failures: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}
