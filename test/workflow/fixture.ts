import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import type { Store } from "../../src/store/open.js";
import type { MinuteScheme } from "../../src/domain/committee.js";

/** A made-up council: Wendlebury Borough Council, with one scrutiny committee and members. */
export async function seedCouncil(store: Store, opts: { scheme?: MinuteScheme; slug?: string } = {}) {
  // One name leads to one authority, so a second council in the same store gets its own name.
  const name = opts.slug && opts.slug !== "wendlebury" ? `${opts.slug} Borough Council` : "Wendlebury Borough Council";
  const authority = await createAuthority(store, { slug: opts.slug ?? "wendlebury", name });
  const scope = new Scope(store, authority.id, "test-clerk");
  const committee = await scope.create("committee", {
    slug: "communities-scrutiny",
    name: "Communities Scrutiny Committee",
    kind: "scrutiny",
    minuteScheme: opts.scheme ?? { pattern: "CES{n}/{MM}/{YY}", resetEach: "municipal-year" },
  });
  const other = await scope.create("committee", { slug: "licensing", name: "Licensing Committee", kind: "regulatory" });
  const person = (slug: string, name: string, kind: "councillor" | "officer" = "councillor") =>
    scope.create("person", { slug, name, kind, honorific: kind === "councillor" ? "Cllr" : null });
  const chair = await person("gwen-pritchard", "Gwen Pritchard");
  const member = await person("tomos-ap-rhys", "Tomos ap Rhŷs");
  const sub = await person("ada-fenwick", "Ada Fenwick");
  const officer = await person("sam-okafor", "Sam Okafor", "officer");
  await scope.create("membership", { personId: chair.id, committeeId: committee.id, role: "chair", kind: "councillor" });
  await scope.create("membership", {
    personId: member.id,
    committeeId: committee.id,
    role: "member",
    kind: "councillor",
    fromDate: "2024-05-20",
  });
  await scope.create("membership", { personId: sub.id, committeeId: other.id, role: "member", kind: "councillor" });
  return { store, authority, scope, committee, other, chair, member, sub, officer };
}
export type Council = Awaited<ReturnType<typeof seedCouncil>>;
