import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { FileStore } from "../../src/store/files.js";
import { RECORD_TABLES } from "../../src/domain/records.js";
import { importPack } from "../../src/ingest/import-files.js";
import { extractData } from "../../src/ingest/pipeline.js";
import { BORSETSHIRE_PACK } from "../../src/ingest/fixtures/borsetshire-pack.js";

const enc = (s: string) => new TextEncoder().encode(s);
const PACK = { path: "borsetshire-2024-04-10.txt", data: enc(BORSETSHIRE_PACK) };

for (const dialect of DIALECTS) {
  describe(`${dialect}: importPack`, () => {
    let store: TestStore;
    let scope: Scope;
    beforeEach(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "borsetshire", name: "Borsetshire County Council" });
      scope = new Scope(store, a.id, "import");
    });
    afterEach(async () => store.cleanup());

    const rowCounts = async () => {
      const out: Record<string, number> = {};
      for (const t of RECORD_TABLES) out[t] = (await scope.list(t)).length;
      return out;
    };
    const auditCount = async () =>
      Number(
        (
          await store.db
            .selectFrom("audit_entry")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const meetingOn = async (date: string) => (await scope.list("meeting", { localDate: date }))[0]!;

    it("loads the pack's meetings, agenda, people, minutes, papers and original", async () => {
      const r = await importPack(scope, PACK);
      expect(r.counts.meeting!.created).toBe(2);
      expect(r.counts.agenda_item!.created).toBe(5);
      expect(await store.files.has(FileStore.sha256(PACK.data))).toBe(true);

      const [committee] = await scope.list("committee");
      expect(committee).toMatchObject({
        name: "Rural Affairs Scrutiny Committee",
        slug: "rural-affairs-scrutiny-committee",
        kind: "scrutiny",
      });
      const april = await meetingOn("2024-04-10");
      expect(april).toMatchObject({
        localTime: "18:30",
        startsAt: "2024-04-10T17:30:00.000Z",
        status: "scheduled",
        venue: expect.stringMatching(/^Committee Room 2/),
      });
      const items = await scope.list("agenda_item", { meetingId: april.id }, ["position"]);
      expect(items.map((i) => i.number)).toEqual(["1", "2", "3", "4", "5"]);
      expect(items[2]).toMatchObject({ pageFrom: 1, pageTo: 4, exemptParagraph: null, kind: "procedural" });
      expect(items[4]).toMatchObject({ title: "Ambridge Depot Lease", exemptParagraph: 3 });
      expect(r.review.some((x) => x.field === "exemptParagraph" && x.recordId === items[4]!.id)).toBe(true);

      const people = await scope.list("person");
      const byName = (n: string) => people.find((p) => p.name === n)!;
      const roles = await scope.list("membership", { committeeId: committee!.id });
      expect(roles.find((m) => m.personId === byName("Jennifer Aldridge").id)!.role).toBe("chair");
      expect(roles.find((m) => m.personId === byName("Brian Aldridge").id)!.role).toBe("vice-chair");
      expect(roles.find((m) => m.personId === byName("Usha Franks").id)!.kind).toBe("co-opted");

      // The previous meeting's minutes attach to that meeting, which the pack shows was held.
      const march = await meetingOn("2024-03-06");
      expect(march.status).toBe("held");
      const minutes = await scope.list("minute", { meetingId: march.id }, ["position"]);
      expect(minutes.map((m) => m.number)).toEqual(["RAS 12/24", "RAS 13/24", "RAS 14/24", "RAS 15/24", "RAS 16/24"]);
      expect(await scope.list("minute", { meetingId: april.id })).toEqual([]);
      const decisions = await scope.list("decision", { meetingId: march.id });
      expect(decisions.find((d) => d.text.startsWith("that the minutes"))!.kind).toBe("resolved");
      expect(decisions.find((d) => d.text === "to note the report")!.kind).toBe("noted");
      expect(decisions.find((d) => d.text.startsWith("that a site visit"))!.kind).toBe("agreed");
      expect(decisions.every((d) => d.decidedOn === "2024-03-06")).toBe(true);

      // Published as the source published them: April's agenda (this pack), March's minutes (printed in it).
      expect(april.agendaPublishedAt).not.toBeNull();
      expect(april.minutesPublishedAt).toBeNull();
      expect(march.minutesPublishedAt).not.toBeNull();

      const attendance = await scope.list("attendance", { meetingId: march.id });
      const of = (n: string) => attendance.find((a) => a.personId === byName(n).id)!;
      expect(of("Neil Carter")).toMatchObject({ status: "substitute", substituteForId: byName("Brian Aldridge").id });
      expect(of("Brian Aldridge").status).toBe("apologies");
      expect(of("Jennifer Aldridge")).toMatchObject({ status: "present", capacity: "member" });
      expect(of("Kirsty Miller")).toMatchObject({ status: "present", capacity: "officer" });
      expect(of("Shula Hebden Lloyd").capacity).toBe("in-attendance");
      const [decl] = await scope.list("declaration", { meetingId: march.id });
      expect(decl).toMatchObject({ personId: byName("Lynda Snell").id, itemAsPrinted: "RAS 15/24", agendaItemId: null });

      const docs = await scope.list("document");
      const pack = docs.find((d) => d.kind === "agenda-pack")!;
      expect(pack).toMatchObject({
        meetingId: april.id,
        sha256: FileStore.sha256(PACK.data),
        pageCount: 5,
        mediaType: "text/plain",
        fileName: PACK.path,
      });
      const pages = await scope.list("document_page", { documentId: pack.id }, ["pageNumber"]);
      expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3, 4, 5]);
      expect(pages[0]!.text).toMatch(/Rural Affairs Scrutiny Committee/);
      const report = docs.find((d) => d.kind === "report")!;
      expect(report).toMatchObject({ agendaItemId: items[3]!.id, sourcePageFrom: 5, sourcePageTo: 5, sha256: pack.sha256 });
      const minutesDoc = docs.find((d) => d.kind === "minutes")!;
      expect(minutesDoc).toMatchObject({
        title: "Minutes: Rural Affairs Scrutiny Committee, 2024-03-06",
        agendaItemId: items[2]!.id,
        sourcePageFrom: 3,
      });
      expect((await scope.list("document_page", { documentId: minutesDoc.id }))[0]!.text).toMatch(/Village Green/);
      const [cover] = await scope.list("report_cover");
      expect(cover).toMatchObject({ agendaItemId: items[3]!.id, documentId: report.id, author: "Adam Macy" });
    });

    it("records provenance that points at the right characters of the pack's page text", async () => {
      await importPack(scope, PACK);
      const [pack] = await scope.list("document", { kind: "agenda-pack" });
      const rows = await scope.list("provenance", { documentId: pack!.id });
      expect(rows.length).toBeGreaterThan(20);
      const pages = await scope.list("document_page", { documentId: pack!.id });
      const textAt = (p: { page: number; spanStart: number; spanEnd: number }) =>
        pages.find((x) => x.pageNumber === p.page)!.text.slice(p.spanStart, p.spanEnd);
      for (const item of await scope.list("agenda_item")) {
        const p = rows.find((r) => r.recordTable === "agenda_item" && r.recordId === item.id && r.field === "title")!;
        expect(p, item.title).toBeDefined();
        expect(textAt(p)).toBe(item.title);
      }
      const decision = (await scope.list("decision")).find((d) => d.text.startsWith("that a site visit"))!;
      const p = rows.find((r) => r.recordTable === "decision" && r.recordId === decision.id)!;
      expect(p).toMatchObject({ page: 3, extractor: "decisions" });
      expect(textAt(p)).toBe(decision.text);
    });

    it("is idempotent: a second import creates, changes and audits nothing", async () => {
      await importPack(scope, PACK);
      const rows = await rowCounts();
      const audits = await auditCount();
      const again = await importPack(scope, PACK);
      for (const [table, c] of Object.entries(again.counts)) expect([table, c.created, c.updated]).toEqual([table, 0, 0]);
      expect(again.counts.agenda_item!.unchanged).toBe(5);
      expect(await rowCounts()).toEqual(rows);
      expect(await auditCount()).toBe(audits);
    });

    it("updates in place from a corrected pack, with the change in the audit trail", async () => {
      await importPack(scope, PACK);
      const item = (await scope.list("agenda_item", { number: "4" }))[0]!;
      const [packBefore] = await scope.list("document", { kind: "agenda-pack" });
      const rows = await rowCounts();
      const corrected = {
        path: PACK.path,
        data: enc(
          BORSETSHIRE_PACK.replace(/Hedgerow Management Plan/g, "Hedgerow and Verge Management Plan").replace(
            "Committee Room 2",
            "Committee Room 3",
          ),
        ),
      };
      const r = await importPack(scope, corrected);
      expect(r.counts.agenda_item).toMatchObject({ created: 0, updated: 1 });
      expect(r.counts.meeting).toMatchObject({ created: 0, updated: 1 });
      const after = await scope.require("agenda_item", item.id);
      expect(after.title).toBe("Hedgerow and Verge Management Plan");
      const audit = await store.db
        .selectFrom("audit_entry")
        .selectAll()
        .where("recordId", "=", item.id)
        .where("operation", "=", "update")
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.before!).title).toBe("Hedgerow Management Plan");
      // The pack document is the same record, now pointing at the corrected original.
      const packs = await scope.list("document", { kind: "agenda-pack" });
      expect(packs.map((d) => d.id)).toEqual([packBefore!.id]);
      expect(packs[0]!.sha256).toBe(FileStore.sha256(corrected.data));
      expect(await rowCounts()).toEqual(rows);
    });

    it("loads action rows (origin, status, due date) and finds them again on re-import, long refs included", async () => {
      const extracted = await extractData(PACK.path, PACK.data);
      const source = "Action Log: Rural Affairs Scrutiny Committee";
      const longRef = "10 April 2024 Hedgerow Management Plan – update on the verge cutting timetable";
      extracted.extraction.actions = [
        { source, ref: longRef, text: "Circulate the cutting timetable", owner: "Adam Macy", due: "30 April 2024", status: "Complete" },
        { source, ref: longRef, text: "Circulate the cutting timetable", owner: "Adam Macy", due: "May 2024", status: "Ongoing" },
        { source: "Action Plan: Verges", ref: null, text: "Survey the verges", owner: null, due: null, status: null },
      ];
      const first = await importPack(scope, PACK, { extracted });
      expect(first.counts.action!.created).toBe(3);
      const actions = await scope.list("action", {}, ["origin"]);
      const log = actions.filter((a) => a.origin === "action-log");
      expect(log.map((a) => [a.status, a.dueDate, a.ref!.length <= 60]).sort()).toEqual([
        ["complete", "2024-04-30", true],
        ["in-progress", null, true],
      ]);
      expect(actions.find((a) => a.origin === "action-plan")).toMatchObject({ status: "open", committeeId: expect.any(String) });
      const again = await importPack(scope, PACK, { extracted });
      expect(again.counts.action).toEqual({ created: 0, updated: 0, unchanged: 3 });
    });

    it("leaves the store exactly as it was when an import fails part-way", async () => {
      const rows = await rowCounts();
      const audits = await auditCount();
      for (const stage of ["documents", "provenance", "original"] as const) {
        const err = await importPack(scope, PACK, {
          onStage: (s) => {
            if (s === stage) throw new Error(`forced failure at ${s}`);
          },
        }).catch((e: unknown) => e);
        expect((err as Error).message).toBe(`forced failure at ${stage}`);
        expect(await rowCounts()).toEqual(rows);
        expect(await auditCount()).toBe(audits);
        expect(existsSync(store.files.pathOf(FileStore.sha256(PACK.data)))).toBe(false);
        expect(await store.db.selectFrom("search_entry").selectAll().execute()).toEqual([]);
      }
      // And a clean import afterwards still works.
      expect((await importPack(scope, PACK)).counts.meeting!.created).toBe(2);
    });
  });
}
