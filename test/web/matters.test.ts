import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { Scope } from "../../src/store/records.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, markExempt, type WebFixture } from "../support/web-fixtures.js";
import { addMatters, MATTER_DRAFT_SECRETS, MATTER_SECRETS, type MatterFixture } from "../support/matter-fixtures.js";
import { buildEditorFixture, daysFromToday, PASSWORD } from "../support/editor-fixture.js";
import { EditorClient } from "../support/editor-client.js";

describe("public matter pages and the forward plan", () => {
  let store: TestStore;
  let f: WebFixture;
  let m: MatterFixture;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildWebFixture(store);
    m = await addMatters(store, f);
    app = createApp(store, { now: () => FIXTURE_NOW });
  });
  afterAll(() => store.cleanup());
  const text = async (url: string) => (await app.request(url)).text();

  it("a matter page reads as its history: meeting, item, report, decision", async () => {
    const html = await text(`/matters/${m.library}`);
    expect(html).toContain("25/00101");
    expect(html).toContain("Cabinet, Monday 14 July 2025, 6:30pm");
    expect(html).toContain("item 3</a>: Library Services Review");
    expect(html).toContain("Library Services Review report");
    expect(html).toContain("RESOLVED: that the new mobile library timetable be approved.");
    // The step in the unpublished draft minutes shows its (published) agenda item only.
    expect(html).toContain("Youth services update");
    expect(html).not.toContain("guillemotlevy");
    expect(html).not.toContain(MATTER_DRAFT_SECRETS.draftStepNote);
    expect(html).toContain(`/alerts?matter=${m.library}`);
  });

  it("shows a called-in decision's state, and withholds its reason once the item is exempt", async () => {
    const html = await text(`/matters/${m.depot}`);
    expect(html).toContain("Called in on 23 Jul 2025");
    expect(html).toContain(MATTER_SECRETS.callInReason);
    await markExempt(store, f);
    const after = await text(`/matters/${m.depot}`);
    expect(after).toContain("Exempt under paragraph 3");
    expect(after).not.toContain(MATTER_SECRETS.callInReason);
    // The meeting page's decision list says the same.
    expect(await text(`/meetings/${f.meetings.summer}`)).toContain('href="/matters/');
  });

  it("a matter seen only at an unpublished meeting, or a notice not yet published, does not exist publicly", async () => {
    expect((await app.request(`/matters/${m.draft}`)).status).toBe(404);
    expect((await app.request(`/matters/${m.planned}`)).status).toBe(404);
    const list = await text("/matters");
    expect(list).toContain("25/00101");
    expect(list).not.toContain(MATTER_DRAFT_SECRETS.draftMatterTitle);
    expect(list).not.toContain(MATTER_DRAFT_SECRETS.plannedKeyDecision);
  });

  it("the forward plan lists published key decisions with their clear days' notice", async () => {
    const html = await text("/forward-plan");
    expect(html).toContain("Mobile library fleet replacement");
    // 20 September to 10 November: 21 September – 9 November is 50 clear days.
    expect(html).toContain("Published 20 Sept 2025; 50 clear days");
    expect(html).toContain("Cabinet Member for Libraries");
    expect(html).not.toContain(MATTER_DRAFT_SECRETS.plannedKeyDecision);
    expect((await app.request(`/matters/${m.published}`)).status).toBe(200);
  });
});

describe("the matters API", () => {
  let store: TestStore;
  let f: WebFixture;
  let m: MatterFixture;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildWebFixture(store);
    m = await addMatters(store, f);
    app = createApp(store, { now: () => FIXTURE_NOW });
  });
  afterAll(() => store.cleanup());
  const get = async (url: string) => (await app.request(url)).json() as Promise<Record<string, any>>;

  it("serves a matter's history with each decision's call-in state, as public as the page", async () => {
    const d = await get(`/api/v1/matters/${m.depot}`);
    expect(d.reference).toBe("25/00102");
    expect(d.history).toHaveLength(1);
    expect(d.history[0].decision.callInState).toBe("called-in");
    expect(d.history[0].decision.callInEndsOn).toBe("2025-07-28");
    const lib = await get(`/api/v1/matters/${m.library}`);
    expect(lib.history.map((s: { decision: unknown }) => s.decision === null)).toEqual([false, true]);
    expect(JSON.stringify(lib)).not.toContain("guillemotlevy");
    expect((await app.request(`/api/v1/matters/${m.draft}`)).status).toBe(404);
    const list = await get("/api/v1/matters?keyDecision=true");
    expect(list.items.map((x: { reference: string }) => x.reference)).toEqual(["25/00105"]);
  });

  it("serves the forward plan with the notice given", async () => {
    const plan = (await get("/api/v1/forward-plan")) as unknown as Array<Record<string, any>>;
    expect(plan.map((e) => e.reference)).toEqual(["25/00105"]);
    expect(plan[0]!.notice).toEqual({ clearDays: 50, latest: "2025-10-12", sufficient: true });
    expect(plan[0]!.decisionMaker.slug).toBe("cabinet");
  });
});

describe("the clerk follows a matter in the editor", () => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    const e = await buildEditorFixture(store);
    const s = new Scope(store, e.authorityId, "fixture");
    const cabinet = await s.create("committee", { slug: "cabinet", name: "Cabinet", kind: "cabinet" });
    const meeting = await s.create("meeting", {
      committeeId: cabinet.id,
      localDate: daysFromToday(-3),
      startsAt: `${daysFromToday(-3)}T17:00:00Z`,
      status: "held",
      agendaPublishedAt: `${daysFromToday(-14)}T09:00:00Z`,
    });
    const minute = await s.create("minute", { meetingId: meeting.id, number: "C7", position: 0, title: "Car parks", text: "Debated." });
    await s.create("decision", {
      meetingId: meeting.id,
      minuteId: minute.id,
      text: "RESOLVED: close the Mill car park.",
      decidedOn: daysFromToday(-3),
    });
    app = createApp(store);
  });
  afterAll(() => store.cleanup());

  it("creates a matter, links the decision, starts the call-in, and is refused implementation", async () => {
    const clerk = new EditorClient(app);
    await clerk.signIn("clerk", PASSWORD);
    const bad = await clerk.post("/editor/matters", { reference: "", title: "Car parks" });
    expect(bad.status).toBe(400);
    const created = await clerk.post("/editor/matters", { reference: "26/00001", title: "Mill car park closure" });
    expect(created.status).toBe(303);
    const url = created.headers.get("location")!;
    const page = await (await clerk.get(url)).text();
    const decisionId = /<option value="([^"]+)"[^>]*>[^<]*RESOLVED: close the Mill/.exec(page)?.[1];
    expect(decisionId).toBeTruthy();
    expect((await clerk.post(`${url}/steps`, { decisionId: decisionId! })).status).toBe(303);
    expect((await clerk.post(`/editor/decisions/${decisionId}/call-in`, { do: "start", matterId: url.split("/").pop()! })).status).toBe(
      303,
    );
    const refused = await clerk.post(`/editor/decisions/${decisionId}/call-in`, { do: "implemented", matterId: url.split("/").pop()! });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("the call-in period runs until");
    const called = await clerk.post(`/editor/decisions/${decisionId}/call-in`, {
      do: "call-in",
      reason: "Referred by five members",
      matterId: url.split("/").pop()!,
    });
    expect(called.status).toBe(303);
    const pub = await (await app.request(`/matters/${url.split("/").pop()}`)).text();
    // The minutes are not published yet: the public sees no decision, and so no matter.
    expect(pub).not.toContain("Referred by five members");
  });
});
