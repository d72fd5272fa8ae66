import type { Membership } from "../../domain/membership.js";
import type { Person } from "../../domain/person.js";
import type { PersonProfile } from "../../domain/person-profile.js";
import type { Store } from "../open.js";
import { decodeAll, decodeOne } from "./decode.js";

export interface MemberWithProfile {
  person: Person;
  profile: PersonProfile | null;
}

/** Every councillor of the authority with their published profile (the public member directory). */
export async function councillorsWithProfiles(store: Store, authorityId: string): Promise<MemberWithProfile[]> {
  const [people, profiles] = await Promise.all([
    store.db
      .selectFrom("person")
      .selectAll()
      .where("authorityId", "=", authorityId)
      .where("kind", "=", "councillor")
      .orderBy("id")
      .execute(),
    store.db.selectFrom("person_profile").selectAll().where("authorityId", "=", authorityId).execute(),
  ]);
  const byPerson = new Map(decodeAll("person_profile", profiles).map((p) => [p.personId, p]));
  return decodeAll("person", people).map((person) => ({ person, profile: byPerson.get(person.id) ?? null }));
}

export async function profileOf(store: Store, authorityId: string, personId: string): Promise<PersonProfile | undefined> {
  return decodeOne(
    "person_profile",
    await store.db
      .selectFrom("person_profile")
      .selectAll()
      .where("authorityId", "=", authorityId)
      .where("personId", "=", personId)
      .executeTakeFirst(),
  );
}

export async function profilesOf(store: Store, authorityId: string, personIds: readonly string[]): Promise<Map<string, PersonProfile>> {
  if (!personIds.length) return new Map();
  const rows = await store.db
    .selectFrom("person_profile")
    .selectAll()
    .where("authorityId", "=", authorityId)
    .where("personId", "in", [...personIds])
    .execute();
  return new Map(decodeAll("person_profile", rows).map((p) => [p.personId, p]));
}

/** Memberships in force on a date (open ends count), with the people holding them. */
export async function membersOn(
  store: Store,
  authorityId: string,
  committeeId: string,
  date: string,
): Promise<Array<{ membership: Membership; person: Person }>> {
  const rows = await store.db
    .selectFrom("membership")
    .selectAll()
    .where("authorityId", "=", authorityId)
    .where("committeeId", "=", committeeId)
    .where((eb) => eb.or([eb("fromDate", "is", null), eb("fromDate", "<=", date)]))
    .where((eb) => eb.or([eb("toDate", "is", null), eb("toDate", ">=", date)]))
    .orderBy("id")
    .execute();
  const memberships = decodeAll("membership", rows);
  if (!memberships.length) return [];
  const people = new Map(
    decodeAll(
      "person",
      await store.db
        .selectFrom("person")
        .selectAll()
        .where(
          "id",
          "in",
          memberships.map((m) => m.personId),
        )
        .execute(),
    ).map((p) => [p.id, p]),
  );
  return memberships.flatMap((membership) => {
    const person = people.get(membership.personId);
    return person ? [{ membership, person }] : [];
  });
}

/** All memberships of one person, any date. */
export async function membershipsOf(store: Store, authorityId: string, personId: string): Promise<Membership[]> {
  return decodeAll(
    "membership",
    await store.db
      .selectFrom("membership")
      .selectAll()
      .where("authorityId", "=", authorityId)
      .where("personId", "=", personId)
      .orderBy("id")
      .execute(),
  );
}

/** Every membership of the authority (committee membership is public record). */
export async function allMemberships(store: Store, authorityId: string): Promise<Membership[]> {
  return decodeAll(
    "membership",
    await store.db.selectFrom("membership").selectAll().where("authorityId", "=", authorityId).orderBy("createdAt").orderBy("id").execute(),
  );
}
