import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { seedCouncil, type Council } from "./fixture.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { agendaOf, startAgenda } from "../../src/workflow/agenda.js";
import {
  addWorkItem,
  completeWorkItem,
  editWorkItem,
  prioritisedWorkProgramme,
  pullFromWorkProgramme,
  scheduleWorkItem,
  workProgrammeForMeeting,
} from "../../src/workflow/work-programme.js";
import {
  endInterest,
  fullRegister,
  publicRegister,
  registerInterest,
  removeInterest,
  SENSITIVE_NOTICE,
  updateInterest,
} from "../../src/workflow/interests.js";

const yes = (n: number) => {
  const keys = ["publicInterest", "abilityToInfluence", "performance", "extent", "replication", "executiveDecision"] as const;
  return Object.fromEntries(keys.map((k, i) => [k, i < n])) as Record<(typeof keys)[number], boolean>;
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: work programme`, () => {
    let store: TestStore;
    let c: Council;
    beforeAll(async () => {
      store = await freshStore(dialect);
      c = await seedCouncil(store);
    });
    afterAll(() => store.cleanup());

    it("scores items by PAPER and lists them by priority band", async () => {
      await addWorkItem(c.scope, c.committee.id, { topic: "Unscored idea" });
      const low = await addWorkItem(c.scope, c.committee.id, { topic: "Dog fouling", paper: yes(2) });
      const high = await addWorkItem(c.scope, c.committee.id, {
        topic: "Homelessness",
        reason: "Rising demand",
        responsible: "Head of Housing",
        paper: yes(5),
      });
      const mid = await addWorkItem(c.scope, c.committee.id, { topic: "Library usage", paper: yes(3) });
      expect([high.score, mid.score, low.score]).toEqual([5, 3, 2]);
      const list = await prioritisedWorkProgramme(c.scope, c.committee.id);
      expect(list.map((p) => `${p.item.topic}:${p.band}`)).toEqual([
        "Homelessness:High",
        "Library usage:Medium",
        "Dog fouling:Low",
        "Unscored idea:null",
      ]);
      const edited = await editWorkItem(c.scope, low.id, { paper: yes(6) });
      expect(edited.score).toBe(6);
      expect((await editWorkItem(c.scope, low.id, { responsible: "Head of Environment" })).score).toBe(6);
    });

    it("scheduled items appear in that meeting's agenda builder and can be pulled onto it", async () => {
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-07-10", localTime: "18:00" });
      await startAgenda(c.scope, m.id);
      const [homelessness] = (await prioritisedWorkProgramme(c.scope, c.committee.id))
        .filter((p) => p.item.topic === "Homelessness")
        .map((p) => p.item);
      const elsewhere = await createMeeting(c.scope, { committeeId: c.other.id, localDate: "2025-07-11", localTime: "18:00" });
      await expect(scheduleWorkItem(c.scope, homelessness.id, elsewhere.id)).rejects.toMatchObject({ code: "rule" });
      await expect(pullFromWorkProgramme(c.scope, m.id, homelessness.id)).rejects.toMatchObject({ code: "rule" });
      await scheduleWorkItem(c.scope, homelessness.id, m.id);
      expect(await workProgrammeForMeeting(c.scope, m.id)).toMatchObject([
        { item: { topic: "Homelessness", status: "scheduled" }, onAgenda: false },
      ]);
      const item = await pullFromWorkProgramme(c.scope, m.id, homelessness.id);
      expect(item).toMatchObject({ title: "Homelessness", description: "Rising demand", number: "6" });
      expect(await workProgrammeForMeeting(c.scope, m.id)).toMatchObject([{ onAgenda: true }]);
      await expect(pullFromWorkProgramme(c.scope, m.id, homelessness.id)).rejects.toMatchObject({ code: "conflict" });
      expect((await agendaOf(c.scope, m.id)).filter((i) => i.title === "Homelessness")).toHaveLength(1);
    });

    it("standing items recur annually or six-monthly, landing on a meeting in the month due", async () => {
      const jan = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2026-01-15", localTime: "18:00" });
      const july = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2026-07-23", localTime: "18:00" });
      const budget = await addWorkItem(c.scope, c.committee.id, { topic: "Budget monitoring", recurrence: "six-monthly" });
      const annual = await addWorkItem(c.scope, c.committee.id, { topic: "Annual report", recurrence: "annual" });
      await expect(completeWorkItem(c.scope, budget.id)).rejects.toMatchObject({ code: "rule" });
      await scheduleWorkItem(c.scope, budget.id, jan.id);
      await scheduleWorkItem(c.scope, annual.id, jan.id);
      const six = await completeWorkItem(c.scope, budget.id);
      expect(six.done.status).toBe("done");
      expect(six.next).toMatchObject({
        topic: "Budget monitoring",
        meetingId: july.id,
        status: "scheduled",
        plannedText: "July 2026",
        recurrence: "six-monthly",
      });
      const year = await completeWorkItem(c.scope, annual.id);
      expect(year.next).toMatchObject({ meetingId: null, status: "proposed", plannedText: "January 2027" });
      await expect(scheduleWorkItem(c.scope, budget.id, july.id)).rejects.toMatchObject({ code: "rule" });
    });
  });

  describe(`${dialect}: register of interests`, () => {
    let store: TestStore;
    let c: Council;
    beforeAll(async () => {
      store = await freshStore(dialect);
      c = await seedCouncil(store);
    });
    afterAll(() => store.cleanup());

    it("the member or the clerk edit; the public view lists every DPI category and withholds sensitive details", async () => {
      const self = { kind: "member" as const, personId: c.chair.id, committeeIds: [c.committee.id] };
      const otherMember = { kind: "member" as const, personId: c.member.id, committeeIds: [c.committee.id] };
      await expect(
        registerInterest(c.scope, otherMember, c.chair.id, {
          interestClass: "dpi",
          category: "land",
          description: "x",
          registeredOn: "2025-05-20",
        }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        registerInterest(c.scope, { kind: "public" }, c.chair.id, { interestClass: "ori", description: "x", registeredOn: "2025-05-20" }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        registerInterest(c.scope, self, c.chair.id, { interestClass: "dpi", description: "No category", registeredOn: "2025-05-20" }),
      ).rejects.toThrow(/category/);
      await expect(
        registerInterest(c.scope, self, c.chair.id, {
          interestClass: "ori",
          category: "land",
          description: "x",
          registeredOn: "2025-05-20",
        }),
      ).rejects.toThrow(/category/);
      const job = await registerInterest(c.scope, self, c.chair.id, {
        interestClass: "dpi",
        category: "employment",
        description: "Solicitor, Pritchard & Co, Wendlebury",
        registeredOn: "2025-05-20",
      });
      await registerInterest(c.scope, { kind: "clerk" }, c.chair.id, {
        interestClass: "dpi",
        category: "land",
        description: "Home address",
        sensitive: true,
        registeredOn: "2025-05-20",
      });
      await registerInterest(c.scope, self, c.chair.id, {
        interestClass: "dpi",
        category: "securities",
        holder: "partner",
        description: "Shares in Wendlebury Brewery Ltd",
        registeredOn: "2025-05-20",
      });
      await registerInterest(c.scope, self, c.chair.id, {
        interestClass: "ori",
        description: "Trustee, Wendlebury Food Bank",
        registeredOn: "2025-05-20",
      });
      const ended = await registerInterest(c.scope, self, c.chair.id, {
        interestClass: "dpi",
        category: "contracts",
        description: "Cleaning contract with the council",
        registeredOn: "2024-05-20",
      });
      await endInterest(c.scope, self, ended.id, "2025-03-31");
      await updateInterest(c.scope, self, job.id, { description: "Partner, Pritchard & Co Solicitors, Wendlebury" });
      await expect(updateInterest(c.scope, otherMember, job.id, { description: "Tampered" })).rejects.toMatchObject({ code: "forbidden" });

      const reg = await publicRegister(c.scope, c.chair.id, "2025-06-01");
      expect(reg.dpi.map((d) => d.label)).toEqual([
        "Employment, office, trade, profession or vocation",
        "Sponsorship",
        "Contracts",
        "Land",
        "Licences",
        "Corporate tenancies",
        "Securities",
      ]);
      const by = Object.fromEntries(reg.dpi.map((d) => [d.category, d.entries]));
      expect(by.employment.map((e) => e.description)).toEqual(["Partner, Pritchard & Co Solicitors, Wendlebury"]);
      expect(by.contracts).toEqual([]);
      expect(by.land).toEqual([expect.objectContaining({ description: SENSITIVE_NOTICE, withheld: true })]);
      expect(JSON.stringify(reg)).not.toContain("Home address");
      expect(by.securities[0].holder).toBe("partner");
      expect(reg.otherRegistrable.map((e) => e.description)).toEqual(["Trustee, Wendlebury Food Bank"]);
      // The ended contract still shows on the register as it stood before it ended.
      expect((await publicRegister(c.scope, c.chair.id, "2025-03-01")).dpi.find((d) => d.category === "contracts")!.entries).toHaveLength(
        1,
      );

      expect(await fullRegister(c.scope, self, c.chair.id)).toHaveLength(5);
      await expect(fullRegister(c.scope, { kind: "public" }, c.chair.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(removeInterest(c.scope, self, job.id, "mistake")).rejects.toMatchObject({ code: "forbidden" });
      await removeInterest(c.scope, { kind: "clerk" }, job.id, "Entered against the wrong member");
      const audit = await store.db
        .selectFrom("audit_entry")
        .select(["operation", "reason"])
        .where("recordId", "=", job.id)
        .orderBy("at")
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.operation)).toEqual(["insert", "update", "delete"]);
      expect(audit[2].reason).toBe("Entered against the wrong member");
    });
  });
}
