import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { seedCouncil, type Council } from "./fixture.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { agendaOf, startAgenda } from "../../src/workflow/agenda.js";
import { addWorkItem, completeWorkItem, scheduleOntoAgenda } from "../../src/workflow/work-programme.js";
import { registerInterest, updateInterest } from "../../src/workflow/interests.js";

for (const dialect of DIALECTS) {
  describe(`${dialect}: the editor's one-step work-programme and register edits`, () => {
    let store: TestStore;
    let c: Council;
    beforeAll(async () => {
      store = await freshStore(dialect);
      c = await seedCouncil(store);
    });
    afterAll(() => store.cleanup());

    const programme = () => c.scope.list("work_programme_item", { committeeId: c.committee.id }, ["createdAt"]);

    it("a proposed item is scheduled and added; a refusal leaves the programme as it was", async () => {
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-09-11", localTime: "18:00" });
      await startAgenda(c.scope, m.id);
      const parks = await addWorkItem(c.scope, c.committee.id, { topic: "Parks maintenance", reason: "Complaints up" });
      const elsewhere = await createMeeting(c.scope, { committeeId: c.other.id, localDate: "2025-09-12", localTime: "18:00" });
      await expect(scheduleOntoAgenda(c.scope, elsewhere.id, parks.id)).rejects.toMatchObject({ code: "rule" });
      await expect(scheduleOntoAgenda(c.scope, m.id, "")).rejects.toThrow(/^workItemId: choose/);
      expect(await c.scope.require("work_programme_item", parks.id)).toMatchObject({ meetingId: null, status: "proposed" });

      const item = await scheduleOntoAgenda(c.scope, m.id, parks.id);
      expect(item).toMatchObject({ title: "Parks maintenance", description: "Complaints up" });
      expect(await c.scope.require("work_programme_item", parks.id)).toMatchObject({ meetingId: m.id, status: "scheduled" });
      await expect(scheduleOntoAgenda(c.scope, m.id, parks.id)).rejects.toMatchObject({ code: "conflict" });
      expect((await agendaOf(c.scope, m.id)).filter((i) => i.title === "Parks maintenance")).toHaveLength(1);
      // A one-off item leaves nothing behind.
      expect((await programme()).filter((w) => w.topic === "Parks maintenance")).toHaveLength(1);
    });

    it("a standing item leaves one next occurrence when taken, and marking it done adds no second", async () => {
      const nov = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-11-06", localTime: "18:00" });
      const april = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2026-04-16", localTime: "18:00" });
      await startAgenda(c.scope, nov.id);
      const budget = await addWorkItem(c.scope, c.committee.id, { topic: "Budget monitoring", recurrence: "six-monthly" });
      await scheduleOntoAgenda(c.scope, nov.id, budget.id);
      const copies = () => programme().then((all) => all.filter((w) => w.topic === "Budget monitoring" && w.id !== budget.id));
      expect(await copies()).toEqual([
        expect.objectContaining({ status: "proposed", meetingId: null, plannedText: "May 2026", recurrence: "six-monthly" }),
      ]);
      const { next } = await completeWorkItem(c.scope, budget.id);
      expect(await copies()).toHaveLength(1);
      expect(next?.id).toBe((await copies())[0].id);

      // With a meeting in the month due, the next occurrence is scheduled for it.
      const annual = await addWorkItem(c.scope, c.committee.id, { topic: "Annual report", recurrence: "annual" });
      const lastApril = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-04-10", localTime: "18:00" });
      await startAgenda(c.scope, lastApril.id);
      await scheduleOntoAgenda(c.scope, lastApril.id, annual.id);
      expect((await programme()).filter((w) => w.topic === "Annual report" && w.id !== annual.id)).toEqual([
        expect.objectContaining({ status: "scheduled", meetingId: april.id, plannedText: "April 2026" }),
      ]);
    });

    it("an entry of another member is not found through this member's register", async () => {
      const clerk = { kind: "clerk" as const };
      const theirs = await registerInterest(c.scope, clerk, c.member.id, {
        interestClass: "ori",
        description: "Governor, Wendlebury Primary",
        registeredOn: "2025-05-20",
      });
      await expect(updateInterest(c.scope, clerk, theirs.id, { description: "Changed" }, { personId: c.chair.id })).rejects.toMatchObject({
        code: "not_found",
      });
      expect((await c.scope.require("registered_interest", theirs.id)).description).toBe("Governor, Wendlebury Primary");
      expect(
        await updateInterest(c.scope, clerk, theirs.id, { description: "Chair of governors" }, { personId: c.member.id }),
      ).toMatchObject({ description: "Chair of governors" });
    });
  });
}
