import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { importModernGov } from "../../src/ingest/moderngov/import.js";
import { parseModernGov } from "../../src/ingest/moderngov/parse.js";
import { createApp } from "../../src/web/app.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { capturePath, haveCaptures } from "./captures.js";
import { outline } from "./outline.js";
import { capture } from "./captures.js";

const FILES = ["LGSF__meeting_with_minutes.xml", "LGSF__meetings.xml", "LGSF__meeting_no_minutes.xml", "LGSF__committees.xml"];

for (const dialect of DIALECTS) {
  describe.skipIf(!haveCaptures)(`${dialect}: moot import --from moderngov`, () => {
    let store: TestStore;
    let scope: Scope;
    const audits = async () =>
      Number(
        (
          await store.db
            .selectFrom("audit_entry")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    beforeAll(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "manchester", name: "Manchester City Council" });
      scope = new Scope(store, a.id, "import");
    });
    afterAll(() => store.cleanup());

    it("loads committees, meetings, members, attendance, agenda items, minutes and document links", async () => {
      const run = await importModernGov(scope, FILES.map(capturePath), new Date("2026-03-01T12:00:00Z"));
      expect(run.failures).toEqual([]);
      // dependency order whatever order the files were given in
      expect(run.files.map((f) => f.kind)).toEqual(["committees", "meetings", "meeting", "meeting"]);
      expect(run.counts.created).toMatchObject({
        committee: 3,
        meeting: 2,
        agenda_item: 2,
        minute: 2,
        document: 2,
        person: 1,
        membership: 1,
      });
      const committees = await scope.list("committee", {}, ["name"]);
      expect(committees.map((c) => [c.name, c.activeTo !== null])).toEqual([
        ["Appointment Sub Committee for Director of Adult Social Services", true],
        ["Art Galleries Committee", false],
        ["Audit Committee", false],
      ]);
      const meetings = await scope.list("meeting", {}, ["localDate"]);
      expect(meetings.map((m) => [m.localDate, m.localTime, m.status, m.venue])).toEqual([
        ["2026-01-13", "10:00", "cancelled", "Council Antechamber, Level 2, Town Hall Extension"],
        ["2026-02-10", "10:00", "held", "Council Antechamber, Level 2, Town Hall Extension"],
      ]);
      const items = await scope.list("agenda_item", {}, ["position"]);
      expect(items.map((i) => [i.number, i.title])).toEqual([
        ["1", "Minutes"],
        ["9", "Work Programme"],
      ]);
      expect(items[0].description).toBe("To approve as a correct record the minutes of the meeting held on 25 November 2025.");
      const minutes = await scope.list("minute", {}, ["position"]);
      expect(minutes[1].text).toMatch(/^The Committee considered a report of the Governance and Scrutiny Support Unit/);
      const people = await scope.list("person");
      expect(people.map((p) => [p.honorific, p.name, p.party, p.ward])).toEqual([["Councillor", "Basil Curley", "LAB", "Charlestown"]]);
      const docs = await scope.list("document", {}, ["title"]);
      expect(docs.map((d) => d.title)).toEqual(["6 - CHAIR APPROVED  Minutes Audit Committee 25 Nov 2025", "DRAFT WP  FEBRUARY 2026"]);
    });

    it("importing the same responses again changes nothing", async () => {
      const before = await audits();
      const run = await importModernGov(scope, FILES.map(capturePath), new Date("2026-03-01T12:00:00Z"));
      expect(run.failures).toEqual([]);
      expect(run.counts.created).toEqual({});
      expect(run.counts.updated).toEqual({});
      expect(run.counts.unchanged).toBeGreaterThan(10);
      expect(await audits()).toBe(before);
    });

    it("serves the imported council under its old ModernGov numbers, in the same shape", async () => {
      const app = createApp(store, { authorityId: scope.authorityId, now: () => new Date("2026-03-01T12:00:00Z") });
      const meeting = await (await app.request("http://moot.example/mgWebService.asmx/GetMeeting?lMeetingId=4967")).text();
      expect(outline(meeting)).toEqual(outline(capture("LGSF__meeting_with_minutes.xml")));
      expect(meeting).toContain("<agendaitemid>18831</agendaitemid>");
      expect(meeting).toContain("<attachmentid>60860</attachmentid>");
      expect(meeting).toContain('memberid="192"');
      const meetings = await (
        await app.request("http://moot.example/mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01/01/2026&sToDate=28/02/2026")
      ).text();
      expect(meetings).toContain("<meetingid>4966</meetingid>");
      // old links keep working: the member page, and a paper imported without its file goes to its source
      expect((await app.request("http://moot.example/mgUserInfo.aspx?UID=192")).headers.get("location")).toBe("/people/basil-curley");
      expect((await app.request("http://moot.example/mgConvert2PDF.aspx?ID=60860")).headers.get("location")).toBe(
        "https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=60860",
      );
    });

    it("refuses what is not a ModernGov response, leaving nothing behind", async () => {
      const before = await audits();
      const run = await importModernGov(scope, [
        capturePath("CouncillorData__leeds.gov.uk__GetCouncillorsByWard.xml"),
        "/nonexistent/x.xml",
      ]);
      expect(run.failures.map((f) => f.reason)).toEqual([
        expect.stringMatching(/<html> is not a ModernGov response/),
        expect.stringMatching(/no such file/),
      ]);
      expect(await audits()).toBe(before);
      expect(() => parseModernGov('<?xml version="1.0"?><other/>', "x.xml")).toThrow(/<other> is not a ModernGov response/);
    });
  });
}
