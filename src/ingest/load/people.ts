import type { Person, PersonKind } from "../../domain/person.js";
import { slugify } from "../../domain/slug.js";
import type { LoadContext } from "./context.js";
import { fuller, resolvePerson } from "./person-resolution.js";

/**
 * The authority's people during one import: read once, then kept in step as the import
 * creates or renames them, so every name in the pack resolves against the same list.
 */
export class People {
  private people: Person[] = [];
  private slugs = new Set<string>();
  private members = new Map<string, Set<string>>();

  private constructor(private readonly ctx: LoadContext) {}

  static async load(ctx: LoadContext): Promise<People> {
    const p = new People(ctx);
    p.people = await ctx.scope.list("person");
    p.slugs = new Set(p.people.map((x) => x.slug));
    return p;
  }

  /** Ids of the committee's members: their membership vouches for a short name. */
  async membersOf(committeeId: string): Promise<Set<string>> {
    let set = this.members.get(committeeId);
    if (!set) {
      set = new Set((await this.ctx.scope.list("membership", { committeeId })).map((m) => m.personId));
      this.members.set(committeeId, set);
    }
    return set;
  }

  noteMember(committeeId: string, personId: string): void {
    this.members.get(committeeId)?.add(personId);
  }

  /**
   * The person `name` refers to, created when none fits. `pointer` is the extraction path,
   * so a doubtful match lands in the review list with its page.
   */
  async resolve(name: string, kind: PersonKind, corroborated: ReadonlySet<string>, pointer: string | null): Promise<Person | null> {
    const clean = name.replace(/\s+/g, " ").trim();
    if (!clean || !/[A-Za-z]/.test(clean)) return null;
    const r = resolvePerson(clean, this.people, corroborated);
    if (r.person) {
      const found = this.people.find((p) => p.id === r.person!.id)!;
      if (fuller(found.name, clean)) {
        // A fuller form of the same name ("C Clark" → "Carol Clark") improves the record; the slug stays.
        const renamed = await this.ctx.upsert("person", found, { ...found, name: clean });
        this.replace(renamed);
        return renamed;
      }
      return found;
    }
    const person = await this.ctx.upsert("person", undefined, { slug: this.freeSlug(clean), name: clean, kind });
    this.people.push(person);
    if (r.doubt) {
      const ref = pointer ? this.ctx.provenance[pointer] : undefined;
      this.ctx.flag({
        recordTable: "person",
        recordId: person.id,
        field: "name",
        value: clean,
        page: ref?.page ?? null,
        confidence: 0.3,
        reason: r.doubt,
      });
    }
    return person;
  }

  private replace(p: Person): void {
    this.people = this.people.map((x) => (x.id === p.id ? p : x));
  }

  private freeSlug(name: string): string {
    const base = slugify(name);
    let slug = base;
    for (let n = 2; this.slugs.has(slug); n++) slug = `${base}-${n}`;
    this.slugs.add(slug);
    return slug;
  }
}
