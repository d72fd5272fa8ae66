import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/web/app.js";
import { Scope } from "../../../src/store/records.js";
import { createMeeting } from "../../../src/workflow/meetings.js";
import { startAgenda } from "../../../src/workflow/agenda.js";
import { makePdf } from "../../workflow/pdf-fixture.js";
import { freshStore, type TestStore } from "../../support/stores.js";
import { buildEditorFixture, daysFromToday, PASSWORD, type EditorFixture } from "../../support/editor-fixture.js";
import { EditorClient } from "../../support/editor-client.js";

/** Papers arrive as multipart forms: the token travels in the same body, and a bad file changes nothing. */
describe("attaching papers and filling the report cover", () => {
  let store: TestStore;
  let f: EditorFixture;
  let app: ReturnType<typeof createApp>;
  let clerk: EditorClient;
  let itemId = "";
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildEditorFixture(store);
    const s = new Scope(store, f.authorityId, "test");
    const m = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(30) });
    itemId = (await startAgenda(s, m.id))[3].id;
    app = createApp(store);
    clerk = new EditorClient(app);
    await clerk.signIn("clerk", PASSWORD);
  });
  afterAll(() => store?.cleanup());

  const upload = async (file: File | null, fields: Record<string, string>, csrf = true) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    if (file) body.set("file", file);
    if (csrf) body.set("_csrf", await clerk.token());
    const cookie = [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return app.request(`/editor/items/${itemId}/papers`, { method: "POST", body, headers: { cookie } });
  };
  const docs = () => new Scope(store, f.authorityId, "t").list("document", { agendaItemId: itemId });

  it("a PDF is attached with its pages; a non-PDF or a token-less upload stores nothing", async () => {
    expect(
      (
        await upload(
          new File([new Uint8Array(await makePdf(["Budget outturn", "Appendix A"]))], "outturn.pdf", { type: "application/pdf" }),
          { title: "Outturn report", kind: "report", exemptParagraph: "" },
          false,
        )
      ).status,
    ).toBe(403);
    expect(await docs()).toEqual([]);
    const bad = await upload(new File(["not a pdf"], "notes.txt", { type: "text/plain" }), {
      title: "Notes",
      kind: "report",
      exemptParagraph: "",
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("notes.txt: papers are attached as PDF");
    expect(html).toContain('value="Notes"');
    expect(await docs()).toEqual([]);
    const ok = await upload(
      new File([new Uint8Array(await makePdf(["Budget outturn", "Appendix A"]))], "outturn.pdf", { type: "application/pdf" }),
      { title: "Outturn report", kind: "report", exemptParagraph: "" },
    );
    expect(ok.status).toBe(303);
    const [doc] = await docs();
    expect(doc).toMatchObject({ title: "Outturn report", pageCount: 2, kind: "report" });
  });

  it("the report cover is saved and shown again", async () => {
    const res = await clerk.post(`/editor/items/${itemId}/cover`, {
      title: "Budget outturn 2025/26",
      author: "Chief Finance Officer",
      purpose: "To report the outturn.",
      recommendations: "Note the outturn.",
    });
    expect(res.status).toBe(303);
    const page = await (await clerk.get(`/editor/items/${itemId}`)).text();
    expect(page).toContain("Chief Finance Officer");
    const [cover] = await new Scope(store, f.authorityId, "t").list("report_cover", { agendaItemId: itemId });
    expect(cover).toMatchObject({ author: "Chief Finance Officer", recommendations: "Note the outturn." });
  });
});
