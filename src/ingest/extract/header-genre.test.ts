import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { flatten } from "../segment/lines.js";
import { extractMeetingHeader } from "./meeting-header.js";
import { extractAuthority } from "./authority.js";
import { extract } from "./extract.js";

// Made-up documents for the header patterns of issue 10: each names the genre pattern it covers.
const header = (text: string, minutes: boolean, authority: string | null = null) => {
  const h = extractMeetingHeader(flatten(readText("h.txt", text)), authority, { minutes });
  return { committee: h.committee?.value ?? null, date: h.date?.value ?? null, time: h.time?.value ?? null, venue: h.venue?.value ?? null };
};
const meetings = (text: string) => extract(readText("p.txt", text)).extraction.meetings;

describe("meeting header: a council named by its initials", () => {
  it("'the ACC meeting held in … Place' is Place Community Council, under a motto letterhead", () => {
    const text = [
      "SERVING THE VILLAGE SINCE 1976",
      "",
      "MINUTES from the ACC meeting held in the Hall 12 Church Rd",
      "Ardmore on Tuesday 14th March at 7.00 pm",
      "",
      "PRESENT\tAnn Ames, Bob Bell",
      "",
      "1. The Convenor welcomed everyone.",
      "",
      "2. Minutes of the last meeting were accepted.",
      "",
      "3. Roads: the pothole on Shore Road is reported.",
    ].join("\n");
    expect(meetings(text).map((m) => m.committee)).toEqual(["Ardmore Community Council"]);
    // An initialism no word of the venue spells is left alone.
    expect(header(text.replace("ACC", "XPC"), true).committee).toBeNull();
  });
});

describe("meeting header: weighing the opening lines", () => {
  it("an agenda ending in 'Date and Time of Next Meeting' does not lend its date to the minutes printed after it", () => {
    const text = [
      "BORSETSHIRE YOUTH PARTNERSHIP",
      "",
      "Venue: Town Hall, Date: Wednesday, 20th March, 2024",
      "",
      "AGENDA",
      "",
      "- 1. Apologies for Absence",
      "- 2. Minutes of the Previous Meeting (Pages 1 4)",
      "- 3. Date and Time of Next Meeting",
      "- 22nd May, 2024 commencing at 2.00 p.m.",
      "",
      "BORSETSHIRE YOUTH PARTNERSHIP Wednesday, 17th January, 2024",
      "",
      "Present:- Ann Ames (in the Chair); Bob Bell and Cath Cole.",
      "",
      "12. MINUTES OF THE PREVIOUS MEETING",
      "",
      "The minutes of the meeting held on 22nd November, 2023, were approved as a correct record.",
      "",
      "13. ISSUES",
      "",
      "The next meeting of the Youth Forum was to be held on 18th January, 2024.",
    ].join("\n");
    const m = meetings(text);
    const minutes = m.find((x) => x.hasMinutes)!;
    expect({ committee: minutes.committee, date: minutes.date, time: minutes.time }).toEqual({
      committee: "Borsetshire Youth Partnership",
      date: "2024-01-17",
      time: null,
    });
  });

  it("a later date needs stronger evidence than the first one printed: 'minutes of the meeting held on' in the opening is the previous meeting", () => {
    const text = [
      "Felpersham Parish Council",
      "Meeting of 16 January 2024",
      "",
      "Minutes of the meeting held on 7 November 2023",
      "Councillors agreed these as a true record.",
      "",
      "Present: Cllr A Ames, Cllr B Bell",
    ].join("\n");
    expect(header(text, true).date).toBe("2024-01-16");
  });

  it("a minutes title wrapped before 'held' names the body, not 'Minutes of a meeting of …'", () => {
    const text =
      "MINUTES OF A MEETING OF LOXLEY PARISH COUNCIL\n\nHELD ON 8TH APRIL 2024 AT 19.30 IN LOXLEY SCHOOL\n\nPresent: Cllr. Mrs. A. Ames (in the Chair)";
    expect(header(text, true)).toMatchObject({ committee: "Loxley Parish Council", date: "2024-04-08", time: "19:30" });
  });

  it("the annual parish meeting is its own body, named after the place it met", () => {
    const text =
      "MINUTES OF THE ANNUAL PARISH MEETING HELD IN THE VILLAGE HALL, LOWER LOXLEY ON WEDNESDAY 15TH MAY 2024\n\nPresent: Parish Councillors Mrs A. Ames, B. Bell";
    expect(header(text, true).committee).toBe("Lower Loxley Annual Parish Meeting");
    const noPlace = "Minutes for the Annual Parish Meeting\n\nTuesday, 23 April 2024\n\nPresent: Cllr A Ames";
    expect(header(noPlace, true, "Loxley Parish Council").committee).toBe("Loxley Annual Parish Meeting");
  });

  it("'DRAFT Minutes for the … Meeting' is a title, never the body's name", () => {
    const text = [
      "DRAFT Minutes for the Ordinary Meeting",
      "Tuesday 4 June 2024",
      "",
      "Present: Cllr A Ames",
      "",
      "1. Apologies",
      "None.",
    ].join("\n");
    const m = meetings(text);
    expect(m[0]!.date).toBe("2024-06-04");
    expect(m[0]!.committee ?? "").not.toMatch(/minutes/i);
  });
});

describe("meeting header: venues", () => {
  it("a venue label followed by another label, its address on the lines below", () => {
    const text =
      "PARKS PANEL\n\nVenue: Town Hall, Date: Wednesday, 20th March, 2024\n\nHigh Street,\n\nBorchester. BC1 2AB\n\nTime: 2.00 p.m.\n\nAGENDA\n\n1. Apologies";
    expect(header(text, false)).toMatchObject({ date: "2024-03-20", time: "14:00", venue: "Town Hall, High Street, Borchester. BC1 2AB" });
  });

  it("'held on DATE, 12:30pm – 2:30pm at VENUE': a time range before the venue", () => {
    const text =
      "Minutes from the meeting of Borsetshire Safeguarding Board, held on Friday 13th December 2023, 12:30pm – 2:30pm at Riverside House\n\nIn attendance:";
    expect(header(text, true)).toMatchObject({ committee: "Borsetshire Safeguarding Board", time: "12:30", venue: "Riverside House" });
  });

  it("'at 7.00 pm in the Village Hall' printed under the date", () => {
    const text =
      "Loxley Community Council\n\nMinutes of a Meeting held on Tuesday 7 May 2024\nat 7.00 pm in Loxley Village Hall\n\nPresent: Ann Ames";
    expect(header(text, true)).toMatchObject({ date: "2024-05-07", time: "19:00", venue: "Loxley Village Hall" });
  });

  it("'held in the Village Hall, Place, on DATE' in the sentence under a title", () => {
    const text =
      "LOXLEY PARISH COUNCIL\nMINUTES OF THE PARISH COUNCIL MEETING HELD ON\nTUESDAY, 4 JUNE 2024\n\nA Parish Council meeting was held in the Village Hall, East Loxley, on Tuesday, 4 June 2024.\n\nPresent: Mrs Ann Ames";
    expect(header(text, true, "Loxley Parish Council")).toMatchObject({ date: "2024-06-04", venue: "Village Hall, East Loxley" });
  });

  it("a summons: 'AT THE VILLAGE HALL, PLACE' above 'ON WEDNESDAY … AT 7.30 PM'", () => {
    const text =
      "YOU ARE HEREBY SUMMONED TO ATTEND A MEETING OF\n\nLOXLEY PARISH COUNCIL\n\nAT THE VILLAGE HALL, LOXLEY\n\nON WEDNESDAY 10TH JULY 2024 AT 7.30 PM\n\nAGENDA\n\n1. Apologies";
    expect(header(text, false)).toMatchObject({ date: "2024-07-10", time: "19:30", venue: "VILLAGE HALL, LOXLEY" });
  });

  it("a venue run on into the next sentence ends where that sentence starts", () => {
    const text =
      "LOXLEY PARISH COUNCIL\n\nThe monthly meeting of the Parish Council will be held on Tuesday 30th April 2024 at 7.30 pm in the Village Hall The agenda is given below.\n\nAGENDA\n\n1 Apologies";
    expect(header(text, false).venue).toBe("Village Hall");
  });
});

describe("meeting header: Welsh minutes", () => {
  const welsh = [
    "CYNGOR CYMUNED LLANFAIR A BRYN",
    "CYFARFOD 13eg MAWRTH 2024",
    "",
    "Cynhaliwyd cyfarfod Cyngor Cymuned Llanfair a Bryn am 7.30pm ar y 13eg Mawrth 2024 yn yr Ystafell Ddarllen, Pentref.",
    "",
    "PRESENNOL",
    "Cynghorwyr Alun Jones, Beti Evans.",
    "",
    "1. CROESO AC YMDDIHEURIADAU",
    "Croesawyd pawb.",
  ].join("\n");

  it("a Welsh letterhead ('Cyngor Cymuned …') is the authority, and 'Cynhaliwyd … am TIME … yn yr VENUE' gives time and venue", () => {
    expect(extractAuthority(flatten(readText("w.txt", welsh)))?.name).toBe("Cyngor Cymuned Llanfair a Bryn");
    const m = meetings(welsh);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({
      committee: "Cyngor Cymuned Llanfair a Bryn",
      date: "2024-03-13",
      time: "19:30",
      venue: "Ystafell Ddarllen, Pentref",
      hasMinutes: true,
      hasAgenda: false,
    });
  });
});

describe("authority", () => {
  it("a month run on before 'Parish Council' is not a place", () => {
    const text = [
      "MINUTES OF THE MEETING OF THE PARISH COUNCIL HELD IN THE VILLAGE HALL, LOXLEY ON WEDNESDAY 8TH JANUARY 2025",
      "Present: Cllr A Ames",
      "1. NALC model Standing Orders (agenda item January Parish Council)",
      "2. Budget (agenda item January Parish Council)",
    ].join("\n");
    expect(extractAuthority(flatten(readText("a.txt", text)))?.name ?? null).toBeNull();
    expect(meetings(text)[0]!.committee).toBe("Loxley Parish Council");
  });
});

describe("document kinds: a committee's index of meetings", () => {
  it("every date listed under '<Body> meetings' is a meeting of that body, with no agenda or minutes", () => {
    const text = [
      "Home | About | Contact",
      "Parks and Open Spaces Committee meetings",
      "Agendas and minutes for meetings of this committee are below.",
      "Index of meetings",
      "• 19 January 2024",
      "• 6 January 2024",
      "• 16 December 2023",
      "• Meetings in 2022",
      "Meeting papers",
      "19 January 2024 Agenda Minutes",
    ].join("\n");
    expect(meetings(text).map((m) => [m.committee, m.date, m.hasAgenda, m.hasMinutes])).toEqual([
      ["Parks and Open Spaces Committee", "2024-01-19", false, false],
      ["Parks and Open Spaces Committee", "2024-01-06", false, false],
      ["Parks and Open Spaces Committee", "2023-12-16", false, false],
    ]);
  });

  it("two dates under a heading are not an index", () => {
    const text = ["Parks Committee meetings", "• 19 January 2024", "• 6 January 2024"].join("\n");
    expect(meetings(text)).toEqual([]);
  });
});

describe("meeting header: a date printed without its year (FORMAT.md convention 9)", () => {
  it("takes the year the next meeting's date settles", () => {
    const text = [
      "Loxley Parish Council",
      "Minutes of the meeting held on Tuesday 13th March",
      "",
      "Present: Cllr A Ames, Cllr B Bell",
      "",
      "1. Apologies",
      "None.",
      "",
      "2. Date of next meeting",
      "Tuesday 10th April 2018 at 7.30pm.",
    ].join("\n");
    expect(header(text, true, "Loxley Parish Council").date).toBe("2018-03-13");
  });

  it("a December meeting whose next meeting is in January is the year before", () => {
    const text = [
      "Loxley Parish Council",
      "Minutes of the meeting held on Monday 10th December",
      "Present: Cllr A Ames",
      "Date of next meeting: Monday 14th January 2019",
    ].join("\n");
    expect(header(text, true).date).toBe("2018-12-10");
  });

  it("a printed weekday picks the year among those the document's dates suggest", () => {
    // 14 March fell on a Tuesday in 2023, not in 2024 (the year the footer carries).
    const text = [
      "AGENDA",
      "Meeting of the Parish Council, Tuesday 14th March at 7pm",
      "1. Apologies",
      "2. Planning",
      "Printed 2 January 2024",
    ].join("\n");
    expect(header(text, false).date).toBe("2023-03-14");
  });

  it("a document that names no year leaves the date null", () => {
    const text = ["Loxley Parish Council", "Minutes of the meeting held on Tuesday 13th March", "Present: Cllr A Ames"].join("\n");
    expect(header(text, true).date).toBeNull();
  });
});
