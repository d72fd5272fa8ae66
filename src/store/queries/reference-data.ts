import type { Kysely } from "kysely";
import type { Membership, MembershipRole } from "../../domain/membership.js";
import type { Person } from "../../domain/person.js";
import type { Database } from "../schema.js";
import type { Scope } from "../records.js";
import { decodeAll } from "./decode.js";

/**
 * Reads behind the editor's reference data (committees, people, memberships): what a record
 * is used by, so the workflow can refuse a delete that would take council records with it,
 * and who sits on a committee. Every read is inside the scope's authority.
 */
const db = (scope: Scope) => scope.db as Kysely<Database>;

async function count(
  scope: Scope,
  table: "meeting" | "membership" | "committee" | "attendance" | "declaration" | "vote_position" | "action" | "decision",
  column: string,
  id: string,
  extra?: (q: any) => any,
): Promise<number> {
  let q = (db(scope) as Kysely<any>)
    .selectFrom(table)
    .select((eb: any) => eb.fn.countAll().as("n"))
    .where("authorityId", "=", scope.authorityId)
    .where(column, "=", id);
  if (extra) q = extra(q);
  const row = (await q.executeTakeFirstOrThrow()) as { n: unknown };
  return Number(row.n);
}

export interface CommitteeUsage {
  meetings: number;
  /** Meetings on or after `from` that are not cancelled. */
  meetingsFrom: number;
  memberships: number;
  subCommittees: number;
}

/** What hangs off a committee: its meetings (from a date), memberships and sub-committees. */
export async function committeeUsage(scope: Scope, committeeId: string, from?: string): Promise<CommitteeUsage> {
  const [meetings, meetingsFrom, memberships, subCommittees] = await Promise.all([
    count(scope, "meeting", "committeeId", committeeId),
    from
      ? count(scope, "meeting", "committeeId", committeeId, (q) => q.where("localDate", ">=", from).where("status", "!=", "cancelled"))
      : Promise.resolve(0),
    count(scope, "membership", "committeeId", committeeId),
    count(scope, "committee", "parentId", committeeId),
  ]);
  return { meetings, meetingsFrom, memberships, subCommittees };
}

export interface PersonUsage {
  /** Records of meetings that name the person: attendance, declarations, recorded votes. */
  attendance: number;
  declarations: number;
  votes: number;
  memberships: number;
  actionsOwned: number;
  /** Sign-in accounts linked to the person (user names are staff-only). */
  accounts: Array<{ id: string; username: string; role: string }>;
}

export async function personUsage(scope: Scope, personId: string): Promise<PersonUsage> {
  const [attendance, declarations, votes, memberships, actionsOwned, accounts] = await Promise.all([
    count(scope, "attendance", "personId", personId),
    count(scope, "declaration", "personId", personId),
    count(scope, "vote_position", "personId", personId),
    count(scope, "membership", "personId", personId),
    count(scope, "action", "ownerPersonId", personId),
    db(scope)
      .selectFrom("user_account")
      .select(["id", "username", "role"])
      .where("authorityId", "=", scope.authorityId)
      .where("personId", "=", personId)
      .orderBy("username")
      .execute(),
  ]);
  return { attendance, declarations, votes, memberships, actionsOwned, accounts };
}

export interface SeatEntry {
  membership: Membership;
  person: Person;
}

const ROLE_ORDER: Record<MembershipRole, number> = { chair: 0, "vice-chair": 1, member: 2, substitute: 3 };

/** A committee's memberships with their people: chair first, then by name; ended ones last. */
export async function committeeSeats(scope: Scope, committeeId: string, today: string): Promise<SeatEntry[]> {
  const rows = await db(scope)
    .selectFrom("membership")
    .selectAll()
    .where("authorityId", "=", scope.authorityId)
    .where("committeeId", "=", committeeId)
    .execute();
  const memberships = decodeAll("membership", rows);
  const people = memberships.length
    ? decodeAll(
        "person",
        await db(scope)
          .selectFrom("person")
          .selectAll()
          .where("authorityId", "=", scope.authorityId)
          .where(
            "id",
            "in",
            memberships.map((m) => m.personId),
          )
          .execute(),
      )
    : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  const ended = (m: Membership) => (m.toDate !== null && m.toDate < today ? 1 : 0);
  return memberships
    .map((membership) => ({ membership, person: byId.get(membership.personId)! }))
    .sort(
      (a, b) =>
        ended(a.membership) - ended(b.membership) ||
        ROLE_ORDER[a.membership.role] - ROLE_ORDER[b.membership.role] ||
        a.person.name.localeCompare(b.person.name) ||
        (a.membership.fromDate ?? "").localeCompare(b.membership.fromDate ?? ""),
    );
}

/**
 * Memberships of a committee whose dates overlap [from, to] (open ends run for ever), with the
 * given role or person; `except` leaves out the membership being edited.
 */
export async function overlappingMemberships(
  scope: Scope,
  q: { committeeId: string; from: string | null; to: string | null; role?: MembershipRole; personId?: string; except?: string },
): Promise<Membership[]> {
  let query = db(scope)
    .selectFrom("membership")
    .selectAll()
    .where("authorityId", "=", scope.authorityId)
    .where("committeeId", "=", q.committeeId);
  if (q.role) query = query.where("role", "=", q.role);
  if (q.personId) query = query.where("personId", "=", q.personId);
  if (q.except) query = query.where("id", "!=", q.except);
  // Two ranges overlap when each starts no later than the other ends.
  if (q.to) query = query.where((eb) => eb.or([eb("fromDate", "is", null), eb("fromDate", "<=", q.to!)]));
  if (q.from) query = query.where((eb) => eb.or([eb("toDate", "is", null), eb("toDate", ">=", q.from!)]));
  return decodeAll("membership", await query.orderBy("fromDate").orderBy("id").execute());
}
