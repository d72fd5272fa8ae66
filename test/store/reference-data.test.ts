import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scope } from "../../src/store/records.js";
import { findUser, updateUser } from "../../src/store/accounts.js";
import { committeeSeats, committeeUsage, overlappingMemberships, personUsage } from "../../src/store/queries/reference-data.js";
import { createMeeting, cancelMeeting } from "../../src/workflow/meetings.js";
import { recordAttendance } from "../../src/workflow/minutes.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildEditorFixture, type EditorFixture } from "../support/editor-fixture.js";

for (const dialect of DIALECTS) {
  describe(`${dialect}: reference-data reads behind the editor`, () => {
    let store: TestStore;
    let f: EditorFixture;
    let g: EditorFixture;
    let s: Scope;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildEditorFixture(store);
      // A second council with the same names: nothing of it may be counted for the first.
      g = await buildEditorFixture(store, { slug: "loxley", name: "Loxley Barrett District Council" });
      s = new Scope(store, f.authorityId, "test");
    });
    afterAll(() => store?.cleanup());

    it("committeeUsage counts meetings (from a date, cancelled left out), memberships and sub-committees of one council", async () => {
      const c = f.committees.planning.id;
      expect(await committeeUsage(s, c, "2030-01-01")).toEqual({ meetings: 0, meetingsFrom: 0, memberships: 2, subCommittees: 0 });
      await createMeeting(s, { committeeId: c, localDate: "2030-03-01", localTime: "10:00" });
      await createMeeting(s, { committeeId: c, localDate: "2029-03-01", localTime: "10:00" });
      const cancelled = await createMeeting(s, { committeeId: c, localDate: "2030-04-01", localTime: "10:00" });
      await cancelMeeting(s, cancelled.id, "no business");
      await s.create("committee", { slug: "planning-east", name: "Planning (East)", kind: "sub-committee", parentId: c });
      expect(await committeeUsage(s, c, "2030-01-01")).toEqual({ meetings: 3, meetingsFrom: 1, memberships: 2, subCommittees: 1 });
      // The other council's planning committee has its own (none).
      expect(await committeeUsage(new Scope(store, g.authorityId, "t"), g.committees.planning.id, "2000-01-01")).toMatchObject({
        meetings: 0,
        subCommittees: 0,
      });
      // Asking about another council's committee through this council's scope finds nothing.
      expect(await committeeUsage(s, g.committees.planning.id, "2000-01-01")).toEqual({
        meetings: 0,
        meetingsFrom: 0,
        memberships: 0,
        subCommittees: 0,
      });
    });

    it("personUsage counts the meeting records that name a person and lists their accounts", async () => {
      const m = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: "2026-01-10", localTime: "18:00" });
      await recordAttendance(s, m.id, [{ personId: f.people.chair.id, status: "present", capacity: "member" }]);
      const chair = await personUsage(s, f.people.chair.id);
      expect(chair).toMatchObject({ attendance: 1, declarations: 0, votes: 0, memberships: 1, accounts: [] });
      const tom = await personUsage(s, f.people.member.id);
      expect(tom.attendance).toBe(0);
      expect(tom.accounts).toEqual([{ id: f.users.member.user.id, username: "tom", role: "member" }]);
      // Loxley's Tom is another person with another account.
      expect((await personUsage(s, g.people.member.id)).accounts).toEqual([]);
    });

    it("committeeSeats lists chair first, then by name, ended seats last", async () => {
      const c = f.committees.scrutiny.id;
      await s.create("membership", {
        personId: f.people.sub.id,
        committeeId: c,
        role: "substitute",
        kind: "councillor",
        fromDate: "2020-05-01",
        toDate: "2021-05-01",
      });
      const seats = await committeeSeats(s, c, "2026-06-01");
      expect(seats.map((x) => [x.person.name, x.membership.role])).toEqual([
        ["Jill Archer", "chair"],
        ["Tom Forrest", "member"],
        ["Lynda Snell", "substitute"],
      ]);
      expect(await committeeSeats(s, g.committees.scrutiny.id, "2026-06-01")).toEqual([]);
    });

    it("overlappingMemberships finds seats whose dates overlap, open ends running for ever", async () => {
      const c = f.committees.scrutiny.id;
      const chairs = (from: string | null, to: string | null) => overlappingMemberships(s, { committeeId: c, role: "chair", from, to });
      expect(await chairs("2026-01-01", null)).toHaveLength(1); // the fixture's chair has no dates
      const lynda = (from: string | null, to: string | null) =>
        overlappingMemberships(s, { committeeId: c, personId: f.people.sub.id, from, to });
      expect(await lynda("2021-05-02", null)).toEqual([]); // the day after it ended
      expect(await lynda("2021-05-01", "2021-06-01")).toHaveLength(1); // the last day counts
      expect(await lynda(null, "2020-04-30")).toEqual([]);
      expect(await lynda(null, null)).toHaveLength(1);
      const [seat] = await lynda(null, null);
      expect(await overlappingMemberships(s, { committeeId: c, personId: f.people.sub.id, from: null, to: null, except: seat.id })).toEqual(
        [],
      );
    });

    it("updateUser refuses a save from a form loaded before the account last changed, and moves the change time on", async () => {
      const id = f.users.clerk.user.id;
      const loaded = (await findUser(s, id))!.updatedAt;
      const first = await updateUser(s, id, { displayName: "Pat Clerk (Democratic Services)" }, "renamed", loaded);
      expect(first.updatedAt > loaded).toBe(true);
      await expect(updateUser(s, id, { displayName: "Stale" }, "stale", loaded)).rejects.toMatchObject({ code: "conflict" });
      expect((await findUser(s, id))!.displayName).toBe("Pat Clerk (Democratic Services)");
      // Two quick saves still move it on: a form loaded between them is still refused.
      const second = await updateUser(s, id, { displayName: "Pat" }, "again", first.updatedAt);
      expect(second.updatedAt > first.updatedAt).toBe(true);
      const audits = await store.db
        .selectFrom("audit_entry")
        .select(["before", "after", "reason"])
        .where("recordId", "=", id)
        .where("operation", "=", "update")
        .orderBy("id")
        .execute();
      expect(audits.map((a) => a.reason)).toEqual(["renamed", "again"]);
      expect(audits.every((a) => !String(a.after).includes("scrypt"))).toBe(true);
      // Another council's account is not found through this council's scope.
      await expect(updateUser(s, g.users.clerk.user.id, { displayName: "x" })).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
