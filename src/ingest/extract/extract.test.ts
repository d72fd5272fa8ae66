import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { extract } from "./extract.js";
import { pageText } from "../read/page.js";
import { Extraction } from "../../domain/extraction.js";
import { BORSETSHIRE_PACK } from "../fixtures/borsetshire-pack.js";

const pages = readText("borsetshire.md", BORSETSHIRE_PACK);
const { extraction, provenance } = extract(pages);
const [agendaMeeting, minutesMeeting] = extraction.meetings;

describe("extract (Borsetshire pack)", () => {
  it("returns a schema-valid extraction with the authority and both meetings", () => {
    expect(Extraction.safeParse(extraction).success).toBe(true);
    expect(extraction.authority).toBe("Borsetshire County Council");
    expect(extraction.meetings).toHaveLength(2);
  });

  it("reads the agenda meeting's header, skipping the publication date", () => {
    expect(agendaMeeting).toMatchObject({
      committee: "Rural Affairs Scrutiny Committee",
      date: "2024-04-10",
      time: "18:30",
      venue: "Committee Room 2, County Hall, Felpersham, Borsetshire, BO1 1AA",
      hasAgenda: true,
      hasMinutes: false,
    });
  });

  it("reads agenda items with wrapped titles, page ranges (dash lost too) and the exempt part", () => {
    expect(agendaMeeting!.agenda).toEqual([
      { number: "1", title: "Apologies for Absence", pages: null, exempt: false },
      { number: "2", title: "Declarations of Interest", pages: null, exempt: false },
      { number: "3", title: "Minutes of the meeting held on 6 March 2024", pages: [1, 4], exempt: false },
      { number: "4", title: "Hedgerow Management Plan", pages: [5, 12], exempt: false },
      { number: "5", title: "Ambridge Depot Lease", pages: [13, 20], exempt: true },
    ]);
  });

  it("reads membership with roles and co-optees", () => {
    expect(agendaMeeting!.members).toEqual([
      { name: "Jennifer Aldridge", role: "Chair", kind: "councillor" },
      { name: "Brian Aldridge", role: "Vice-Chair", kind: "councillor" },
      { name: "Lynda Snell", role: null, kind: "councillor" },
      { name: "Jazzer McCreary", role: null, kind: "councillor" },
      { name: "Usha Franks", role: null, kind: "co-opted" },
    ]);
  });

  it("reads attendance, sending titled councillors 'in attendance' to alsoPresent and others to officers", () => {
    expect(minutesMeeting!.date).toBe("2024-03-06");
    expect(minutesMeeting!.hasMinutes).toBe(true);
    expect(minutesMeeting!.attendance).toEqual({
      present: ["Jennifer Aldridge", "Lynda Snell", "Jazzer McCreary", "Neil Carter"],
      apologies: ["Brian Aldridge"],
      substitutes: [{ name: "Neil Carter", for: "Brian Aldridge" }],
      officers: ["Kirsty Miller", "Alan Franks", "Tom Archer"],
      alsoPresent: ["Shula Hebden Lloyd"],
    });
  });

  it("reads coded minute numbers split over lines, and each decision", () => {
    expect(minutesMeeting!.minutes.map((m) => m.number)).toEqual(["RAS 12/24", "RAS 13/24", "RAS 14/24", "RAS 15/24", "RAS 16/24"]);
    expect(minutesMeeting!.minutes[2]!.decisions).toEqual([
      "that the minutes of the meeting held on 7 February 2024 be confirmed as a correct record.",
    ]);
    expect(minutesMeeting!.minutes[3]!.decisions).toEqual(["to note the report", "that a site visit be arranged before the summer."]);
    expect(minutesMeeting!.minutes[4]!.decisions).toEqual([
      "Flood Defences – to be discussed on 10 April 2024",
      "Bus Services – date to be confirmed.",
    ]);
  });

  it("reads declarations made in prose", () => {
    expect(minutesMeeting!.declarations).toEqual([
      {
        member: "Lynda Snell",
        item: "RAS 15/24",
        interest: "a personal interest in minute RAS 15/24 as a member of the Ambridge Parish Council.",
      },
    ]);
  });

  it("gives provenance whose span holds the value", () => {
    const at = (pointer: string) => {
      const ref = provenance[pointer];
      expect(ref, pointer).toBeDefined();
      const page = pages.pages.find((p) => p.index === ref!.page)!;
      return pageText(page).slice(ref!.start, ref!.end);
    };
    expect(at("/authority")).toBe("Borsetshire County Council");
    expect(at("/meetings/0/agenda/3/title")).toContain("Hedgerow Management Plan");
    expect(at("/meetings/1/minutes/3/decisions/1")).toContain("site visit");
    expect(at("/meetings/1/attendance/apologies/0")).toContain("Brian Aldridge");
    for (const ref of Object.values(provenance)) expect(ref.confidence).toBeGreaterThan(0);
  });
});

describe("extract (an agenda whose items cannot be read)", () => {
  it("still gives the meeting it summons, with the council as its body", () => {
    const text =
      "LOXLEY PARISH COUNCIL\n\nYou are hereby summoned to attend the meeting of the Parish Council to be held on Tuesday 4th June 2024 at 7.30pm in the Pavilion.\n\nAGENDA\n\nApologies; the chairman's report; planning.";
    const x = extract(readText("summons.txt", text)).extraction;
    expect(x.meetings.map((m) => [m.committee, m.date, m.time, m.hasAgenda])).toEqual([
      ["Loxley Parish Council", "2024-06-04", "19:30", false],
    ]);
  });
});

describe("extract (attendance under the first minute's heading)", () => {
  it("reads 'Members present were:' printed as minute 1 and apologies 'received from:'", () => {
    const text = [
      "Minutes of Meeting of",
      "Loxley Community Council",
      "",
      "11th September 2025, 19:00.",
      "",
      "1. Committee Members Present were: Ann Ames (chair), Bob Bell, Cy Cole",
      "Apologies were received from: Cllr Di Dunn and Ed Eddy.",
      "",
      "2. Minutes of the previous meeting",
      "Approved.",
      "",
      "3. Treasurer's report",
      "The balance is £400.",
    ].join("\n");
    const m = extract(readText("loxley.txt", text)).extraction.meetings[0]!;
    expect(m.attendance.present).toEqual(["Ann Ames", "Bob Bell", "Cy Cole"]);
    expect(m.attendance.apologies).toEqual(["Di Dunn", "Ed Eddy"]);
  });
});

describe("extract (a page of agenda, decisions and minutes)", () => {
  it("takes the items as the agenda too, and a joint body's long name before the date", () => {
    const text = [
      "**Agenda, decisions and draft minutes**",
      "**Joint meeting - Fenland Combined Authority Committee and Fenland Joint Committee - Friday, 27th March, 2026 1.00 pm**",
      "Venue: 1 Market Street",
      "| 1. | Apologies for Absence |",
      "Minutes:",
      "None were received.",
      "| 2. | Bus Strategy |",
      "Minutes:",
      "RESOLVED: to approve the strategy.",
    ].join("\n");
    const m = extract(readText("joint.md", text)).extraction.meetings[0]!;
    expect(m.committee).toBe("Joint meeting - Fenland Combined Authority Committee and Fenland Joint Committee");
    expect(m.agenda.map((a) => a.number)).toEqual(["1", "2"]);
  });
});
