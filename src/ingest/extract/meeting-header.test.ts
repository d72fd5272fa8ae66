import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { flatten } from "../segment/lines.js";
import { extractMeetingHeader } from "./meeting-header.js";
import { extract } from "./extract.js";

const header = (text: string, minutes = false) => {
  const h = extractMeetingHeader(flatten(readText("h.txt", text)), "Borsetshire County Council", { minutes });
  return { committee: h.committee?.value ?? null, date: h.date?.value ?? null, time: h.time?.value ?? null, venue: h.venue?.value ?? null };
};

describe("extractMeetingHeader", () => {
  it("reads a front sheet printing date, time and venue on one line", () => {
    const text =
      "Borsetshire County Council\n\nPlanning Committee\n\nDate: Tuesday, 5th March, 2024 Time: 19.00 Venue: The Council Chamber, Borchester\n\nDespatched 26 February 2024";
    expect(header(text)).toEqual({
      committee: "Planning Committee",
      date: "2024-03-05",
      time: "19:00",
      venue: "The Council Chamber, Borchester",
    });
  });

  it("reads 'To be held on DATE in VENUE commencing at TIME'", () => {
    const text =
      "Licensing Sub-Committee\n\n28 February 2024\n\nTo be held on Thursday 7 March 2024 in room 1.02, Borchester Library, Borchester commencing at 10.00am.";
    expect(header(text)).toEqual({
      committee: "Licensing Sub-Committee",
      date: "2024-03-07",
      time: "10:00",
      venue: "room 1.02, Borchester Library, Borchester",
    });
  });

  it("reads a minutes heading 'MINUTES of a meeting of X held in VENUE on DATE'", () => {
    const text =
      "MINUTES of a meeting of the Parks Panel held in the Council Chamber, County Hall on Monday, 4 March 2024.\n\nPRESENT: Mr A Grundy";
    expect(header(text, true)).toEqual({ committee: "Parks Panel", date: "2024-03-04", time: null, venue: "Council Chamber, County Hall" });
  });
});

describe("extract on minutes-only packs", () => {
  it("finds minutes under 'Councillors present', substitutes in brackets and 'moved … and RESOLVED'", () => {
    const text = [
      "Felpersham Town Council",
      "",
      "Finance Committee",
      "",
      "Monday 8 January 2024",
      "",
      "Councillors present: Cllr A Grundy (Chair), Cllr B Tucker, Cllr C Horrobin",
      "",
      "Substitute Members: Cllr C Horrobin (for Cllr D Woolley)",
      "",
      "1. Apologies",
      "",
      "Apologies were received from Cllr D Woolley.",
      "",
      "2. Precept",
      "",
      "It was moved by Cllr Grundy, seconded by Cllr Tucker and RESOLVED that the precept be set at £40,000.",
    ].join("\n");
    const m = extract(readText("f.txt", text)).extraction.meetings;
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ committee: "Finance Committee", date: "2024-01-08", hasMinutes: true, hasAgenda: false });
    expect(m[0]!.attendance).toMatchObject({
      present: ["A Grundy", "B Tucker", "C Horrobin"],
      apologies: ["D Woolley"],
      substitutes: [{ name: "C Horrobin", for: "D Woolley" }],
    });
    expect(m[0]!.minutes).toEqual([
      { number: "1", title: "Apologies", decisions: [], text: "Apologies were received from Cllr D Woolley." },
      {
        number: "2",
        title: "Precept",
        decisions: ["that the precept be set at £40,000."],
        decisionKinds: ["resolved"],
        text: "It was moved by Cllr Grundy, seconded by Cllr Tucker and RESOLVED that the precept be set at £40,000.",
      },
    ]);
  });

  it("reads a 24-hour time printed beside the date, and a venue with its street address", () => {
    const text =
      "Meeting (no. 212) of\nFelpersham Community Council\n\n4th June 2025 19.00\nFelpersham Primary School Hall\n14 Mill Road, FE1 2AB\n\nMinute\n1. Welcome";
    expect(header(text, true)).toMatchObject({
      date: "2025-06-04",
      time: "19:00",
      venue: "Felpersham Primary School Hall, 14 Mill Road, FE1 2AB",
    });
  });

  it("reads time and venue from 'the Council held their meeting at 7.30pm on DATE at VENUE'", () => {
    const text =
      "FELPERSHAM TOWN COUNCIL\nMEETING 9th APRIL 2025\n\nFelpersham Town Council held their meeting at 7.30pm on the 9th April 2025 at the Market Hall, Felpersham.\n\nPRESENT\nCouncillors A Bell and C Dunn.";
    expect(header(text, true)).toMatchObject({ date: "2025-04-09", time: "19:30", venue: "Market Hall, Felpersham" });
  });

  it("names 'the Parish Council' after the place it met, and reads a time printed before the venue", () => {
    const text =
      "MINUTES OF THE MEETING OF THE PARISH COUNCIL HELD IN THE VILLAGE HALL, LOWER AMBRIDGE ON WEDNESDAY 14TH MAY 2014\n\nPresent: Cllr A Grundy";
    expect(header(text, true).committee).toBe("Lower Ambridge Parish Council");
    const h = extractMeetingHeader(
      flatten(
        readText(
          "h.txt",
          'AMBRIDGE PARISH COUNCIL\n\nDraft Minutes of the meeting held on\n18" March 2014 at 7.30pm in the Village Hall\n\nPresent: Cllr A Grundy',
        ),
      ),
      "Ambridge Parish Council",
      { minutes: true },
    );
    expect({ committee: h.committee?.value, date: h.date?.value, venue: h.venue?.value }).toEqual({
      committee: "Ambridge Parish Council",
      date: "2014-03-18",
      venue: "Village Hall",
    });
  });

  it("takes a minutes title wrapped after 'of' and not a sentence ending in 'Council'", () => {
    const text =
      "MINUTES OF THE MEETING OF\nTHE LOXLEY BARRETT COMMUNITY COUNCIL HELD IN THE PAVILION ON MONDAY 2nd OCTOBER 2017 AT 19:00 HRS\n\nPresent: Mr A Ames, Mrs B Bell\nMr C Cole was co-opted on to the Community Council";
    expect(header(text, true).committee).toBe("Loxley Barrett Community Council");
  });

  it("skips the date of the next meeting above the minutes, but not a notice calling 'the next meeting'", () => {
    const minutesText =
      "Date and time of next meeting\n\n- 21st May, 2024 at 2pm\n\nPARKS PANEL Wednesday, 15th January, 2024\n\nPresent: Cllr A Ames";
    expect(header(minutesText, true).date).toBe("2024-01-15");
    const notice =
      "Notice is hereby given that the next meeting of the Parks Panel will be held on Tuesday 10th January 2017 at 7pm.\n\nAGENDA\n\n1. Apologies";
    expect(header(notice).date).toBe("2017-01-10");
  });
});
