import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { extractReports } from "./reports.js";
import { personName } from "../parse/report-names.js";

// Made-up Borsetshire packs: a tabular cover sheet, a "Title of Report" form with the
// service printed over its appendix, and a headed report whose author signs off at the end.
const TABULAR = [
  "Highways Scrutiny Panel",
  "Tuesday 4 June 2024 at 10.00 am",
  "",
  "Meeting:\tHighways Scrutiny Panel",
  "Date:\t4 June 2024",
  "Title:\tWinter Gritting Review",
  "Author:\tTom Forrest Service Manager Highway Operations (01234) 567890",
  "Service:\tEnvironment and Infrastructure",
  "Wards affected:\tAll",
  "",
  "1. Purpose of Report",
  "To update the panel on the gritting season.",
].join("\n");

const FORM = [
  "Date of meeting:\t10 October 2024",
  "Title of Report:\tVerge Cutting Contract",
  "Lead Member:\tCouncillor Ann Archer (Cabinet Member for Highways)",
  "Author:\tLynda Snell (Contracts Officer)",
  "Purpose of Report",
  "To seek views on the contract.",
  "This page is intentionally left blank",
  "VERGE CUTTING CONTRACT, OCTOBER 2024",
  "Highways Contracts Team, Borsetshire County Council",
  "1. Background",
].join("\n");

const HEADED = [
  "AGENDA",
  "| 5 | Rural Bus Services Overview Report 2024 | (Pages 3 - 8) |",
  "This page is intentionally left blank",
  "Agenda Item 5",
  "Highways Scrutiny Panel",
  "Overview Meeting 2024",
  "15 July 2024",
  "Rural Bus Services",
  "Summary",
  "Members are asked to note the overview.",
  "Name of Contact Officer: Jill Patterson",
  "Post Title: Scrutiny Officer",
].join("\n");

describe("extractReports", () => {
  it("reads a tabular cover sheet, keeping only the author's name", () => {
    expect(extractReports(readText("t.txt", TABULAR)).rows).toEqual([
      {
        title: "Winter Gritting Review",
        meetingDate: "2024-06-04",
        author: "Tom Forrest",
        service: "Environment and Infrastructure",
        wards: "All",
      },
    ]);
  });

  it("takes the service from the appendix heading when the form has none", () => {
    expect(extractReports(readText("f.txt", FORM)).rows).toEqual([
      {
        title: "Verge Cutting Contract",
        meetingDate: "2024-10-10",
        author: "Lynda Snell",
        service: "Highways Contracts Team",
        wards: null,
      },
    ]);
  });

  it("titles a headed report from the agenda and finds its contact officer", () => {
    const { rows, provenance } = extractReports(readText("h.txt", HEADED));
    expect(rows).toEqual([
      {
        title: "Rural Bus Services Overview Report 2024",
        meetingDate: "2024-07-15",
        author: "Jill Patterson",
        service: "Rural Bus Services",
        wards: null,
      },
    ]);
    expect(provenance["/0/author"].extractor).toBe("reports");
  });

  it("does not treat minutes as a report", () => {
    const minutes =
      "Highways Scrutiny Panel\n4 June 2024\nPresent: Cllr Ann Archer (Chair)\n12 Minutes\nAgreed that the minutes be signed.";
    expect(extractReports(readText("m.txt", minutes)).rows).toEqual([]);
  });
});

describe("personName", () => {
  it("cuts the job title, phone number and honorific from a name", () => {
    expect(personName("Jill Baker - Senior Manager, Prevention")).toBe("Jill Baker");
    expect(personName("Cllr Ann Archer, Cabinet Member for Highways")).toBe("Ann Archer");
    expect(personName("Director of Children's Services")).toBeNull();
  });

  it("reads a From / To / Subject cover and a numbered 'Report Authors:' label with the name below", () => {
    const text = [
      "Agenda Item 4",
      "",
      "From:\tAlan Bell, Leader of the Council",
      "",
      "To:\tFelpersham County Council – 12th June 2025",
      "",
      "Subject:\tRiver Fel Flood Defences",
      "",
      "Classification:\tUnrestricted",
      "",
      "Summary:",
      "",
      "The council is asked to endorse the flood plan.",
      "",
      "5. Report Authors:",
      "",
      "Carol Dunn, Head of Flood Risk",
      "",
    ].join("\n");
    const rows = extractReports(readText("r.txt", text)).rows;
    expect(rows).toEqual([
      { title: "River Fel Flood Defences", meetingDate: "2025-06-12", author: "Carol Dunn", service: null, wards: null },
    ]);
  });

  it("reads a cover with no field labels: REPORT TO, the date, REPORT OF over two lines, the title in capitals", () => {
    const text = [
      "AGENDA ITEM",
      "REPORT TO CABINET",
      "3 OCTOBER 2024",
      "REPORT OF CORPORATE",
      "LEADERSHIP TEAM",
      "",
      "CABINET DECISION",
      "Cllr Ann Archer – Cabinet Member for Rural Affairs",
      "",
      "VILLAGE HALL GRANTS: ROUND TWO",
      "",
      "1. Summary",
      "This report sets out the second round of grants.",
      "Name of Contact Officer: Tom Forrest",
    ].join("\n");
    expect(extractReports(readText("r.txt", text)).rows).toEqual([
      {
        title: "VILLAGE HALL GRANTS: ROUND TWO",
        meetingDate: "2024-10-03",
        author: "Tom Forrest",
        service: "Corporate Leadership Team",
        wards: null,
      },
    ]);
  });

  it("puts back together a cover's labels that wrapped in their column", () => {
    const text = [
      "REPORT TO:\tBORSETSHIRE JOINT COMMITTEE",
      "DATE:\t12 MARCH 2025",
      "REPORT\tBUS SHELTERS",
      "TITLE:",
      "RESPONSIBLE\tDIRECTOR OF PLACE AND",
      "OFFICER: ENVIRONMENT",
      "Purpose of Report",
      "To report on shelters.",
      "Author: Jazzer McCreary",
    ].join("\n");
    const [r] = extractReports(readText("r.txt", text)).rows;
    expect(r).toMatchObject({
      title: "BUS SHELTERS",
      meetingDate: "2025-03-12",
      author: "Jazzer McCreary",
      service: "DIRECTOR OF PLACE AND ENVIRONMENT",
    });
  });
});
