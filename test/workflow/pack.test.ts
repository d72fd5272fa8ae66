import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { seedCouncil, type Council } from "./fixture.js";
import { makePdf } from "./pdf-fixture.js";
import { readBack } from "./pdf-read.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { addAgendaItem, fillReportCover, startAgenda } from "../../src/workflow/agenda.js";
import { attachPaper } from "../../src/workflow/papers.js";
import { buildPack, packPageRanges } from "../../src/workflow/pack.js";
import { buildPackHtml } from "../../src/workflow/pack-html.js";

const SECRET = "Tender from Borchester Plant Hire Ltd at £1,234,567";
/** Printed in the exempt item's description, which the public pack must never print. */
const DESCRIPTION_SECRET = "Preferred bidder Quollfield Groundcare";

for (const dialect of DIALECTS) {
  describe(`${dialect}: agenda packs`, () => {
    let store: TestStore;
    let c: Council;
    let meetingId: string;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      store = await freshStore(dialect);
      c = await seedCouncil(store);
      const m = await createMeeting(c.scope, {
        committeeId: c.committee.id,
        localDate: "2025-06-12",
        localTime: "18:30",
        venue: "Committee Room 2, Wendlebury Guildhall",
        contactOfficer: "Sam Okafor",
      });
      meetingId = m.id;
      await startAgenda(c.scope, m.id);
      const leisure = await addAgendaItem(c.scope, m.id, { title: "Leisure centre for Pen-y-ŵyr" });
      ids.leisure = leisure.id;
      await attachPaper(c.scope, leisure.id, {
        data: await makePdf(["LEISURE REPORT page one", "LEISURE REPORT page two", "LEISURE REPORT page three"]),
        fileName: "leisure.pdf",
        title: "Leisure centre report",
      });
      await attachPaper(c.scope, leisure.id, {
        data: await makePdf(["LEISURE APPENDIX A"]),
        fileName: "leisure-appx.pdf",
        title: "Appendix A: usage figures",
        kind: "appendix",
      });
      await fillReportCover(c.scope, leisure.id, { purpose: "To consider options for the leisure centre." });
      const verbal = await addAgendaItem(c.scope, m.id, { title: "Verbal update", verbal: true });
      ids.verbal = verbal.id;
      const contract = await addAgendaItem(c.scope, m.id, {
        title: "Grounds maintenance contract award",
        description: `${DESCRIPTION_SECRET} to be confirmed.`,
        exemptParagraph: 3,
      });
      ids.contract = contract.id;
      await attachPaper(c.scope, contract.id, {
        data: await makePdf([`CONTRACT REPORT ${SECRET}`, "CONTRACT REPORT page two"]),
        fileName: "contract.pdf",
        title: "Contract award",
      });
      const roads = await addAgendaItem(c.scope, m.id, { title: "Road safety" });
      ids.roads = roads.id;
      await attachPaper(c.scope, roads.id, {
        data: await makePdf(["ROADS REPORT page one"]),
        fileName: "roads.pdf",
        title: "Road safety report",
      });
      // An exempt appendix on a public item.
      await attachPaper(c.scope, roads.id, {
        data: await makePdf(["ROADS EXEMPT APPENDIX named resident"]),
        fileName: "roads-b.pdf",
        title: "Appendix B",
        kind: "appendix",
        exemptParagraph: 1,
      });
    });
    afterAll(() => store.cleanup());

    it("public pack: continuous page numbers, agenda ranges point at the papers, exempt text absent", async () => {
      const pdf = await buildPack(c.scope, meetingId, { audience: "public" });
      const pages = await readBack(pdf);
      pages.forEach((text, i) => expect(text).toMatch(new RegExp(`Page ${i + 1}$`)));
      expect(pages[0]).toContain("Wendlebury Borough Council");
      expect(pages[0]).toContain("Tomos ap Rhŷs"); // Welsh circumflex survives the embedded font
      expect(pages[0]).toContain("Gwen Pritchard (Chair)");
      const ranges = await packPageRanges(c.scope, meetingId, { audience: "public" });
      const at = (n: number) => pages[n - 1];
      const leisure = ranges.get(ids.leisure)!;
      expect(leisure.to - leisure.from).toBe(3);
      expect(at(leisure.from)).toContain("LEISURE REPORT page one");
      expect(at(leisure.to)).toContain("LEISURE APPENDIX A");
      const contract = ranges.get(ids.contract)!;
      expect(contract.from).toBe(contract.to);
      expect(at(contract.from)).toContain("Document is restricted: paragraph 3");
      const roads = ranges.get(ids.roads)!;
      expect(at(roads.from)).toContain("ROADS REPORT page one");
      expect(at(roads.to)).toContain("Document is restricted: paragraph 1");
      expect(ranges.has(ids.verbal)).toBe(false);
      expect(pages).toHaveLength(roads.to);
      // The agenda prints the same ranges the pack has.
      const agenda = pages.slice(0, leisure.from - 1).join("\n");
      expect(agenda).toContain(`${leisure.from} - ${leisure.to}`);
      expect(agenda).toContain(`${roads.from} - ${roads.to}`);
      expect(agenda).toContain("Exempt: paragraph 3");
      const all = pages.join("\n");
      expect(all).not.toContain("CONTRACT REPORT");
      expect(all).not.toContain("Borchester Plant Hire");
      expect(all).not.toContain("named resident");
      expect(all.replace(/\s+/g, " ")).not.toContain("Quollfield");
    });

    it("members' pack keeps exempt papers, and is refused to a viewer without the right", async () => {
      await expect(buildPack(c.scope, meetingId, { audience: "members" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        buildPack(c.scope, meetingId, { audience: "members", viewer: { kind: "member", personId: c.sub.id, committeeIds: [c.other.id] } }),
      ).rejects.toMatchObject({ code: "forbidden" });
      const viewer = { kind: "member" as const, personId: c.chair.id, committeeIds: [c.committee.id] };
      const pages = await readBack(await buildPack(c.scope, meetingId, { audience: "members", viewer }));
      pages.forEach((text, i) => expect(text).toMatch(new RegExp(`Page ${i + 1}$`)));
      const ranges = await packPageRanges(c.scope, meetingId, { audience: "members", viewer });
      const contract = ranges.get(ids.contract)!;
      expect(contract.to - contract.from).toBe(1);
      expect(pages[contract.from - 1]).toContain(SECRET);
      expect(pages[ranges.get(ids.roads)!.to - 1]).toContain("named resident");
      expect(pages.join("\n")).not.toContain("Document is restricted");
    });

    it("an imported paper contributes only its page range of the original pack", async () => {
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-06-19", localTime: "10:00" });
      const item = await addAgendaItem(c.scope, m.id, { title: "Imported report" });
      const original = await makePdf([
        "OLD PACK front",
        "OLD PACK agenda",
        "IMPORTED REPORT p1",
        "IMPORTED REPORT p2",
        "OLD PACK other item",
      ]);
      const sha256 = await store.files.put(original);
      await c.scope.create("document", {
        meetingId: m.id,
        agendaItemId: item.id,
        kind: "report",
        title: "Imported report",
        sha256,
        mediaType: "application/pdf",
        pageCount: 2,
        sourcePageFrom: 3,
        sourcePageTo: 4,
      });
      const pages = await readBack(await buildPack(c.scope, m.id, { audience: "public" }));
      const range = (await packPageRanges(c.scope, m.id, { audience: "public" })).get(item.id)!;
      expect(range.to - range.from).toBe(1);
      expect(pages[range.from - 1]).toContain("IMPORTED REPORT p1");
      expect(pages[range.to - 1]).toContain("IMPORTED REPORT p2");
      expect(pages.join("\n")).not.toContain("OLD PACK");
    });

    it("HTML pack mirrors the PDF and withholds exempt text from the public", async () => {
      const html = await buildPackHtml(c.scope, meetingId, { audience: "public" });
      expect(html).toContain("Leisure centre for Pen-y-ŵyr");
      expect(html).toContain("LEISURE REPORT page three");
      expect(html).toContain("Document is restricted: paragraph 3");
      expect(html).not.toContain("Borchester Plant Hire");
      expect(html).not.toContain("named resident");
      expect(html).not.toContain(DESCRIPTION_SECRET);
      expect(html).toContain("Verbal");
      const members = await buildPackHtml(c.scope, meetingId, { audience: "members", viewer: { kind: "clerk" } });
      expect(members).toContain("Borchester Plant Hire");
      expect(members).toContain(DESCRIPTION_SECRET);
    });
  });
}
