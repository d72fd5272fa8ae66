import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { extractWorkProgramme, splitNames } from "./work-programme.js";

// A made-up council's scrutiny work programme: tab table, rows that inherit the date,
// a continuation page with the header repeated, then the unscheduled list.
const PACK = [
  "Borsetshire County Council",
  "Highways Scrutiny Panel",
  "Work Programme 2024/25",
  "",
  "Date\tItem\tLead Officer",
  "4 June 2024\tPothole Repair Backlog\tCllr Ann Archer",
  "\tWinter Gritting Routes\tTom Forrest / Kenton Archer",
  "9 Sept 2024\tBus Shelter Review\tJill Patterson Eddie Grundy",
  "Page 12",
  "Date\tItem\tLead Officer",
  "\tVerge Cutting Contract\tLynda Snell",
  "",
  "Items to be scheduled",
  "Annual",
  "Road Safety Partnership Annual Report",
  "Flood Resilience Update - autumn 2024",
].join("\n");

describe("extractWorkProgramme", () => {
  const { rows, provenance } = extractWorkProgramme(readText("borsetshire.txt", PACK));

  it("reads dated rows, inheriting the date down the table and across the page break", () => {
    expect(rows.slice(0, 4)).toEqual([
      { meetingDate: "2024-06-04", item: "Pothole Repair Backlog", responsible: ["Ann Archer"] },
      { meetingDate: "2024-06-04", item: "Winter Gritting Routes", responsible: ["Tom Forrest", "Kenton Archer"] },
      { meetingDate: "2024-09-09", item: "Bus Shelter Review", responsible: ["Jill Patterson", "Eddie Grundy"] },
      { meetingDate: "2024-09-09", item: "Verge Cutting Contract", responsible: ["Lynda Snell"] },
    ]);
  });

  it("lists unscheduled items with a null date and skips their sub-headings", () => {
    expect(rows.slice(4)).toEqual([
      { meetingDate: null, item: "Road Safety Partnership Annual Report", responsible: [] },
      { meetingDate: null, item: "Flood Resilience Update - autumn 2024", responsible: [] },
    ]);
  });

  it("points provenance at the item's text on its page", () => {
    const p = provenance["/3/item"];
    const pages = readText("borsetshire.txt", PACK).pages;
    const text = pages
      .find((pg) => pg.index === p.page)!
      .lines.map((l) => l.text)
      .join("\n");
    expect(text.slice(p.start, p.end)).toBe("Verge Cutting Contract");
  });

  it("finds nothing in a pack without a work programme", () => {
    expect(extractWorkProgramme(readText("x.txt", "Cabinet\n\nDate\tItem\tLead Officer\n1 May 2024\tBudget\tJo Bloggs")).rows).toEqual([]);
  });
});

describe("splitNames", () => {
  it("separates names joined by slashes, honorifics and plain juxtaposition", () => {
    expect(splitNames("Martin Gray Cllr Lisa Evans")).toEqual(["Martin Gray", "Lisa Evans"]);
    expect(splitNames("Cabinet Member")).toEqual(["Cabinet Member"]);
    expect(splitNames("Sally Ann Watson")).toEqual(["Sally Ann Watson"]);
    expect(splitNames("")).toEqual([]);
  });
});
