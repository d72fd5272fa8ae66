import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import type { Store } from "../../src/store/open.js";
import { addUser } from "../../src/workflow/accounts.js";

export const PASSWORD = "correct horse battery staple";
export type RoleName = "admin" | "clerk" | "member" | "outsider" | "public";

/** London date `days` from today, for meetings the real clock judges (publication deadline). */
export function daysFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A made-up council (Ambridge District Council) with two committees, members of each and
 * one account per role, created as `moot user add` does.
 */
export async function buildEditorFixture(
  store: Store,
  council: { slug: string; name: string; hosts?: string[] } = { slug: "ambridge", name: "Ambridge District Council" },
) {
  const a = await createAuthority(store, council);
  const s = new Scope(store, a.id, "fixture");
  const scrutiny = await s.create("committee", {
    slug: "overview-scrutiny",
    name: "Overview and Scrutiny Committee",
    kind: "scrutiny",
    minuteScheme: { pattern: "OS{n}/{YY}", resetEach: "municipal-year" },
  });
  const planning = await s.create("committee", { slug: "planning", name: "Planning Committee", kind: "regulatory" });
  const person = (slug: string, name: string, kind: "councillor" | "officer" = "councillor") =>
    s.create("person", { slug, name, kind, honorific: kind === "councillor" ? "Cllr" : null });
  const chair = await person("jill-archer", "Jill Archer");
  const member = await person("tom-forrest", "Tom Forrest");
  const sub = await person("lynda-snell", "Lynda Snell");
  const outsiderPerson = await person("eddie-grundy", "Eddie Grundy");
  const officer = await person("usha-franks", "Usha Franks", "officer");
  await s.create("membership", { personId: chair.id, committeeId: scrutiny.id, role: "chair", kind: "councillor" });
  await s.create("membership", { personId: member.id, committeeId: scrutiny.id, role: "member", kind: "councillor" });
  await s.create("membership", { personId: outsiderPerson.id, committeeId: planning.id, role: "member", kind: "councillor" });
  await s.create("membership", { personId: sub.id, committeeId: planning.id, role: "member", kind: "councillor" });
  const users = {
    admin: await addUser(s, { username: "admin", role: "admin", password: PASSWORD }),
    clerk: await addUser(s, { username: "clerk", role: "clerk", displayName: "Pat Clerk", password: PASSWORD }),
    member: await addUser(s, { username: "tom", role: "member", personId: member.id, password: PASSWORD }),
    outsider: await addUser(s, { username: "eddie", role: "member", personId: outsiderPerson.id, password: PASSWORD }),
  };
  return {
    authorityId: a.id,
    scope: s,
    committees: { scrutiny, planning },
    people: { chair, member, sub, outsider: outsiderPerson, officer },
    users,
  };
}
export type EditorFixture = Awaited<ReturnType<typeof buildEditorFixture>>;
