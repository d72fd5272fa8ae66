import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/web/app.js";
import { Scope } from "../../../src/store/records.js";
import { createMeeting } from "../../../src/workflow/meetings.js";
import { addAgendaItem } from "../../../src/workflow/agenda.js";
import { freshStore, type TestStore } from "../../support/stores.js";
import { buildEditorFixture, daysFromToday, PASSWORD, type EditorFixture } from "../../support/editor-fixture.js";
import { EditorClient } from "../../support/editor-client.js";

const SECRET = "quagmire-tender-figure";

/** The session sets the viewer for the public pages too: a member sees their own committee's exempt papers. */
describe("signed-in viewers on the public site", () => {
  let store: TestStore;
  let f: EditorFixture;
  let app: ReturnType<typeof createApp>;
  let url = "";
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildEditorFixture(store);
    const s = new Scope(store, f.authorityId, "test");
    const m = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(30) });
    await addAgendaItem(s, m.id, { title: "Contract award", description: `Bids: ${SECRET}`, exemptParagraph: 3 });
    // Published, so the public sees the item's title; its exempt text stays withheld.
    await s.update("meeting", m.id, { agendaPublishedAt: new Date().toISOString() });
    url = `/meetings/${m.id}`;
    app = createApp(store);
  });
  afterAll(() => store?.cleanup());

  it("member of the committee sees it, privately; another committee's member and the public do not", async () => {
    const body = async (c: EditorClient) => {
      const r = await c.get(url);
      return { text: await r.text(), cache: r.headers.get("cache-control") };
    };
    const pub = await body(new EditorClient(app));
    expect(pub.text).toContain("Contract award");
    expect(pub.text).not.toContain(SECRET);

    const tom = new EditorClient(app);
    await tom.signIn("tom", PASSWORD);
    const inside = await body(tom);
    expect(inside.text).toContain(SECRET);
    expect(inside.cache).toBe("private, no-store");

    const eddie = new EditorClient(app);
    await eddie.signIn("eddie", PASSWORD);
    expect((await body(eddie)).text).not.toContain(SECRET);
    // the member's page did not reach the shared cache
    expect((await body(new EditorClient(app))).text).not.toContain(SECRET);
    // after sign-out the same browser is the public again
    await tom.post("/sign-out");
    expect((await body(tom)).text).not.toContain(SECRET);
  });
});
