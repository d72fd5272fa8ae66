import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore, type TestStore } from "../support/stores.js";
import { seedCouncil, type Council } from "./fixture.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { addAgendaItem, startAgenda } from "../../src/workflow/agenda.js";
import { attachPaper, readPdf } from "../../src/workflow/papers.js";
import { makePdf } from "./pdf-fixture.js";

/** A paper's PDF is parsed before the transaction that records it opens, never inside it. */
describe("paper upload", () => {
  let store: TestStore;
  let c: Council;
  let itemId: string;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    c = await seedCouncil(store);
    const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2031-06-12" });
    await startAgenda(c.scope, m.id);
    itemId = (await addAgendaItem(c.scope, m.id, { title: "Libraries" })).id;
  });
  afterAll(() => store?.cleanup());

  it("reading a PDF inside a transaction is refused, so no caller can hold the connection while parsing", async () => {
    const data = await makePdf(["LIBRARY REPORT page one"]);
    await expect(c.scope.transaction((s) => readPdf(s, data, "library.pdf"))).rejects.toMatchObject({ code: "config" });
    // attachPaper reads with its caller's scope, before it opens its own transaction: inside one it would be refused too.
    await expect(
      c.scope.transaction((s) => attachPaper(s, itemId, { data, fileName: "library.pdf", title: "Library report" })),
    ).rejects.toMatchObject({ code: "config" });
    const doc = await attachPaper(c.scope, itemId, { data, fileName: "library.pdf", title: "Library report" });
    expect(doc.pageCount).toBe(1);
    expect((await c.scope.list("document_page", { documentId: doc.id }))[0].text).toContain("LIBRARY REPORT");
  });
});
