import type { Kysely, Transaction } from "kysely";
import { monotonicFactory, ulid } from "ulid";
import { RECORD_TABLES, recordSchemas, type InputOf, type PatchOf, type RecordOf, type RecordTable } from "../domain/records.js";
import { ConflictError, MootError, invalid } from "../domain/errors.js";
import type { Database } from "./schema.js";
import type { Store } from "./open.js";
import { decodeRow, encodeRow } from "./codec.js";
import { reindex, unindex } from "./search-index.js";
import { clerkDate } from "../domain/time.js";

export interface WriteOptions {
  /** Why the change was made; kept in the audit trail (e.g. a minute correction). */
  reason?: string;
  /**
   * The store clearing a link to a deleted record (see LINKS): allowed on approved minutes,
   * whose wording it does not touch. Set only by `Scope.delete`.
   */
  unlinking?: boolean;
}

type Db = Kysely<Database> | Transaction<Database>;

// Audit ids sort in the order of the writes, even several in one millisecond: the trail is read
// back in id order (recordHistory, export), and a plain ULID orders same-millisecond ids at random.
const auditId = monotonicFactory();
/** The next audit id, in write order (for writers outside a Scope method, such as bulk-load.ts). */
export const nextAuditId = (): string => auditId();
type AnyRow = Record<string, unknown>;

/**
 * Tables whose rows carry a `revision` (1 when created, one more on each change), checked by
 * every update: all of an authority's records. An editor form posts the revision it was loaded
 * from, and a save against a newer one is refused with `conflict`.
 */
export const VERSIONED_TABLES: readonly RecordTable[] = RECORD_TABLES;

/** Transactions that have already raised their authority's data version (once is enough). */
const bumped = new WeakSet<object>();

export const nowInstant = (): string => new Date().toISOString();

/**
 * Every write to an authority's records goes through a Scope: it validates against the
 * domain schema (errors name the field), writes the audit row in the same transaction,
 * keeps the search index in step, and never lets one authority touch another's rows.
 */
export class Scope {
  constructor(
    readonly store: Store,
    readonly authorityId: string,
    readonly actor: string,
    readonly db: Db = store.db,
    /** Revisions the caller's form was loaded from, by "table:id"; see `expecting`. */
    private readonly expected: Map<string, number> = new Map(),
  ) {}

  /**
   * This scope, holding the revision a form was loaded from: the next update of that record
   * is refused with `conflict` if the stored row has moved on since. A missing or unreadable
   * revision (an old form) expects nothing beyond the row as read inside the update.
   */
  expecting(table: RecordTable, id: string, revision: number | string | undefined): Scope {
    const n = typeof revision === "string" ? Number(revision) : revision;
    if (n !== undefined && Number.isInteger(n) && n > 0) this.expected.set(`${table}:${id}`, n);
    return this;
  }

  get inTransaction(): boolean {
    return this.db.isTransaction;
  }

  /** Runs fn in one transaction; nested calls join the outer one. */
  async transaction<T>(fn: (scope: Scope) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => fn(new Scope(this.store, this.authorityId, this.actor, trx, this.expected)));
  }

  withActor(actor: string): Scope {
    return new Scope(this.store, this.authorityId, actor, this.db, this.expected);
  }

  async get<T extends RecordTable>(table: T, id: string): Promise<RecordOf<T> | undefined> {
    const row = await (this.db as Kysely<any>)
      .selectFrom(table as string)
      .selectAll()
      .where("id", "=", id)
      .where("authorityId", "=", this.authorityId)
      .executeTakeFirst();
    return row ? decodeRow<RecordOf<T>>(recordSchemas[table], row) : undefined;
  }

  async require<T extends RecordTable>(table: T, id: string): Promise<RecordOf<T>> {
    const r = await this.get(table, id);
    if (!r) throw new MootError("not_found", `${table.replace(/_/g, " ")} ${id} not found`);
    return r;
  }

  /** Equality filters only; anything richer belongs in a named query function. */
  async list<T extends RecordTable>(
    table: T,
    where: Partial<Record<keyof RecordOf<T> & string, string | number | boolean | null>> = {},
    orderBy: Array<keyof RecordOf<T> & string> = [],
  ): Promise<RecordOf<T>[]> {
    let q = (this.db as Kysely<any>)
      .selectFrom(table as string)
      .selectAll()
      .where("authorityId", "=", this.authorityId);
    for (const [k, v] of Object.entries(where)) {
      q = v === null ? q.where(k, "is", null) : q.where(k, "=", typeof v === "boolean" ? (v ? 1 : 0) : v);
    }
    for (const k of [...orderBy, "id"]) q = q.orderBy(k);
    const rows = await q.execute();
    return rows.map((r: AnyRow) => decodeRow<RecordOf<T>>(recordSchemas[table], r));
  }

  async create<T extends RecordTable>(table: T, input: InputOf<T>, opts: WriteOptions = {}): Promise<RecordOf<T>> {
    const now = nowInstant();
    const record = this.validate(table, {
      ...input,
      id: input.id ?? ulid(),
      authorityId: this.authorityId,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    });
    return this.transaction(async (s) => {
      await s.bumpDataVersion();
      if (table === "attendance") await guardAttendance(s, (record as RecordOf<"attendance">).meetingId);
      try {
        await (s.db as Kysely<any>)
          .insertInto(table as string)
          .values(encodeRow(recordSchemas[table], record))
          .execute();
      } catch (e) {
        if (isUniqueViolation(e)) throw new MootError("conflict", `That ${table.replace(/_/g, " ")} already exists.`, { cause: e });
        throw e;
      }
      await s.audit(table, record.id, "insert", null, record, opts.reason);
      await reindex(s, table, record);
      return record;
    });
  }

  /**
   * Applies a partial change, writing only the columns it changes, and only if the row is still
   * at the revision read here (or the one the caller's form was loaded from, see `expecting`):
   * `WHERE id = ? AND revision = ?` in the same statement that raises the revision, so a save
   * racing another (an edit racing approval) cannot both win. A patch that changes nothing
   * writes nothing (idempotent import).
   */
  async update<T extends RecordTable>(table: T, id: string, patch: PatchOf<T>, opts: WriteOptions = {}): Promise<RecordOf<T>> {
    return this.transaction(async (s) => {
      // First, before reading: writers of one authority take the counter's row lock in the same
      // order, so they never deadlock on it, and this read sees every earlier writer's commit.
      // The version itself moves only if something changes (below): a re-import that finds
      // every record as it was leaves the council's cached pages alone.
      await s.lockDataVersion();
      const before = await s.require(table, id);
      if (!opts.unlinking) guardLocked(table, before);
      const key = `${table}:${id}`;
      const expected = this.expected.get(key) ?? before.revision;
      if (expected !== before.revision) throw conflict(table, before);
      const { id: _ignored, revision: _r, ...changes } = patch as AnyRow;
      const merged = s.validate(table, {
        ...before,
        ...changes,
        id,
        authorityId: this.authorityId,
        createdAt: before.createdAt,
        updatedAt: before.updatedAt,
        revision: before.revision,
      });
      const beforeRow = encodeRow(recordSchemas[table], before as AnyRow);
      const afterRow = encodeRow(recordSchemas[table], merged as AnyRow);
      const changed: AnyRow = {};
      for (const [k, v] of Object.entries(afterRow)) if (JSON.stringify(v) !== JSON.stringify(beforeRow[k])) changed[k] = v;
      if (Object.keys(changed).length === 0) return before;
      await s.bumpDataVersion();
      if (table === "attendance" && !opts.unlinking) {
        await guardAttendance(s, (before as RecordOf<"attendance">).meetingId);
        await guardAttendance(s, (merged as RecordOf<"attendance">).meetingId);
      }
      const after = { ...merged, updatedAt: nowInstant(), revision: before.revision + 1 } as RecordOf<T>;
      const r = await (s.db as Kysely<any>)
        .updateTable(table as string)
        .set({ ...changed, updatedAt: after.updatedAt, revision: after.revision })
        .where("id", "=", id)
        .where("authorityId", "=", this.authorityId)
        .where("revision", "=", before.revision)
        .executeTakeFirst()
        .catch((e) => {
          // The change would give the record another's natural key (ARCHITECTURE.md, Natural keys).
          if (isUniqueViolation(e))
            throw new MootError("conflict", `Another ${table.replace(/_/g, " ")} already has that number or key.`, { cause: e });
          throw e;
        });
      if (Number(r.numUpdatedRows) !== 1) throw conflict(table, (await s.get(table, id)) ?? before);
      // The form's revision is spent: a workflow that changes the same record twice goes on from here.
      this.expected.delete(key);
      await s.audit(table, id, "update", before, after, opts.reason);
      await reindex(s, table, after);
      return after;
    });
  }

  async delete<T extends RecordTable>(table: T, id: string, opts: WriteOptions = {}): Promise<void> {
    await this.transaction(async (s) => {
      await s.bumpDataVersion();
      const before = await s.require(table, id);
      guardLocked(table, before);
      if (table === "attendance") await guardAttendance(s, (before as RecordOf<"attendance">).meetingId);
      // Children go through the Scope too, so each gets its audit row and leaves the index.
      for (const [child, column] of CHILDREN[table] ?? []) {
        for (const row of await s.list(child, { [column]: id } as never)) await s.delete(child, row.id, opts);
      }
      // Records that only point at this one lose the link here, each with its audit row, rather
      // than silently by the database's ON DELETE SET NULL.
      for (const [linked, column] of LINKS[table] ?? []) {
        for (const row of await s.list(linked, { [column]: id } as never)) {
          await s.update(linked, row.id, { [column]: null } as never, {
            reason: opts.reason ?? `the ${table.replace(/_/g, " ")} it pointed at was deleted`,
            unlinking: true,
          });
        }
      }
      // Accounts are not records, but a sign-in account that names this person loses the link
      // the same way: in the store, with its audit row, not by the database's SET NULL.
      if (table === "person") {
        const accounts = await (s.db as Kysely<Database>)
          .selectFrom("user_account")
          .select(["id", "role", "username"])
          .where("authorityId", "=", this.authorityId)
          .where("personId", "=", id)
          .execute();
        // A member's account is that member: it cannot outlive its person.
        const member = accounts.find((a) => a.role === "member");
        if (member)
          throw new MootError("rule", `this person signs in as "${member.username}": remove that account or link it to someone else first`);
        for (const account of accounts) {
          await (s.db as Kysely<Database>).updateTable("user_account").set({ personId: null }).where("id", "=", account.id).execute();
          await s.audit(
            "user_account",
            account.id,
            "update",
            { personId: id },
            { personId: null },
            opts.reason ?? "the person it pointed at was deleted",
          );
        }
      }
      await unindex(s, table, id);
      await (s.db as Kysely<any>)
        .deleteFrom(table as string)
        .where("id", "=", id)
        .where("authorityId", "=", this.authorityId)
        .execute();
      await s.audit(table, id, "delete", before, null, opts.reason);
    });
  }

  /**
   * Raises the authority's data version inside the writing transaction, once per transaction,
   * before its first write. Page caches read this counter: it changes in commit order (on
   * PostgreSQL the row stays locked until the writer commits, so one authority's writers take
   * turns), and a slow transaction that commits after a faster one still changes it.
   */
  async bumpDataVersion(): Promise<void> {
    if (this.db.isTransaction) {
      if (bumped.has(this.db)) return;
      bumped.add(this.db);
    }
    await this.upsertDataVersion(true);
  }

  /**
   * Takes the authority's counter row lock, as bumpDataVersion does, without moving the version
   * (a missing row is made, which cached pages see as a change). A writer that must serialise
   * with the authority's other writers before it reads, and may then find nothing to change,
   * takes this first and bumps only when it writes, in the same transaction as the write, so
   * the change and the new version commit together.
   */
  async lockDataVersion(): Promise<void> {
    if (this.db.isTransaction && bumped.has(this.db)) return;
    await this.upsertDataVersion(false);
  }

  private async upsertDataVersion(bump: boolean): Promise<void> {
    await (this.db as Kysely<Database>)
      .insertInto("data_version")
      .values({ authorityId: this.authorityId, version: 1, changedAt: nowInstant() })
      .onConflict((oc) =>
        oc
          .column("authorityId")
          .doUpdateSet((eb) =>
            bump
              ? { version: eb("data_version.version", "+", 1), changedAt: eb.ref("excluded.changedAt") }
              : { version: eb.ref("data_version.version") },
          ),
      )
      .execute();
  }

  validate<T extends RecordTable>(table: T, candidate: AnyRow): RecordOf<T> {
    const parsed = recordSchemas[table].safeParse(candidate);
    if (!parsed.success) throw invalid(parsed.error, `invalid ${table.replace(/_/g, " ")}`);
    return parsed.data as RecordOf<T>;
  }

  /**
   * One audit row per write, holding only what the write changed: an update keeps the changed
   * columns before and after, a record's insert none (its first version is its row with later
   * updates' `before` laid over it: recordHistory), and a delete the whole record, its last copy.
   */
  async audit(
    tableName: string,
    recordId: string,
    operation: "insert" | "update" | "delete",
    before: unknown,
    after: unknown,
    reason?: string,
  ) {
    await this.bumpDataVersion();
    const change = operation === "update" ? changedColumns(before as AnyRow, after as AnyRow) : null;
    const stored = (operation === "update" ? change?.before : operation === "delete" ? before : null) ?? null;
    // Accounts and authorities are not records recordHistory can read back: their inserts keep the values.
    const inserted = operation === "insert" && !(tableName in recordSchemas) ? after : null;
    await this.db
      .insertInto("audit_entry")
      .values({
        id: auditId(),
        authorityId: this.authorityId,
        actor: this.actor,
        at: nowInstant(),
        tableName,
        recordId,
        operation,
        before: stored === null ? null : JSON.stringify(stored),
        after: change ? JSON.stringify(change.after) : inserted === null ? null : JSON.stringify(inserted),
        reason: reason ?? null,
      })
      .execute();
  }
}

/** The columns whose values differ, each side holding just those. */
export function changedColumns(before: AnyRow, after: AnyRow): { before: AnyRow; after: AnyRow } {
  const b: AnyRow = {};
  const a: AnyRow = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    b[k] = before[k] ?? null;
    a[k] = after[k] ?? null;
  }
  return { before: b, after: a };
}

/** A natural key's unique index refused a row (PostgreSQL 23505, SQLite's UNIQUE constraint). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** What a stale save is told: plain words, and the stored record for the page to show beside the form. */
function conflict(table: RecordTable, current: unknown): ConflictError {
  const what = table.replace(/_/g, " ");
  return new ConflictError(
    `Someone else saved a change to this ${what} after you opened it, so your changes have not been saved. ` +
      "What is saved now is shown beside what you typed; your text is still in the form. Save again to replace theirs with yours.",
    current as Record<string, unknown>,
  );
}

/** Records that cannot outlive their parent (owned, not merely linked). */
const CHILDREN: Partial<Record<RecordTable, Array<[RecordTable, string]>>> = {
  committee: [
    ["membership", "committeeId"],
    ["work_programme_item", "committeeId"],
    ["meeting", "committeeId"],
  ],
  person: [
    ["membership", "personId"],
    ["attendance", "personId"],
    ["declaration", "personId"],
    ["registered_interest", "personId"],
    ["vote_position", "personId"],
    ["person_profile", "personId"],
  ],
  meeting: [
    ["matter_step", "meetingId"],
    ["vote", "meetingId"],
    ["attendance", "meetingId"],
    ["declaration", "meetingId"],
    ["decision", "meetingId"],
    ["minute", "meetingId"],
    ["document", "meetingId"],
    ["agenda_item", "meetingId"],
  ],
  // An item's papers share its exemption, so they must not survive it as public documents.
  agenda_item: [
    ["matter_step", "agendaItemId"],
    ["report_cover", "agendaItemId"],
    ["document", "agendaItemId"],
  ],
  document: [
    ["matter_step", "documentId"],
    ["document_page", "documentId"],
    ["provenance", "documentId"],
  ],
  action: [["action_update", "actionId"]],
  // A matter's history goes with the matter; a step goes with the record it points at.
  matter: [["matter_step", "matterId"]],
  decision: [["matter_step", "decisionId"]],
  vote: [["vote_position", "voteId"]],
};

/**
 * Nullable links (ON DELETE SET NULL in the schema) by the table they point at: deleting a
 * record clears them through the Scope first, so every changed row has its audit entry.
 */
export const LINKS: Partial<Record<RecordTable, Array<[RecordTable, string]>>> = {
  committee: [
    ["committee", "parentId"],
    ["action", "committeeId"],
    ["matter", "decisionMakerId"],
  ],
  meeting: [
    ["document", "meetingId"],
    ["minute", "approvedAtMeetingId"],
    ["action", "meetingId"],
    ["work_programme_item", "meetingId"],
  ],
  agenda_item: [
    ["document", "agendaItemId"],
    ["minute", "agendaItemId"],
    ["declaration", "agendaItemId"],
    ["decision", "agendaItemId"],
    ["vote", "agendaItemId"],
  ],
  document: [["report_cover", "documentId"]],
  person: [
    ["attendance", "substituteForId"],
    ["action", "ownerPersonId"],
  ],
  minute: [
    ["minute", "supersedesId"],
    ["decision", "minuteId"],
    ["vote", "minuteId"],
  ],
  decision: [["action", "decisionId"]],
  action: [["action", "parentActionId"]],
};

/**
 * Attendance is part of the minutes: once any minute of the meeting is approved, who was there
 * is locked with them, whatever route writes it (editor, API, importer). Checked inside the
 * writing transaction after the data version is raised, so it reads every earlier commit and an
 * approval racing the write is either seen here or waits for this write to commit.
 */
export async function guardAttendance(s: Scope, meetingId: string | readonly string[]): Promise<void> {
  const ids = typeof meetingId === "string" ? [meetingId] : meetingId;
  if (ids.length === 0) return;
  const approved = await (s.db as Kysely<Database>)
    .selectFrom("minute")
    .innerJoin("meeting", "meeting.id", "minute.meetingId")
    .select("meeting.localDate")
    .where("minute.meetingId", "in", ids)
    .where("minute.authorityId", "=", s.authorityId)
    .where("minute.status", "=", "approved")
    .executeTakeFirst();
  if (approved)
    throw new MootError(
      "locked",
      `The minutes of ${clerkDate(approved.localDate)} are approved, so the attendance recorded in them can no longer be changed.`,
    );
}

/** Approved minutes are legal records: a correction is a new version, never an edit. */
function guardLocked(table: RecordTable, record: unknown): void {
  if (table === "minute" && (record as RecordOf<"minute">).status === "approved") {
    throw new MootError(
      "locked",
      `minute ${(record as RecordOf<"minute">).number} is approved and locked; record a correction as a new version`,
    );
  }
}
