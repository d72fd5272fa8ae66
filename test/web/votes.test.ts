import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { Scope } from "../../src/store/records.js";
import { recordVote, removeVote } from "../../src/workflow/votes.js";
import { addMinute } from "../../src/workflow/minutes.js";
import { MootError } from "../../src/domain/errors.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../support/web-fixtures.js";
import { addVotes, type VoteFixture } from "../support/vote-fixtures.js";
import { buildEditorFixture, PASSWORD } from "../support/editor-fixture.js";
import { EditorClient } from "../support/editor-client.js";
import { createMeeting } from "../../src/workflow/meetings.js";

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    return e instanceof MootError ? `${e.code}: ${e.message}` : String(e);
  }
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: votes`, () => {
    let store: TestStore;
    let f: WebFixture;
    let v: VoteFixture;
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      v = await addVotes(store, f);
      app = createApp(store, { now: () => FIXTURE_NOW });
    });
    afterAll(() => store.cleanup());

    it("refuses a vote whose names and counts disagree, a member named twice, names on a show of hands, and a tie without a casting vote", async () => {
      const s = new Scope(store, f.authorityId, "clerk");
      const [minute] = await s.list("minute", { meetingId: f.meetings.summer }, ["position"]);
      const base = { question: "the motion", result: "carried" as const, forCount: 2, againstCount: 0 };
      const chairFor = { personId: f.people.chair.id, position: "for" as const };
      expect(await codeOf(recordVote(s, minute!.id, { ...base, positions: [chairFor] }))).toMatch(
        /^invalid: forCount: 2 counted but 1 named/,
      );
      expect(await codeOf(recordVote(s, minute!.id, { ...base, positions: [chairFor, chairFor] }))).toMatch(/listed twice/);
      expect(await codeOf(recordVote(s, minute!.id, { ...base, method: "show-of-hands", positions: [chairFor] }))).toMatch(
        /show of hands records counts only/,
      );
      expect(await codeOf(recordVote(s, minute!.id, { ...base, againstCount: 2 }))).toMatch(/casting vote/);
      expect(await codeOf(recordVote(s, minute!.id, { ...base, result: "tied-lost" }))).toMatch(/a tie needs equal votes/);
      expect(await s.list("vote", { minuteId: minute!.id })).toHaveLength(1);
    });

    it("approved minutes lock their votes", async () => {
      const s = new Scope(store, f.authorityId, "clerk");
      const m = await addMinute(s, f.meetings.winter, { title: "Budget", text: "Debated." });
      const { vote } = await recordVote(s, m.id, { question: "the budget", result: "lost", forCount: 1, againstCount: 2 });
      await s.update("minute", m.id, { status: "approved", approvedAt: "2025-02-01T10:00:00Z" });
      expect(await codeOf(recordVote(s, m.id, { question: "again", result: "carried", forCount: 2, againstCount: 1 }))).toMatch(/^locked/);
      expect(await codeOf(removeVote(s, vote.id))).toMatch(/^locked/);
    });

    it("the meeting page shows each division under its minute, members linked", async () => {
      const html = await (await app.request(`/meetings/${f.meetings.summer}`)).text();
      const minuteAt = html.indexOf("CAB 23/25");
      const voteAt = html.indexOf(`id="vote-${v.library}"`);
      expect(minuteAt).toBeGreaterThan(-1);
      expect(voteAt).toBeGreaterThan(minuteAt);
      expect(html.indexOf("CAB 24/25")).toBeGreaterThan(voteAt);
      const division = html.slice(voteAt, html.indexOf("</section>", voteAt));
      expect(division).toContain("Carried on the chair&#39;s casting vote");
      expect(division).toMatch(/For \(1\)<\/dt>\s*<dd>\s*<a href="\/people\/ada-hart">Ada Hart<\/a>/);
      expect(division).toContain('<a href="/people/ben-okafor">Ben Okafor</a>');
    });

    it("a member's page shows their voting record with the motions and links", async () => {
      const html = await (await app.request(`/people/${f.people.member.slug}`)).text();
      const record = html.slice(html.indexOf('id="votes"'), html.indexOf("Declarations of interest"));
      expect(record).toContain(`/meetings/${f.meetings.summer}#vote-${v.library}`);
      expect(record).toContain("CAB 23/25 Library Services Review: the recommendation to approve the mobile library timetable");
      expect(record).toMatch(/<td>Against<\/td>/);
      expect(record).toMatch(/<td>For<\/td>/); // the Old Depot vote, public until marked exempt
      const none = await (await app.request(`/people/${f.people.sub.slug}`)).text();
      expect(none).toContain("No recorded votes.");
    });

    it("the API serves votes and OCD VoteEvents", async () => {
      const list = (await (await app.request(`/api/v1/votes?person=${f.people.coopted.id}`)).json()) as {
        items: Array<{ id: string; positions: Array<{ position: string; person: { slug: string } }> }>;
      };
      expect(list.items.map((x) => x.id)).toEqual([v.library]);
      const ocd = (await (await app.request(`/api/v1/votes/${v.library}/ocd`)).json()) as Record<string, unknown>;
      expect(ocd).toMatchObject({
        _type: "vote",
        result: "pass",
        motion_text: "the recommendation to approve the mobile library timetable",
        counts: [
          { option: "yes", value: 1 },
          { option: "no", value: 1 },
          { option: "abstain", value: 1 },
        ],
        extras: { result: "tied-carried", method: "recorded", minute: "CAB 23/25" },
      });
      expect((ocd.votes as Array<{ option: string; voter_name: string }>).map((x) => `${x.voter_name}:${x.option}`).sort()).toEqual([
        "Ada Hart:yes",
        "Ben Okafor:no",
        "Carol Fenn:abstain",
      ]);
      const events = (await (await app.request(`/api/v1/meetings/${f.meetings.summer}/votes/ocd`)).json()) as unknown[];
      expect(events).toHaveLength(2);
      expect((await app.request("/api/v1/votes/nope")).status).toBe(404);
    });
  });
}

describe("editor: recording a vote under a minute", () => {
  let store: TestStore;
  afterAll(() => store?.cleanup());
  it("the clerk records a recorded vote from the form; a mismatch is refused with the field named and nothing written", async () => {
    store = await freshStore("sqlite");
    const fx = await buildEditorFixture(store);
    const s = new Scope(store, fx.authorityId, "test");
    const m = await createMeeting(s, { committeeId: fx.committees.scrutiny.id, localDate: "2025-03-03", localTime: "18:00" });
    const minute = await addMinute(s, m.id, { title: "Parking charges", text: "Debated." });
    const app = createApp(store);
    const clerk = new EditorClient(app);
    await clerk.signIn("clerk", PASSWORD);
    const page = await (await clerk.get(`/editor/minutes/${minute.id}/votes`)).text();
    expect(page).toContain("Jill Archer");
    const wrong = await clerk.post(`/editor/minutes/${minute.id}/votes`, {
      question: "the motion to freeze charges",
      result: "carried",
      method: "recorded",
      forCount: "2",
      [`pos_${fx.people.chair.id}`]: "for",
      [`pos_${fx.people.member.id}`]: "against",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Votes for: 2 counted but 1 named as voting for");
    expect(await s.list("vote")).toHaveLength(0);
    const ok = await clerk.post(`/editor/minutes/${minute.id}/votes`, {
      question: "the motion to freeze charges",
      result: "tied-lost",
      method: "recorded",
      [`pos_${fx.people.chair.id}`]: "for",
      [`pos_${fx.people.member.id}`]: "against",
    });
    expect(ok.status).toBe(303);
    const [vote] = await s.list("vote");
    expect(vote).toMatchObject({ result: "tied-lost", forCount: 1, againstCount: 1, method: "recorded", minuteId: minute.id });
    expect((await s.list("vote_position", { voteId: vote!.id })).map((p) => p.position).sort()).toEqual(["against", "for"]);
    const audit = await store.db.selectFrom("audit_entry").select(["tableName", "actor"]).where("tableName", "=", "vote").execute();
    expect(audit).toEqual([{ tableName: "vote", actor: expect.stringContaining("clerk") }]);
  });
});
