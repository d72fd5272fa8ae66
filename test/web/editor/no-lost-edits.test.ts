import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/web/app.js";
import { Scope } from "../../../src/store/records.js";
import { createMeeting } from "../../../src/workflow/meetings.js";
import { startAgenda } from "../../../src/workflow/agenda.js";
import { publishAgenda } from "../../../src/workflow/publication.js";
import { addMinute, approveMinutes } from "../../../src/workflow/minutes.js";
import { freshStore, type TestStore } from "../../support/stores.js";
import { buildEditorFixture, daysFromToday, PASSWORD, type EditorFixture } from "../../support/editor-fixture.js";
import { EditorClient } from "../../support/editor-client.js";

type App = ReturnType<typeof createApp>;

/** Everything an edit could have touched: the records and the audit trail. */
async function snapshot(store: TestStore) {
  const tables = ["meeting", "agenda_item", "minute", "decision", "action", "registered_interest", "audit_entry"] as const;
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await store.db.selectFrom(t).selectAll().orderBy("id").execute();
  return out;
}

const unescape = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("no edit loses data", () => {
  let store: TestStore;
  let f: EditorFixture;
  let app: App;
  let clerk: EditorClient;
  let ids: { draft: string; published: string; next: string; minute: string; approved: string };

  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildEditorFixture(store);
    const s = new Scope(store, f.authorityId, "test");
    const draft = await createMeeting(s, {
      committeeId: f.committees.scrutiny.id,
      localDate: daysFromToday(20),
      localTime: "18:00",
      venue: "Village Hall",
    });
    const published = await createMeeting(s, { committeeId: f.committees.planning.id, localDate: daysFromToday(25) });
    await startAgenda(s, published.id);
    await publishAgenda(s, published.id);
    const minute = await addMinute(s, draft.id, { title: "Budget", text: "Draft text." });
    const next = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(50) });
    await startAgenda(s, next.id);
    const old = await addMinute(s, draft.id, { title: "Parking", text: "Approved text." });
    // both minutes stay drafts until the minutes test approves them at the next meeting
    ids = { draft: draft.id, published: published.id, next: next.id, minute: minute.id, approved: old.id };
    app = createApp(store);
    clerk = new EditorClient(app);
    expect((await clerk.signIn("clerk", PASSWORD)).status).toBe(303);
  });
  afterAll(() => store?.cleanup());

  /** Posts a failing form: the answer names the field, keeps what was typed, and nothing changed. */
  async function refused(
    url: string,
    fields: Record<string, string>,
    expect_: { status: number; field?: string; formField?: string; message: RegExp; kept: string[] },
  ) {
    const before = await snapshot(store);
    const res = await clerk.post(url, fields);
    const html = unescape(await res.text());
    expect(res.status, html.slice(0, 2000)).toBe(expect_.status);
    expect(html).toMatch(expect_.message);
    if (expect_.field) {
      expect(html).toContain(`href="#${expect_.formField}-${expect_.field}"`);
      expect(html).toMatch(
        new RegExp(
          `id="${expect_.formField}-${expect_.field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${expect_.formField}-${expect_.field}"`,
        ),
      );
    }
    for (const typed of expect_.kept) expect(html, `kept "${typed}"`).toContain(typed);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await snapshot(store)).toEqual(before);
  }

  it("a bad date on a meeting edit: field named, other changes kept on the form, meeting unchanged", async () => {
    await refused(
      `/editor/meetings/${ids.draft}`,
      { localDate: "2026-02-30", localTime: "19:00", venue: "The Bull, upstairs room", title: "", contactOfficer: "", webcastUrl: "" },
      {
        status: 400,
        field: "localDate",
        formField: "meeting-edit",
        message: /Date: not a real calendar date/,
        kept: ["The Bull, upstairs room", "2026-02-30"],
      },
    );
  });

  it("a late item without a reason for urgency is refused after publication", async () => {
    await refused(
      `/editor/meetings/${ids.published}/agenda/items`,
      { title: "Enforcement at Grange Farm", description: "Breach of condition 4", kind: "decision" },
      {
        status: 422,
        field: "urgencyReason",
        formField: "item-add",
        message: /Reason for urgency: the agenda is already published/,
        kept: ["Enforcement at Grange Farm", "Breach of condition 4"],
      },
    );
  });

  it("a decision whose action has a bad due date leaves no decision and no action behind", async () => {
    await refused(
      `/editor/minutes/${ids.minute}/decisions`,
      { text: "That the budget be noted.", kind: "noted", action1: "Circulate the figures", owner1: "Treasurer", due1: "next week" },
      {
        status: 400,
        message: /Due date: expected a date as YYYY-MM-DD/,
        kept: ["That the budget be noted.", "Circulate the figures", "next week"],
      },
    );
  });

  it("cancelling without a reason, and a member's DPI without its category, name the field", async () => {
    await refused(
      `/editor/meetings/${ids.draft}/cancel`,
      { reason: "  " },
      { status: 400, field: "reason", formField: "meeting-cancel", message: /Reason: say why the meeting is cancelled/, kept: [] },
    );
    const tom = new EditorClient(app);
    await tom.signIn("tom", PASSWORD);
    const before = await snapshot(store);
    const res = await tom.post(`/editor/people/${f.people.member.id}/interests`, {
      interestClass: "dpi",
      category: "",
      description: "Shares in Borchester Land",
      holder: "member",
      registeredOn: "2025-06-01",
    });
    const html = unescape(await res.text());
    expect(res.status).toBe(400);
    expect(html).toContain("Category: a disclosable pecuniary interest needs a category");
    expect(html).toContain("Shares in Borchester Land");
    expect(await snapshot(store)).toEqual(before);
  });

  it("approved minutes cannot be edited; a correction needs a reason; with one it is a new version and the original stays", async () => {
    const s = new Scope(store, f.authorityId, "test");
    await approveMinutes(s, ids.draft, ids.next);
    await refused(
      `/editor/minutes/${ids.approved}`,
      { text: "Rewritten history." },
      { status: 423, message: /is approved and locked; record a correction as a new version/, kept: ["Rewritten history."] },
    );
    await refused(
      `/editor/minutes/${ids.approved}/correct`,
      { text: "Corrected parking text.", reason: "" },
      {
        status: 400,
        field: "reason",
        formField: `correct-${ids.approved}`,
        message: /Reason: a correction to approved minutes must say why/,
        kept: ["Corrected parking text."],
      },
    );
    const res = await clerk.post(`/editor/minutes/${ids.approved}/correct`, {
      text: "Corrected parking text.",
      reason: "Wrong car park named",
    });
    expect(res.status).toBe(303);
    expect((await s.require("minute", ids.approved)).text).toBe("Approved text.");
    const [v2] = await s.list("minute", { supersedesId: ids.approved });
    expect(v2).toMatchObject({ text: "Corrected parking text.", version: 2, correctionReason: "Wrong car park named" });
    // The public page shows the minute once, as corrected, saying when and why, with the earlier wording one click away.
    const html = unescape(await (await app.request(`/meetings/${ids.draft}`)).text());
    const number = v2.number;
    expect(html.split(`<h3>${number} `).length - 1).toBe(1);
    expect(html).toMatch(/Corrected on \d{1,2} [A-Z][a-z]+ \d{4}: Wrong car park named/);
    expect(html).toMatch(/<details><summary>Earlier version \(version 1\)<\/summary><p class="pre">Approved text\.<\/p><\/details>/);
    expect(html.indexOf("Corrected parking text.")).toBeLessThan(html.indexOf("Approved text."));
  });

  it("every change made through the editor has an audit entry naming the user, with before and after", async () => {
    const s = new Scope(store, f.authorityId, "test");
    const changes: Array<[string, Record<string, string>, string]> = [
      [
        `/editor/meetings/${ids.next}`,
        { localDate: daysFromToday(51), localTime: "", venue: "Parish Room", title: "", contactOfficer: "", webcastUrl: "" },
        "meeting",
      ],
      [`/editor/meetings/${ids.next}/agenda/items`, { title: "Street lighting", kind: "discussion" }, "agenda_item"],
      [
        `/editor/committees/${f.committees.scrutiny.id}/work-programme`,
        { topic: "Bus services", recurrence: "annual" },
        "work_programme_item",
      ],
      [`/editor/meetings/${ids.next}/declarations`, { personId: f.people.chair.id, type: "other", nature: "Uses the bus" }, "declaration"],
    ];
    for (const [url, fields, table] of changes) {
      const before = Number(
        (
          await store.db
            .selectFrom("audit_entry")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const res = await clerk.post(url, fields);
      expect(res.status, `${url}: ${res.status === 303 ? "" : (await res.text()).slice(0, 500)}`).toBe(303);
      const rows = await store.db.selectFrom("audit_entry").selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(1).execute();
      const after = Number(
        (
          await store.db
            .selectFrom("audit_entry")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(after).toBeGreaterThan(before);
      expect(rows[0]).toMatchObject({ tableName: table, actor: "user:clerk" });
      // An update keeps its changed columns; an insert's values are the row itself (recordHistory).
      if (rows[0].operation === "update") expect(rows[0].after).toBeTruthy();
      else expect(rows[0].operation).toBe("insert");
    }
    const meetingAudit = await store.db
      .selectFrom("audit_entry")
      .selectAll()
      .where("recordId", "=", ids.next)
      .where("operation", "=", "update")
      .execute();
    const last = meetingAudit.at(-1)!;
    expect(JSON.parse(last.before!).venue).toBe(null);
    expect(JSON.parse(last.after!).venue).toBe("Parish Room");
    expect((await s.require("meeting", ids.next)).venue).toBe("Parish Room");
  });
});
