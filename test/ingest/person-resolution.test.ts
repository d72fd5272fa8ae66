import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { importPack } from "../../src/ingest/import-files.js";
import { compatible, parseName, resolvePerson } from "../../src/ingest/load/person-resolution.js";
import type { ExtractedMeeting, Extraction } from "../../src/domain/extraction.js";

describe("resolvePerson", () => {
  const carol = { id: "carol", name: "Carol Clark" };
  const peter = { id: "peter", name: "Peter Clark" };
  const dev = { id: "dev", name: "Dev Patel" };
  const none = new Set<string>();

  it("parses initials, given names and particles", () => {
    expect(parseName("J.R. Hartley")).toMatchObject({ surname: "hartley", initials: ["j", "r"], strength: "initials" });
    expect(parseName("Carol Ann Clark")).toMatchObject({ given: ["carol", "ann"], initials: ["c", "a"], strength: "full" });
    expect(parseName("Joe de Souza").surname).toBe("de souza");
    expect(parseName("Clark").strength).toBe("surname");
    expect(compatible(parseName("Chris Evans"), parseName("Christopher Evans"))).toBe(true);
    expect(compatible(parseName("C Clark"), parseName("Peter Clark"))).toBe(false);
  });

  it("matches initials that agree and full names that agree", () => {
    expect(resolvePerson("C Clark", [carol, peter], none).person?.id).toBe("carol");
    expect(resolvePerson("Carol Clark", [{ id: "c", name: "C Clark" }], none).person?.id).toBe("c");
    expect(resolvePerson("carol  clark", [carol], none).person?.id).toBe("carol");
  });

  it("takes a surname alone only when the context vouches for exactly one candidate", () => {
    expect(resolvePerson("Patel", [dev], new Set(["dev"])).person?.id).toBe("dev");
    const alone = resolvePerson("Patel", [dev], none);
    expect(alone.person).toBeNull();
    expect(alone.doubt).toMatch(/"Dev Patel"/);
    const two = resolvePerson("Clark", [carol, peter], new Set(["carol", "peter"]));
    expect(two.person).toBeNull();
    expect(two.doubt).toMatch(/"Carol Clark" or "Peter Clark"/);
    expect(resolvePerson("Clark", [carol, peter], new Set(["peter"])).person?.id).toBe("peter");
  });

  it("never joins contradicting given names", () => {
    expect(resolvePerson("Colin Clark", [carol], new Set(["carol"])).person).toBeNull();
    expect(resolvePerson("D Clark", [carol, peter], new Set(["carol", "peter"])).person).toBeNull();
  });
});

const meeting = (over: Partial<ExtractedMeeting>): ExtractedMeeting => ({
  committee: "Planning Committee",
  date: "2024-05-01",
  time: "10:00",
  venue: null,
  hasAgenda: false,
  hasMinutes: false,
  agenda: [],
  members: [],
  attendance: { present: [], apologies: [], substitutes: [], officers: [], alsoPresent: [] },
  minutes: [],
  declarations: [],
  ...over,
});

/** A hand-made extraction (the loader is tested without a reader): two committees, people named several ways. */
const EXTRACTION: Extraction = {
  schemaVersion: 1,
  source: "made-up.txt",
  authority: "Borsetshire County Council",
  meetings: [
    meeting({
      committee: "Licensing Committee",
      date: "2024-05-02",
      hasAgenda: true,
      members: [{ name: "Jane Smith", role: null, kind: "councillor" }],
    }),
    meeting({
      hasAgenda: true,
      hasMinutes: true,
      agenda: [{ number: "5", title: "Land at Grange Farm", pages: null, exempt: false }],
      members: [
        { name: "Carol Clark", role: "Chair", kind: "councillor" },
        { name: "Peter Clark", role: null, kind: "councillor" },
        { name: "Dev Patel", role: null, kind: "councillor" },
      ],
      attendance: { present: ["C Clark", "P Clark", "Patel"], apologies: ["Smith"], substitutes: [], officers: [], alsoPresent: [] },
      declarations: [
        { member: "Clark", item: "5", interest: "owns land nearby" },
        { member: "Patel", item: "5", interest: "knows the applicant" },
      ],
    }),
  ],
  reports: [],
  actions: [],
  workProgramme: [],
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: people across one pack`, () => {
    let store: TestStore;
    let scope: Scope;
    beforeEach(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "borsetshire", name: "Borsetshire County Council" });
      scope = new Scope(store, a.id, "import");
    });
    afterEach(async () => store.cleanup());

    it("joins names the evidence agrees on, keeps ambiguous ones apart and flags them", async () => {
      const data = new TextEncoder().encode("Made-up pack\n");
      const extracted = { extraction: { ...EXTRACTION, pages: [{ number: 1, printed: null, text: "Made-up pack" }] }, provenance: {} };
      const r = await importPack(scope, { path: "made-up.txt", data }, { extracted });
      const people = await scope.list("person");
      expect(people.map((p) => p.name).sort()).toEqual(["Carol Clark", "Clark", "Dev Patel", "Jane Smith", "Peter Clark", "Smith"]);
      const id = (n: string) => people.find((p) => p.name === n)!.id;
      const [planning] = await scope.list("meeting", { localDate: "2024-05-01" });
      const attendance = await scope.list("attendance", { meetingId: planning!.id });
      expect(attendance.map((a) => a.personId).sort()).toEqual([id("Carol Clark"), id("Peter Clark"), id("Dev Patel"), id("Smith")].sort());
      const declarations = await scope.list("declaration", { meetingId: planning!.id });
      expect(declarations.map((d) => d.personId).sort()).toEqual([id("Clark"), id("Dev Patel")].sort());
      expect(declarations.every((d) => d.agendaItemId !== null)).toBe(true);
      // A surname alone with two fitting members, or one who is not on this committee, goes to review.
      expect(r.review.filter((x) => x.recordTable === "person").map((x) => [x.value, x.reason])).toEqual([
        ["Smith", expect.stringMatching(/"Jane Smith"/)],
        ["Clark", expect.stringMatching(/"Carol Clark" or "Peter Clark"/)],
      ]);

      const again = await importPack(scope, { path: "made-up.txt", data }, { extracted });
      expect((await scope.list("person")).length).toBe(6);
      expect(again.counts.person).toBeUndefined();
    });
  });
}
