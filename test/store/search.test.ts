import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { search, snippetParts } from "../../src/store/search.js";
import { parseSearchQuery } from "../../src/store/search-query.js";
import { londonToInstant } from "../../src/domain/time.js";
import type { Viewer } from "../../src/domain/viewer.js";

const PUBLIC: Viewer = { kind: "public" };
const HOSTILE = [
  "24/00123/FUL",
  "planning-application",
  '"unbalanced',
  "AND",
  "OR",
  "NOT",
  "*",
  "NEAR(a b)",
  "a:b",
  "title:secret",
  "(((",
  "'; drop table meeting; --",
  "\u0000\u0002",
  "ü ß 中文",
  "-",
  "&|!<->",
  "x".repeat(5000),
  "",
];

for (const dialect of DIALECTS) {
  describe(`${dialect}: search`, () => {
    let store: TestStore;
    let s: Scope;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "borsetshire", name: "Borsetshire", timezone: "Europe/London", website: null });
      s = new Scope(store, a.id, "test");
      const planning = await s.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
      const cabinet = await s.create("committee", { slug: "cabinet", name: "Cabinet", kind: "cabinet" });
      ids.planning = planning.id;
      ids.cabinet = cabinet.id;
      const m1 = await s.create("meeting", {
        committeeId: planning.id,
        localDate: "2024-03-05",
        localTime: "18:30",
        startsAt: londonToInstant("2024-03-05", "18:30"),
        agendaPublishedAt: "2024-02-23T12:00:00Z",
        minutesPublishedAt: "2024-03-20T12:00:00Z",
      });
      const m2 = await s.create("meeting", {
        committeeId: cabinet.id,
        localDate: "2025-06-12",
        localTime: "10:00",
        startsAt: londonToInstant("2025-06-12", "10:00"),
        agendaPublishedAt: "2025-06-02T12:00:00Z",
        minutesPublishedAt: "2025-06-20T12:00:00Z",
      });
      ids.m1 = m1.id;
      const item = await s.create("agenda_item", {
        meetingId: m1.id,
        number: "6",
        position: 5,
        title: "Application 24/00123/FUL: Old Mill",
        description: "Conversion of the Old Mill to twelve flats",
      });
      ids.item = item.id;
      const doc = await s.create("document", {
        meetingId: m1.id,
        agendaItemId: item.id,
        kind: "report",
        title: "Old Mill report",
        pageCount: 3,
      });
      ids.doc = doc.id;
      await s.create("document_page", { documentId: doc.id, pageNumber: 1, text: "Site description. The mill stands beside the river." });
      await s.create("document_page", {
        documentId: doc.id,
        pageNumber: 2,
        text: "Flood risk. The flood risk assessment shows flood risk is managed; flood defences protect the flats.",
      });
      await s.create("document_page", {
        documentId: doc.id,
        pageNumber: 3,
        text: "Recommendation: grant permission subject to a flood warning plan.",
      });
      const secretItem = await s.create("agenda_item", {
        meetingId: m2.id,
        number: "9",
        position: 8,
        title: "Disposal of Heydon Farm",
        exemptParagraph: 3,
        description: "Preferred bidder negotiations zebracorn",
      });
      const secretDoc = await s.create("document", {
        meetingId: m2.id,
        agendaItemId: secretItem.id,
        kind: "report",
        title: "Heydon Farm disposal",
        pageCount: 1,
      });
      await s.create("document_page", {
        documentId: secretDoc.id,
        pageNumber: 1,
        text: "The zebracorn bid of £1.2m is commercially sensitive.",
      });
      const appendix = await s.create("document", {
        meetingId: m2.id,
        kind: "appendix",
        title: "Valuation appendix",
        pageCount: 1,
        exemptParagraph: 3,
      });
      await s.create("document_page", { documentId: appendix.id, pageNumber: 1, text: "Valuation workings for zebracorn land." });
      await s.create("decision", { meetingId: m2.id, text: "That the flood grant be accepted.", decidedOn: "2025-06-12" });
      const minute = await s.create("minute", {
        meetingId: m1.id,
        agendaItemId: item.id,
        number: "12",
        position: 0,
        title: "Old Mill",
        text: "Members debated flood risk at length.",
      });
      ids.minute = minute.id;
    });
    afterAll(async () => store.cleanup());

    it("ranks the page that says it most first, with a highlighted snippet and page number", async () => {
      const hits = await search(store, s.authorityId, "flood risk", {}, PUBLIC);
      expect(hits.length).toBeGreaterThanOrEqual(2);
      expect(hits[0]).toMatchObject({ kind: "page", documentId: ids.doc, pageNumber: 2, meetingId: ids.m1 });
      const parts = snippetParts(hits[0].snippet);
      expect(parts.some((p) => p.mark && /flood/i.test(p.text))).toBe(true);
      expect(parts.map((p) => p.text).join("")).toMatch(/risk/i);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1].rank).toBeGreaterThanOrEqual(hits[i].rank);
    });

    it("finds phrases, application references and stemmed words", async () => {
      expect((await search(store, s.authorityId, '"flood warning plan"', {}, PUBLIC)).map((h) => h.pageNumber)).toEqual([3]);
      expect((await search(store, s.authorityId, "24/00123/FUL", {}, PUBLIC)).map((h) => h.recordId)).toContain(ids.item);
      expect((await search(store, s.authorityId, "debating", {}, PUBLIC)).map((h) => h.recordId)).toEqual([ids.minute]);
    });

    it("filters by committee, date range and kind", async () => {
      const byCommittee = await search(store, s.authorityId, "flood", { committeeIds: [ids.cabinet] }, PUBLIC);
      expect(byCommittee.map((h) => h.kind)).toEqual(["decision"]);
      expect(await search(store, s.authorityId, "flood", { from: "2025-01-01", kinds: ["page"] }, PUBLIC)).toEqual([]);
      const early = await search(store, s.authorityId, "flood", { to: "2024-12-31" }, PUBLIC);
      expect(early.length).toBeGreaterThan(0);
      expect(early.every((h) => h.meetingId === ids.m1)).toBe(true);
      expect((await search(store, s.authorityId, "flood", { kinds: ["minute"] }, PUBLIC)).map((h) => h.recordId)).toEqual([ids.minute]);
    });

    it("the benchmarks' raw reference query reads only the council it is given, as Moot's search does", async () => {
      const other = await createAuthority(store, { slug: `other-${dialect}`, name: "Otherton", timezone: "Europe/London", website: null });
      const o = new Scope(store, other.id, "test");
      const c = await o.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
      const m = await o.create("meeting", {
        committeeId: c.id,
        localDate: "2024-04-02",
        localTime: "18:30",
        startsAt: "2024-04-02T17:30:00Z",
      });
      const d = await o.create("document", { meetingId: m.id, kind: "report", title: "Drainage", pageCount: 1 });
      await o.create("document_page", { documentId: d.id, pageNumber: 1, text: "Flood flood flood: the flood plain." });
      const query = parseSearchQuery("flood");
      expect(await store.dialect.rawSearch(store.db, other.id, query, 50)).toHaveLength(1);
      const mine = await store.dialect.rawSearch(store.db, s.authorityId, query, 50);
      expect(mine).toHaveLength((await search(store, s.authorityId, "flood", { limit: 50 }, { kind: "clerk" })).length);
      expect(await store.dialect.rawSearch(store.db, s.authorityId, query, 2)).toHaveLength(2);
    });

    it("never raises on hostile or odd queries", async () => {
      for (const q of HOSTILE) {
        const hits = await search(store, s.authorityId, q, {}, PUBLIC);
        expect(Array.isArray(hits), q).toBe(true);
      }
    });

    it("hides exempt items and papers from the public, shows them to clerks and the committee's members", async () => {
      expect(await search(store, s.authorityId, "zebracorn", {}, PUBLIC)).toEqual([]);
      expect(await search(store, s.authorityId, "zebracorn", {}, { kind: "member", personId: "p", committeeIds: [ids.planning] })).toEqual(
        [],
      );
      expect(
        (await search(store, s.authorityId, "zebracorn", {}, { kind: "member", personId: "p", committeeIds: [ids.cabinet] })).length,
      ).toBe(3);
      expect((await search(store, s.authorityId, "zebracorn", {}, { kind: "clerk" })).length).toBe(3);
    });

    it("a paper made exempt later disappears from public results at once", async () => {
      expect((await search(store, s.authorityId, "mill river", {}, PUBLIC)).length).toBe(1);
      await s.update("agenda_item", ids.item, { exemptParagraph: 1 });
      expect(await search(store, s.authorityId, "mill river", {}, PUBLIC)).toEqual([]);
      await s.update("agenda_item", ids.item, { exemptParagraph: null });
      expect((await search(store, s.authorityId, "mill river", {}, PUBLIC)).length).toBe(1);
    });

    it("withholds the pages of a pack that an exempt paper cut from the same original covers, whatever is printed on them", async () => {
      const sha256 = "a".repeat(64);
      const file = { sha256, fileName: "pack.pdf", mediaType: "application/pdf" };
      const pack = await s.create("document", { meetingId: ids.m1, kind: "agenda-pack", title: "Agenda pack", pageCount: 3, ...file });
      for (const [n, text] of [
        [1, "Front sheet quokkas"],
        [2, "Valuation quokkas secret"],
        [3, "Appendix quokkas"],
      ] as const) {
        await s.create("document_page", { documentId: pack.id, pageNumber: n, printedNumber: n + 10, text });
      }
      const pages = async (v: Viewer) =>
        (await search(store, s.authorityId, "quokkas", { kinds: ["page"] }, v))
          .filter((h) => h.documentId === pack.id)
          .map((h) => h.pageNumber)
          .sort();
      expect(await pages(PUBLIC)).toEqual([1, 2, 3]);
      // The agenda prints page 13 for the item; its paper is file page 2 (printed 12).
      const item = await s.create("agenda_item", {
        meetingId: ids.m1,
        number: "7",
        position: 6,
        title: "Land valuation",
        pageFrom: 13,
        pageTo: 13,
      });
      const paper = await s.create("document", {
        meetingId: ids.m1,
        agendaItemId: item.id,
        kind: "report",
        title: "Land valuation report",
        pageCount: 1,
        sourcePageFrom: 2,
        sourcePageTo: 2,
        ...file,
      });
      await s.create("document_page", { documentId: paper.id, pageNumber: 1, printedNumber: 12, text: "Valuation quokkas secret" });
      await s.update("agenda_item", item.id, { exemptParagraph: 3 });
      expect(await pages(PUBLIC)).toEqual([1, 3]);
      expect(await pages({ kind: "member", personId: "p", committeeIds: [ids.planning] })).toEqual([1, 2, 3]);
      await s.update("document", paper.id, { sourcePageFrom: 3, sourcePageTo: 3 });
      expect(await pages(PUBLIC)).toEqual([1, 2]);
      await s.update("agenda_item", item.id, { exemptParagraph: null });
      expect(await pages(PUBLIC)).toEqual([1, 2, 3]);
    });

    it("keeps an unpublished agenda and unpublished minutes out of public results until published", async () => {
      const m = await s.create("meeting", {
        committeeId: ids.planning,
        localDate: "2025-09-01",
        startsAt: londonToInstant("2025-09-01", "18:30"),
      });
      const item = await s.create("agenda_item", { meetingId: m.id, number: "1", position: 0, title: "Draft wallabyplan" });
      const minute = await s.create("minute", { meetingId: m.id, number: "1", position: 0, title: "Minute", text: "wallabyplan noted" });
      const kinds = async (v: Viewer) => (await search(store, s.authorityId, "wallabyplan", {}, v)).map((h) => h.kind).sort();
      expect(await kinds(PUBLIC)).toEqual([]);
      expect(await kinds({ kind: "clerk" })).toEqual(["agenda-item", "minute"]);
      await s.update("meeting", m.id, { agendaPublishedAt: "2025-08-20T12:00:00Z" });
      expect(await kinds(PUBLIC)).toEqual(["agenda-item"]);
      await s.update("meeting", m.id, { minutesPublishedAt: "2025-09-10T12:00:00Z" });
      expect(await kinds(PUBLIC)).toEqual(["agenda-item", "minute"]);
      expect(item.id && minute.id).toBeTruthy();
    });

    it("rejects impossible filter dates with the field named", async () => {
      await expect(search(store, s.authorityId, "flood", { from: "2025-02-30" }, PUBLIC)).rejects.toThrow(/from/);
    });
  });
}
