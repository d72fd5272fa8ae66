import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { createApp } from "../../src/web/app.js";
import { refsFor } from "../../src/store/queries/interop-refs.js";
import { callIn, startCallIn } from "../../src/workflow/matters.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { capture, haveCaptures } from "./captures.js";
import { buildModernGovFixture } from "./moderngov-fixture.js";
import { formattingProblems, outline } from "./outline.js";
import { scraperClient } from "./scraper-client.js";

type App = ReturnType<typeof createApp>;
const BASE = "http://moot.example";
const get = async (app: App, path: string) => {
  const res = await app.request(`${BASE}${path}`);
  return { status: res.status, type: res.headers.get("content-type"), location: res.headers.get("location"), body: await res.text() };
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: the ModernGov-compatible read service`, () => {
    let store: TestStore;
    let f: Awaited<ReturnType<typeof buildModernGovFixture>>;
    let app: App;
    let ids: { audit: number; cancelled: number; held: number };
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildModernGovFixture(store);
      app = createApp(store, { now: () => new Date("2026-03-01T12:00:00Z") });
      await get(app, "/mgWebService.asmx/GetCommittees");
      await get(app, "/mgWebService.asmx/GetAllMeetingsByDate?lCommitteeId=0");
      const c = await refsFor(store, f.authority.id, "committee");
      const m = await refsFor(store, f.authority.id, "meeting");
      ids = { audit: c.get(f.committees.audit.id)!, cancelled: m.get(f.meetings.cancelled.id)!, held: m.get(f.meetings.held.id)! };
    });
    afterAll(() => store.cleanup());

    it("numbers records once and keeps the numbers", async () => {
      const before = await refsFor(store, f.authority.id, "meeting");
      await get(app, "/mgWebService.asmx/GetAllMeetingsByDate?lCommitteeId=0");
      expect(await refsFor(store, f.authority.id, "meeting")).toEqual(before);
      expect(new Set(before.values()).size).toBe(before.size);
    });

    describe.skipIf(!haveCaptures)("replays each captured response's structure from Moot's own data", () => {
      const cases = () => [
        ["LGSF__committees.xml", "/mgWebService.asmx/GetCommittees"],
        ["LGSF__meetings.xml", `/mgWebService.asmx/GetMeetings?lCommitteeId=${ids.audit}&sFromDate=01/01/2026&sToDate=28/02/2026`],
        ["LGSF__meeting_no_minutes.xml", `/mgWebService.asmx/GetMeeting?lMeetingId=${ids.cancelled}`],
        ["LGSF__meeting_with_minutes.xml", `/mgWebService.asmx/GetMeeting?lMeetingId=${ids.held}`],
      ];
      for (const i of [0, 1, 2, 3]) {
        it(`case ${i}`, async () => {
          const [file, url] = cases()[i];
          const res = await get(app, url);
          expect(res.status, file).toBe(200);
          expect(res.type).toBe("text/xml; charset=utf-8");
          expect(outline(res.body), file).toEqual(outline(capture(file)));
          expect(formattingProblems(res.body), file).toEqual([]);
        });
      }
    });

    it("writes ModernGov's formats: counters, booleans, dates, times, escaping, links to Moot's originals", async () => {
      const committees = (await get(app, "/mgWebService.asmx/GetCommittees")).body;
      expect(committees).toContain("<committeescount> 3</committeescount>");
      expect(committees).toMatch(
        /<committeetitle>Appointments Panel<\/committeetitle>\r\n {4}<committeedeleted>False<\/committeedeleted>\r\n {4}<committeeexpired>True</,
      );
      const meeting = (await get(app, `/mgWebService.asmx/GetMeeting?lMeetingId=${ids.held}`)).body;
      expect(meeting).toContain("<meetingdate>10/02/2026</meetingdate>\r\n  <meetingstatus>Confirmed</meetingstatus>");
      expect(meeting).toContain("<meetingtime>10.00 am</meetingtime>");
      expect(meeting).toContain("<meetingactualstarttime>\r\n  </meetingactualstarttime>");
      expect(meeting).toContain("the last meeting &amp;amp; sign them."); // HTML-escaped, then XML-escaped
      expect(meeting).toContain("the committee&amp;#39;s &amp;lt;draft&amp;gt; programme".replace("&amp;#39;", "'"));
      expect(meeting).toContain("<fulldisplaynumberformat>9.</fulldisplaynumberformat>");
      const url = /<url>(http:\/\/moot\.example\/mgConvert2PDF\.aspx\?ID=\d+)<\/url>/.exec(meeting)![1];
      const redirect = await get(app, url.slice(BASE.length));
      expect(redirect.status).toBe(301);
      const original = await app.request(`${BASE}${redirect.location}`);
      expect(original.status).toBe(200);
      expect(await original.text()).toContain("%PDF-1.4 paper for item 1");
    });

    it("matches parameter names case-insensitively, takes ISO dates too, and honours the date range", async () => {
      const a = await get(app, `/mgWebService.asmx/GetMeetings?lcommitteeid=${ids.audit}&sfromdate=2026-02-01&STODATE=2026-02-28`);
      expect(a.body).toContain("<meetingscount> 1</meetingscount>");
      expect(a.body).toContain(`<meetingid>${ids.held}</meetingid>`);
      const b = await get(app, `/mgWebService.asmx/getmeeting?LMEETINGID=${ids.held}`);
      expect(b.status).toBe(200);
    });

    it("refuses bad input with a clear error", async () => {
      expect(await get(app, "/mgWebService.asmx/GetMeetings")).toMatchObject({ status: 400, body: "Missing parameter: lCommitteeId." });
      expect((await get(app, "/mgWebService.asmx/GetMeeting?lMeetingId=abc")).status).toBe(400);
      expect((await get(app, `/mgWebService.asmx/GetMeetings?lCommitteeId=${ids.audit}&sFromDate=31/02/2026`)).status).toBe(400);
      expect((await get(app, "/mgWebService.asmx/GetMeeting?lMeetingId=999999")).status).toBe(404);
      expect((await get(app, "/mgWebService.asmx/NoSuchThing")).status).toBe(404);
    });

    it("answers SOAP 1.1 with the same payload inside the envelope, and describes itself in a WSDL", async () => {
      const envelope = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetMeeting xmlns="http://moderngov.co.uk/namespaces"><lMeetingId>${ids.held}</lMeetingId></GetMeeting></soap:Body></soap:Envelope>`;
      const res = await app.request(`${BASE}/mgWebService.asmx`, {
        method: "POST",
        body: envelope,
        headers: { "Content-Type": "text/xml; charset=utf-8", SOAPAction: '"http://moderngov.co.uk/namespaces/GetMeeting"' },
      });
      expect(res.status).toBe(200);
      const soap = await res.text();
      const payload = /<GetMeetingResult>([\s\S]*)<\/GetMeetingResult>/.exec(soap)![1];
      const plain = (await get(app, `/mgWebService.asmx/GetMeeting?lMeetingId=${ids.held}`)).body;
      expect(payload.replace('<meeting xmlns="">', "<meeting>")).toBe(plain.slice(plain.indexOf("<meeting>")));
      const fault = await app.request(`${BASE}/mgWebService.asmx`, { method: "POST", body: "not xml", headers: { SOAPAction: "x" } });
      expect(fault.status).toBe(500);
      expect(await fault.text()).toContain("<faultcode>soap:Client</faultcode>");

      const wsdl = await get(app, "/mgWebService.asmx?WSDL");
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(wsdl.body);
      const elements = doc["wsdl:definitions"]["wsdl:types"]["s:schema"]["s:element"] as Array<Record<string, any>>;
      const getMeeting = elements.find((e) => e.name === "GetMeeting")!;
      expect(getMeeting["s:complexType"]["s:sequence"]["s:element"]).toMatchObject({ name: "lMeetingId", type: "s:int", minOccurs: "1" });
      expect(wsdl.body).toContain('soapAction="http://moderngov.co.uk/namespaces/GetCouncillorsByWard"');
      expect(wsdl.body).toContain('location="http://moot.example/mgWebService.asmx"');
    });

    it("a scraper-style client (XPath over lowercase names) reads the service unchanged", async () => {
      const client = scraperClient(async (path) => (await get(app, path)).body);
      const committees = await client.committees();
      expect(committees.map((c) => c.title)).toEqual(["Appointments Panel", "Art Galleries Committee", "Audit Committee"]);
      const audit = committees.find((c) => c.title === "Audit Committee")!;
      const meetings = await client.meetings(audit.id, "01/01/2026", "31/03/2026");
      expect(meetings.map((m) => [m.date, m.status])).toEqual([
        ["13/01/2026", "Cancelled"],
        ["10/02/2026", "Confirmed"],
      ]);
      const held = await client.meeting(meetings[1].id);
      expect(held.location).toBe("Committee Room 1, Shire Hall");
      expect(held.items.map((i) => [i.number, i.title])).toEqual([
        ["1.", "Minutes"],
        ["9.", "Work Programme"],
      ]);
      expect(held.items[0].minutes).toContain("The minutes were approved as a correct record.");
      for (const url of held.items.flatMap((i) => i.documents)) {
        const res = await app.request(url);
        expect(res.status).toBe(301);
        expect((await app.request(`${BASE}${res.headers.get("location")}`)).status).toBe(200);
      }
      expect(held.attendees.map((a) => a.name)).toEqual(["Councillor Gabriel Oak"]);
      expect((await get(app, held.attendees[0].url.slice(BASE.length))).location).toBe("/people/gabriel-oak");
      const councillors = await client.councillors();
      expect(councillors.map((c) => [c.name, c.ward, c.party])).toEqual([
        ["Councillor Tess Hardy", "Casterbridge", "LAB"],
        ["Councillor Gabriel Oak", "Weatherbury", "LAB"],
      ]);
    });

    it("lists councillors by ward, with Moot's own people numbered and defaulted", async () => {
      const res = await get(app, "/mgWebService.asmx/GetCouncillorsByWard");
      const uid = (await refsFor(store, f.authority.id, "person")).get(f.people.oak.id)!;
      expect(res.body).toBe(
        [
          '<?xml version="1.0" encoding="utf-8"?>',
          "<councillorsbyward>",
          "  <wards>",
          "    <ward>",
          "      <wardtitle>Casterbridge</wardtitle>",
          "      <councillors>",
          "        <councillorcount> 1</councillorcount>",
          "        <councillor>",
          `          <councillorid>${(await refsFor(store, f.authority.id, "person")).get(f.people.hardy.id)}</councillorid>`,
          "          <fullusername>Councillor Tess Hardy</fullusername>",
          "          <photosmallurl>https://wessex.example/photos/hardy-small.jpg</photosmallurl>",
          "          <photobigurl>https://wessex.example/photos/hardy-big.jpg</photobigurl>",
          "          <politicalpartytitle>LAB</politicalpartytitle>",
          "          <districttitle>",
          "          </districttitle>",
          "          <representing>",
          "          </representing>",
          "          <keyposts>Chair of Health Scrutiny Committee</keyposts>",
          "          <workaddress>",
          "          </workaddress>",
          "          <homeaddress>",
          "          </homeaddress>",
          "        </councillor>",
          "      </councillors>",
          "    </ward>",
          "    <ward>",
          "      <wardtitle>Weatherbury</wardtitle>",
          "      <councillors>",
          "        <councillorcount> 1</councillorcount>",
          "        <councillor>",
          `          <councillorid>${uid}</councillorid>`,
          "          <fullusername>Councillor Gabriel Oak</fullusername>",
          "          <photosmallurl>http://moot.example/mgimages/missingsmallmug.gif</photosmallurl>",
          "          <photobigurl>http://moot.example/mgimages/missingbigmug.gif</photobigurl>",
          "          <politicalpartytitle>LAB</politicalpartytitle>",
          "          <districttitle>",
          "          </districttitle>",
          "          <representing>",
          "          </representing>",
          "          <keyposts>",
          "          </keyposts>",
          "          <workaddress>",
          "          </workaddress>",
          "          <homeaddress>",
          "          </homeaddress>",
          "        </councillor>",
          "      </councillors>",
          "    </ward>",
          "  </wards>",
          "</councillorsbyward>",
        ].join("\r\n"),
      );
      const member = await get(app, `/mgUserInfo.aspx?UID=${uid}`);
      expect(member).toMatchObject({ status: 301, location: "/people/gabriel-oak" });
      const meeting = await get(app, `/ieListDocuments.aspx?CId=${ids.audit}&MID=${ids.held}`);
      expect(meeting).toMatchObject({ status: 301, location: `/meetings/${f.meetings.held.id}` });
      expect((await get(app, "/mgUserInfo.aspx?UID=987654")).status).toBe(404);
    });

    // Runs last: it adds a decision to the shared fixture.
    it("marks an agenda item iscallin True only once a decision under it is called in", async () => {
      const callInOf = async () => {
        const xml = (await get(app, `/mgWebService.asmx/GetMeeting?lMeetingId=${ids.held}`)).body;
        return [...xml.matchAll(/<agendaitemtitle>([^<]*)<\/agendaitemtitle>[\s\S]*?<iscallin>(True|False)<\/iscallin>/g)].map((m) => [
          m[1],
          m[2],
        ]);
      };
      expect(await callInOf()).toEqual([
        ["Minutes", "False"],
        ["Work Programme", "False"],
      ]);
      const decision = await f.scope.create("decision", {
        meetingId: f.meetings.held.id,
        agendaItemId: f.items[1].id,
        text: "RESOLVED: that the work programme be agreed.",
        decidedOn: "2026-02-10",
        kind: "resolved",
      });
      await startCallIn(f.scope, decision.id, "2026-02-17");
      expect(await callInOf()).toEqual([
        ["Minutes", "False"],
        ["Work Programme", "False"],
      ]);
      await callIn(f.scope, decision.id, "Scrutiny asks to review the programme", new Date("2026-02-18T10:00:00Z"));
      expect(await callInOf()).toEqual([
        ["Minutes", "False"],
        ["Work Programme", "True"],
      ]);
    });
  });
}
