import { afterEach, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { loadDemo } from "../../src/demo/demo-council.js";
import { exportAuthority, loadAuthority } from "../../src/store/export.js";
import { search } from "../../src/store/search.js";
import { FileStore } from "../../src/store/files.js";
import { isWorkingDay } from "../../src/domain/bank-holidays.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";

describe("export and load", () => {
  const stores: TestStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.cleanup();
  });
  const fresh = async (d: (typeof DIALECTS)[number]) => {
    const s = await freshStore(d);
    stores.push(s);
    return s;
  };

  // One demo export per source dialect, shared by the target dialects.
  const exports = new Map<string, Promise<{ first: Awaited<ReturnType<typeof exportAuthority>>; authorityId: string; sha: string }>>();
  const exportFrom = (from: (typeof DIALECTS)[number]) => {
    if (!exports.has(from)) {
      exports.set(
        from,
        (async () => {
          const a = await freshStore(from);
          const { authorityId } = await loadDemo(a, { today: "2026-11-24" });
          const sha = await a.files.put(Buffer.from("%PDF-1.4 original agenda pack"));
          const meeting = (await a.db.selectFrom("meeting").select("id").limit(1).executeTakeFirstOrThrow()).id;
          await a.db.updateTable("document").set({ sha256: sha }).where("meetingId", "=", meeting).execute();
          const first = await exportAuthority(a, authorityId);
          await a.cleanup();
          return { first, authorityId, sha };
        })(),
      );
    }
    return exports.get(from)!;
  };

  for (const from of DIALECTS) {
    for (const to of DIALECTS) {
      it(`${from} → ${to}: loading an export into an empty database gives an identical export`, async () => {
        const { first, authorityId, sha } = await exportFrom(from);
        const b = await fresh(to);
        await loadAuthority(b, JSON.parse(JSON.stringify(first)));
        const second = await exportAuthority(b, authorityId);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
        expect(first.records.meeting.length).toBeGreaterThan(50);
        expect(FileStore.sha256(await b.files.get(sha))).toBe(sha);
        // The search index is rebuilt, not exported.
        expect((await search(b, authorityId, "hospital discharge", {}, { kind: "public" })).length).toBeGreaterThan(0);
      });
    }
  }

  for (const d of DIALECTS) {
    it(`${d}: an export made before natural keys were unique loads, its repeated numbers numbered`, async () => {
      const a = await fresh(d);
      const north = await createAuthority(a, { slug: "north", name: "North Council" });
      const s = new Scope(a, north.id, "test");
      const c = await s.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
      const m = await s.create("meeting", { committeeId: c.id, localDate: "2026-01-10", startsAt: "2026-01-10T18:00:00Z" });
      for (const [position, number] of ["1", "2"].entries())
        await s.create("agenda_item", { meetingId: m.id, number, position, title: `Item ${position}` });
      const old = JSON.parse(JSON.stringify(await exportAuthority(a, north.id)));
      // As the export was then: no occurrence, and a supplementary agenda's item printed "1" again.
      for (const item of old.records.agenda_item) {
        delete item.occurrence;
        item.number = "1";
      }
      const b = await fresh(d);
      await loadAuthority(b, old);
      const items = await new Scope(b, north.id, "test").list("agenda_item", {}, ["position"]);
      expect(items.map((i) => [i.number, i.occurrence])).toEqual([
        ["1", 0],
        ["1", 1],
      ]);
    });
  }

  it("refuses a broken export without writing anything", async () => {
    const a = await fresh("sqlite");
    const { authorityId } = await loadDemo(a, { today: "2026-11-24" });
    const exp = await exportAuthority(a, authorityId);
    const b = await fresh("sqlite");
    const broken = JSON.parse(JSON.stringify(exp));
    broken.records.meeting[3].localDate = "2025-13-45";
    await expect(loadAuthority(b, broken)).rejects.toThrow(/meeting\[3\]: .*localDate/);
    await expect(loadAuthority(b, { format: "something-else" })).rejects.toThrow(/not a Moot export/);
    expect(await b.db.selectFrom("authority").selectAll().execute()).toEqual([]);
    expect(await b.db.selectFrom("meeting").selectAll().execute()).toEqual([]);
    await expect(loadAuthority(a, exp)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("demo council", () => {
  it("meets only on working days, with actions in every state and minutes approved at the next meeting", async () => {
    const s = await freshStore("sqlite");
    try {
      await loadDemo(s, { today: "2026-11-24" });
      const meetings = await s.db.selectFrom("meeting").select(["localDate", "status"]).execute();

      expect(meetings.filter((m) => !isWorkingDay(m.localDate))).toEqual([]);
      expect(new Set(meetings.map((m) => m.status))).toEqual(new Set(["held", "scheduled", "cancelled"]));
      const statuses = new Set((await s.db.selectFrom("action").select("status").execute()).map((a) => a.status));
      expect(statuses).toEqual(new Set(["open", "in-progress", "complete", "discharged"]));
      const minutes = await s.db.selectFrom("minute").select(["status"]).execute();
      expect(minutes.some((m) => m.status === "approved") && minutes.some((m) => m.status === "draft")).toBe(true);
      for (const t of ["attendance", "declaration", "decision", "work_programme_item", "report_cover", "membership"] as const) {
        expect((await s.db.selectFrom(t).select("id").execute()).length, t).toBeGreaterThan(0);
      }
      expect(await s.db.selectFrom("membership").select("id").where("kind", "=", "co-opted").execute()).not.toEqual([]);
      expect(await s.db.selectFrom("attendance").select("id").where("status", "=", "substitute").execute()).not.toEqual([]);
      expect((await loadDemo(s)).created).toBe(false);
    } finally {
      await s.cleanup();
    }
  });
});
