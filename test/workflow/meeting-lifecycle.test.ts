import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scope } from "../../src/store/records.js";
import { MEETING_TRANSITIONS, adjournMeeting, canMove, markHeld, reconveneMeeting } from "../../src/workflow/meeting-status.js";
import { adjacentMeeting, cancelMeeting, createMeeting, postponeMeeting } from "../../src/workflow/meetings.js";
import { publishAgenda } from "../../src/workflow/publication.js";
import { addAgendaItem, startAgenda } from "../../src/workflow/agenda.js";
import {
  addMinute,
  approveMinutes,
  declareInterest,
  editDeclaration,
  recordAttendance,
  removeDeclaration,
  removeMinute,
} from "../../src/workflow/minutes.js";
import { editAction, editDecision, recordDecision, removeAction, removeDecision } from "../../src/workflow/actions.js";
import { editVote, recordVote } from "../../src/workflow/votes.js";
import { MeetingStatus } from "../../src/domain/meeting.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildEditorFixture, type EditorFixture } from "../support/editor-fixture.js";

const TODAY = "2026-12-04";
const at = (d: string) => new Date(`${d}T10:00:00Z`);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  return "accepted";
}

const auditOf = (store: TestStore, recordId: string) =>
  store.db.selectFrom("audit_entry").selectAll().where("recordId", "=", recordId).orderBy("id").execute();

describe("meeting status moves (the table itself)", () => {
  it("held, cancelled and postponed are final; adjourned only reconvenes or moves; nothing goes back to scheduled", () => {
    for (const from of MeetingStatus.options) expect(canMove(from, "scheduled"), from).toBe(false);
    expect(MEETING_TRANSITIONS.held).toEqual([]);
    expect(MEETING_TRANSITIONS.cancelled).toEqual([]);
    expect(MEETING_TRANSITIONS.postponed).toEqual([]);
    expect(canMove("adjourned", "cancelled")).toBe(false);
    expect(canMove("adjourned", "held")).toBe(false);
    expect(canMove("reconvened", "held")).toBe(true);
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: the meeting lifecycle`, () => {
    let store: TestStore;
    let f: EditorFixture;
    let s: Scope;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildEditorFixture(store);
      s = new Scope(store, f.authorityId, "user:clerk");
    });
    afterAll(() => store?.cleanup());
    const meeting = (localDate: string, localTime = "18:00") =>
      createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate, localTime });

    it("marks a meeting held on or after its day, never before; a held meeting cannot then be cancelled or postponed", async () => {
      const m = await meeting("2026-12-10");
      expect(await code(markHeld(s, m.id, TODAY))).toMatch(/^rule: the meeting is on 10 December 2026/);
      expect((await markHeld(s, m.id, "2026-12-10")).status).toBe("held");
      expect(await code(cancelMeeting(s, m.id, "No business"))).toMatch(/^rule: a held meeting cannot be cancelled$/);
      expect(await code(postponeMeeting(s, m.id, "Snow"))).toMatch(/^rule: a held meeting cannot be postponed/);
      expect(await code(markHeld(s, m.id, "2026-12-11"))).toMatch(/^rule: a held meeting cannot be marked held/);
      const audit = await auditOf(store, m.id);
      expect(audit.at(-1)).toMatchObject({ operation: "update", actor: "user:clerk" });
      expect(JSON.parse(audit.at(-1)!.after!)).toMatchObject({ status: "held" });
    });

    it("adjourns to a later date and time, reconvenes on that day (not before), then is held", async () => {
      const m = await meeting("2026-11-20");
      expect(await code(adjournMeeting(s, m.id, { localDate: "2026-11-20" }, TODAY))).toMatch(
        /^rule: localDate: an adjourned meeting resumes after/,
      );
      expect(await code(adjournMeeting(s, m.id, { localDate: "27/11/2026" }, TODAY))).toMatch(/^invalid: localDate/);
      const adjourned = await adjournMeeting(s, m.id, { localDate: "2026-12-08", localTime: "14:00", reason: "Fire alarm" }, TODAY);
      expect(adjourned).toMatchObject({
        status: "adjourned",
        adjournedToDate: "2026-12-08",
        adjournedToTime: "14:00",
        statusNote: "Fire alarm",
      });
      expect(await code(reconveneMeeting(s, m.id, TODAY))).toMatch(/^rule: the meeting is adjourned to 8 December 2026/);
      expect(await code(markHeld(s, m.id, "2026-12-08"))).toMatch(
        /^rule: a adjourned meeting cannot be marked held \(it can be adjourned or reconvened\)/,
      );
      expect(await code(cancelMeeting(s, m.id, "Abandoned"))).toMatch(/^rule: a adjourned meeting cannot be cancelled/);
      const back = await reconveneMeeting(s, m.id, "2026-12-08");
      expect(back).toMatchObject({ status: "reconvened", reconvenedOn: "2026-12-08" });
      const held = await markHeld(s, m.id, "2026-12-08");
      expect(held).toMatchObject({ status: "held", adjournedToDate: null, reconvenedOn: "2026-12-08" });
      // A met meeting (adjourned or held) is one whose minutes the next meeting approves.
      const next = await meeting("2026-12-01");
      expect((await adjacentMeeting(s, f.committees.scrutiny.id, next, "previous"))?.id).toBe(m.id);
    });

    it("a meeting not yet met cannot be adjourned (it is postponed instead)", async () => {
      const m = await meeting("2027-02-01");
      expect(await code(adjournMeeting(s, m.id, { localDate: "2027-02-08" }, TODAY))).toMatch(
        /^rule: the meeting has not met yet .*postpone it instead/,
      );
    });

    it("a cancelled meeting's agenda cannot be published", async () => {
      const m = await meeting("2027-03-01");
      await startAgenda(s, m.id);
      await cancelMeeting(s, m.id, "No business");
      expect(await code(publishAgenda(s, m.id, at(TODAY)))).toMatch(/^rule: a cancelled meeting's agenda cannot be published/);
    });

    it("short notice: refused without the reason or the Chair's agreement, recorded with both, refused when not needed", async () => {
      const m = await meeting("2026-12-08"); // Tuesday: publishing on Friday 4th leaves 1 clear working day
      await startAgenda(s, m.id);
      expect(await code(publishAgenda(s, m.id, at(TODAY)))).toMatch(
        /^rule: too late to publish: .*called at short notice, with the Chair's agreement/,
      );
      const notice = {
        reason: "Government deadline for the bid is 11 December",
        chairAgreedBy: "Cllr Jill Archer",
        chairAgreedOn: "2026-12-03",
      };
      expect(await code(publishAgenda(s, m.id, at(TODAY), { ...notice, reason: " " }))).toMatch(/^invalid: shortNoticeReason/);
      expect(await code(publishAgenda(s, m.id, at(TODAY), { ...notice, chairAgreedBy: "" }))).toMatch(/^invalid: chairAgreedBy/);
      expect(await code(publishAgenda(s, m.id, at(TODAY), { ...notice, chairAgreedOn: "2026-12-05" }))).toMatch(/^rule: chairAgreedOn/);
      expect((await s.require("meeting", m.id)).agendaPublishedAt).toBeNull();
      const published = await publishAgenda(s, m.id, at(TODAY), notice);
      expect(published).toMatchObject({ shortNoticeReason: notice.reason, chairAgreedBy: "Cllr Jill Archer", chairAgreedOn: "2026-12-03" });
      expect(published.agendaPublishedAt).not.toBeNull();
      const audit = await auditOf(store, m.id);
      expect(audit.at(-1)!.reason).toBe(notice.reason);
      // A supplementary item after publication still needs its own reason for urgency.
      expect(await code(addAgendaItem(s, m.id, { title: "Late report" }))).toMatch(/^rule: urgencyReason/);
      const late = await addAgendaItem(s, m.id, { title: "Late report", urgencyReason: "Figures arrived on 4 December" });
      expect(late.urgencyReason).toBe("Figures arrived on 4 December");

      const early = await meeting("2027-04-01");
      await startAgenda(s, early.id);
      expect(await code(publishAgenda(s, early.id, at(TODAY), notice))).toMatch(
        /^rule: the agenda can still go out with five clear working days/,
      );
      expect(await code(publishAgenda(s, m.id, at("2026-12-09")))).toMatch(/^rule: the agenda was already published/);
    });

    it("several substitutes and officers in one save; a member stood in for twice, or present, or a member substituting, is refused", async () => {
      const m = await meeting("2026-11-25");
      const extra = await s.create("person", { slug: "shula-hebden", name: "Shula Hebden", kind: "councillor" });
      await s.create("membership", { personId: extra.id, committeeId: f.committees.scrutiny.id, role: "member", kind: "councillor" });
      const second = await s.create("person", { slug: "brian-aldridge", name: "Brian Aldridge", kind: "councillor" });
      const officer2 = await s.create("person", { slug: "alan-franks", name: "Alan Franks", kind: "officer" });
      const rows = await recordAttendance(s, m.id, [
        { personId: f.people.chair.id, status: "present" },
        { personId: f.people.member.id, status: "apologies" },
        { personId: extra.id, status: "apologies" },
        { personId: f.people.sub.id, status: "substitute", substituteForId: f.people.member.id },
        { personId: second.id, status: "substitute", substituteForId: extra.id },
        { personId: f.people.officer.id, status: "present", capacity: "officer" },
        { personId: officer2.id, status: "present", capacity: "officer" },
      ]);
      expect(rows.filter((r) => r.status === "substitute").length).toBe(2);
      expect(rows.filter((r) => r.capacity === "officer").length).toBe(2);
      const before = (await s.list("attendance", { meetingId: m.id })).length;
      const twice = recordAttendance(
        s,
        m.id,
        [
          { personId: f.people.sub.id, status: "substitute", substituteForId: f.people.member.id },
          { personId: second.id, status: "substitute", substituteForId: f.people.member.id },
        ],
        { shown: [] },
      );
      expect(await code(twice)).toMatch(/^rule: substituteForId: Brian Aldridge and Lynda Snell both stand in for Tom Forrest/);
      const present = recordAttendance(s, m.id, [{ personId: f.people.sub.id, status: "substitute", substituteForId: f.people.chair.id }], {
        shown: [],
      });
      expect(await code(present)).toMatch(/^rule: substituteForId: Jill Archer is recorded present/);
      const member = recordAttendance(s, m.id, [{ personId: extra.id, status: "substitute", substituteForId: f.people.member.id }], {
        shown: [],
      });
      expect(await code(member)).toMatch(/^rule: substituteForId: Shula Hebden is a member of this committee/);
      expect((await s.list("attendance", { meetingId: m.id })).length).toBe(before);
    });

    it("decisions, declarations, votes, minutes and actions are edited and removed while draft, each audited; approval locks them", async () => {
      const m = await meeting("2026-10-01");
      const next = await meeting("2026-11-05");
      await startAgenda(s, next.id);
      const minute = await addMinute(s, m.id, { title: "Parking", text: "Discussed parking." });
      const spare = await addMinute(s, m.id, { title: "Spare", text: "Entered twice." });
      const { decision, actions } = await recordDecision(s, minute.id, {
        text: "That parking be reviewed.",
        actions: [{ text: "Survey the car parks", ownerText: "Head of Highways", dueDate: "2027-01-31" }],
      });
      const d2 = await recordDecision(s, spare.id, { text: "Wrong", actions: [{ text: "Wrong action" }] });
      const decl = await declareInterest(s, m.id, { personId: f.people.chair.id, type: "other", nature: "Lives on the high street" });
      const { vote } = await recordVote(s, minute.id, { question: "the motion", result: "carried", forCount: 3, againstCount: 1 });

      expect((await editDecision(s, decision.id, { text: "That parking charges be reviewed.", kind: "agreed" })).revision).toBe(2);
      expect((await editDeclaration(s, decl.id, { type: "nri", nature: "Lives on Church Road" })).type).toBe("nri");
      expect((await editVote(s, vote.id, { forCount: 4, note: "Chair's casting vote not needed" })).forCount).toBe(4);
      const edited = await editAction(
        s,
        actions[0].id,
        { text: "Survey every car park", ownerText: "Parking Manager", dueDate: "2027-02-28" },
        TODAY,
      );
      expect(edited).toMatchObject({ text: "Survey every car park", ownerText: "Parking Manager", dueDate: "2027-02-28", status: "open" });
      const done = await editAction(s, actions[0].id, { status: "complete" }, TODAY);
      expect(done).toMatchObject({ status: "complete", completedOn: TODAY });
      expect((await editAction(s, actions[0].id, { status: "in-progress" }, TODAY)).completedOn).toBeNull();
      expect(await code(editAction(s, actions[0].id, { dueDate: "31/01/2027" }, TODAY))).toMatch(/^invalid/);

      await removeMinute(s, spare.id);
      expect(await s.get("minute", spare.id)).toBeUndefined();
      expect(await s.get("decision", d2.decision.id)).toBeUndefined();
      expect(await s.get("action", d2.actions[0].id)).toBeUndefined();
      for (const id of [spare.id, d2.decision.id, d2.actions[0].id]) expect((await auditOf(store, id)).at(-1)!.operation).toBe("delete");

      const extra = await recordDecision(s, minute.id, { text: "Second thoughts", actions: [{ text: "Follow up" }] });
      await removeDecision(s, extra.decision.id);
      expect(await s.get("action", extra.actions[0].id)).toBeUndefined();
      const loose = await recordDecision(s, minute.id, { text: "Another", actions: [{ text: "Loose end" }] });
      await removeAction(s, loose.actions[0].id);
      expect((await auditOf(store, loose.actions[0].id)).at(-1)!.operation).toBe("delete");

      await approveMinutes(s, m.id, next.id);
      expect(await code(editDecision(s, decision.id, { text: "Rewritten" }))).toMatch(/^locked/);
      expect(await code(removeDecision(s, decision.id))).toMatch(/^locked/);
      expect(await code(editDeclaration(s, decl.id, { nature: "Rewritten" }))).toMatch(
        /^locked: The minutes of 1 October 2026 are approved/,
      );
      expect(await code(removeDeclaration(s, decl.id))).toMatch(/^locked/);
      expect(await code(editVote(s, vote.id, { question: "Rewritten" }))).toMatch(/^locked/);
      expect(await code(removeMinute(s, minute.id))).toMatch(/^locked/);
      // Actions are tracked after approval: they stay editable.
      expect((await editAction(s, actions[0].id, { status: "complete" }, TODAY)).status).toBe("complete");
    });
  });
}
