import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { createApp } from "../../src/web/app.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, markExempt, type WebFixture } from "../support/web-fixtures.js";
import { addVotes, type VoteFixture } from "../support/vote-fixtures.js";
import { addMatters, type MatterFixture } from "../support/matter-fixtures.js";

type App = ReturnType<typeof createApp>;
const london = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

for (const dialect of DIALECTS) {
  describe(`${dialect}: feeds and open API`, () => {
    let store: TestStore;
    let f: WebFixture;
    let v: VoteFixture;
    let mf: MatterFixture;
    let app: App;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      v = await addVotes(store, f);
      mf = await addMatters(store, f);
      await markExempt(store, f);
      app = createApp(store, { now: () => FIXTURE_NOW });
    });
    afterAll(() => store.cleanup());
    const json = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, body: (await res.json()) as any };
    };

    it("iCal parses, and a summer (BST) and a winter (GMT) meeting show the right London times", async () => {
      const res = await app.request("/calendar.ics");
      expect(res.headers.get("content-type")).toContain("text/calendar");
      const cal = new ICAL.Component(ICAL.parse(await res.text()));
      const events = cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
      expect(events).toHaveLength(6); // meetings are public from the start; only their drafts wait
      const byUid = new Map(events.map((e) => [e.uid, e]));
      const summer = byUid.get(`${f.meetings.summer}@moot`)!;
      const winter = byUid.get(`${f.meetings.winter}@moot`)!;
      expect(summer.startDate.toJSDate().toISOString()).toBe("2025-07-14T17:30:00.000Z");
      expect(london.format(summer.startDate.toJSDate())).toBe("18:30");
      expect(winter.startDate.toJSDate().toISOString()).toBe("2025-01-14T10:00:00.000Z");
      expect(london.format(winter.startDate.toJSDate())).toBe("10:00");
      expect(summer.location).toBe("Council Chamber, Town Hall");
      expect(byUid.get(`${f.meetings.cancelled}@moot`)!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    });

    it("a committee's iCal holds only its own meetings", async () => {
      const text = await (await app.request(`/committees/${f.committees.scrutiny.slug}/calendar.ics`)).text();
      const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent");
      expect(events.map((e) => e.getFirstPropertyValue("uid")).sort()).toEqual(
        [`${f.meetings.cancelled}@moot`, `${f.meetings.draftMinutes}@moot`].sort(),
      );
    });

    it("Atom and RSS feeds list new meetings, papers and decisions", async () => {
      const atom = await app.request("/feeds/papers.atom");
      expect(atom.headers.get("content-type")).toContain("application/atom+xml");
      const a = await atom.text();
      expect(a).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
      expect(a).toContain("Library Services Review report");
      expect(a).not.toContain("Old Depot valuation appendix"); // withheld papers are not "published"
      const rss = await (await app.request("/feeds/decisions.rss")).text();
      expect(rss).toContain('<rss version="2.0"');
      expect(rss).toContain("new mobile library timetable be approved");
      const meetings = await (await app.request("/feeds/meetings.atom")).text();
      expect(meetings.match(/<entry>/g)).toHaveLength(6);
      expect((await app.request("/feeds/nothing.atom")).status).toBe(404);
    });

    it("the OpenAPI document is valid OpenAPI 3.1", async () => {
      const { body } = await json("/api/v1/openapi.json");
      expect(body.openapi).toBe("3.1.0");
      const result = await new Validator().validate(body);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      const page = await (await app.request("/api/v1")).text();
      expect(page).toContain("GET /api/v1/meetings/{id}");
    });

    it("every documented endpoint answers as its schema says", async () => {
      const { body: doc } = await json("/api/v1/openapi.json");
      const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
      ajv.addSchema({ ...doc, $id: "api" });
      const samples: Record<string, string> = {
        "/committees/{id}": `/committees/${f.committees.cabinet.id}`,
        "/meetings/{id}": `/meetings/${f.meetings.summer}`,
        "/meetings/{id}/ocd": `/meetings/${f.meetings.summer}/ocd`,
        "/people/{id}": `/people/${f.people.chair.id}`,
        "/documents/{id}": `/documents/${f.documents.report}`,
        "/search": "/search?q=library",
        "/votes/{id}": `/votes/${v.library}`,
        "/votes/{id}/ocd": `/votes/${v.library}/ocd`,
        "/meetings/{id}/votes/ocd": `/meetings/${f.meetings.summer}/votes/ocd`,
        "/matters/{id}": `/matters/${mf.depot}`,
      };
      let walked = 0;
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
        const op = ops.get;
        expect(op, path).toBeDefined();
        if (path.includes("{")) expect(samples[path], `sample for ${path}`).toBeDefined();
        const url = `/api/v1${samples[path] ?? path}`;
        const res = await app.request(url);
        expect(res.status, url).toBe(200);
        expect(res.headers.get("content-type")).toContain("application/json");
        const pointer = `api#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/get/responses/200/content/application~1json/schema`;
        const validate = ajv.compile({ $ref: pointer });
        const body = await res.json();
        expect(validate(body) ? [] : validate.errors, url).toEqual([]);
        expect(validate({ unexpected: true }), `${url}: schema must reject junk`).toBe(false);
        if (path.includes("{")) {
          const missing = await app.request(`/api/v1${path.replace(/\{\w+\}/g, "no-such-id")}`);
          expect(missing.status, `${path} unknown id`).toBe(404);
          const errValidate = ajv.compile({ $ref: pointer.replace("/200/", "/404/") });
          expect(errValidate(await missing.json())).toBe(true);
        }
        walked += 1;
      }
      expect(walked).toBeGreaterThanOrEqual(12);
    });

    it("exempt items carry the notice in the API in place of their text", async () => {
      const { body } = await json(`/api/v1/meetings/${f.meetings.summer}`);
      const item = body.items.find((i: any) => i.id === f.items.exempt);
      expect(item.title).toBe("Sale of the Old Depot");
      expect(item.description).toBeNull();
      expect(item.withheld).toEqual({ paragraph: 3, notice: "Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972" });
      expect(item.documents[0].sha256).toBeNull();
      const { body: doc } = await json(`/api/v1/documents/${f.documents.exemptAppendix}`);
      expect(doc.pages).toEqual([]);
    });

    it("paginates with stable ids and a next link, and filters", async () => {
      const seen: string[] = [];
      let next: string | null = "/api/v1/meetings?limit=1";
      let total = 0;
      while (next) {
        const { body }: { body: any } = await json(next);
        total = body.total;
        seen.push(...body.items.map((m: any) => m.id));
        next = body.next;
      }
      expect(total).toBe(6);
      expect(new Set(seen).size).toBe(6);
      const { body } = await json(`/api/v1/meetings?committeeId=${f.committees.scrutiny.id}&status=cancelled`);
      expect(body.items.map((m: any) => m.id)).toEqual([f.meetings.cancelled]);
      const { body: between } = await json("/api/v1/meetings?from=2025-07-01&to=2025-07-31");
      expect(between.items.map((m: any) => m.id)).toEqual([f.meetings.summer]);
      const overdue = await json("/api/v1/actions?overdue=true");
      expect(overdue.body.items.map((a: any) => a.ref).sort()).toEqual(["A2", "A3"]);
    });

    it("rejects bad parameters with a 400 naming the field", async () => {
      const { status, body } = await json("/api/v1/meetings?limit=1000");
      expect(status).toBe(400);
      expect(body.error.message).toMatch(/^limit: /);
      expect((await json("/api/v1/meetings?from=2025-02-30")).status).toBe(400);
    });

    it("exports a meeting as an Open Civic Data Event with London offsets", async () => {
      const { body: summer } = await json(`/api/v1/meetings/${f.meetings.summer}/ocd`);
      expect(summer._type).toBe("event");
      expect(summer.id).toMatch(/^ocd-event\/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(summer.start_date).toBe("2025-07-14T18:30:00+01:00");
      expect(summer.status).toBe("passed");
      expect(summer.agenda.map((a: any) => a.order)).toEqual(["1", "3", "4"]);
      const { body: winter } = await json(`/api/v1/meetings/${f.meetings.winter}/ocd`);
      expect(winter.start_date).toBe("2025-01-14T10:00:00+00:00");
      expect((await json(`/api/v1/meetings/${f.meetings.summer}/ocd`)).body.id).toBe(summer.id);
    });

    it("sitemap lists public pages but not withheld papers", async () => {
      const text = await (await app.request("/sitemap.xml")).text();
      expect(text).toContain(`/meetings/${f.meetings.summer}</loc>`);
      expect(text).toContain(`/documents/${f.documents.report}</loc>`);
      expect(text).not.toContain(f.documents.exemptAppendix);
    });
  });
}
