import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scope } from "../../src/store/records.js";
import { createApp } from "../../src/web/app.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../support/web-fixtures.js";

/**
 * A resident following a meeting that was adjourned needs to know when it resumes, on the page
 * and in their calendar; one called at short notice says why.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: an adjourned meeting and one called at short notice, as the public sees them`, () => {
    let store: TestStore;
    let f: WebFixture;
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      const s = new Scope(store, f.authorityId, "user:clerk");
      await s.update("meeting", f.meetings.summer, {
        status: "adjourned",
        adjournedToDate: "2025-07-21",
        adjournedToTime: "18:30",
        statusNote: "The fire alarm sounded.",
      });
      await s.update("meeting", f.meetings.future, { shortNoticeReason: "The budget must be set before the deadline." });
      app = createApp(store, { now: () => FIXTURE_NOW });
    });
    afterAll(() => store.cleanup());

    it("the meeting page says when the adjourned meeting resumes", async () => {
      const text = await (await app.request(`/meetings/${f.meetings.summer}`)).text();
      expect(text).toContain("The fire alarm sounded.");
      expect(text).toContain("Adjourned to Monday 21 July 2025, 6:30pm.");
    });

    it("the meeting page gives the reason a meeting was called at short notice", async () => {
      const text = await (await app.request(`/meetings/${f.meetings.future}`)).text();
      expect(text).toMatch(/<dt>Called at short notice<\/dt>\s*<dd>The budget must be set before the deadline.<\/dd>/);
    });

    it("the calendar holds the resumed session as an event of its own", async () => {
      const cal = new ICAL.Component(ICAL.parse(await (await app.request("/calendar.ics")).text()));
      const events = new Map(cal.getAllSubcomponents("vevent").map((v) => [v.getFirstPropertyValue("uid"), new ICAL.Event(v)]));
      const resumed = events.get(`${f.meetings.summer}-resumed@moot`);
      expect(resumed, "no event for the resumed session").toBeDefined();
      // 18:30 in London in July is 17:30 UTC.
      expect(resumed!.startDate.toJSDate().toISOString()).toBe("2025-07-21T17:30:00.000Z");
      expect(resumed!.summary).toContain("resumes");
      expect(events.get(`${f.meetings.summer}@moot`)).toBeDefined();
    });
  });
}
