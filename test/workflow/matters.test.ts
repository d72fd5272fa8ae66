import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MootError } from "../../src/domain/errors.js";
import { Scope } from "../../src/store/records.js";
import { updateAuthority } from "../../src/store/authorities.js";
import { PUBLIC } from "../../src/domain/viewer.js";
import { forwardPlan, matterDetail } from "../../src/store/queries/matters.js";
import { callIn, createMatter, endCallIn, linkStep, markImplemented, startCallIn, updateMatter } from "../../src/workflow/matters.js";
import { publishMinutes } from "../../src/workflow/publication.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../support/web-fixtures.js";

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    return e instanceof MootError ? e.code : String(e);
  }
};
const at = (date: string) => new Date(`${date}T10:00:00Z`);

for (const dialect of DIALECTS) {
  describe(`${dialect}: matters, the forward plan and call-in`, () => {
    let store: TestStore;
    let f: WebFixture;
    let s: Scope;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      s = new Scope(store, f.authorityId, "clerk");
    });
    afterAll(() => store.cleanup());

    it("a key decision needs 28 clear days' notice unless an exception is recorded", async () => {
      const base = { title: "Waste contract", keyDecision: true, decisionMakerId: f.committees.cabinet.id, expectedOn: "2025-11-10" };
      // 12 October to 10 November leaves 13–9 = 28 clear days; the 13th leaves 27.
      expect(await codeOf(createMatter(s, { ...base, reference: "25/1", noticePublishedOn: "2025-10-13" }))).toBe("rule");
      const ok = await createMatter(s, { ...base, reference: "25/1", noticePublishedOn: "2025-10-12" });
      expect(ok.keyDecision).toBe(true);
      expect(await codeOf(createMatter(s, { ...base, reference: "25/1", title: "Again" }))).toBe("conflict");
      const urgent = await createMatter(s, {
        ...base,
        reference: "25/2",
        noticePublishedOn: "2025-11-01",
        noticeException: "special-urgency",
      });
      expect(urgent.noticeException).toBe("special-urgency");
      expect(await codeOf(updateMatter(s, urgent.id, { noticeException: null }))).toBe("rule");
      expect(await codeOf(updateMatter(s, ok.id, { noticeException: "general-exception" }))).toBe("invalid");
      expect(await codeOf(createMatter(s, { reference: "25/3", title: "Not key", noticePublishedOn: "2025-10-01" }))).toBe("invalid");
      expect(await codeOf(createMatter(s, { reference: "", title: "No reference" }))).toBe("invalid");
      // The public forward plan shows a notice from the day it is published.
      const plan = async (today: string) => (await forwardPlan(store, f.authorityId, PUBLIC, today)).map((e) => e.matter.reference);
      expect(await plan("2025-10-11")).toEqual([]);
      expect(await plan("2025-10-12")).toEqual(["25/1"]);
      expect(await plan("2025-11-11")).toEqual([]);
      expect((await forwardPlan(store, f.authorityId, { kind: "clerk" }, "2025-10-11")).map((e) => e.matter.reference)).toEqual([
        "25/1",
        "25/2",
      ]);
    });

    it("links the item, report and decision of one meeting, once; refuses records from two meetings", async () => {
      const m = await createMatter(s, { reference: "25/10", title: "Library Services Review" });
      const step = await linkStep(s, m.id, { decisionId: f.decisions.library });
      expect(step.agendaItemId).toBe(f.items.library);
      expect(step.meetingId).toBe(f.meetings.summer);
      expect((await linkStep(s, m.id, { decisionId: f.decisions.library })).id).toBe(step.id);
      expect(await codeOf(linkStep(s, m.id, { decisionId: f.decisions.library, documentId: f.documents.draftPaper }))).toBe("invalid");
      expect(await codeOf(linkStep(s, m.id, {}))).toBe("invalid");
      const d = await matterDetail(store, f.authorityId, m.id, PUBLIC, "2025-10-01");
      expect(d?.steps.map((x) => x.item?.title)).toEqual(["Library Services Review"]);
    });

    it("an unpublished meeting's step and a decision in draft minutes are not public", async () => {
      const m = await createMatter(s, { reference: "25/11", title: "Youth services" });
      await linkStep(s, m.id, { decisionId: f.decisions.draft, note: "Referred on" });
      const pub = await matterDetail(store, f.authorityId, m.id, PUBLIC, "2025-10-01");
      // The item is on a published agenda; its decision waits for the minutes, and so does the note.
      expect(pub?.steps).toHaveLength(1);
      expect(pub!.steps[0]!.decision).toBeNull();
      expect(pub!.steps[0]!.step.note).toBeNull();
      const hidden = await createMatter(s, { reference: "25/12", title: "Draft budget" });
      await linkStep(s, hidden.id, { agendaItemId: f.items.draft });
      expect(await matterDetail(store, f.authorityId, hidden.id, PUBLIC, "2025-10-01")).toBeUndefined();
      expect((await matterDetail(store, f.authorityId, hidden.id, { kind: "clerk" }, "2025-10-01"))?.steps).toHaveLength(1);
      await publishMinutes(s, f.meetings.draftMinutes, FIXTURE_NOW);
      const after = await matterDetail(store, f.authorityId, m.id, PUBLIC, "2025-10-01");
      expect(after!.steps[0]!.decision?.decision.id).toBe(f.decisions.draft);
      expect(after!.steps[0]!.step.note).toBe("Referred on");
    });

    it("a called-in decision cannot be implemented until the call-in ends", async () => {
      const meeting = await s.create("meeting", {
        committeeId: f.committees.cabinet.id,
        localDate: "2026-06-01",
        startsAt: "2026-06-01T17:00:00Z",
        status: "held",
      });
      const minute = await s.create("minute", {
        meetingId: meeting.id,
        number: "C1",
        position: 0,
        title: "Parking charges",
        text: "Discussed.",
      });
      const d = await s.create("decision", {
        meetingId: meeting.id,
        minuteId: minute.id,
        text: "RESOLVED: parking charges rise.",
        decidedOn: "2026-06-01",
      });
      // Publishing a Cabinet meeting's minutes starts the call-in period on its decisions.
      await publishMinutes(s, meeting.id, at("2026-06-05"));
      const started = await s.require("decision", d.id);
      expect([started.callInFrom, started.callInEndsOn]).toEqual(["2026-06-05", "2026-06-12"]);
      expect(await codeOf(markImplemented(s, d.id, at("2026-06-10")))).toBe("rule");
      expect(await codeOf(endCallIn(s, d.id, at("2026-06-10")))).toBe("rule");
      expect(await codeOf(callIn(s, d.id, "", at("2026-06-10")))).toBe("invalid");
      await callIn(s, d.id, "Five members asked", at("2026-06-10"));
      // Still called in after the period's last day: scrutiny has not finished.
      expect(await codeOf(markImplemented(s, d.id, at("2026-06-30")))).toBe("rule");
      expect(await codeOf(callIn(s, d.id, "again", at("2026-06-11")))).toBe("rule");
      await endCallIn(s, d.id, at("2026-07-01"));
      expect((await markImplemented(s, d.id, at("2026-07-02"))).implementedAt).toBe("2026-07-02T10:00:00.000Z");
      expect(await codeOf(markImplemented(s, d.id, at("2026-07-03")))).toBe("rule");
      // Not called in: implementable the day after the period ends, not on its last day.
      const d2 = await s.create("decision", {
        meetingId: meeting.id,
        text: "RESOLVED: a second thing.",
        decidedOn: "2026-06-01",
        position: 1,
      });
      await startCallIn(s, d2.id, "2026-06-05");
      expect(await codeOf(markImplemented(s, d2.id, at("2026-06-12")))).toBe("rule");
      expect(await codeOf(callIn(s, d2.id, "late", at("2026-06-15")))).toBe("rule");
      expect(await codeOf(markImplemented(s, d2.id, at("2026-06-15")))).toBe("ok");
      // Scrutiny's own decisions are not executive decisions: no call-in.
      expect((await s.require("decision", f.decisions.draft)).callInEndsOn).toBeNull();
    });

    it("an authority sets its own call-in length", async () => {
      await updateAuthority(store, f.authorityId, { callInWorkingDays: 3 });
      const d = await s.create("decision", {
        meetingId: f.meetings.winter,
        text: "RESOLVED: noted.",
        decidedOn: "2025-01-14",
        position: 9,
      });
      expect((await startCallIn(s, d.id, "2026-06-05")).callInEndsOn).toBe("2026-06-10");
      expect(await codeOf(startCallIn(s, d.id, "2026-06-05"))).toBe("rule");
      expect(await codeOf(updateAuthority(store, f.authorityId, { callInWorkingDays: 0 }))).toBe("invalid");
    });
  });
}
