import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { seedCouncil, type Council } from "./fixture.js";
import { createMeeting, cancelMeeting } from "../../src/workflow/meetings.js";
import { addAgendaItem, startAgenda } from "../../src/workflow/agenda.js";
import {
  addMinute,
  approveMinutes,
  correctMinute,
  currentMinutes,
  declareInterest,
  draftMinutes,
  editMinute,
  minuteHistory,
  recordAttendance,
} from "../../src/workflow/minutes.js";
import { minuteNumberPattern } from "../../src/workflow/minute-numbering.js";
import { isMinutesItem } from "../../src/domain/standing-items.js";

describe("the minutes-of-the-last-meeting item", () => {
  it("is recognised by the usual printed titles and not by look-alikes", () => {
    for (const t of [
      "Minutes of the last meeting",
      "Minutes of the previous meeting",
      "Minutes",
      "To confirm the minutes of the meeting held on 12 March 2025",
    ])
      expect(isMinutesItem(t)).toBe(true);
    for (const t of ["Action log and minutes tracker", "Minutes of the Health and Wellbeing Board", "Urgent business"])
      expect(isMinutesItem(t)).toBe(false);
  });
});

describe("minute number patterns", () => {
  it("reads the running count back from each scheme", () => {
    expect(minuteNumberPattern({ pattern: "CES{n}/{MM}/{YY}", resetEach: "never" }).exec("CES47/02/17")?.groups?.n).toBe("47");
    expect(minuteNumberPattern({ pattern: "CYP {n}/{YY}", resetEach: "municipal-year" }).exec("CYP 44/22")?.groups?.n).toBe("44");
    expect(minuteNumberPattern({ pattern: "{n}", resetEach: "never" }).exec("246")?.groups?.n).toBe("246");
    expect(minuteNumberPattern({ pattern: "{n}", resetEach: "never" }).exec("CES4/01/25")).toBeNull();
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: minutes`, () => {
    let store: TestStore;
    let c: Council;
    beforeAll(async () => {
      store = await freshStore(dialect);
      c = await seedCouncil(store);
    });
    afterAll(() => store.cleanup());

    it("records attendance as a whole; a bad entry leaves the previous record as it was", async () => {
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-02-06", localTime: "10:00" });
      const first = await recordAttendance(c.scope, m.id, [
        { personId: c.chair.id, status: "present" },
        { personId: c.member.id, status: "apologies" },
        { personId: c.sub.id, status: "substitute", substituteForId: c.member.id },
        { personId: c.officer.id, status: "present", capacity: "officer", note: "Head of Leisure" },
      ]);
      expect(first).toHaveLength(4);
      await expect(recordAttendance(c.scope, m.id, [{ personId: c.sub.id, status: "substitute" }])).rejects.toThrow(/substituteForId/);
      await expect(
        recordAttendance(c.scope, m.id, [
          { personId: c.chair.id, status: "present" },
          { personId: c.chair.id, status: "apologies" },
        ]),
      ).rejects.toMatchObject({ code: "invalid" });
      // Fails after the old rows were deleted and one new row written: all of it must roll back.
      await expect(
        recordAttendance(c.scope, m.id, [
          { personId: c.chair.id, status: "apologies" },
          { personId: c.sub.id, status: "substitute", substituteForId: c.officer.id },
        ]),
      ).rejects.toMatchObject({ code: "rule" });
      const now = await c.scope.list("attendance", { meetingId: m.id });
      expect(now.map((a) => a.id).sort()).toEqual(first.map((a) => a.id).sort());
      expect(now.find((a) => a.personId === c.chair.id)?.status).toBe("present");
    });

    it("records declarations against items of the same meeting only", async () => {
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-02-13", localTime: "10:00" });
      const other = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-02-20", localTime: "10:00" });
      const item = await addAgendaItem(c.scope, m.id, { title: "Allotments" });
      const d = await declareInterest(c.scope, m.id, {
        agendaItemId: item.id,
        personId: c.chair.id,
        type: "ori",
        nature: "Holds an allotment at Mill Lane",
      });
      expect(d.type).toBe("ori");
      await expect(declareInterest(c.scope, other.id, { agendaItemId: item.id, personId: c.chair.id, nature: "x" })).rejects.toThrow(
        /another meeting/,
      );
      await expect(declareInterest(c.scope, m.id, { personId: c.chair.id, nature: "" })).rejects.toThrow(/nature: must not be empty/);
    });

    it("numbers minutes by the scheme, continuing through the municipal year and restarting in May", async () => {
      const march = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-03-13", localTime: "10:00" });
      await addAgendaItem(c.scope, march.id, { title: "Apologies" });
      await addAgendaItem(c.scope, march.id, { title: "Bus services" });
      const drafted = await draftMinutes(c.scope, march.id);
      // Earlier 2024/25 meetings in this suite have no minutes, so March starts the count.
      expect(drafted.map((m) => m.number)).toEqual(["CES1/03/25", "CES2/03/25"]);
      expect(await draftMinutes(c.scope, march.id)).toHaveLength(0);
      const april = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-04-10", localTime: "10:00" });
      expect((await addMinute(c.scope, april.id, { title: "Any other business" })).number).toBe("CES3/04/25");
      const june = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-06-05", localTime: "10:00" });
      expect((await addMinute(c.scope, june.id, { title: "Election of Chair" })).number).toBe("CES1/06/25");
    });

    it("continues a never-resetting scheme from imported numbers", async () => {
      const committee = await c.scope.create("committee", {
        slug: "council",
        name: "Full Council",
        kind: "council",
        minuteScheme: { pattern: "{n}", resetEach: "never" },
      });
      const old = await createMeeting(c.scope, { committeeId: committee.id, localDate: "2024-11-01", localTime: "19:00" });
      await c.scope.create("minute", { meetingId: old.id, number: "245", position: 0, title: "Imported" });
      const m = await createMeeting(c.scope, { committeeId: committee.id, localDate: "2025-07-01", localTime: "19:00" });
      expect((await addMinute(c.scope, m.id, { title: "Next" })).number).toBe("246");
    });

    it("approves drafts at the next meeting's minutes item, locks them, and corrects by new version", async () => {
      const committee = await c.scope.create("committee", {
        slug: "cyp",
        name: "Children and Young People Scrutiny",
        kind: "scrutiny",
        minuteScheme: { pattern: "CYP {n}/{YY}", resetEach: "municipal-year" },
      });
      const m1 = await createMeeting(c.scope, { committeeId: committee.id, localDate: "2025-09-04", localTime: "10:00" });
      await addAgendaItem(c.scope, m1.id, { title: "School transport" });
      const [minute] = await draftMinutes(c.scope, m1.id);
      expect(minute.number).toBe("CYP 1/25");
      await editMinute(c.scope, minute.id, { text: "The committee discussed school transport costs of £2.1m." });
      const cancelled = await createMeeting(c.scope, { committeeId: committee.id, localDate: "2025-10-02", localTime: "10:00" });
      await cancelMeeting(c.scope, cancelled.id, "No business");
      const m3 = await createMeeting(c.scope, { committeeId: committee.id, localDate: "2025-12-04", localTime: "10:00" });
      const m2 = await createMeeting(c.scope, { committeeId: committee.id, localDate: "2025-11-06", localTime: "10:00" });
      await addAgendaItem(c.scope, m2.id, { title: "Youth services" });
      await expect(approveMinutes(c.scope, m1.id, m2.id)).rejects.toThrow(/no "minutes of the last meeting" item/);
      await startAgenda(c.scope, m3.id);
      await expect(approveMinutes(c.scope, m1.id, m3.id)).rejects.toThrow(/next meeting \(2025-11-06\)/);
      await addAgendaItem(c.scope, m2.id, { title: "Minutes of the previous meeting" });
      const approved = await approveMinutes(c.scope, m1.id, m2.id, new Date("2025-11-06T11:00:00Z"));
      expect(approved).toHaveLength(1);
      expect(approved[0]).toMatchObject({ status: "approved", approvedAtMeetingId: m2.id, approvedAt: "2025-11-06T11:00:00.000Z" });
      await expect(editMinute(c.scope, minute.id, { text: "Changed quietly" })).rejects.toMatchObject({ code: "locked" });
      await expect(approveMinutes(c.scope, m1.id, m2.id)).rejects.toMatchObject({ code: "rule" });
      await expect(correctMinute(c.scope, minute.id, { text: "x", reason: " " })).rejects.toMatchObject({ code: "invalid" });
      const corrected = await correctMinute(c.scope, minute.id, {
        text: "The committee discussed school transport costs of £2.4m.",
        reason: "Figure misrecorded; corrected at the meeting of 4 December",
        atMeetingId: m3.id,
      });
      expect(corrected).toMatchObject({ number: "CYP 1/25", version: 2, supersedesId: minute.id, status: "approved" });
      await expect(correctMinute(c.scope, minute.id, { text: "again", reason: "r" })).rejects.toMatchObject({ code: "conflict" });
      expect((await c.scope.require("minute", minute.id)).text).toContain("£2.1m");
      const current = await currentMinutes(c.scope, m1.id);
      expect(current.map((x) => x.text)).toEqual(["The committee discussed school transport costs of £2.4m."]);
      const history = await minuteHistory(c.scope, minute.id);
      expect(history.versions.map((v) => v.version)).toEqual([1, 2]);
      expect(history.audit.map((a) => `${a.operation}:${a.reason ?? ""}`)).toEqual([
        "insert:",
        "update:",
        "update:approved at the meeting of 2025-11-06",
        "insert:Figure misrecorded; corrected at the meeting of 4 December",
      ]);
    });
  });
}
