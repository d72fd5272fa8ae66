import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { ONE_CHANGE, oneOfEach } from "../support/records-fixture.js";
import { RECORD_TABLES } from "../../src/domain/records.js";
import { MootError } from "../../src/domain/errors.js";
import { Scope } from "../../src/store/records.js";
import { recordHistory } from "../../src/store/audit-trail.js";

for (const dialect of DIALECTS) {
  describe(`${dialect}: records`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await freshStore(dialect);
    });
    afterEach(async () => store.cleanup());

    const auditOf = (recordId: string) =>
      store.db.selectFrom("audit_entry").selectAll().where("recordId", "=", recordId).orderBy("id").execute();

    it("creates and reads back every record type, each with an insert audit entry", async () => {
      const { scope, ids } = await oneOfEach(store);
      for (const table of RECORD_TABLES) {
        const got = await scope.get(table, ids[table]);
        expect(got, table).toBeDefined();
        expect(got!.authorityId).toBe(scope.authorityId);
        const audit = await auditOf(ids[table]);
        expect(
          audit.map((a) => a.operation),
          table,
        ).toEqual(["insert"]);
        // An insert row names the record; the values are the row itself (recordHistory).
        expect(audit[0].after).toBeNull();
      }
      const paper = (await scope.require("work_programme_item", ids.work_programme_item)).paper;
      expect(paper).toEqual({
        publicInterest: true,
        abilityToInfluence: true,
        performance: false,
        extent: true,
        replication: false,
        executiveDecision: true,
      });
      expect((await scope.require("agenda_item", ids.agenda_item)).toFollow).toBe(false);
    });

    it("updates every record type with before and after in the audit trail", async () => {
      const { scope, ids } = await oneOfEach(store);
      for (const table of RECORD_TABLES) {
        const before = await scope.require(table, ids[table]);
        const after = await scope.update(table, ids[table], ONE_CHANGE[table] as never);
        for (const [k, v] of Object.entries(ONE_CHANGE[table])) expect((after as Record<string, unknown>)[k], `${table}.${k}`).toEqual(v);
        expect(await scope.get(table, ids[table])).toEqual(after);
        const audit = await auditOf(ids[table]);
        expect(
          audit.map((a) => a.operation),
          table,
        ).toEqual(["insert", "update"]);
        // Only the changed columns, each side.
        const changed = Object.keys(after).filter((k) => JSON.stringify((after as never)[k]) !== JSON.stringify((before as never)[k]));
        expect(changed, table).toContain("updatedAt");
        expect(JSON.parse(audit[1].before!)).toEqual(Object.fromEntries(changed.map((k) => [k, (before as never)[k] ?? null])));
        expect(JSON.parse(audit[1].after!)).toEqual(Object.fromEntries(changed.map((k) => [k, (after as never)[k] ?? null])));
        // Every version is still there: rebuilt from the row backwards.
        expect((await recordHistory(scope, table, ids[table])).map((v) => v.record)).toEqual([before, after]);
      }
    });

    it("deletes every record type, children first, each audited", async () => {
      const { scope, ids } = await oneOfEach(store);
      for (const table of [...RECORD_TABLES].reverse()) {
        if (await scope.get(table, ids[table])) await scope.delete(table, ids[table]);
        expect(await scope.get(table, ids[table]), table).toBeUndefined();
        expect((await auditOf(ids[table])).at(-1)!.operation, table).toBe("delete");
      }
      expect(await store.db.selectFrom("search_entry").selectAll().execute()).toEqual([]);
    });

    it("deleting a meeting removes its items, papers and minutes through the audit trail", async () => {
      const { scope, ids } = await oneOfEach(store);
      await scope.delete("meeting", ids.meeting);
      for (const t of ["agenda_item", "document", "document_page", "minute", "decision", "attendance"] as const) {
        expect(await scope.get(t, ids[t]), t).toBeUndefined();
        expect((await auditOf(ids[t])).at(-1)!.operation, t).toBe("delete");
      }
      expect(await scope.get("committee", ids.committee)).toBeDefined();
    });

    it("the trail keeps only changes, yet every version of a record, deleted or not, is rebuilt from it", async () => {
      const { scope, ids } = await oneOfEach(store);
      const versions = [await scope.require("minute", ids.minute)];
      for (const text of ["First correction.", "Second correction, longer text.", "Third."])
        versions.push(await scope.update("minute", ids.minute, { text }));
      versions.push(await scope.update("minute", ids.minute, { title: "Renamed", text: "Fourth." }, { reason: "typo" }));
      const history = await recordHistory(scope, "minute", ids.minute);
      expect(history.map((v) => v.operation)).toEqual(["insert", "update", "update", "update", "update"]);
      expect(history.map((v) => v.record)).toEqual(versions);
      expect(history.at(-1)!.reason).toBe("typo");
      const rows = await auditOf(ids.minute);
      // No row copies a column its write left alone.
      expect(rows.some((r) => `${r.before}${r.after}`.includes("meetingId"))).toBe(false);
      await scope.delete("minute", ids.minute);
      const gone = await recordHistory(scope, "minute", ids.minute);
      expect(gone.map((v) => v.operation)).toEqual(["insert", "update", "update", "update", "update", "delete"]);
      expect(gone.slice(0, 5).map((v) => v.record)).toEqual(versions);
      expect(gone[5]!.record).toEqual(versions.at(-1));
    });

    it("an update that changes nothing writes nothing", async () => {
      const { scope, ids } = await oneOfEach(store);
      const before = await scope.require("meeting", ids.meeting);
      const same = await scope.update("meeting", ids.meeting, { venue: before.venue });
      expect(same.updatedAt).toBe(before.updatedAt);
      expect((await auditOf(ids.meeting)).length).toBe(1);
    });

    it("rejects invalid records with messages that name the field", async () => {
      const { scope, ids } = await oneOfEach(store);
      const attempts: Array<[() => Promise<unknown>, RegExp]> = [
        [
          () => scope.create("meeting", { committeeId: ids.committee, localDate: "2025-02-30", startsAt: "2025-02-28T10:00:00Z" }),
          /localDate: not a real calendar date/,
        ],
        [
          () =>
            scope.create("meeting", {
              committeeId: ids.committee,
              localDate: "2025-02-03",
              localTime: "25:00",
              startsAt: "2025-02-03T10:00:00Z",
            }),
          /localTime/,
        ],
        [() => scope.update("agenda_item", ids.agenda_item, { exemptParagraph: 9 }), /exemptParagraph/],
        [() => scope.update("agenda_item", ids.agenda_item, { pageFrom: 20, pageTo: 3 }), /pageTo: must not be before pageFrom/],
        [() => scope.create("committee", { slug: "Not A Slug", name: "X", kind: "scrutiny" }), /slug/],
        [() => scope.create("committee", { slug: "x", name: "X", kind: "select" as never }), /kind/],
        [
          () =>
            scope.create("committee", { slug: "x", name: "X", kind: "other", minuteScheme: { pattern: "CAB/{YY}", resetEach: "never" } }),
          /minuteScheme\.pattern: pattern must contain \{n\}/,
        ],
        [
          () =>
            scope.create("attendance", { meetingId: ids.meeting, personId: ids.person, status: "present", substituteForId: ids.person }),
          /substituteForId/,
        ],
        [() => scope.create("work_programme_item", { committeeId: ids.committee, topic: "X", score: 7 }), /score/],
        [() => scope.create("person", { slug: "p", name: "  ", kind: "councillor" }), /name: must not be empty/],
      ];
      for (const [attempt, message] of attempts) {
        const error = await attempt().then(
          () => null,
          (e) => e,
        );
        expect(error, String(message)).toBeInstanceOf(MootError);
        expect(error.code).toBe("invalid");
        expect(error.message).toMatch(message);
      }
    });

    it("a multi-row write that fails half-way leaves nothing behind", async () => {
      const { scope, ids } = await oneOfEach(store);
      const count = async () => (await scope.list("agenda_item", { meetingId: ids.meeting })).length;
      const auditCount = async () => (await store.db.selectFrom("audit_entry").select("id").execute()).length;
      const [items, audits] = [await count(), await auditCount()];
      // A validation failure on the third row…
      await expect(
        scope.transaction(async (tx) => {
          await tx.create("agenda_item", { meetingId: ids.meeting, number: "6", position: 5, title: "One" });
          await tx.create("agenda_item", { meetingId: ids.meeting, number: "7", position: 6, title: "Two" });
          await tx.create("agenda_item", { meetingId: ids.meeting, number: "8", position: 7, title: "" });
        }),
      ).rejects.toThrow(/title/);
      // …and a database failure (a reference to nothing) after a good row.
      await expect(
        scope.transaction(async (tx) => {
          await tx.create("agenda_item", { meetingId: ids.meeting, number: "6", position: 5, title: "One" });
          await tx.create("agenda_item", { meetingId: "no-such-meeting", number: "7", position: 6, title: "Two" });
        }),
      ).rejects.toThrow();
      expect(await count()).toBe(items);
      expect(await auditCount()).toBe(audits);
      expect((await store.db.selectFrom("search_entry").select("id").where("title", "=", "One").execute()).length).toBe(0);
    });

    it("approved minutes are locked against edits and deletion", async () => {
      const { scope, ids } = await oneOfEach(store);
      await scope.update("minute", ids.minute, { status: "approved", approvedAt: "2025-09-01T17:00:00Z" });
      await expect(scope.update("minute", ids.minute, { text: "rewritten" })).rejects.toMatchObject({ code: "locked" });
      await expect(scope.delete("minute", ids.minute)).rejects.toMatchObject({ code: "locked" });
      expect((await scope.require("minute", ids.minute)).text).toBe("Members discussed registrations.");
    });

    it("one authority never sees or changes another's records", async () => {
      const a = await oneOfEach(store, "borsetshire");
      const b = await oneOfEach(store, "felpersham");
      expect(await b.scope.get("meeting", a.ids.meeting)).toBeUndefined();
      expect((await b.scope.list("meeting")).map((m) => m.id)).toEqual([b.ids.meeting]);
      await expect(b.scope.update("meeting", a.ids.meeting, { venue: "Elsewhere" })).rejects.toMatchObject({ code: "not_found" });
      await expect(b.scope.delete("meeting", a.ids.meeting)).rejects.toMatchObject({ code: "not_found" });
      expect((await a.scope.require("meeting", a.ids.meeting)).venue).toBe("County Hall");
      expect(new Scope(store, b.authority.id, "x").authorityId).not.toBe(a.authority.id);
    });
  });
}
