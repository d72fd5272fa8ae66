import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { extractReports } from "./reports.js";

// Made-up covers in the common printed forms of officer reports (issue 10).
const rows = (lines: string[]) => extractReports(readText("r.txt", lines.join("\n"))).rows;

describe("report covers", () => {
  it("reads a form-built (CMIS-style) cover whose labels stand over their values with no colon", () => {
    expect(
      rows([
        "Report to",
        "Cabinet",
        "Date of meeting",
        "12 March 2024",
        "Report title",
        "Village Green Management Plan",
        "Report of",
        "Director of Place",
        "Contact officer",
        "Lynda Snell, Countryside Manager",
        "Wards affected",
        "All",
        "1. Purpose of report",
        "To agree the plan.",
      ]),
    ).toEqual([
      {
        title: "Village Green Management Plan",
        meetingDate: "2024-03-12",
        author: "Lynda Snell",
        service: "Director of Place",
        wards: "All",
      },
    ]);
  });

  it("leaves a lone label-like line in running text alone", () => {
    expect(
      rows(["Minutes of the Parish Council", "Date", "The clerk will circulate a date for the next meeting.", "1. Apologies"]),
    ).toEqual([]);
  });

  it("reads 'Ward(s) and Ward Councillors' as the wards line", () => {
    expect(
      rows([
        "Meeting:\tCabinet",
        "Date:\t12 March 2024",
        "Subject:\tVillage Green Management Plan",
        "Report of:\tDirector of Place",
        "Ward(s) and Ward Councillors:\tNone specific",
        "Summary",
      ])[0]?.wards,
    ).toBe("None specific");
  });

  it("reads an unlabelled cover ('REPORT TO CABINET', its date, 'REPORT OF THE …') with the contact officer named at the end", () => {
    expect(
      rows([
        "REPORT TO CABINET",
        "12 MARCH 2024",
        "REPORT OF THE DIRECTOR OF PLACE",
        "VILLAGE GREEN MANAGEMENT PLAN",
        "1. Purpose of report",
        "To agree the plan.",
        "Background papers: none",
        "Contact Officer: Lynda Snell, Countryside Manager",
      ]),
    ).toEqual([
      {
        title: "VILLAGE GREEN MANAGEMENT PLAN",
        meetingDate: "2024-03-12",
        author: "Lynda Snell",
        service: "Director of Place",
        wards: null,
      },
    ]);
  });

  it("papers the agenda lists with pages, headed only by their title and a byline, are reports; a paper of minutes is not", () => {
    expect(
      rows([
        "BORSETSHIRE HEALTH AND WELLBEING PARTNERSHIP",
        "",
        "AGENDA",
        "",
        "1. Apologies for Absence.",
        "- 2. Minutes of the Previous Meeting (Pages 1 6)",
        "- 3. Rural Isolation Review (Pages 7 12)",
        "- Ann Ames to report",
        "- 4. Winter Pressures Update (Pages 13 20)",
        "- Bob Bell to report",
        "- 5. Borsetshire Safeguarding Adults Board (Pages 21 25)",
        "- 6. Any Other Business",
        "",
        "BORSETSHIRE HEALTH AND WELLBEING PARTNERSHIP Wednesday, 15th January, 2025",
        "",
        "31. RURAL ISOLATION REVIEW",
        "",
        "The Partnership noted that the review would come to the next meeting.",
        "",
        "",
        "",
        "Rural Isolation Review",
        "",
        "Ann Ames",
        "Service Manager – Community Wellbeing & Early Help",
        "",
        "",
        "",
        "Why isolation matters",
        "",
        "One adult in five in Borsetshire reports feeling lonely most days.",
        "",
        "",
        "",
        "BORSETSHIRE WINTER PRESSURES UPDATE – 2024 – 2025 1. INTRODUCTION",
        "",
        "1.1. Hospital admissions rose by a tenth over the winter.",
        "",
        "Bob Bell – Service Manager, Hospital Discharge and Reablement Services, BCC, ASC.",
        "",
        "Cy Cole – Head of Nursing, Felpersham Hospital",
        "",
        "",
        "",
        "Borsetshire Safeguarding Adults Board (BSAB)",
        "",
        "Minutes of the meeting of the Borsetshire Safeguarding Adults Board held on Friday 13th December 2024.",
        "",
        "Dee Dunn - Chair",
      ]),
    ).toEqual([
      {
        title: "Rural Isolation Review",
        meetingDate: null,
        author: "Ann Ames",
        service: "Community Wellbeing & Early Help",
        wards: null,
      },
      {
        title: "BORSETSHIRE WINTER PRESSURES UPDATE – 2024 – 2025",
        meetingDate: null,
        author: "Bob Bell",
        service: "Hospital Discharge and Reablement Services",
        wards: null,
      },
    ]);
  });
});
