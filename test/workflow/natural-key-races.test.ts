import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { addAgendaItem, startAgenda } from "../../src/workflow/agenda.js";
import { addMinute, correctMinute } from "../../src/workflow/minutes.js";
import { attachPaper } from "../../src/workflow/papers.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { makePdf } from "./pdf-fixture.js";

/**
 * Two clerks doing the same thing at the same moment (PostgreSQL runs them on two connections at
 * once; SQLite's one connection takes them in turn). Where the workflow numbers, the second gets
 * the next number, not the first's and a refusal; where it meets a natural key again, it is the
 * record already there.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: two clerks at once, one natural key`, () => {
    let store: TestStore;
    let one: Scope;
    let two: Scope;
    let meetingId: string;
    beforeEach(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "north", name: "North Council" });
      one = new Scope(store, a.id, "user:clerk-one");
      two = new Scope(store, a.id, "user:clerk-two");
      const c = await one.create("committee", { slug: "planning", name: "Planning", kind: "regulatory" });
      meetingId = (await one.create("meeting", { committeeId: c.id, localDate: "2099-01-10", startsAt: "2099-01-10T18:00:00Z" })).id;
    });
    afterEach(() => store?.cleanup());

    it("adding an agenda item and a minute at once numbers them one after the other", async () => {
      const standing = (await startAgenda(one, meetingId)).length;
      const items = await Promise.all([
        addAgendaItem(one, meetingId, { title: "Verges" }),
        addAgendaItem(two, meetingId, { title: "Ponds" }),
      ]);
      expect(items.map((i) => i.number).sort()).toEqual([String(standing + 1), String(standing + 2)]);
      const minutes = await Promise.all([addMinute(one, meetingId, { title: "Verges" }), addMinute(two, meetingId, { title: "Ponds" })]);
      expect(new Set(minutes.map((m) => m.number)).size).toBe(2);
    });

    it("two corrections of one approved minute at once: one is made, the other told it came second", async () => {
      const minute = await one.create("minute", { meetingId, number: "7", position: 0, title: "Verges", status: "approved" });
      const tried = await Promise.allSettled([
        correctMinute(one, minute.id, { text: "Corrected by one.", reason: "wrong date" }),
        correctMinute(two, minute.id, { text: "Corrected by two.", reason: "wrong name" }),
      ]);
      expect(tried.map((t) => t.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = tried.find((t) => t.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/already corrected/) });
      expect((await one.list("minute", { meetingId })).map((m) => m.version).sort()).toEqual([1, 2]);
    });

    it("the same PDF attached to the same item twice at once (a form sent twice) is one paper", async () => {
      const item = await addAgendaItem(one, meetingId, { title: "Verges" });
      const data = await makePdf(["Verge cutting report, page one.", "Page two."]);
      const upload = { data, fileName: "verges.pdf", title: "Verge cutting report" };
      const [a, b] = await Promise.all([attachPaper(one, item.id, upload), attachPaper(two, item.id, upload)]);
      expect(b.id).toBe(a.id);
      const papers = await one.list("document", { agendaItemId: item.id });
      expect(papers.length).toBe(1);
      expect((await one.list("document_page", { documentId: a.id })).length).toBe(2);
    });
  });
}
