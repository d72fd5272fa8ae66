import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { migrate } from "../../src/store/open.js";
import { naturalKeysMigration } from "../../src/store/migrations/2026-12-09-edits-natural-keys.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { putByNaturalKey } from "../../src/store/natural-keys.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";

const SHA = (c: string) => c.repeat(64);

/** A council with one committee and one meeting, written through the Scope. */
async function council(store: TestStore) {
  const a = await createAuthority(store, { slug: "north", name: "North Council" });
  const s = new Scope(store, a.id, "test");
  const c = await s.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
  const m = await s.create("meeting", { committeeId: c.id, localDate: "2026-01-10", localTime: "18:00", startsAt: "2026-01-10T18:00:00Z" });
  return { s, meetingId: m.id };
}

const occurrences = async (store: TestStore, table: "agenda_item" | "minute" | "document", ids: string[]) => {
  const rows = await store.db.selectFrom(table).select(["id", "occurrence"]).where("id", "in", ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)!.occurrence);
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: natural keys`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await freshStore(dialect);
    });
    afterEach(() => store?.cleanup());

    it("the migration numbers rows that already share a key, then refuses new copies", async () => {
      const { s, meetingId } = await council(store);
      const items = [];
      for (const [position, number] of ["5", "6", "7"].entries())
        items.push(await s.create("agenda_item", { meetingId, number, position, title: `Item ${position}` }));
      const m1 = await s.create("minute", { meetingId, number: "9", position: 0, title: "Parking", status: "approved" });
      const m2 = await s.create("minute", { meetingId, number: "10", position: 1, title: "Verges" });
      // Ids that sort in creation order, should two rows share a millisecond.
      const c1 = await s.create("minute", {
        id: "min-c1",
        meetingId,
        number: "9",
        position: 0,
        title: "Parking",
        version: 2,
        supersedesId: m1.id,
      });
      // A second correction of the same minute: the race the key now prevents.
      const c2 = await s.create("minute", {
        id: "min-c2",
        meetingId,
        number: "11",
        position: 0,
        title: "Parking",
        version: 2,
        supersedesId: m1.id,
      });
      const docs = [];
      for (const c of ["a", "b", "c"])
        docs.push(await s.create("document", { id: `doc-${c}`, meetingId, kind: "report", title: `Report ${c}`, sha256: SHA(c) }));
      const linkOnly = [
        await s.create("document", { meetingId, kind: "report", title: "Link" }),
        await s.create("document", { meetingId, kind: "report", title: "Link" }),
      ];

      // The store as it was before the migration, with the duplicates it could then hold.
      const raw = store.db.withoutPlugins() as Kysely<any>;
      await naturalKeysMigration(dialect).down(raw);
      await raw.deleteFrom("moot_migration").where("name", "=", "2026-12-09-edits-natural-keys").execute();
      await raw.updateTable("agenda_item").set({ number: "5" }).where("meeting_id", "=", meetingId).execute();
      await raw.updateTable("minute").set({ number: "9" }).where("id", "in", [m2.id, c2.id]).execute();
      await raw
        .updateTable("document")
        .set({ sha256: SHA("a") })
        .where("sha256", "is not", null)
        .execute();

      expect((await migrate(store)).map((r) => [r.migrationName, r.status])).toEqual([["2026-12-09-edits-natural-keys", "Success"]]);
      // Numbered in the order they were placed, none lost.
      expect(
        await occurrences(
          store,
          "agenda_item",
          items.map((i) => i.id),
        ),
      ).toEqual([0, 1, 2]);
      // Originals first; a correction keeps its original's occurrence; the second correction of
      // minute 9 moves after every other minute 9.
      expect(await occurrences(store, "minute", [m1.id, m2.id, c1.id, c2.id])).toEqual([0, 1, 0, 2]);
      expect(
        await occurrences(
          store,
          "document",
          docs.map((d) => d.id),
        ),
      ).toEqual([0, 1, 2]);
      expect(
        await occurrences(
          store,
          "document",
          linkOnly.map((d) => d.id),
        ),
      ).toEqual([0, 0]);

      // From now on the key holds: a new item "5" (occurrence 0) is refused, a third one taken.
      await expect(s.create("agenda_item", { meetingId, number: "5", position: 9, title: "Again" })).rejects.toMatchObject({
        code: "conflict",
      });
      await expect(
        s.create("minute", { meetingId, number: "9", position: 5, title: "Again", version: 2, supersedesId: m1.id }),
      ).rejects.toMatchObject({ code: "conflict" });
      await expect(s.create("document", { meetingId, kind: "report", title: "Again", sha256: SHA("a") })).rejects.toMatchObject({
        code: "conflict",
      });
      expect((await s.create("agenda_item", { meetingId, number: "5", occurrence: 3, position: 9, title: "Fourth" })).occurrence).toBe(3);
    });

    it("putting one natural key twice through the store keeps one row, updated", async () => {
      const { s, meetingId } = await council(store);
      const first = await putByNaturalKey(s, "agenda_item", { meetingId, number: "4", position: 3, title: "Bus shelters" });
      const second = await putByNaturalKey(s, "agenda_item", { meetingId, number: "4", position: 3, title: "Bus shelters (revised)" });
      expect([first.created, second.created]).toEqual([true, false]);
      expect(second.record.id).toBe(first.record.id);
      expect((await s.list("agenda_item", { meetingId })).map((i) => i.title)).toEqual(["Bus shelters (revised)"]);

      const paper = { meetingId, agendaItemId: first.record.id, kind: "report" as const, title: "Report", sha256: SHA("d") };
      const p1 = await putByNaturalKey(s, "document", paper);
      const p2 = await putByNaturalKey(s, "document", { ...paper, title: "Report on bus shelters" });
      expect(p2.record.id).toBe(p1.record.id);
      // The same file's pages 3 to 4 under the same item are another document.
      const part = await putByNaturalKey(s, "document", { ...paper, sourcePageFrom: 3, sourcePageTo: 4 });
      expect(part.created).toBe(true);
      expect((await s.list("document", { meetingId })).length).toBe(2);

      const minute = { meetingId, number: "12", position: 0, title: "Bus shelters" };
      const v1 = await putByNaturalKey(s, "minute", minute);
      const again = await putByNaturalKey(s, "minute", { ...minute, text: "Noted." });
      expect(again.record.id).toBe(v1.record.id);
      // A plain create of a key already stored is refused, never a second row.
      await expect(s.create("minute", minute)).rejects.toMatchObject({ code: "conflict" });
      await expect(s.create("agenda_item", { meetingId, number: "4", position: 7, title: "Copy" })).rejects.toMatchObject({
        code: "conflict",
      });
      expect((await s.list("minute", { meetingId })).length).toBe(1);
      expect((await s.list("agenda_item", { meetingId })).length).toBe(1);
      // Nor may an update give one record another's key.
      const five = await s.create("agenda_item", { meetingId, number: "5", position: 4, title: "Verges" });
      await expect(s.update("agenda_item", five.id, { number: "4" })).rejects.toMatchObject({ code: "conflict" });
      expect((await s.require("agenda_item", five.id)).number).toBe("5");
    });
  });
}
