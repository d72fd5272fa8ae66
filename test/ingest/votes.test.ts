import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractData, extractFile, readPack } from "../../src/ingest/pipeline.js";
import { flatten } from "../../src/ingest/segment/lines.js";
import { importPack } from "../../src/ingest/import-files.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import type { ExtractedVote } from "../../src/domain/extraction.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { PARAGRAPH_MINUTES, TABLE_MINUTES } from "./votes-fixtures.js";

const enc = (s: string) => new TextEncoder().encode(s);
const KENT = new URL("../../../shared/corpus/pdf/kent-cc-county-council-2025-03-13-printed-minutes.pdf", import.meta.url).pathname;

const votesOf = async (name: string, text: string): Promise<ExtractedVote[]> =>
  (await extractData(name, enc(text))).extraction.meetings.flatMap((m) => m.votes ?? []);
const named = (v: ExtractedVote, position: string) => v.positions.filter((p) => p.position === position).map((p) => p.name);

describe("recorded votes: extraction", () => {
  it("a table of names: one row per member, counted from the rows", async () => {
    const [vote, hands] = await votesOf("planning.txt", TABLE_MINUTES);
    expect(vote).toMatchObject({ minute: "2", question: "the motion", result: "carried", counts: { for: 3, against: 1, abstain: 1 } });
    expect(named(vote!, "for")).toEqual(["Cllr Bashir Okafor", "Cllr Carys Dunmore", "Cllr Derek Pym"]);
    expect(named(vote!, "against")).toEqual(["Cllr Alice Fenwick"]);
    expect(named(vote!, "abstain")).toEqual(["Cllr Erin Wragge"]);
    // counts only: a show of hands
    expect(hands).toMatchObject({ minute: "3", result: "carried", counts: { for: 3, against: 1, abstain: 1 }, positions: [] });
    expect(hands!.question).toBe("the recommendation to confirm the order");
  });

  it('a paragraph "For: … Against: …", with a tie lost on the casting vote', async () => {
    const [tie, fees] = await votesOf("licensing.txt", PARAGRAPH_MINUTES);
    expect(tie).toMatchObject({ minute: "7", question: "the amendment", result: "tied-lost", counts: { for: 2, against: 2, abstain: 0 } });
    expect(named(tie!, "for")).toEqual(["Jessop", "Lal"]);
    expect(named(tie!, "against")).toEqual(["Hartley", "Neale"]);
    expect(fees).toMatchObject({ minute: "8", result: "carried", counts: { for: 3, against: 1, abstain: 0 } });
    expect(named(fees!, "against")).toEqual(["Cllr Jessop"]);
  });

  it("minutes without votes yield none (no false divisions from 'for' and 'against' in prose)", async () => {
    const prose = TABLE_MINUTES.replace(
      /\| Member[\s\S]*?\| Cllr Erin Wragge \| Abstain \|/,
      "Members argued for and against the scheme.",
    ).replace(/For 3, Against 1, Abstentions 1/, "a clear majority");
    expect(await votesOf("prose.txt", prose)).toEqual([]);
  });

  it.skipIf(!existsSync(KENT))("the Kent County Council minutes: every recorded vote, its counts and every named member", async () => {
    const { extraction } = await extractFile(KENT);
    const votes = extraction.meetings.flatMap((m) => m.votes ?? []);
    expect(votes.map((v) => [v.minute, v.counts.for, v.counts.against, v.counts.abstain, v.result])).toEqual([
      ["299", 52, 0, 11, "carried"],
      ["302", 38, 5, 4, "carried"],
      ["306", 39, 3, 0, "carried"],
      ["306", 32, 11, 0, "carried"],
      ["306", 36, 4, 0, "carried"],
      ["306", 37, 0, 2, "carried"],
      ["307", 32, 1, 2, "carried"],
      ["308", 33, 2, 0, "carried"],
      ["308", 34, 0, 0, "carried"],
    ]);
    // Independently of the extractor: each printed "For (n)" / "Against (n)" / "Abstain (n)" heading
    // is followed by its comma-separated names, up to the next heading or the result.
    const lines = flatten(await readPack(KENT)).map((l) => l.text);
    const printed: Array<Record<string, string[]>> = [];
    let cur: Record<string, string[]> | null = null;
    let pos: string | null = null;
    for (const t of lines) {
      const h = /^(For|Against|Abstain) \((\d+)\)$/.exec(t);
      if (h) {
        if (h[1] === "For") printed.push((cur = {}));
        pos = h[1]!.toLowerCase();
        cur![pos] = [];
        continue;
      }
      if (!cur || !pos || !t) continue;
      if (!/^(?:Mr|Mrs|Ms|Miss|Sir|Dr) /.test(t)) {
        pos = null;
        continue;
      }
      cur[pos]!.push(
        ...t
          .replace(/\s*(?:Substantive )?(?:Motion|Amendment) carried\.?$/i, "")
          .split(", ")
          .map((s) => s.trim()),
      );
      pos = null;
    }
    expect(printed).toHaveLength(votes.length);
    votes.forEach((v, k) => {
      for (const p of ["for", "against", "abstain"]) expect(named(v, p), `vote ${k + 1} ${p}`).toEqual(printed[k]![p] ?? []);
    });
    // Spot checks a reader can verify against the printed page.
    expect(named(votes[0]!, "abstain")).toContain("Mr Streatfeild MBE");
    expect(named(votes[6]!, "against")).toEqual(["Mr Booth"]);
    expect(votes[3]!.question).toBe("the amendment set out in paragraph 2");
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: recorded votes: loading`, () => {
    let store: TestStore;
    let scope: Scope;
    beforeEach(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "loamshire", name: "Loamshire Borough Council" });
      scope = new Scope(store, a.id, "import");
    });
    afterEach(async () => store.cleanup());

    it("stores each vote under its minute with every member's position, and importing again changes nothing", async () => {
      const first = await importPack(scope, { path: "planning.txt", data: enc(TABLE_MINUTES) });
      expect(first.counts.vote!.created).toBe(2);
      expect(first.counts.vote_position!.created).toBe(5);
      const [vote, hands] = await scope.list("vote", {}, ["position"]);
      const minute = await scope.require("minute", vote!.minuteId!);
      expect(minute.number).toBe("2");
      expect(vote).toMatchObject({ method: "recorded", result: "carried", forCount: 3, againstCount: 1, abstainCount: 1 });
      expect(hands).toMatchObject({ method: "show-of-hands", forCount: 3, againstCount: 1, abstainCount: 1 });
      const people = new Map((await scope.list("person")).map((p) => [p.id, p.name]));
      const positions = await scope.list("vote_position", { voteId: vote!.id });
      expect(Object.fromEntries(positions.map((p) => [people.get(p.personId), p.position]))).toEqual({
        "Alice Fenwick": "against",
        "Bashir Okafor": "for",
        "Carys Dunmore": "for",
        "Derek Pym": "for",
        "Erin Wragge": "abstain",
      });
      // the same people as the attendance list, not new ones
      expect(people.size).toBe(5);
      const again = await importPack(scope, { path: "planning.txt", data: enc(TABLE_MINUTES) });
      expect(again.counts.vote).toEqual({ created: 0, updated: 0, unchanged: 2 });
      expect(again.counts.vote_position).toEqual({ created: 0, updated: 0, unchanged: 5 });
    });

    it("a tie keeps the casting vote's outcome; surnames resolve to the members present", async () => {
      await importPack(scope, { path: "licensing.txt", data: enc(PARAGRAPH_MINUTES) });
      const [tie] = await scope.list("vote", {}, ["position"]);
      expect(tie).toMatchObject({ result: "tied-lost", forCount: 2, againstCount: 2 });
      const people = new Map((await scope.list("person")).map((p) => [p.id, p.name]));
      expect(people.size).toBe(4);
      const positions = await scope.list("vote_position", { voteId: tie!.id });
      expect(positions.map((p) => `${people.get(p.personId)}:${p.position}`).sort()).toEqual([
        "Gwen Hartley:against",
        "Ivor Jessop:for",
        "Kiran Lal:for",
        "Mona Neale:against",
      ]);
    });

    it.skipIf(!existsSync(KENT) || dialect !== "sqlite")("the Kent minutes: every named member's position is stored", async () => {
      const data = readFileSync(KENT);
      const { extraction } = await extractFile(KENT);
      await importPack(scope, { path: KENT, data });
      const votes = await scope.list("vote", {}, ["position"]);
      const expected = extraction.meetings.flatMap((m) => m.votes ?? []);
      expect(votes).toHaveLength(expected.length);
      for (const [k, v] of votes.entries()) {
        const x = expected[k]!;
        expect([v.forCount, v.againstCount, v.abstainCount]).toEqual([x.counts.for, x.counts.against, x.counts.abstain]);
        const positions = await scope.list("vote_position", { voteId: v.id });
        expect(positions.map((p) => `${p.nameAsPrinted}:${p.position}`).sort()).toEqual(
          x.positions.map((p) => `${p.name}:${p.position}`).sort(),
        );
      }
      // "Mr Cole" and "Mrs Cole" are two members, not one
      const first = await scope.list("vote_position", { voteId: votes[0]!.id });
      const coles = first.filter((p) => /Cole$/.test(p.nameAsPrinted ?? ""));
      expect(coles).toHaveLength(2);
      expect(new Set(coles.map((p) => p.personId)).size).toBe(2);
    });
  });
}
