import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { seedCouncil, type Council } from "./fixture.js";
import { makePdf } from "./pdf-fixture.js";
import { cancelMeeting, createMeeting, editMeeting, postponeMeeting } from "../../src/workflow/meetings.js";
import {
  addAgendaItem,
  agendaOf,
  editAgendaItem,
  fillReportCover,
  isSupplementary,
  removeAgendaItem,
  reorderAgenda,
  setExempt,
  startAgenda,
} from "../../src/workflow/agenda.js";
import { attachPaper } from "../../src/workflow/papers.js";
import { checkPublication, publishAgenda } from "../../src/workflow/publication.js";

for (const dialect of DIALECTS) {
  describe(`${dialect}: meetings, agendas and publication`, () => {
    let store: TestStore;
    let c: Council;
    beforeAll(async () => {
      store = await freshStore(dialect);
      c = await seedCouncil(store);
    });
    afterAll(() => store.cleanup());

    it("derives startsAt from London time in GMT and in BST, and again on edit", async () => {
      const winter = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-01-16", localTime: "18:00" });
      expect(winter.startsAt).toBe("2025-01-16T18:00:00.000Z");
      const summer = await createMeeting(c.scope, {
        committeeId: c.committee.id,
        localDate: "2025-07-10",
        localTime: "18:00",
        venue: "Council Chamber",
      });
      expect(summer.startsAt).toBe("2025-07-10T17:00:00.000Z");
      // The Sunday the clocks go back: 01:30 happens twice; 09:30 is GMT.
      const edited = await editMeeting(c.scope, summer.id, { localDate: "2025-10-26", localTime: "09:30" });
      expect(edited.startsAt).toBe("2025-10-26T09:30:00.000Z");
      expect(edited.venue).toBe("Council Chamber");
      await expect(createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-02-30", localTime: "18:00" })).rejects.toThrow(
        /localDate: not a real calendar date/,
      );
    });

    it("cancels with a public reason and refuses to edit a cancelled meeting", async () => {
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-03-06", localTime: "10:00" });
      await expect(cancelMeeting(c.scope, m.id, "  ")).rejects.toMatchObject({ code: "invalid" });
      const cancelled = await cancelMeeting(c.scope, m.id, "No business");
      expect(cancelled).toMatchObject({ status: "cancelled", statusNote: "No business" });
      await expect(editMeeting(c.scope, m.id, { venue: "Elsewhere" })).rejects.toMatchObject({ code: "rule" });
    });

    it("builds an agenda from the standing items, adds, flags, reorders and removes items", async () => {
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-04-24", localTime: "14:00" });
      const standing = await startAgenda(c.scope, m.id);
      expect(standing.map((i) => i.title)).toEqual([
        "Apologies for absence",
        "Substitute members",
        "Declarations of interest",
        "Minutes of the last meeting",
        "Urgent business",
      ]);
      await expect(startAgenda(c.scope, m.id)).rejects.toMatchObject({ code: "rule" });
      const a = await addAgendaItem(c.scope, m.id, { title: "Library opening hours", kind: "decision" });
      const b = await addAgendaItem(c.scope, m.id, { title: "Oral update from the Cabinet Member", verbal: true });
      expect([a.number, b.number]).toEqual(["6", "7"]);
      await expect(setExempt(c.scope, a.id, 8)).rejects.toThrow(/paragraphs 1 to 7/);
      await expect(editAgendaItem(c.scope, a.id, { exemptParagraph: 0 })).rejects.toMatchObject({ code: "invalid" });
      expect((await setExempt(c.scope, a.id, 3)).exemptParagraph).toBe(3);
      const order = [b.id, a.id, ...standing.map((i) => i.id)];
      const reordered = await reorderAgenda(c.scope, m.id, order);
      expect(reordered.map((i) => `${i.number} ${i.title}`).slice(0, 3)).toEqual([
        "1 Oral update from the Cabinet Member",
        "2 Library opening hours",
        "3 Apologies for absence",
      ]);
      await expect(reorderAgenda(c.scope, m.id, order.slice(1))).rejects.toMatchObject({ code: "invalid" });
      await expect(reorderAgenda(c.scope, m.id, [...order.slice(1), order[1]])).rejects.toMatchObject({ code: "invalid" });
      await removeAgendaItem(c.scope, b.id);
      expect((await agendaOf(c.scope, m.id)).map((i) => i.title)).not.toContain("Oral update from the Cabinet Member");
    });

    it("attaches a paper content-addressed, with searchable pages, and fills the cover sheet", async () => {
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-05-22", localTime: "14:00" });
      const item = await addAgendaItem(c.scope, m.id, { title: "Play area renewal", toFollow: true });
      const pdf = await makePdf(["Play area renewal in Llanŵyr — £45,000", "Second page: consultation results"]);
      const doc = await attachPaper(c.scope, item.id, { data: pdf, fileName: "play-areas.pdf", title: "Play area renewal report" });
      expect(doc.pageCount).toBe(2);
      expect(await store.files.has(doc.sha256!)).toBe(true);
      const pages = await c.scope.list("document_page", { documentId: doc.id }, ["pageNumber"]);
      expect(pages[0].text).toContain("Llanŵyr — £45,000");
      expect((await c.scope.require("agenda_item", item.id)).toFollow).toBe(false);
      await expect(
        attachPaper(c.scope, item.id, { data: new TextEncoder().encode("not a pdf"), fileName: "x.pdf", title: "Broken" }),
      ).rejects.toMatchObject({ code: "bad_input" });
      expect(await c.scope.list("document", { agendaItemId: item.id })).toHaveLength(1);
      const cover = await fillReportCover(
        c.scope,
        item.id,
        { author: "Sam Okafor", wards: "All", recommendations: "That the renewal be approved." },
        doc.id,
      );
      const again = await fillReportCover(c.scope, item.id, { wards: "Brookside" });
      expect(again.id).toBe(cover.id);
      expect(again).toMatchObject({ author: "Sam Okafor", wards: "Brookside", documentId: doc.id });
    });

    it("publishes only with five clear working days; later items need an urgency reason and show as supplementary", async () => {
      // Meeting Thursday 28 Aug 2025; Monday 25th is the summer bank holiday.
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-08-28", localTime: "10:00" });
      await startAgenda(c.scope, m.id);
      const early = await addAgendaItem(c.scope, m.id, { title: "Parks strategy" });
      await attachPaper(c.scope, early.id, {
        data: await makePdf(["Parks strategy report"]),
        fileName: "parks.pdf",
        title: "Parks strategy",
      });
      expect(checkPublication(m, new Date("2025-08-20T09:00:00Z"))).toMatchObject({ clearDays: 4, inTime: false, deadline: "2025-08-19" });
      await expect(publishAgenda(c.scope, m.id, new Date("2025-08-20T09:00:00Z"))).rejects.toThrow(
        /too late to publish: 2025-08-20 leaves 4 clear working days .* the last day was 2025-08-19/,
      );
      expect((await c.scope.require("meeting", m.id)).agendaPublishedAt).toBeNull();
      // 23:30 London on the 19th is still the 19th (BST), although it is 22:30 UTC.
      const published = await publishAgenda(c.scope, m.id, new Date("2025-08-19T22:30:00Z"));
      expect(published.agendaPublishedAt).toBe("2025-08-19T22:30:00.000Z");
      const docs = await c.scope.list("document", { meetingId: m.id });
      expect(docs.every((d) => d.publishedAt === "2025-08-19T22:30:00.000Z")).toBe(true);
      await expect(publishAgenda(c.scope, m.id, new Date("2025-08-19T22:31:00Z"))).rejects.toMatchObject({ code: "rule" });
      await expect(addAgendaItem(c.scope, m.id, { title: "Flood response" })).rejects.toThrow(/urgencyReason/);
      const late = await addAgendaItem(c.scope, m.id, {
        title: "Flood response",
        urgencyReason: "Flooding on 22 August needs a decision before the next meeting",
        toFollow: true,
      });
      expect(isSupplementary(late)).toBe(true);
      expect(late.number).toBe("7");
      await expect(
        attachPaper(c.scope, early.id, { data: await makePdf(["Revised annex"]), fileName: "annex.pdf", title: "Annex", kind: "appendix" }),
      ).rejects.toMatchObject({ code: "rule" });
      const latePaper = await attachPaper(c.scope, late.id, {
        data: await makePdf(["Flood response report"]),
        fileName: "flood.pdf",
        title: "Flood response",
      });
      expect(latePaper.publishedAt).not.toBeNull();
      await expect(reorderAgenda(c.scope, m.id, [])).rejects.toMatchObject({ code: "rule" });
    });

    it("postpones to a new date, moving the agenda in one transaction; a failed move changes nothing", async () => {
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-09-11", localTime: "18:00" });
      const items = await startAgenda(c.scope, m.id);
      await expect(postponeMeeting(c.scope, m.id, "Chair unwell", { localDate: "2025-09-01" })).rejects.toMatchObject({ code: "rule" });
      // An invalid new time is refused with the meeting untouched.
      const before = (await c.scope.list("meeting", { committeeId: c.committee.id })).length;
      await expect(postponeMeeting(c.scope, m.id, "Chair unwell", { localDate: "2025-09-18", localTime: "25:00" })).rejects.toMatchObject({
        code: "invalid",
      });
      expect(await c.scope.list("meeting", { committeeId: c.committee.id })).toHaveLength(before);
      expect((await c.scope.require("meeting", m.id)).status).toBe("scheduled");
      const { postponed, rearranged } = await postponeMeeting(c.scope, m.id, "Chair unwell", { localDate: "2025-09-18" });
      expect(postponed.status).toBe("postponed");
      expect(postponed.statusNote).toContain("2025-09-18");
      expect(rearranged!.startsAt).toBe("2025-09-18T17:00:00.000Z");
      expect((await agendaOf(c.scope, rearranged!.id)).map((i) => i.id)).toEqual(items.map((i) => i.id));
      const audit = await store.db
        .selectFrom("audit_entry")
        .select(["reason"])
        .where("recordId", "=", m.id)
        .where("operation", "=", "update")
        .execute();
      expect(audit.map((a) => a.reason)).toContain("Chair unwell");
    });
  });
}
