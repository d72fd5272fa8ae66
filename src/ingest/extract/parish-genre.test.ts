import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { flatten } from "../segment/lines.js";
import { extract } from "./extract.js";
import { extractAgenda } from "./agenda.js";
import { extractAuthority } from "./authority.js";
import { findTimes } from "../parse/printed-time.js";
import { findDates } from "../parse/printed-date.js";

// Made-up parish and community council documents for the generic patterns of issue 10 that
// left a meeting with no header, no items or no attendance. Each test names its pattern.
const read = (text: string) => extract(readText("p.txt", text)).extraction;
const only = (text: string) => {
  const x = read(text);
  expect(x.meetings).toHaveLength(1);
  return x.meetings[0]!;
};

describe("parish genre: headers", () => {
  it("'a meeting of the above Council' names the body in the heading above, not 'above Council'", () => {
    const m = only(
      [
        "ABERLLYN COMMUNITY COUNCIL",
        "",
        "Minutes of the meeting of the above Council held in the Village Hall on Monday 25th June 2018 at 7.30pm",
        "",
        "Present: Cllr A. Ames (Chair), Cllr B. Bell",
        "",
        "2301 Apologies: Cllr F. Fox.",
        "2302 Planning: No objections.",
      ].join("\n"),
    );
    expect([m.committee, m.date, m.time]).toEqual(["Aberllyn Community Council", "2018-06-25", "19:30"]);
  });

  it("a sentence under the date on how the meeting was held ('Due to …, the Council held a zoom meeting') is no venue", () => {
    // The minutes' head, with `how` on the line under the date.
    const head = (how: string) =>
      only(
        [
          "Westdale Parish Council - 9th March 2021",
          how,
          "",
          "Present: Cllr A Ames, Cllr B Bell",
          "",
          "21.03.01 Apologies",
          "None received",
        ].join("\n"),
      );
    for (const how of [
      "Due to Coronavirus – Covid-19 – The Parish Council held a zoom meeting",
      "Owing to the lockdown the Councillors met on Zoom",
    ]) {
      const m = head(how);
      expect([m.date, m.venue]).toEqual(["2021-03-09", null]);
    }
    // A venue that says the meeting was remote still is one.
    const remote = head("Held remotely via Zoom");
    expect(remote.venue).not.toBeNull();
  });

  it("a summons to a meeting of 'the above named Committee' takes the committee printed above", () => {
    const m = only(
      [
        "Loxley Parish Council",
        "PLANNING COMMITTEE",
        "",
        "You are summoned to attend a meeting of the above named Committee to be held in the Pavilion on Tuesday 3rd July 2018 at 7pm.",
        "",
        "AGENDA",
        "1. Apologies",
        "2. Declarations of interest",
        "3. Applications",
      ].join("\n"),
    );
    expect([m.committee, m.date]).toEqual(["Planning Committee", "2018-07-03"]);
  });

  it("a summons to 'a meeting of the above Council on DATE' (no 'held'), run on from 'To members of the public', takes the letterhead", () => {
    const m = only(
      [
        "ABERLLYN COMMUNITY COUNCIL",
        "",
        "To members of the Public and all Members of the Council You are summoned to a meeting of the above Council on Monday 25th June 2018 at 7.00pm",
        "",
        "AGENDA",
        "2301. Apologies for absence",
        "2302. Declarations of interest",
        "2303. Planning",
      ].join("\n"),
    );
    expect([m.committee, m.date, m.time]).toEqual(["Aberllyn Community Council", "2018-06-25", "19:00"]);
  });

  it("minutes 'held on Monday 25th June at 7.00pm in the Village Hall' (no year printed) give the venue after the time", () => {
    const m = only(
      [
        "ABERLLYN COMMUNITY COUNCIL",
        "",
        "Minutes of a meeting of the above Council held on Monday 25th June at 7.00pm in Aberllyn Village Hall.",
        "",
        "Present: Cllr A. Ames (Chair), Cllr B. Bell",
        "",
        "2301. Apologies: None.",
        "2302. Planning: DC/2018/00101 – approved.",
        "2303. Date of next meeting: Monday 23rd July 2018.",
      ].join("\n"),
    );
    expect([m.date, m.time, m.venue]).toEqual(["2018-06-25", "19:00", "Aberllyn Village Hall"]);
  });

  it("a letterhead centred over two lines ('ABERLLYN' / 'COMMUNITY COUNCIL') is one name", () => {
    const text = [
      "ABERLLYN",
      "COMMUNITY COUNCIL",
      "",
      "Notice is hereby given that the next meeting of the Council will take place on Monday 25 June 2018 in the Old School Room commencing at 7pm.",
      "",
      "Agenda",
      "1 Apologies",
      "2 Declarations of Interest",
      "3 Minutes of the previous meeting",
    ].join("\n");
    expect(extractAuthority(flatten(readText("a.txt", text)))?.name).toBe("Aberllyn Community Council");
    expect(only(text).committee).toBe("Aberllyn Community Council");
    // The kind on the second line only when both halves are set alike: a sentence's end is no letterhead.
    const sentence = ["The grant was paid by Aberllyn", "Community Council", "", "Agenda"].join("\n");
    expect(extractAuthority(flatten(readText("b.txt", sentence)))?.name ?? null).not.toBe("Aberllyn Community Council");
  });

  it("a labelled 'Date of next meeting' is never the meeting, even when the summons prints its own date without a year", () => {
    const m = only(
      [
        "Aberllyn Community Council",
        "",
        "A meeting of the Council will be held in the Memorial Hall on Monday, 25 June at 7.30pm",
        "",
        "Agenda",
        "1 Apologies",
        "2 Declarations of interest",
        "3 Minutes of the last meeting",
        "4 Date of next meeting: 23 July 2018",
      ].join("\n"),
    );
    expect([m.date, m.time, m.venue]).toEqual(["2018-06-25", "19:30", "Memorial Hall"]);
  });

  it("a venue line 'TO BE HELD IN THE … AT 7.30PM' under the date gives the place alone", () => {
    const m = only(
      [
        "ABERLLYN COMMUNITY COUNCIL",
        "AGENDA FOR THE MEETING ON MONDAY 25TH JUNE 2018",
        "TO BE HELD IN THE MEMORIAL HALL AT 7.30PM",
        "",
        "1. Apologies",
        "2. Declarations of interest",
        "3. Finance",
      ].join("\n"),
    );
    expect([m.date, m.time, m.venue]).toEqual(["2018-06-25", "19:30", "MEMORIAL HALL"]);
  });
});

describe("parish genre: numbering", () => {
  it("items numbered with no full stop: '2 Declarations' is item 2, not the 2nd of December", () => {
    const lines = flatten(readText("a.txt", ["Agenda", "1 Apologies", "2 Declarations of Interest", "3 Minutes", "4 Planning"].join("\n")));
    expect(extractAgenda(lines).map((a) => [a.number, a.title, a.pages])).toEqual([
      ["1", "Apologies", null],
      ["2", "Declarations of Interest", null],
      ["3", "Minutes", null],
      ["4", "Planning", null],
    ]);
  });

  it("lettered items with no parent heading (8a … 8f) are the minutes; a one-sentence item in the run is titled by its sentence", () => {
    const m = only(
      [
        "ABERLLYN COMMUNITY COUNCIL",
        "Minutes of the Meeting held on Monday 25th June 2018 in the Memorial Hall",
        "",
        "Present: Cllrs A Ames (Chair), B Bell and D Dean; J Jones (Clerk).",
        "",
        "8a Apologies: Cllr E Evans.",
        "8b Declarations of interest: none.",
        "8c The minutes of the last meeting were approved and signed.",
        "8d Matters arising: none.",
        "8e Finance: It was resolved to pay the accounts listed.",
      ].join("\n"),
    );
    expect(m.minutes.map((x) => x.number)).toEqual(["8a", "8b", "8c", "8d", "8e"]);
    expect(m.minutes[2]!.title).toBe("The minutes of the last meeting were approved and signed.");
    expect(m.minutes[2]!.decisions).toEqual(["The minutes of the last meeting were approved and signed."]);
    // A heading run on into its text: the decision is on the heading's line.
    expect(m.minutes[4]!.decisions).toEqual(["to pay the accounts listed."]);
    expect(m.attendance).toMatchObject({ present: ["A Ames", "B Bell", "D Dean"], officers: ["J Jones"], apologies: ["E Evans"] });
  });

  it("lettered attachments listed under an item ('9a. Appendix 1 …') do not displace the items", () => {
    const m = only(
      [
        "Minutes of the meeting of Loxley Parish Council held on 3 July 2018",
        "",
        "Present: Cllr A Ames, Cllr B Bell",
        "",
        "7. Planning",
        "No objections.",
        "8. Terms of Reference",
        "Additional documents:",
        "9a. Appendix 1 Proposed Terms",
        "9b. Appendix 2 Changes Highlighted",
        "9. Finance",
        "Noted.",
      ].join("\n"),
    );
    expect(m.minutes.map((x) => x.number)).toEqual(["7", "8", "9"]);
  });

  it("minutes set as a table (number | heading | text | action) are read row by row, after a label | names attendance table", () => {
    const m = only(
      [
        "**KILBRAE COMMUNITY COUNCIL**",
        "",
        "**Minutes of the meeting held on Tuesday 17th August 2021 at 7.30pm in the Church Hall**",
        "",
        "| Present | Jane Ames (Chair), Bob Bell, Cath Cole |",
        "|---|---|",
        "| In attendance | Cllr Eve Evans (Area Council), PC Fred Ford |",
        "| Apologies | Gail Green, Hugh Hill |",
        "",
        "| Item | Subject | Discussion | Action |",
        "|---|---|---|---|",
        "| 1 | Welcome | The Chair welcomed everyone. | |",
        "| 2 | Minutes of previous meeting | The minutes of the meeting held on 15th June 2021 were approved. | |",
        "| 3 | Planning | An application at Shore Road was discussed. | BB |",
      ].join("\n"),
    );
    expect(m.minutes.map((x) => [x.number, x.title])).toEqual([
      ["1", "Welcome"],
      ["2", "Minutes of previous meeting"],
      ["3", "Planning"],
    ]);
    expect(m.minutes[1]!.decisions).toHaveLength(1);
    expect(m.attendance).toMatchObject({
      present: ["Jane Ames", "Bob Bell", "Cath Cole"],
      apologies: ["Gail Green", "Hugh Hill"],
      alsoPresent: ["Eve Evans"],
      officers: ["Fred Ford"],
    });
  });

  it("a numbered action table after numbered minutes does not outrun the minutes' own headings", () => {
    const m = only(
      [
        "Minutes of the meeting of Loxley Parish Council held on 3 July 2018",
        "",
        "Present: Cllr A Ames, Cllr B Bell",
        "",
        "1. Apologies",
        "None.",
        "2. Planning",
        "No objections.",
        "",
        "| No | Owner | Action | Due |",
        "|---|---|---|---|",
        "| 1 | Ann Ames | Write to the highways team about the verge | July |",
        "| 2 | Bob Bell | Order a grit bin | August |",
        "| 3 | Ann Ames | Book the hall for the fair | June |",
      ].join("\n"),
    );
    expect(m.minutes.map((x) => x.number)).toEqual(["1", "2"]);
  });
});

describe("parish genre: run-on minute headings", () => {
  it("a heading run on into a paragraph that wraps, or set off by ':-', is the heading alone; 'All approved for payment.' is a decision", () => {
    const m = only(
      [
        "Aberllyn Community Council",
        "",
        "Minutes of a meeting of the Council held on Monday 2nd July 2018 at 7.00pm in the Village Hall.",
        "",
        "Present: Cllr A. Ames (Chair), Cllr B. Bell",
        "",
        "2401. Apologies: None.",
        "",
        "2402. Bank Balances: Current account £1,200.50. Deposit account £3,000. Spent so",
        "far this year on grass cutting £400.",
        "",
        "2403 Accounts for payment:",
        "Mowing contractor - £120 (Ch. No. 100201),",
        "Clerk's salary - £250 (Ch. No. 100202).",
        "All approved for payment.",
        "",
        "2404. Reports from Working Groups:- Allotments – No report.",
        "",
        "2405. Footpaths Meeting: Cllr Bell attended with the Rights of Way Officer",
        "who walked the route by the river and agreed to clear it by August.",
      ].join("\n"),
    );
    expect(m.minutes.map((x) => [x.number, x.title])).toEqual([
      ["2401", "Apologies"],
      ["2402", "Bank Balances"],
      ["2403", "Accounts for payment:"],
      ["2404", "Reports from Working Groups"],
      ["2405", "Footpaths Meeting"],
    ]);
    expect(m.minutes[2]!.decisions).toEqual(["All approved for payment."]);
  });
});

describe("parish genre: attendance", () => {
  it("'Present' as a lettered sub-item of minute 1, with 'Clerk:' among the names", () => {
    const m = only(
      [
        "ABERLLYN COMMUNITY COUNCIL",
        "Minutes of the Meeting held on Monday 25th June 2018 in the Memorial Hall",
        "",
        "1. Attendance",
        "a) Present: Cllrs A Ames (Chair), B Bell and C Cole. Clerk: J Jones.",
        "b) Apologies: Cllr E Evans.",
        "2. Declarations of interest: none.",
        "3. Planning: No objections.",
      ].join("\n"),
    );
    expect(m.attendance).toMatchObject({ present: ["A Ames", "B Bell", "C Cole"], officers: ["J Jones"], apologies: ["E Evans"] });
  });

  it("Welsh minutes: YN BRESENNOL HEFYD is also present, YMDDIHEURIADAU an apologies item, '7.30 YH' an evening time, CYTUNWYD a decision", () => {
    const m = only(
      [
        "CYNGOR CYMUNED LLANFAIR-YN-Y-BRYN",
        "",
        "COFNODION CYFARFOD Y CYNGOR A GYNHALIWYD NOS LUN 25 MEHEFIN 2018 AM 7.30 YH YN NEUADD Y PENTREF",
        "",
        "PRESENNOL: Cyng. A. Ames (Cadeirydd), Cyng. B. Bell",
        "YN BRESENNOL HEFYD: Mrs J. Jones (Clerc)",
        "",
        "1. YMDDIHEURIADAU",
        "Cyng. D. Dean",
        "",
        "2. COFNODION",
        "Cytunwyd bod cofnodion y cyfarfod yn gywir.",
      ].join("\n"),
    );
    expect([m.date, m.time, m.venue]).toEqual(["2018-06-25", "19:30", "NEUADD Y PENTREF"]);
    expect(m.attendance).toMatchObject({ present: ["A. Ames", "B. Bell"], officers: ["J. Jones"], apologies: ["D. Dean"] });
    expect(m.minutes[1]!.decisions).toEqual(["bod cofnodion y cyfarfod yn gywir."]);
    expect(findTimes("am 10 yb")[0]?.hhmm).toBe("10:00");
  });
});

describe("parish genre: one 'Present' list for members and visitors", () => {
  it("after the council's own councillors, a county councillor and the untitled visitors are also present; an organisation's initials are no one", () => {
    const m = only(
      [
        "Aberllyn Community Council",
        "",
        "Minutes of a meeting of the Council held on Monday 2nd July 2018 at 7.00pm in the Village Hall.",
        "",
        "Present: Chairman Cllr Mrs Ames, Councillors Bell, Cole, Dunn, County Councillor Evans, Mr Fred Fox, Gina Gale & Mr Harry Hill, BHA",
        "",
        "2401. Apologies: None.",
        "2402. Planning: No objections.",
      ].join("\n"),
    );
    expect(m.attendance.present).toEqual(["Ames", "Bell", "Cole", "Dunn"]);
    expect(m.attendance.alsoPresent).toEqual(["Evans", "Fred Fox", "Gina Gale", "Harry Hill"]);
  });

  it("a 'Present' paragraph run on over lines: the clerk and a district councillor printed without commas start their own names", () => {
    const m = only(
      [
        "Westdale Parish Council - 9th March 2021",
        "The Parish Council held a video meeting",
        "",
        "Present",
        "Councillors A Ames (Chair), B Bell, C Cole and",
        "D Dunn Clerk Mrs E Ede Westdale District Councillor F Fox plus",
        "six guests",
        "",
        "21.03.01 Apologies",
        "None received",
        "",
        "21.03.02 Planning",
        "No objections.",
      ].join("\n"),
    );
    expect(m.attendance.present).toEqual(["A Ames", "B Bell", "C Cole", "D Dunn"]);
    expect(m.attendance.officers).toEqual(["E Ede"]);
    expect(m.attendance.alsoPresent).toEqual(["F Fox"]);
  });

  it("a list of untitled names that opens with no councillor keeps them all present", () => {
    const m = only(
      [
        "Aberllyn Community Council",
        "",
        "Minutes of a meeting of the Council held on Monday 2nd July 2018 at 7.00pm in the Village Hall.",
        "",
        "Present: Mr A Ames (Chair), Cllr B Bell, Cllr C Cole, Mr D Dunn, Mrs E Ede",
        "",
        "2401. Apologies: None.",
        "2402. Planning: No objections.",
      ].join("\n"),
    );
    expect(m.attendance.present).toEqual(["A Ames", "B Bell", "C Cole", "D Dunn", "E Ede"]);
    expect(m.attendance.alsoPresent).toEqual([]);
  });
});

describe("parish genre: attendance lists without the usual label", () => {
  it("'Members of the Council present were:' labels the list; 'Mrs Sue Example, Clerk' is an officer", () => {
    const m = only(
      [
        "LOXLEY PARISH COUNCIL",
        "MINUTES OF THE ANNUAL PARISH MEETING 23 APRIL 2024",
        "",
        "Members of the Council present were: Councillors Jane Ames, Chairman, Councillors Dan Dent and Vic White, and Mrs Sue Rye, Clerk",
        "",
        "1. Minutes of the last meeting",
        "Taken as read.",
        "2. Any other business",
        "None.",
      ].join("\n"),
    );
    expect(m.attendance.present).toEqual(["Jane Ames", "Dan Dent", "Vic White"]);
    expect(m.attendance.officers).toEqual(["Sue Rye"]);
  });

  it("a column of titled names under the title with its 'Present' label lost is the present list", () => {
    const m = only(
      [
        "MINUTES OF THE MEETING OF LOXLEY PARISH COUNCIL HELD IN THE VILLAGE HALL ON WEDNESDAY 10TH MARCH 2010",
        "Parish Councillor Mrs F. Ames",
        "Mrs E. Bell",
        "J. Cole",
        "R. Dean",
        "C. Evans (CDC)",
        "",
        "1. APOLOGIES",
        "Cllr Fox had sent apologies.",
        "2. PLANNING",
        "No objections.",
      ].join("\n"),
    );
    expect(m.attendance.present).toEqual(["F. Ames", "E. Bell", "J. Cole", "R. Dean"]);
    expect(m.attendance.alsoPresent).toEqual(["C. Evans"]);
  });

  it("a label whose letter the PDF font lost ('PRESE\uFFFDT') is still the label; an apologies item that is only names", () => {
    const m = only(
      [
        "Loxley Community Council",
        "",
        "Minutes of Meeting held on Tuesday 8th July 2008",
        "",
        "PRESE\uFFFDT Ann Ames (Chair), Bob Bell, Cath Cole",
        "",
        "1. Police Report",
        "Nothing to report.",
        "2. Apologies for Absence",
        "Ian Irwin (II)",
        "3. Planning",
        "None.",
      ].join("\n"),
    );
    expect(m.attendance.present).toEqual(["Ann Ames", "Bob Bell", "Cath Cole"]);
    expect(m.attendance.apologies).toEqual(["Ian Irwin"]);
  });
});

describe("parish genre: summons dates and venue cells", () => {
  it("a formal summons's 'Monday the 25th day of June 2018' is the meeting date; numeric dates with dashes read day first", () => {
    const m = only(
      [
        "ABERLLYN COMMUNITY COUNCIL",
        "",
        "You are hereby summoned to attend the Monthly Meeting of Aberllyn Community Council which will be held in the Memorial Hall, Aberllyn on Monday the 25th day of June 2018 at 7.30 pm for the purpose of transacting the following business.",
        "",
        "Clerk to the Council",
        "18 June 2018",
        "",
        "BUSINESS",
        "2310 To receive apologies for absence",
        "2311 To receive declarations of interest",
        "2312 Planning",
      ].join("\n"),
    );
    expect([m.date, m.time]).toEqual(["2018-06-25", "19:30"]);
    expect(m.agenda.map((a) => a.number)).toEqual(["2310", "2311", "2312"]);
    expect(findDates("Meeting date 25-06-2018").map((d) => d.iso)).toEqual(["2018-06-25"]);
    expect(findDates("speeds of 5-10-15 mph")).toEqual([]);
  });

  it("a 'Venue | place' table row gives the place without its label", () => {
    const m = only(
      [
        "**ABERLLYN COMMUNITY COUNCIL**",
        "",
        "**AGENDA**",
        "",
        "| Date | Monday 25 June 2018 |",
        "|---|---|",
        "| Time | 7.30pm |",
        "| Venue | Memorial Hall, Aberllyn |",
        "",
        "1. Apologies",
        "2. Declarations of interest",
        "3. Planning",
      ].join("\n"),
    );
    expect([m.date, m.time, m.venue]).toEqual(["2018-06-25", "19:30", "Memorial Hall, Aberllyn"]);
  });
});

describe("parish genre: logs of actions agreed at the last meeting", () => {
  it("'Agenda item | Who | What | Status' with a merged item cell gives one action per row; an 'Update' column is progress, not a due date", () => {
    const { actions } = read(
      [
        "**Status on actions agreed at last meeting**",
        "",
        "| Agenda item | Who | What | Status |",
        "|---|---|---|---|",
        "| Roads | BB | Report the pothole on Shore Road to the council | Done |",
        "| | JA | Ask about the broken street light at the pier | Ongoing |",
        "| Paths | CC | Write to the landowner about the blocked path | Ongoing |",
        "",
        "**Summary of outstanding actions**",
        "",
        "| Agenda item | Who | What | Update |",
        "|---|---|---|---|",
        "| Hall | BB | Get quotes for the hall roof repair | Two quotes received |",
      ].join("\n"),
    );
    expect(actions.map((a) => [a.source, a.ref, a.text, a.owner, a.due, a.status])).toEqual([
      // An item cell that is only a topic is no reference (the corpus's gold reads it so).
      ["Status on actions agreed at last meeting", null, "Report the pothole on Shore Road to the council", "BB", null, "Done"],
      ["Status on actions agreed at last meeting", null, "Ask about the broken street light at the pier", "JA", null, "Ongoing"],
      ["Status on actions agreed at last meeting", null, "Write to the landowner about the blocked path", "CC", null, "Ongoing"],
      ["Summary of outstanding actions", null, "Get quotes for the hall roof repair", "BB", null, "Two quotes received"],
    ]);
  });
});
