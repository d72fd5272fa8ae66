import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, markExempt, type WebFixture } from "../support/web-fixtures.js";

for (const dialect of DIALECTS) {
  describe(`${dialect}: public pages`, () => {
    let store: TestStore;
    let f: WebFixture;
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      await markExempt(store, f);
      app = createApp(store, { now: () => FIXTURE_NOW });
    });
    afterAll(() => store.cleanup());
    const get = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, text: await res.text(), res };
    };

    it("home lists upcoming meetings, latest decisions and recent papers", async () => {
      const r = await get("/");
      expect(r.status).toBe(200);
      expect(r.text).toMatch(/^<!doctype html>/);
      expect(r.text).toContain("Monday 10 November 2025, 2pm");
      expect(r.text).toContain("Library Services Review report");
      expect(r.text).not.toContain("Wednesday 1 January"); // no junk dates
    });

    it("meeting page shows agenda, papers with page ranges, attendance, declarations, decisions and the exempt notice", async () => {
      const r = await get(`/meetings/${f.meetings.summer}`);
      expect(r.status).toBe(200);
      expect(r.text).toContain("Monday 14 July 2025, 6:30pm");
      expect(r.text).toContain("Council Chamber, Town Hall");
      // The item's "Pages 2 to 3" are printed numbers: the link goes to the page that prints 2.
      expect(r.text).toContain(`<a href="/documents/${f.documents.pack}#printed-2">Pages 2 to 3 of the agenda pack</a>`);
      expect(r.text).toContain("Sale of the Old Depot");
      expect(r.text).toContain("Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972");
      expect(r.text).toMatch(/Dev Patel<\/a>[^<]*<span> for Ben Okafor/);
      expect(r.text).toContain("Member of the Friends of Borchester Library.");
      expect(r.text).toContain("new mobile library timetable be approved");
      expect(r.text).toContain("Watch the webcast");
      // provenance: the library item's description came from page 2 of the pack
      expect(r.text).toContain(`<a href="/documents/${f.documents.pack}#page-2">from page 2 of the agenda pack</a>`);
      // no provenance link into the withheld appendix
      expect(r.text).not.toContain(`/documents/${f.documents.exemptAppendix}#page-1`);
    });

    it("agenda item page shows the item's papers and decision", async () => {
      const r = await get(`/meetings/${f.meetings.summer}/items/${f.items.library}`);
      expect(r.status).toBe(200);
      expect(r.text).toContain("3. Library Services Review");
      expect(r.text).toContain(`/documents/${f.documents.report}`);
      expect(r.text).toContain("Approve the new timetable.");
    });

    it("document viewer has a stable anchor per page and a download of the original", async () => {
      const r = await get(`/documents/${f.documents.report}`);
      expect(r.text).toContain('id="page-2"');
      expect(r.text).toContain("heritage reading room");
      const dl = await app.request(`/documents/${f.documents.report}/original`);
      expect(dl.status).toBe(200);
      expect(dl.headers.get("content-type")).toBe("application/pdf");
      expect(await dl.text()).toBe("%PDF-1.4 library report\n");
      const again = await app.request(`/documents/${f.documents.report}/original`, {
        headers: { "If-None-Match": dl.headers.get("etag")! },
      });
      expect(again.status).toBe(304);
    });

    it("a pack's printed page numbers are anchors on the file pages that print them", async () => {
      // The pack's cover is unnumbered, so printed page 2 is the third page of the file.
      const r = await get(`/documents/${f.documents.pack}`);
      expect(r.text).toMatch(/<section class="page" id="page-3"[^>]*><span id="printed-2"><\/span>/);
      expect(r.text).toMatch(/<section class="page" id="page-2"[^>]*><span id="printed-1"><\/span>/);
      expect(r.text.match(/id="printed-2"/g)).toHaveLength(1);
    });

    it("committee page shows members with roles and co-optees, meetings, work programme and open actions", async () => {
      const r = await get(`/committees/${f.committees.cabinet.slug}`);
      expect(r.text).toContain("Chair");
      expect(r.text).toContain("Diocese of Borchester");
      expect(r.text).toContain("Former members (1)");
      expect(r.text).toContain("Budget monitoring, quarter 2");
      expect(r.text).toContain("High (5/6)");
      expect(r.text).toContain("Report back on mobile library costs.");
      expect(r.text).toContain("Overdue");
    });

    it("person page shows memberships and attendance percentages", async () => {
      const r = await get(`/people/${f.people.member.slug}`);
      expect(r.text).toContain("50%"); // one present, one apologies
      const chair = await get(`/people/${f.people.chair.slug}`);
      expect(chair.text).toContain("100%");
      expect(chair.text).toContain("Friends of Borchester Library");
      expect(chair.text).toContain("Register of interests");
      expect(chair.text).toContain("Freehold of 3 Castle Street, Borchester.");
      expect(chair.text).toContain("Sensitive interest: details withheld under section 32 of the Localism Act 2011");
    });

    it("calendar shows a month grid and a list, British dates", async () => {
      const grid = await get("/calendar?month=2025-07");
      expect(grid.text).toContain("Meetings in July 2025");
      expect(grid.text).toContain("6:30pm Cabinet");
      const list = await get("/calendar?month=2025-01&view=list");
      expect(list.text).toContain("Tuesday 14 January 2025");
      expect(list.text).toContain("10am");
      expect((await get("/calendar?month=2025-13")).status).toBe(400);
    });

    it("action tracker filters by committee, status, owner and overdue, with history", async () => {
      const all = await get("/actions");
      expect(all.text).toContain("Draft timetable circulated.");
      const overdue = await get("/actions?overdue=1");
      expect(overdue.text).toContain("Report back on mobile library costs.");
      expect(overdue.text).not.toContain("Publish the new timetable.");
      const owner = await get("/actions?owner=libraries");
      expect(owner.text).toContain("Publish the new timetable.");
      expect(owner.text).not.toContain("Report back on mobile library costs.");
      const status = await get("/actions?status=in-progress");
      expect(status.text).toContain("Report back on mobile library costs.");
      expect(status.text).not.toContain("Publish the new timetable.");
      const none = await get(`/actions?committee=${f.committees.scrutiny.slug}`);
      expect(none.text).toContain("0 actions.");
    });

    it("decisions list filters by committee and date", async () => {
      expect((await get("/decisions")).text).toContain("new mobile library timetable be approved");
      expect((await get("/decisions?from=2025-08-01")).text).toContain("0 decisions.");
    });

    it("search highlights matches and links to the exact page of the exact document", async () => {
      const r = await get("/search?q=heritage+reading+room");
      expect(r.text).toContain(`/documents/${f.documents.report}#page-2`);
      expect(r.text).toMatch(/<mark>heritage<\/mark>/i);
      const filtered = await get(`/search?q=heritage&committee=${f.committees.scrutiny.slug}`);
      expect(filtered.text).toContain("Nothing matched");
    });

    it("unknown records are 404 pages, not errors", async () => {
      expect((await get("/meetings/nope")).status).toBe(404);
      expect((await get("/committees/nope")).status).toBe(404);
      expect((await get("/no/such/page")).status).toBe(404);
    });

    it("sends security headers, ETags and 304s, and compresses", async () => {
      const first = await app.request(`/meetings/${f.meetings.summer}`, { headers: { "Accept-Encoding": "gzip" } });
      expect(first.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(first.headers.get("x-content-type-options")).toBe("nosniff");
      expect(first.headers.get("content-encoding")).toBe("gzip");
      const etag = first.headers.get("etag")!;
      expect(etag).toMatch(/^W\/"/);
      const second = await app.request(`/meetings/${f.meetings.summer}`, { headers: { "If-None-Match": etag } });
      expect(second.status).toBe(304);
      const lm = first.headers.get("last-modified")!;
      const third = await app.request(`/meetings/${f.meetings.summer}`, { headers: { "If-Modified-Since": lm } });
      expect(third.status).toBe(304);
    });
  });
}
