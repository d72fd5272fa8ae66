import type { Person } from "../../domain/person.js";

/**
 * Packs name one person many ways: "Cllr Carol Clark" on the front sheet, "C Clark" in the
 * attendance list, "Councillor Clark" in a declaration. Titles are already gone (the
 * extractor removes them); what is left is compared by surname and given names. A weaker
 * form (initials, or a surname alone) is matched to a stored person only when the evidence
 * singles one out; otherwise a new person is created, because merging two councillors
 * is worse than listing one twice.
 */

export interface ParsedName {
  surname: string;
  /** Full given names ("carol"), lower-cased; empty when only initials or a surname were printed. */
  given: string[];
  /** First letters of the given names, lower-cased: "Carol Ann Clark" and "C A Clark" give ["c","a"]. */
  initials: string[];
  /** "full" (a given name spelled out), "initials" or "surname" alone. */
  strength: "full" | "initials" | "surname";
}

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019`]/g, "'")
    .toLowerCase();

/** Surname particles that belong with the next word: "de Souza", "van der Berg". */
const PARTICLE = /^(?:de|da|del|della|di|du|le|la|van|von|der|den|st|mac|o)$/;

export function parseName(name: string): ParsedName {
  const tokens = fold(name)
    .replace(/[^a-z' .-]+/g, " ")
    .split(/\s+/)
    .map((t) => t.replace(/^[.'-]+|[.-]+$/g, ""))
    .filter(Boolean);
  if (tokens.length === 0) return { surname: "", given: [], initials: [], strength: "surname" };
  let cut = tokens.length - 1;
  while (cut > 0 && PARTICLE.test(tokens[cut - 1]!) && cut - 1 > 0) cut--;
  const surname = tokens.slice(cut).join(" ");
  const before = tokens.slice(0, cut);
  // "J.R." and "JR" as initials: split letters when a token is all short capitals in the original.
  const initials: string[] = [];
  const given: string[] = [];
  for (const t of before) {
    const bare = t.replace(/\./g, "");
    if (bare.length === 1 || (/\./.test(t) && bare.length <= 3)) initials.push(...bare.split(""));
    else {
      given.push(bare);
      initials.push(bare[0]!);
    }
  }
  return { surname, given, initials, strength: given.length ? "full" : initials.length ? "initials" : "surname" };
}

/** Whether two printed names can be the same person (no contradiction between them). */
export function compatible(a: ParsedName, b: ParsedName): boolean {
  if (!a.surname || a.surname !== b.surname) return false;
  if (a.given.length && b.given.length) {
    const x = a.given[0]!;
    const y = b.given[0]!;
    // "Chris"/"Christopher": a shortened form is still the same first name.
    if (x !== y && !(x.length >= 3 && y.startsWith(x)) && !(y.length >= 3 && x.startsWith(y))) return false;
  }
  const n = Math.min(a.initials.length, b.initials.length);
  for (let i = 0; i < n; i++) if (a.initials[i] !== b.initials[i]) return false;
  return true;
}

const sameText = (a: string, b: string) =>
  fold(a)
    .replace(/[^a-z]+/g, " ")
    .trim() ===
  fold(b)
    .replace(/[^a-z]+/g, " ")
    .trim();

export interface Resolution {
  person: Pick<Person, "id" | "name"> | null;
  /** Why no stored person was taken, for the review list; null when matched or plainly new. */
  doubt: string | null;
}

/**
 * Picks the stored person `name` refers to. `corroborated` holds ids that the context vouches
 * for: members of the committee, people already named for this meeting.
 */
export function resolvePerson(name: string, people: Pick<Person, "id" | "name">[], corroborated: ReadonlySet<string>): Resolution {
  const exact = people.filter((p) => sameText(p.name, name));
  if (exact.length >= 1) {
    if (exact.length === 1) return { person: exact[0]!, doubt: null };
    const vouched = exact.filter((p) => corroborated.has(p.id));
    if (vouched.length === 1) return { person: vouched[0]!, doubt: null };
    return { person: exact[0]!, doubt: null };
  }
  const parsed = parseName(name);
  if (!parsed.surname) return { person: null, doubt: null };
  const fits = people.filter((p) => compatible(parsed, parseName(p.name)));
  if (fits.length === 0) return { person: null, doubt: null };
  const vouched = fits.filter((p) => corroborated.has(p.id));
  if (parsed.strength === "surname") {
    // A surname alone is never enough by itself: the context must vouch for exactly one.
    if (fits.length === 1 && vouched.length === 1) return { person: fits[0]!, doubt: null };
    if (fits.length > 1 && vouched.length === 1) return { person: vouched[0]!, doubt: null };
    return { person: null, doubt: `"${name}" could be ${describe(fits)}; kept apart until a clerk decides` };
  }
  // Full names and initials: agreeing given names or initials are evidence of their own.
  if (fits.length === 1) {
    const other = parseName(fits[0]!.name);
    // "C Clark" against "Carol Clark" agrees; "Clark" stored alone needs the context too.
    if (other.strength !== "surname" || vouched.length === 1) return { person: fits[0]!, doubt: null };
    return { person: null, doubt: `"${name}" may be the "${fits[0]!.name}" already stored; kept apart until a clerk decides` };
  }
  if (vouched.length === 1) return { person: vouched[0]!, doubt: null };
  // Prefer a candidate whose given name is spelled the same when one is printed.
  if (parsed.strength === "full") {
    const same = fits.filter((p) => parseName(p.name).given[0] === parsed.given[0]);
    if (same.length === 1) return { person: same[0]!, doubt: null };
  }
  return { person: null, doubt: `"${name}" could be ${describe(fits)}; kept apart until a clerk decides` };
}

function describe(fits: Pick<Person, "name">[]): string {
  const names = fits.slice(0, 4).map((p) => `"${p.name}"`);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/** True when `better` names the same person more fully than `stored` ("Carol Clark" over "C Clark"). */
export function fuller(stored: string, better: string): boolean {
  const a = parseName(stored);
  const b = parseName(better);
  const rank = { surname: 0, initials: 1, full: 2 } as const;
  return compatible(a, b) && rank[b.strength] > rank[a.strength];
}
