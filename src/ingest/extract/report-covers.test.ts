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
});
