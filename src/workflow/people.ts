import { z } from "zod";
import { MootError, invalid } from "../domain/errors.js";
import { IsoDate } from "../domain/common.js";
import { PersonFields, PersonForm, type Person } from "../domain/person.js";
import type { PersonProfile } from "../domain/person-profile.js";
import { slugify } from "../domain/slug.js";
import type { Scope } from "../store/records.js";
import { personUsage } from "../store/queries/reference-data.js";
import { parseEdit } from "./form.js";

/**
 * People as the clerk keeps them: councillors (party, ward), officers (post, service),
 * co-opted members; and a councillor's terms of office. Someone named in the records of a
 * meeting (attendance, declarations, recorded votes) stays: their memberships are ended
 * instead. A member's sign-in account refuses the delete in the store.
 */

async function slugFree(s: Scope, slug: string, except?: string): Promise<void> {
  const same = (await s.list("person", { slug })).filter((p) => p.id !== except);
  if (same.length) throw new MootError("conflict", `slug: the address /people/${slug} is already used by ${same[0].name}`);
}

/** A new person's address: from the name, numbered when another person already has it. */
async function freeSlugFor(s: Scope, name: string): Promise<string> {
  const base = slugify(name);
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if ((await s.list("person", { slug })).length === 0) return slug;
  }
  throw new MootError("conflict", `slug: too many people named ${name}; give an address`);
}

export async function createPerson(scope: Scope, form: PersonForm): Promise<Person> {
  const parsed = PersonForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid person");
  const f = parsed.data;
  return scope.transaction(async (s) => {
    if (f.slug) await slugFree(s, f.slug);
    const slug = f.slug ?? (await freeSlugFor(s, f.name));
    return s.create("person", { ...f, slug });
  });
}

export async function updatePerson(scope: Scope, id: string, form: Partial<PersonForm>): Promise<Person> {
  const patch = parseEdit(PersonFields.partial(), form, "invalid person");
  return scope.transaction(async (s) => {
    const before = await s.require("person", id);
    const after = PersonForm.safeParse({ ...before, ...patch });
    if (!after.success) throw invalid(after.error, "invalid person");
    if (patch.slug && patch.slug !== before.slug) await slugFree(s, patch.slug, id);
    if (patch.kind && patch.kind !== before.kind) await checkKindChange(s, before, patch.kind);
    return s.update("person", id, patch);
  });
}

/** A councillor or co-opted member who sits on committees cannot become an officer while they do. */
async function checkKindChange(s: Scope, person: Person, kind: Person["kind"]): Promise<void> {
  if (kind !== "officer") return;
  const seats = await s.list("membership", { personId: person.id });
  if (seats.length)
    throw new MootError(
      "rule",
      `kind: ${person.name} has ${seats.length} committee membership${seats.length === 1 ? "" : "s"}; an officer sits on no committee, so remove ${seats.length === 1 ? "it" : "them"} first`,
    );
}

/**
 * Deletes someone entered by mistake, with their memberships, register of interests and
 * profile (each audited). Refused when meeting records name them, since deleting them would
 * rewrite those records: end their memberships instead.
 */
export async function deletePerson(scope: Scope, id: string): Promise<void> {
  await scope.transaction(async (s) => {
    const p = await s.require("person", id);
    const used = await personUsage(s, id);
    const named = used.attendance + used.declarations + used.votes;
    if (named > 0)
      throw new MootError(
        "rule",
        `${p.name} is named in the records of meetings (attendance, declarations or votes), so they cannot be deleted: end their memberships instead`,
      );
    await s.delete("person", id, { reason: "person deleted in the editor" });
  });
}

/** A term of office as the clerk enters it; a term still running has no end date. */
export const TermForm = z
  .object({ start: IsoDate, end: IsoDate.nullable().default(null) })
  .refine((t) => !t.end || t.start <= t.end, { message: "must not be before the start date", path: ["end"] });
export type TermForm = z.input<typeof TermForm>;

async function profileOf(s: Scope, personId: string): Promise<PersonProfile | undefined> {
  return (await s.list("person_profile", { personId }))[0];
}

/**
 * Adds a councillor's term of office (kept on the person's profile as councils publish it:
 * an open end reads "unspecified"). Terms are kept in order and may not overlap.
 */
export async function addTermOfOffice(scope: Scope, personId: string, form: TermForm): Promise<PersonProfile> {
  const parsed = TermForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid term of office");
  const t = parsed.data;
  return scope.transaction(async (s) => {
    const person = await s.require("person", personId);
    if (person.kind !== "councillor") throw new MootError("rule", `${person.name} is not a councillor, so has no terms of office`);
    const profile = await profileOf(s, personId);
    const terms = [...(profile?.terms ?? [])];
    const end = (x: { end: string }) => (/^\d{4}-\d{2}-\d{2}$/.test(x.end) ? x.end : "9999-12-31");
    for (const other of terms) {
      const overlaps = /^\d{4}-\d{2}-\d{2}$/.test(other.start) && other.start <= (t.end ?? "9999-12-31") && t.start <= end(other);
      if (overlaps) throw new MootError("rule", `start: that term overlaps the term from ${other.start}`);
    }
    terms.push({ start: t.start, end: t.end ?? "unspecified" });
    terms.sort((a, b) => a.start.localeCompare(b.start));
    if (profile) return s.update("person_profile", profile.id, { terms }, { reason: "term of office added" });
    return s.create("person_profile", { personId, terms }, { reason: "term of office added" });
  });
}

/** Removes the term of office that starts on `start` (entered by mistake). */
export async function removeTermOfOffice(scope: Scope, personId: string, start: string): Promise<PersonProfile> {
  return scope.transaction(async (s) => {
    await s.require("person", personId);
    const profile = await profileOf(s, personId);
    const terms = profile?.terms ?? [];
    if (!profile || !terms.some((t) => t.start === start)) throw new MootError("not_found", `start: no term of office starts on ${start}`);
    return s.update("person_profile", profile.id, { terms: terms.filter((t) => t.start !== start) }, { reason: "term of office removed" });
  });
}
