import { MootError, invalid } from "../domain/errors.js";
import { MembershipForm, ROLE_LABELS, type Membership } from "../domain/membership.js";
import { clerkDate } from "../domain/time.js";
import type { Scope } from "../store/records.js";
import { overlappingMemberships } from "../store/queries/reference-data.js";

/**
 * Who sits on a committee, in which role and from when to when: Chair, Vice-Chair, member,
 * substitute; councillors and co-opted members (the seat's kind follows from the person).
 * One Chair and one Vice-Chair at a time, and no one holds two seats on a committee at once.
 */

const ONE_AT_A_TIME = new Set(["chair", "vice-chair"]);

const span = (m: Pick<Membership, "fromDate" | "toDate">) =>
  m.fromDate && m.toDate
    ? `from ${clerkDate(m.fromDate)} to ${clerkDate(m.toDate)}`
    : m.fromDate
      ? `from ${clerkDate(m.fromDate)}`
      : m.toDate
        ? `until ${clerkDate(m.toDate)}`
        : "with no end date";

async function checkSeat(
  s: Scope,
  committeeId: string,
  m: Omit<Membership, "id" | "authorityId" | "committeeId" | "createdAt" | "updatedAt" | "revision">,
  except?: string,
) {
  const person = await s.require("person", m.personId);
  const committee = await s.require("committee", committeeId);
  if (person.kind === "officer")
    throw new MootError("rule", `personId: ${person.name} is an officer; officers advise committees but are not members of them`);
  if (committee.activeTo && (!m.toDate || m.toDate > committee.activeTo))
    throw new MootError("rule", `toDate: ${committee.name} ended on ${clerkDate(committee.activeTo)}, so a seat on it must end by then`);
  const same = await overlappingMemberships(s, { committeeId, personId: m.personId, from: m.fromDate, to: m.toDate, except });
  if (same.length)
    throw new MootError(
      "conflict",
      `personId: ${person.name} already has a seat on ${committee.name} (${ROLE_LABELS[same[0].role]}, ${span(same[0])}); end it first or change its dates`,
    );
  if (ONE_AT_A_TIME.has(m.role)) {
    const holder = await overlappingMemberships(s, { committeeId, role: m.role, from: m.fromDate, to: m.toDate, except });
    if (holder.length) {
      const who = await s.require("person", holder[0].personId);
      throw new MootError(
        "conflict",
        `role: ${who.name} is ${ROLE_LABELS[m.role]} of ${committee.name} ${span(holder[0])}; a committee has one ${ROLE_LABELS[m.role]} at a time, so end that first`,
      );
    }
  }
}

function seatOf(form: MembershipForm, kind: "councillor" | "co-opted") {
  const parsed = MembershipForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid membership");
  const f = parsed.data;
  return {
    ...f,
    kind,
    coOptedKind: kind === "co-opted" ? f.coOptedKind : null,
    representing: kind === "co-opted" ? f.representing : null,
  };
}

const seatKind = (personKind: string): "councillor" | "co-opted" => (personKind === "councillor" ? "councillor" : "co-opted");

export async function addMembership(scope: Scope, committeeId: string, form: MembershipForm): Promise<Membership> {
  return scope.transaction(async (s) => {
    const person = form.personId ? await s.get("person", form.personId) : undefined;
    if (!person) throw new MootError("invalid", "personId: choose a person");
    const seat = seatOf(form, seatKind(person.kind));
    await checkSeat(s, committeeId, seat);
    return s.create("membership", { ...seat, committeeId });
  });
}

/** Changes a membership's role, dates or representation; the person and committee stay. */
export async function updateMembership(scope: Scope, id: string, form: Omit<MembershipForm, "personId">): Promise<Membership> {
  return scope.transaction(async (s) => {
    const before = await s.require("membership", id);
    const person = await s.require("person", before.personId);
    const seat = seatOf({ ...form, personId: before.personId }, seatKind(person.kind));
    await checkSeat(s, before.committeeId, seat, id);
    return s.update("membership", id, seat);
  });
}

/** Removes a membership entered by mistake; one that has ended is kept as history (give its end date instead). */
export async function removeMembership(scope: Scope, id: string): Promise<Membership> {
  return scope.transaction(async (s) => {
    const m = await s.require("membership", id);
    await s.delete("membership", id, { reason: "membership removed in the editor" });
    return m;
  });
}
