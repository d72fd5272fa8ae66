import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scope } from "../../src/store/records.js";
import { findUser } from "../../src/store/accounts.js";
import { createCommittee, deleteCommittee, retireCommittee, updateCommittee } from "../../src/workflow/committees.js";
import { addTermOfOffice, createPerson, deletePerson, removeTermOfOffice, updatePerson } from "../../src/workflow/people.js";
import { addMembership, removeMembership, updateMembership } from "../../src/workflow/memberships.js";
import { changeAccount, createAccount, issuePassword, setAccountDisabled, signIn } from "../../src/workflow/accounts.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { recordAttendance } from "../../src/workflow/minutes.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildEditorFixture, PASSWORD, type EditorFixture } from "../support/editor-fixture.js";

for (const dialect of DIALECTS) {
  describe(`${dialect}: committees, people, memberships and accounts as the editor sets them up`, () => {
    let store: TestStore;
    let f: EditorFixture;
    let g: EditorFixture;
    let s: Scope;
    const audit = (recordId: string) =>
      store.db.selectFrom("audit_entry").select(["operation", "reason", "actor"]).where("recordId", "=", recordId).orderBy("id").execute();
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildEditorFixture(store);
      g = await buildEditorFixture(store, { slug: "loxley", name: "Loxley Barrett District Council" });
      s = new Scope(store, f.authorityId, "user:clerk");
    });
    afterAll(() => store?.cleanup());

    it("creates a committee with a slug from its name, refuses a taken address, a foreign or circular parent", async () => {
      const c = await createCommittee(s, {
        name: "Licensing & Appeals Committee",
        kind: "regulatory",
        description: "Hears licensing appeals.",
        minuteScheme: { pattern: "LA{n}/{YY}", resetEach: "municipal-year" },
      });
      expect(c).toMatchObject({ slug: "licensing-and-appeals-committee", revision: 1 });
      await expect(createCommittee(s, { name: "Licensing and Appeals Committee", kind: "other" })).rejects.toThrow(
        /slug: the address \/committees\/licensing-and-appeals-committee is already used/,
      );
      await expect(createCommittee(s, { name: "Sub", kind: "sub-committee", parentId: g.committees.planning.id })).rejects.toThrow(
        /parentId: choose a committee of this council/,
      );
      const sub = await createCommittee(s, { name: "Licensing Sub-Committee", kind: "sub-committee", parentId: c.id });
      await expect(updateCommittee(s, c.id, { parentId: sub.id })).rejects.toThrow(/one of this committee's own sub-committees/);
      await expect(updateCommittee(s, c.id, { parentId: c.id })).rejects.toThrow(/its own parent/);
      await expect(createCommittee(s, { name: "X", kind: "other", minuteScheme: { pattern: "12", resetEach: "never" } })).rejects.toThrow(
        /must contain \{n\}/,
      );
      const edited = await updateCommittee(s, c.id, { description: "Hears licensing appeals and reviews." });
      expect(edited.revision).toBe(2);
      expect((await audit(c.id)).map((a) => a.operation)).toEqual(["insert", "update"]);
    });

    it("retires a committee: its running seats end that day; refused while meetings after it are still on", async () => {
      const c = await createCommittee(s, { name: "Task Group on Buses", kind: "other" });
      await addMembership(s, c.id, { personId: f.people.chair.id, role: "chair", fromDate: "2026-05-01" });
      await addMembership(s, c.id, { personId: f.people.member.id, role: "member", fromDate: "2027-06-01" });
      const m = await createMeeting(s, { committeeId: c.id, localDate: "2027-03-01", localTime: "10:00" });
      await expect(retireCommittee(s, c.id, "2027-01-31")).rejects.toThrow(/1 meeting after .* not cancelled: cancel or move it first/);
      await s.update("meeting", m.id, { status: "cancelled", statusNote: "task group finished early" });
      const retired = await retireCommittee(s, c.id, "2027-01-31");
      expect(retired.activeTo).toBe("2027-01-31");
      const seats = await s.list("membership", { committeeId: c.id });
      expect(seats.map((x) => [x.role, x.toDate])).toEqual([["chair", "2027-01-31"]]); // the seat starting later is gone
      // A seat on a retired committee must end by its end date.
      await expect(addMembership(s, c.id, { personId: f.people.sub.id, role: "member", fromDate: "2026-06-01" })).rejects.toThrow(
        /toDate: .* ended on 31 January 2027/,
      );
      // With meetings on record it is never deleted.
      await expect(deleteCommittee(s, c.id)).rejects.toThrow(/cannot be deleted: retire it instead/);
    });

    it("deletes a committee set up by mistake, with its seats, each audited", async () => {
      const c = await createCommittee(s, { name: "Committe Typo", kind: "other" });
      const seat = await addMembership(s, c.id, { personId: f.people.chair.id, role: "member" });
      await deleteCommittee(s, c.id);
      expect(await s.get("committee", c.id)).toBeUndefined();
      expect((await audit(seat.id)).map((a) => a.operation)).toEqual(["insert", "delete"]);
      expect((await audit(c.id)).at(-1)).toMatchObject({ operation: "delete", reason: "committee deleted in the editor" });
    });

    it("people: councillors with party and ward, officers with post; the wrong fields for the kind are refused", async () => {
      const cllr = await createPerson(s, { name: "Kenton Archer", honorific: "Cllr", kind: "councillor", party: "Green", ward: "Loxley" });
      expect(cllr.slug).toBe("kenton-archer");
      const again = await createPerson(s, { name: "Kenton Archer", kind: "co-opted" });
      expect(again.slug).toBe("kenton-archer-2");
      await expect(createPerson(s, { name: "Alan Franks", kind: "officer", party: "Labour" })).rejects.toThrow(
        /party: only a councillor has a party and a ward/,
      );
      await expect(createPerson(s, { name: "Alan Franks", kind: "councillor", post: "Vicar" })).rejects.toThrow(/post: only an officer/);
      const officer = await createPerson(s, { name: "Alan Franks", kind: "officer", post: "Head of Planning", service: "Planning" });
      await expect(updatePerson(s, officer.id, { slug: "kenton-archer" })).rejects.toThrow(/already used by Kenton Archer/);
      expect((await updatePerson(s, cllr.id, { ward: "Ambridge" })).ward).toBe("Ambridge");
      // An officer sits on no committee.
      await expect(addMembership(s, f.committees.planning.id, { personId: officer.id, role: "member" })).rejects.toThrow(
        /officers advise committees but are not members/,
      );
      const seat = await addMembership(s, f.committees.planning.id, { personId: cllr.id, role: "member" });
      await expect(updatePerson(s, cllr.id, { kind: "officer", party: null, ward: null })).rejects.toThrow(/remove it first/);
      await removeMembership(s, seat.id);
    });

    it("deleting a person: refused when meeting records name them or a member signs in as them; otherwise gone with their seats", async () => {
      const m = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: "2026-02-10", localTime: "18:00" });
      await recordAttendance(s, m.id, [{ personId: f.people.chair.id, status: "present", capacity: "member" }]);
      await expect(deletePerson(s, f.people.chair.id)).rejects.toThrow(/named in the records of meetings .* end their memberships instead/);
      await expect(deletePerson(s, f.people.member.id)).rejects.toThrow(/signs in as "tom"/);
      const p = await createPerson(s, { name: "Typo Person", kind: "councillor" });
      const seat = await addMembership(s, f.committees.planning.id, { personId: p.id, role: "substitute" });
      await deletePerson(s, p.id);
      expect(await s.get("membership", seat.id)).toBeUndefined();
      expect(await s.get("person", f.people.chair.id)).toBeDefined();
    });

    it("memberships: one Chair at a time, no two seats at once for one person, co-opted seats from the person", async () => {
      const c = await createCommittee(s, { name: "Audit Committee", kind: "other" });
      const chair = await addMembership(s, c.id, {
        personId: f.people.chair.id,
        role: "chair",
        fromDate: "2025-05-20",
        toDate: "2026-05-19",
      });
      await expect(addMembership(s, c.id, { personId: f.people.sub.id, role: "chair", fromDate: "2026-01-01" })).rejects.toThrow(
        /role: Jill Archer is Chair of Audit Committee from 20 May 2025 to 19 May 2026; a committee has one Chair at a time/,
      );
      const next = await addMembership(s, c.id, { personId: f.people.sub.id, role: "chair", fromDate: "2026-05-20" });
      await expect(addMembership(s, c.id, { personId: f.people.sub.id, role: "substitute", fromDate: "2027-01-01" })).rejects.toThrow(
        /Lynda Snell already has a seat on Audit Committee \(Chair, from 20 May 2026\)/,
      );
      await expect(updateMembership(s, chair.id, { role: "chair", fromDate: "2025-05-20", toDate: "2026-06-01" })).rejects.toThrow(
        /Lynda Snell is Chair/,
      );
      await expect(
        addMembership(s, c.id, { personId: f.people.member.id, role: "member", fromDate: "2026-06-01", toDate: "2026-05-01" }),
      ).rejects.toThrow(/toDate: must not be before the start date/);
      const lay = await createPerson(s, { name: "Hazel Woolley", kind: "co-opted" });
      const seat = await addMembership(s, c.id, {
        personId: lay.id,
        role: "member",
        coOptedKind: "lay-member",
        representing: "Independent",
      });
      expect(seat).toMatchObject({ kind: "co-opted", coOptedKind: "lay-member", representing: "Independent" });
      const cllrSeat = await addMembership(s, c.id, { personId: f.people.member.id, role: "vice-chair", coOptedKind: "church" });
      expect(cllrSeat).toMatchObject({ kind: "councillor", coOptedKind: null });
      const ended = await updateMembership(s, next.id, { role: "chair", fromDate: "2026-05-20", toDate: "2027-05-19" });
      expect(ended.revision).toBe(2);
      // Another council's person cannot be given a seat here.
      await expect(addMembership(s, c.id, { personId: g.people.chair.id, role: "member" })).rejects.toThrow(/personId: choose a person/);
    });

    it("terms of office are kept in order on the profile and may not overlap", async () => {
      const p = f.people.sub.id;
      await addTermOfOffice(s, p, { start: "2019-05-02", end: "2023-05-04" });
      const profile = await addTermOfOffice(s, p, { start: "2023-05-05" });
      expect(profile.terms).toEqual([
        { start: "2019-05-02", end: "2023-05-04" },
        { start: "2023-05-05", end: "unspecified" },
      ]);
      await expect(addTermOfOffice(s, p, { start: "2024-01-01", end: "2024-02-01" })).rejects.toThrow(/overlaps the term from 2023-05-05/);
      await expect(addTermOfOffice(s, f.people.officer.id, { start: "2024-01-01" })).rejects.toThrow(/not a councillor/);
      expect((await removeTermOfOffice(s, p, "2019-05-02")).terms).toEqual([{ start: "2023-05-05", end: "unspecified" }]);
    });

    it("accounts: only an administrator manages them, no one changes their own role, and every change is audited", async () => {
      const admin = { id: f.users.admin.user.id, role: "admin" as const };
      const clerk = { id: f.users.clerk.user.id, role: "clerk" as const };
      // The clerk cannot make themselves (or anyone) an administrator.
      await expect(changeAccount(s, clerk, clerk.id, { displayName: "Pat", role: "admin", personId: null })).rejects.toMatchObject({
        code: "forbidden",
      });
      await expect(createAccount(s, clerk, { username: "sneaky", role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
      expect((await findUser(s, clerk.id))!.role).toBe("clerk");
      // An administrator cannot demote or disable themselves.
      await expect(changeAccount(s, admin, admin.id, { displayName: "admin", role: "clerk", personId: null })).rejects.toThrow(
        /cannot change your own role/,
      );
      await expect(setAccountDisabled(s, admin, admin.id, true)).rejects.toThrow(/cannot disable your own account/);
      // A member account is a councillor or co-opted member, one account per person, of this council.
      const lynda = f.people.sub.id;
      const { user, password } = await createAccount(s, admin, { username: "lynda", role: "member", personId: lynda });
      expect(password.length).toBeGreaterThanOrEqual(12);
      await expect(createAccount(s, admin, { username: "lynda2", role: "member", personId: lynda })).rejects.toThrow(
        /already signs in as "lynda"/,
      );
      await expect(createAccount(s, admin, { username: "usha", role: "member", personId: f.people.officer.id })).rejects.toThrow(
        /is an officer/,
      );
      await expect(createAccount(s, admin, { username: "foreign", role: "member", personId: g.people.chair.id })).rejects.toThrow(
        /choose a person of this council/,
      );
      const promoted = await changeAccount(
        s,
        admin,
        user.id,
        { displayName: "Lynda Snell", role: "clerk", personId: null },
        user.updatedAt,
      );
      expect(promoted.role).toBe("clerk");
      await expect(
        changeAccount(s, admin, user.id, { displayName: "Stale", role: "admin", personId: null }, user.updatedAt),
      ).rejects.toMatchObject({ code: "conflict" });
      await signIn(s, { username: "lynda", password, ip: "127.0.0.1" });
      await setAccountDisabled(s, admin, user.id, true);
      await expect(signIn(s, { username: "lynda", password, ip: "127.0.0.1" })).rejects.toMatchObject({ code: "unauthenticated" });
      const sessions = await store.db.selectFrom("user_session").select("id").where("userId", "=", user.id).execute();
      expect(sessions).toEqual([]);
      await setAccountDisabled(s, admin, user.id, false);
      const fresh = await issuePassword(s, admin, user.id);
      await expect(signIn(s, { username: "lynda", password, ip: "127.0.0.2" })).rejects.toMatchObject({ code: "unauthenticated" });
      expect((await signIn(s, { username: "lynda", password: fresh.password, ip: "127.0.0.3" })).user.role).toBe("clerk");
      expect((await audit(user.id)).map((a) => a.reason)).toEqual([
        null,
        "role changed from Member (councillor or co-opted member) to Clerk",
        "account disabled",
        "account enabled",
        "new password issued by an administrator",
      ]);
      // Another council's account is not reachable.
      await expect(setAccountDisabled(s, admin, g.users.clerk.user.id, true)).rejects.toMatchObject({ code: "not_found" });
      expect((await signIn(new Scope(store, g.authorityId, "t"), { username: "clerk", password: PASSWORD, ip: "1.1.1.1" })).user.role).toBe(
        "clerk",
      );
    });
  });
}
