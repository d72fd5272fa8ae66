import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ulid } from "ulid";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { bulkCreate, type BulkRecords } from "../../src/store/bulk-load.js";
import { search } from "../../src/store/search.js";
import { dataVersion } from "../../src/store/queries/site.js";
import { MootError } from "../../src/domain/errors.js";
import { RECORD_TABLES, type InputOf, type RecordTable } from "../../src/domain/records.js";
import type { Viewer } from "../../src/domain/viewer.js";

const SHA = "a".repeat(64);

/**
 * One small council in two steps: the first published and unpublished meetings, a pack of an
 * original file, items, minutes and decisions; the second an exempt item and an exempt report cut
 * from the same original, which withholds a page of the pack that was already indexed.
 */
function estate(): [BulkRecords, BulkRecords] {
  const committee = ulid();
  const [m1, m2] = [ulid(), ulid()];
  const [pack, item1, exempt, report, minute, person] = [ulid(), ulid(), ulid(), ulid(), ulid(), ulid()];
  const first: BulkRecords = {
    committee: [{ id: committee, slug: "planning", name: "Planning Committee", kind: "regulatory" }],
    person: [{ id: person, slug: "ann-bell", name: "Ann Bell", kind: "councillor" }],
    meeting: [
      {
        id: m1,
        committeeId: committee,
        localDate: "2025-03-05",
        localTime: "18:30",
        startsAt: "2025-03-05T18:30:00Z",
        status: "held",
        agendaPublishedAt: "2025-02-25T09:00:00Z",
        minutesPublishedAt: "2025-03-20T09:00:00Z",
      },
      // Agenda not yet published: its items stay out of public search.
      { id: m2, committeeId: committee, localDate: "2025-09-10", localTime: "18:30", startsAt: "2025-09-10T17:30:00Z" },
    ],
    agenda_item: [
      { id: item1, meetingId: m1, number: "1", position: 1, title: "Housing strategy", description: "Report on affordable housing." },
      { meetingId: m2, number: "1", position: 1, title: "Library closures", description: "Proposed library closures." },
    ],
    document: [
      {
        id: pack,
        meetingId: m1,
        kind: "agenda-pack",
        title: "Agenda pack",
        pageCount: 3,
        sha256: SHA,
        publishedAt: "2025-02-25T09:00:00Z",
      },
    ],
    document_page: [1, 2, 3].map((n) => ({
      documentId: pack,
      pageNumber: n,
      text: n === 2 ? "Confidential valuation of the depot land sale" : `Page ${n} on housing and flood defences`,
    })),
    attendance: [{ meetingId: m1, personId: person, status: "present" }],
    minute: [
      {
        id: minute,
        meetingId: m1,
        agendaItemId: item1,
        number: "12",
        position: 1,
        title: "Housing strategy",
        text: "The committee discussed housing.",
      },
    ],
    decision: [
      { meetingId: m1, minuteId: minute, text: "RESOLVED: that the housing strategy be approved.", decidedOn: "2025-03-05" },
      { meetingId: m2, text: "RESOLVED: that the library report be noted.", decidedOn: "2025-09-10" },
    ],
  };
  const second: BulkRecords = {
    agenda_item: [{ id: exempt, meetingId: m2, number: "2", position: 2, title: "Depot land sale", exemptParagraph: 3 }],
    // Exempt in itself and cut from the pack's original: the pack's copy of its page, indexed by
    // the first load, is withheld with it.
    document: [
      {
        id: report,
        meetingId: m1,
        kind: "report",
        title: "Depot valuation",
        pageCount: 1,
        sha256: SHA,
        sourcePageFrom: 2,
        sourcePageTo: 2,
        exemptParagraph: 3,
        publishedAt: "2025-02-25T09:00:00Z",
      },
    ],
    document_page: [{ documentId: report, pageNumber: 1, text: "Confidential valuation of the depot land sale" }],
  };
  return [first, second];
}

/** Writes the records one `Scope.create` at a time, parents first, as an import does. */
async function oneByOne(scope: Scope, records: BulkRecords): Promise<void> {
  for (const table of RECORD_TABLES)
    for (const input of (records[table] ?? []) as Array<InputOf<RecordTable>>) await scope.create(table, input as never);
}

const PUBLIC: Viewer = { kind: "public" };
const CLERK: Viewer = { kind: "clerk" };

for (const dialect of DIALECTS) {
  describe(`${dialect}: bulk load`, () => {
    let store: TestStore;
    let serial: Scope;
    let bulk: Scope;
    beforeAll(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "one-by-one", name: "One By One Council" });
      const b = await createAuthority(store, { slug: "bulk", name: "Bulk Council" });
      serial = new Scope(store, a.id, "test");
      bulk = new Scope(store, b.id, "test");
      for (const records of estate()) await oneByOne(serial, records);
      // The second step is a load of its own, onto entries already indexed.
      for (const records of estate()) await bulkCreate(bulk, records);
    });
    afterAll(async () => store.cleanup());

    /** A council's search entries without ids, which differ between the two. */
    const entries = async (scope: Scope) => {
      const rows = await store.db
        .selectFrom("search_entry")
        .leftJoin("committee", "committee.id", "search_entry.committeeId")
        .select([
          "search_entry.kind",
          "search_entry.title",
          "search_entry.pageNumber",
          "search_entry.meetingDate",
          "search_entry.restricted",
          "committee.slug",
        ])
        .where("search_entry.authorityId", "=", scope.authorityId)
        .execute();
      return rows
        .map((r) =>
          JSON.stringify({ ...r, restricted: Number(r.restricted), pageNumber: r.pageNumber === null ? null : Number(r.pageNumber) }),
        )
        .sort();
    };
    const hits = async (scope: Scope, q: string, viewer: Viewer) =>
      (await search(store, scope.authorityId, q, {}, viewer))
        .map((h) => `${h.kind} ${h.title} p${h.pageNumber} ${h.meetingDate} ${h.committeeName}: ${h.snippet}`)
        .sort();

    it("indexes the records as writing them one by one does, including entries a later load withholds", async () => {
      expect(await entries(bulk)).toEqual(await entries(serial));
      const restricted = (await entries(bulk)).filter((e) => e.includes('"restricted":1'));
      // The exempt item, its report's page, the pack's copy of that page, and the unpublished meeting's item and decision.
      expect(restricted).toHaveLength(5);
      for (const q of ["housing", "depot land", "library", "flood defences", "valuation"]) {
        expect(await hits(bulk, q, PUBLIC), q).toEqual(await hits(serial, q, PUBLIC));
        expect(await hits(bulk, q, CLERK), q).toEqual(await hits(serial, q, CLERK));
      }
      expect(await hits(bulk, "depot", PUBLIC)).toEqual([]);
      // The exempt item, its report, and the page of the pack it was cut from.
      expect((await hits(bulk, "depot", CLERK)).length).toBe(3);
      expect(await hits(bulk, "housing", PUBLIC)).not.toEqual([]);
    });

    it("keeps one insert audit row per record, naming the actor", async () => {
      const audit = (scope: Scope) =>
        store.db
          .selectFrom("audit_entry")
          .select(["tableName", "operation", "actor"])
          .where("authorityId", "=", scope.authorityId)
          .where("tableName", "!=", "authority")
          .execute()
          .then((rows) => rows.map((r) => `${r.tableName} ${r.operation} ${r.actor}`).sort());
      const got = await audit(bulk);
      expect(got).toEqual(await audit(serial));
      expect(got).toHaveLength(Object.values(estate()).flatMap((step) => Object.values(step).flat()).length);
    });

    it("refuses a load that breaks a natural key and writes none of it", async () => {
      const before = {
        version: await dataVersion(store, bulk.authorityId),
        audit: await store.db.selectFrom("audit_entry").select("id").where("authorityId", "=", bulk.authorityId).execute(),
        entries: await entries(bulk),
      };
      const committee = ulid();
      const load: BulkRecords = {
        committee: [
          { id: committee, slug: "licensing", name: "Licensing", kind: "regulatory" },
          { slug: "planning", name: "Planning again", kind: "regulatory" },
        ],
        meeting: [{ committeeId: committee, localDate: "2025-04-01", localTime: "10:00", startsAt: "2025-04-01T09:00:00Z" }],
      };
      const err = await bulkCreate(bulk, load).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MootError);
      expect((err as MootError).code).toBe("conflict");
      expect(await bulk.list("committee", { slug: "licensing" })).toEqual([]);
      expect(await dataVersion(store, bulk.authorityId)).toEqual(before.version);
      expect(await store.db.selectFrom("audit_entry").select("id").where("authorityId", "=", bulk.authorityId).execute()).toEqual(
        before.audit,
      );
      expect(await entries(bulk)).toEqual(before.entries);
    });

    it("refuses invalid records by field before writing anything", async () => {
      const err = await bulkCreate(bulk, { committee: [{ slug: "scrutiny", name: "", kind: "scrutiny" }] }).catch((e: unknown) => e);
      expect((err as MootError).code).toBe("invalid");
      expect(await bulk.list("committee", { slug: "scrutiny" })).toEqual([]);
    });

    it("refuses attendance for a meeting whose minutes are approved, as a single write does", async () => {
      const [m] = await bulk.list("meeting", { localDate: "2025-03-05" });
      const [minute] = await bulk.list("minute", { meetingId: m!.id });
      await bulk.update("minute", minute!.id, { status: "approved", approvedAt: "2025-04-01T09:00:00Z" });
      const [person] = await bulk.list("person");
      const err = await bulkCreate(bulk, {
        attendance: [{ meetingId: m!.id, personId: person!.id, status: "apologies", note: "late" }],
      }).catch((e: unknown) => e);
      expect((err as MootError).code).toBe("locked");
      expect((await bulk.list("attendance", { meetingId: m!.id })).map((a) => a.status)).toEqual(["present"]);
    });
  });
}
