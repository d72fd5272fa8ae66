import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importModernGov } from "../../src/ingest/moderngov/import.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { createApp } from "../../src/web/app.js";
import { bool, el, parent, writeDocument, type XmlElement } from "../../src/web/interop/moderngov/xml.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";

/**
 * Made-up GetCommittees / GetMeetings / GetMeeting responses of a council whose business runs
 * across meetings: a Cabinet decision (number 26/00012) called in by scrutiny, the same report
 * back at Cabinet under its title word for word, a contract with its decision number in the
 * title, standing items that recur at every meeting, and an exempt item whose title reappears
 * in public elsewhere. Written with the service's own ModernGov writer; no council's text.
 */
interface Item {
  id: number;
  n: number;
  title: string;
  text?: string;
  minutes?: string;
  decision?: string;
  restricted?: boolean;
}
const committee = (id: number, title: string) =>
  parent("committee", [
    el("committeeid", id),
    el("committeetitle", title),
    el("committeedeleted", "False"),
    el("committeeexpired", "False"),
    el("committeecategory", "Committees"),
  ]);
const meetings = (c: number, title: string, list: Array<[number, string]>) =>
  parent("getmeetings", [
    el("meetingscount", ` ${list.length}`),
    el("committeescount", " 1"),
    parent("committee", [
      el("committeeid", c),
      el("committeetitle", title),
      el("committeemeetingcount", ` ${list.length}`),
      parent(
        "committeemeetings",
        list.map(([id, date]) =>
          parent("meeting", [
            el("meetingid", id),
            el("meetingdate", date),
            el("meetingstatus", "Confirmed"),
            el("meetingtime", "10.00 am"),
            el("iswebcast", "False"),
          ]),
        ),
      ),
    ]),
  ]);
const meeting = (id: number, date: string, committeeTitle: string, items: Item[]): XmlElement =>
  parent("meeting", [
    el("meetingid", id),
    el("meetingdate", date),
    el("meetingstatus", "Confirmed"),
    el("meetingtime", "10.00 am"),
    el("meetinglocation", "Council Chamber, Guildhall"),
    parent(
      "agendaitems",
      items.map((i) =>
        parent("agendaitem", [
          el("agendaitemid", i.id),
          el("agendaitemtitle", i.title),
          el("agendatext", i.restricted ? "" : (i.text ?? "")),
          el("agendaitemnumber", i.n),
          el("fulldisplaynumberformat", `${i.n}.`),
          el("minutesnonemptyhtmlbody", i.restricted ? "" : (i.minutes ?? "")),
          el("decisionnonemptyhtmlbody", i.restricted ? "" : (i.decision ?? "")),
          el("isrestricted", bool(!!i.restricted)),
          el("minutesitemnumber", i.n),
          el("refertocommittee", committeeTitle),
          parent("linkeddocuments", []),
        ]),
      ),
    ),
    parent("attendees", []),
  ]);

const LIBRARIES = "Library Services Review and Consultation Outcome";
const LAND = "Disposal of Land at Mill Lane Depot";
const RESPONSES: Record<string, XmlElement> = {
  "committees.xml": parent("committees", [
    el("committeescount", " 2"),
    committee(10, "Cabinet"),
    committee(20, "Overview and Scrutiny Committee"),
  ]),
  "meetings-cabinet.xml": meetings(10, "Cabinet", [
    [100, "15/01/2026"],
    [300, "12/02/2026"],
  ]),
  "meetings-scrutiny.xml": meetings(20, "Overview and Scrutiny Committee", [[200, "29/01/2026"]]),
  // Named so the later Cabinet meeting is read first: linking must not depend on file order.
  "a-cabinet-february.xml": meeting(300, "12/02/2026", "Cabinet", [
    { id: 3001, n: 1, title: "Apologies for Absence", minutes: "There were none." },
    {
      id: 3002,
      n: 2,
      title: LIBRARIES,
      text: "To reconsider the review after call-in.",
      decision: "RESOLVED: that the review be confirmed.",
    },
    { id: 3003, n: 3, title: "Work Programme", minutes: "Noted." },
  ]),
  "cabinet-january.xml": meeting(100, "15/01/2026", "Cabinet", [
    { id: 1001, n: 1, title: "Apologies for Absence", minutes: "Apologies were received from one member." },
    {
      id: 1002,
      n: 2,
      title: LIBRARIES,
      text: "Report of the Director of Communities.",
      decision: "RESOLVED: that the review be approved (Decision No. 26/00012).",
    },
    { id: 1003, n: 3, title: "26/00015 Highways Term Maintenance Contract", decision: "RESOLVED: that the contract be awarded." },
    { id: 1004, n: 4, title: LAND, restricted: true },
  ]),
  "scrutiny-january.xml": meeting(200, "29/01/2026", "Overview and Scrutiny Committee", [
    {
      id: 2001,
      n: 1,
      title: "Call-in of Cabinet Decision 26/00012",
      text: "The decision on the library services review has been called in.",
    },
    { id: 2002, n: 2, title: LAND, text: "A public report on the depot's future." },
    { id: 2003, n: 3, title: "Work Programme", minutes: "Noted." },
  ]),
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: ModernGov import links items into matters`, () => {
    let store: TestStore;
    let scope: Scope;
    const dir = mkdtempSync(join(tmpdir(), "moot-mg-matters-"));
    const now = new Date("2026-03-01T12:00:00Z");
    const audits = async () =>
      Number(
        (
          await store.db
            .selectFrom("audit_entry")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const steps = async () => {
      const items = new Map((await scope.list("agenda_item")).map((i) => [i.id, i]));
      const meetings = new Map((await scope.list("meeting")).map((m) => [m.id, m]));
      const matters = await scope.list("matter", {}, ["reference"]);
      const out: Record<string, string[]> = {};
      for (const m of matters)
        out[m.reference] = (await scope.list("matter_step", { matterId: m.id }))
          .map((s) => `${meetings.get(s.meetingId)!.localDate} ${items.get(s.agendaItemId!)?.title}${s.decisionId ? " +decision" : ""}`)
          .sort();
      return out;
    };
    beforeAll(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "guildford-test", name: "Made-up Borough Council" });
      scope = new Scope(store, a.id, "import");
      for (const [name, root] of Object.entries(RESPONSES)) writeFileSync(join(dir, name), writeDocument(root));
    });
    afterAll(async () => {
      await store.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("joins continuing business across meetings by decision number and repeated title, as a pack import does", async () => {
      const run = await importModernGov(scope, [dir], now);
      expect(run.failures).toEqual([]);
      expect(run.counts.created).toMatchObject({ matter: 2, matter_step: 4, meeting: 3, agenda_item: 10 });
      expect(await steps()).toEqual({
        // the call-in at scrutiny, and the report back at Cabinet under the same title
        "26/00012": [
          `2026-01-15 ${LIBRARIES} +decision`,
          "2026-01-29 Call-in of Cabinet Decision 26/00012",
          `2026-02-12 ${LIBRARIES} +decision`,
        ],
        "26/00015": ["2026-01-15 26/00015 Highways Term Maintenance Contract +decision"],
      });
      const matter = (await scope.list("matter", { reference: "26/00012" }))[0]!;
      expect(matter.title).toBe(LIBRARIES);
    });

    it("keeps an exempt item exempt and out of any matter found by title", async () => {
      const land = await scope.list("agenda_item", { title: LAND });
      expect(land.map((i) => i.exemptParagraph).sort()).toEqual([3, null]);
      for (const i of land) expect(await scope.list("matter_step", { agendaItemId: i.id })).toEqual([]);
      // served back as ModernGov had it: restricted, number and title only
      const app = createApp(store, { authorityId: scope.authorityId, now: () => now });
      const xml = await (await app.request("http://moot.example/mgWebService.asmx/GetMeeting?lMeetingId=100")).text();
      expect(xml).toMatch(new RegExp(`<agendaitemtitle>${LAND}</agendaitemtitle>[\\s\\S]*?<isrestricted>True</isrestricted>`));
      // and the public matter page shows the call-in, not the exempt business
      const page = await (await app.request("http://moot.example/matters")).text();
      expect(page).toContain(LIBRARIES);
      expect(page).not.toContain(LAND);
    });

    it("importing the same responses again changes nothing", async () => {
      const before = await audits();
      const matters = await steps();
      const run = await importModernGov(scope, [dir], now);
      expect(run.failures).toEqual([]);
      expect(run.counts.created).toEqual({});
      expect(run.counts.updated).toEqual({});
      expect(await audits()).toBe(before);
      expect(await steps()).toEqual(matters);
    });

    it("a clerk's exempt marking survives a re-import that says the item is public", async () => {
      const [pub] = (await scope.list("agenda_item", { title: LAND })).filter((i) => i.exemptParagraph === null);
      await scope.update("agenda_item", pub!.id, { exemptParagraph: 1 });
      const run = await importModernGov(scope, [dir], now);
      expect(run.counts.updated).toEqual({});
      expect((await scope.get("agenda_item", pub!.id))!.exemptParagraph).toBe(1);
    });
  });
}

/**
 * Two items printed with one number (ModernGov allows it: two petitions both "5."): each is a
 * record of its own, the second the number's next occurrence. Matched by number alone, the
 * second overwrote the first and took its ModernGov id, and each re-import swapped them back.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: ModernGov items that share a number`, () => {
    let store: TestStore;
    let scope: Scope;
    const dir = mkdtempSync(join(tmpdir(), "moot-mg-same-number-"));
    const now = new Date("2026-03-01T12:00:00Z");
    const shape = async () =>
      (await scope.list("agenda_item", {}, ["position"])).map((i) => [i.number, i.occurrence, i.title, i.description]);
    beforeAll(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "same-number", name: "Made-up District Council" });
      scope = new Scope(store, a.id, "import");
      const files: Record<string, XmlElement> = {
        "committees.xml": parent("committees", [el("committeescount", " 1"), committee(30, "Council")]),
        "meetings.xml": meetings(30, "Council", [[400, "20/01/2026"]]),
        "council-january.xml": meeting(400, "20/01/2026", "Council", [
          { id: 4001, n: 4, title: "Apologies for Absence" },
          { id: 4002, n: 5, title: "Petition: Mill Lane Crossing", text: "A petition of 312 signatures." },
          { id: 4003, n: 5, title: "Petition: Station Road Lighting", text: "A petition of 58 signatures." },
        ]),
      };
      for (const [name, root] of Object.entries(files)) writeFileSync(join(dir, name), writeDocument(root));
    });
    afterAll(async () => {
      await store.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("keeps both items, the second as the number's next occurrence, and a re-import changes nothing", async () => {
      const first = await importModernGov(scope, [dir], now);
      expect(first.failures).toEqual([]);
      const expected = [
        ["4", 0, "Apologies for Absence", null],
        ["5", 0, "Petition: Mill Lane Crossing", "A petition of 312 signatures."],
        ["5", 1, "Petition: Station Road Lighting", "A petition of 58 signatures."],
      ];
      expect(await shape()).toEqual(expected);
      for (let round = 0; round < 2; round++) {
        const again = await importModernGov(scope, [dir], now);
        expect(again.failures).toEqual([]);
        expect(again.counts.created).toEqual({});
        expect(again.counts.updated).toEqual({});
        expect(await shape()).toEqual(expected);
      }
    });
  });
}
