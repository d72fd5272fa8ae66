import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { loadDemo } from "../../src/demo/demo-council.js";
import { Scope } from "../../src/store/records.js";
import { addUser } from "../../src/workflow/accounts.js";
import { pdfPageTexts } from "../../src/workflow/pdf-text.js";
import { freshStore, type TestStore } from "../support/stores.js";

/** What a resident expects of a council site, on the demo council (issue 14, part 3). */
describe("the public site residents use", () => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>;
  let authorityId: string;
  const today = "2026-12-04";
  const get = async (url: string) => {
    const res = await app.request(url);
    expect(res.status, url).toBe(200);
    return res;
  };
  const html = async (url: string) => (await get(url)).text();
  beforeAll(async () => {
    store = await freshStore("sqlite");
    authorityId = (await loadDemo(store, { today })).authorityId;
    app = createApp(store, { now: () => new Date(`${today}T12:00:00Z`) });
  });
  afterAll(() => store.cleanup());

  const heldMeeting = async (slug: string) =>
    store.db
      .selectFrom("meeting")
      .innerJoin("committee", "committee.id", "meeting.committeeId")
      .select(["meeting.id", "meeting.localDate"])
      .where("committee.slug", "=", slug)
      .where("meeting.status", "=", "held")
      .where("meeting.localDate", "<", "2026-11-20")
      .orderBy("meeting.localDate", "desc")
      .executeTakeFirstOrThrow();

  it("lists committees with their purpose, chair and next meeting", async () => {
    const page = await html("/committees");
    expect(page).toContain("Sets the budget and council tax");
    expect(page).toMatch(/Chair: <a href="\/people\/[a-z-]+">[A-Z]/);
    expect(page).toMatch(/Next meeting: <a href="\/meetings\//);
  });

  it("lists councillors by ward and by party, officers apart, by surname", async () => {
    const page = await html("/people");
    const councillors = page.slice(page.indexOf('id="councillors"'), page.indexOf('id="officers"'));
    const officers = page.slice(page.indexOf('id="officers"'));
    expect(councillors).toContain(">Ambridge</h3>");
    expect(councillors).toContain("Helen Archer");
    expect(councillors).not.toContain("Director of Finance");
    expect(officers).toContain("Director of Finance");
    expect(officers).not.toContain("Helen Archer");
    // Ambridge: Helen Archer, Tom Forrest, Usha Franks, in surname order
    const ambridge = councillors.slice(
      councillors.indexOf(">Ambridge</h3>"),
      councillors.indexOf("</ul>", councillors.indexOf(">Ambridge</h3>")),
    );
    expect(ambridge.indexOf("Archer")).toBeLessThan(ambridge.indexOf("Forrest"));
    expect(ambridge.indexOf("Forrest")).toBeLessThan(ambridge.indexOf("Franks"));
    const byParty = await html("/people?by=party");
    expect(byParty).toContain(">Green</h3>");
  });

  it("shows a committee's forward work programme", async () => {
    const page = await html("/committees/cabinet");
    const forward = page.slice(page.indexOf('id="work-programme"'), page.indexOf("Earlier items"));
    const dates = [...forward.matchAll(/<a href="\/meetings\/[^"]+">(?:\w+ )?(\d{1,2} \w+ \d{4})<\/a>/g)].map((m) => m[1]);
    expect(dates.length).toBeGreaterThan(2);
    for (const d of dates) expect(new Date(`${d} 12:00 UTC`).toISOString().slice(0, 10) >= today, d).toBe(true);
  });

  it("offers the agenda pack and printed minutes on the meeting page, with decisions under their minutes", async () => {
    const m = await heldMeeting("cabinet");
    const page = await html(`/meetings/${m.id}`);
    expect(page).toContain(`/meetings/${m.id}/agenda-pack.pdf`);
    expect(page).toContain(`/meetings/${m.id}/minutes.pdf`);
    // Each decision sits inside the minute it belongs to.
    const minutes = page.slice(page.indexOf('id="minutes"'));
    expect(minutes).toMatch(
      /<div class="minute" id="minute-[^"]+"><h3>[^<]+<\/h3><p class="pre">[^<]*<\/p><div class="decision" id="decision-/,
    );
    expect(page).not.toContain('id="decisions"');

    const pack = await get(`/meetings/${m.id}/agenda-pack.pdf`);
    expect(pack.headers.get("content-type")).toBe("application/pdf");
    const packText = (await pdfPageTexts(new Uint8Array(await pack.arrayBuffer()))).join("\n");
    const report = await store.db
      .selectFrom("document")
      .select("title")
      .where("meetingId", "=", m.id)
      .where("exemptParagraph", "is", null)
      .where("kind", "=", "report")
      .executeTakeFirstOrThrow();
    expect(packText).toContain("Report of the");
    expect(await html(`/meetings/${m.id}/agenda-pack.html`)).toContain(report.title.replace(/'/g, "&#39;"));

    const minutesPdf = await get(`/meetings/${m.id}/minutes.pdf`);
    const minutesText = (await pdfPageTexts(new Uint8Array(await minutesPdf.arrayBuffer()))).join("\n");
    expect(minutesText).toContain("Minutes of the Cabinet");
    expect(minutesText).toContain("Resolved:");
    expect(await html(`/meetings/${m.id}/minutes.html`)).toContain("Apologies for Absence");
  });

  it("refuses the pack and minutes of a meeting whose agenda or minutes are not published", async () => {
    const future = await store.db.selectFrom("meeting").select("id").where("agendaPublishedAt", "is", null).executeTakeFirstOrThrow();
    for (const p of ["agenda-pack.pdf", "agenda-pack.html", "minutes.pdf", "minutes.html"])
      expect((await app.request(`/meetings/${future.id}/${p}`)).status, p).toBe(404);
  });

  it("spells out declaration types and explains them in the glossary", async () => {
    const d = await store.db
      .selectFrom("declaration")
      .innerJoin("meeting", "meeting.id", "declaration.meetingId")
      .select(["meeting.id", "declaration.type"])
      .where("meeting.minutesPublishedAt", "is not", null)
      .where("declaration.type", "=", "ori")
      .executeTakeFirstOrThrow();
    const page = await html(`/meetings/${d.id}`);
    expect(page).toContain("Other registrable interest (ORI)");
    expect(page).toContain('href="/glossary#ori"');
    const glossary = await html("/glossary");
    for (const id of ["dpi", "ori", "nri"]) expect(glossary).toContain(`id="${id}"`);
  });

  it("gives iCal events an end, a SEQUENCE that rises with each change, and STATUS:CANCELLED", async () => {
    const m = await store.db
      .selectFrom("meeting")
      .select(["id"])
      .where("status", "=", "scheduled")
      .where("localDate", ">", today)
      .orderBy("localDate")
      .executeTakeFirstOrThrow();
    const event = (ics: string) =>
      ics
        .split("BEGIN:VEVENT")
        .find((e) => e.includes(`UID:${m.id}@moot`))!
        .replace(/\r\n /g, "");
    const before = event(await html("/calendar.ics"));
    expect(before).toMatch(/DTEND:\d{8}T\d{6}Z/);
    expect(before).toContain("SEQUENCE:0");
    await new Scope(store, authorityId, "clerk").update("meeting", m.id, { status: "cancelled", statusNote: "Cancelled: no business." });
    const after = event(await html("/calendar.ics"));
    expect(after).toContain("SEQUENCE:1");
    expect(after).toContain("STATUS:CANCELLED");
    // and the month grid tags it
    const row = await store.db.selectFrom("meeting").select("localDate").where("id", "=", m.id).executeTakeFirstOrThrow();
    const grid = await html(`/calendar?month=${row.localDate.slice(0, 7)}`);
    expect(grid).toMatch(new RegExp(`/meetings/${m.id}">[^<]*</a> <span class="tag cancelled">cancelled</span>`));
    expect(grid).toContain('<td class="none">');
  });

  it("shows a role, not a staff user name, in public action histories", async () => {
    await addUser(new Scope(store, authorityId, "admin"), {
      username: "jclerk",
      displayName: "Jo Clerk",
      role: "clerk",
      password: "a-long-password-1",
    });
    const action = await store.db.selectFrom("action").select(["id", "ref"]).where("status", "=", "in-progress").executeTakeFirstOrThrow();
    await new Scope(store, authorityId, "user:jclerk").create("action_update", {
      actionId: action.id,
      onDate: today,
      text: "Chased the service for its figures.",
      byName: "jclerk",
    });
    const res = (await (await get(`/api/v1/actions?limit=100&offset=0&status=in-progress`)).json()) as {
      items: Array<{ id: string; history: Array<{ byName: string | null; text: string }> }>;
    };
    const all = JSON.stringify(res);
    expect(all).not.toContain("jclerk");
    const page = await html(`/actions?status=in-progress`);
    expect(page).not.toContain("jclerk");
    expect(page).toContain("Chased the service for its figures.");
    expect(page).toContain("— Democratic Services");
  });

  it("answers API paths by slug and documents parameters cleanly", async () => {
    const byId = await store.db.selectFrom("committee").select("id").where("slug", "=", "council").executeTakeFirstOrThrow();
    const bySlug = (await (await get("/api/v1/committees/council")).json()) as { id: string };
    expect(bySlug.id).toBe(byId.id);
    expect(((await (await get("/api/v1/people/helen-archer")).json()) as { name: string }).name).toBe("Helen Archer");
    expect((await app.request("/api/v1/committees/no-such-committee")).status).toBe(404);
    const docs = await html("/api/v1");
    expect(docs).not.toMatch(/integernull|stringnull|`/);
    expect(docs).toContain("<code>limit</code>");
  });
});
