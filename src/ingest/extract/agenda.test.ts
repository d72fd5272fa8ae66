import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { readHtml } from "../read/html.js";
import { flatten } from "../segment/lines.js";
import { extractAgenda } from "./agenda.js";

const agenda = (text: string) =>
  extractAgenda(flatten(readText("a.md", text))).map(({ number, title, pages, exempt }) => ({ number, title, pages, exempt }));

describe("extractAgenda", () => {
  it("splits items run together on one line, with bare page numbers and a title printed before its number", () => {
    const text = [
      "1. Apologies",
      "",
      "2. Minutes",
      "",
      "3",
      "",
      "To confirm the minutes.",
      "",
      "3. **Verge Cutting** 9 To receive a report on verges. 4. **Pond Survey** 15 To receive a report on ponds. 21 5. Bus Shelters To receive a report on shelters. **Footpath Review** To follow 6. To receive the review.",
    ].join("\n");
    expect(agenda(text)).toEqual([
      { number: "1", title: "Apologies", pages: null, exempt: false },
      { number: "2", title: "Minutes", pages: [3, 3], exempt: false },
      { number: "3", title: "Verge Cutting", pages: [9, 9], exempt: false },
      { number: "4", title: "Pond Survey", pages: [15, 15], exempt: false },
      { number: "5", title: "Bus Shelters", pages: [21, 21], exempt: false },
      { number: "6", title: "Footpath Review", pages: null, exempt: false },
    ]);
  });

  it("reads '(Pages x - y)' after wrapped titles and marks items citing Schedule 12A as exempt", () => {
    const text = [
      "1. Apologies",
      "2. Review of the Felpersham Library Opening Hours and the Mobile Library Service for Rural",
      "Parishes (Pages 3 - 18)",
      "3. Land at Grange Farm (Pages 19 - 24)",
      "By virtue of paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972.",
    ].join("\n");
    expect(agenda(text)).toEqual([
      { number: "1", title: "Apologies", pages: null, exempt: false },
      {
        number: "2",
        title: "Review of the Felpersham Library Opening Hours and the Mobile Library Service for Rural Parishes",
        pages: [3, 18],
        exempt: false,
      },
      { number: "3", title: "Land at Grange Farm", pages: [19, 24], exempt: true },
    ]);
  });
});

describe("extractAgenda layouts", () => {
  it("reads numbers alone on their line with the bold title below, and tables with a margin column", () => {
    expect(agenda("1.\n\n**Apologies**\n\n2.\n\n**Questions from the Public**")).toEqual([
      { number: "1", title: "Apologies", pages: null, exempt: false },
      { number: "2", title: "Questions from the Public", pages: null, exempt: false },
    ]);
    expect(agenda("| | 1 | Apologies | |\n| | 2 | Village Hall Accounts | 5 - 9 |")).toEqual([
      { number: "1", title: "Apologies", pages: null, exempt: false },
      { number: "2", title: "Village Hall Accounts", pages: [5, 9], exempt: false },
    ]);
  });

  it("reads a supplementary agenda whose only item is not item 1, vouched for by its page reference", () => {
    const text =
      "Dear Member\n\nFELPERSHAM COUNTY COUNCIL - THURSDAY, 12 JUNE 2025\n\nAgenda Item No\n4 River Fel Flood Defences (Pages 1 - 18)\n\nYours sincerely";
    expect(agenda(text).map((a) => [a.number, a.title, a.pages])).toEqual([["4", "River Fel Flood Defences", [1, 18]]]);
  });

  it("keeps capitals headings printed out of order and titles them without their ' - description'", () => {
    const text = [
      "1. APOLOGIES FOR ABSENCE",
      "2. DECLARATIONS OF INTEREST - to note any declarations",
      "3. ALLOTMENTS",
      "a) To consider the rents",
      "5. FINANCE",
      "4. VILLAGE GREEN - update on the fencing",
      "6. NEXT MEETING",
      "2. to be read with item 5 below",
    ].join("\n");
    expect(agenda(text).map((a) => [a.number, a.title])).toEqual([
      ["1", "APOLOGIES FOR ABSENCE"],
      ["2", "DECLARATIONS OF INTEREST"],
      ["3", "ALLOTMENTS"],
      ["5", "FINANCE"],
      ["4", "VILLAGE GREEN"],
      ["6", "NEXT MEETING"],
    ]);
  });

  it("infers numbers printed with no full stop, and a summons continuing the council's running numbers", () => {
    const plain =
      "AGENDA\n\n1 Minutes of the last meeting on 4th March 2014.\n\n2 Matters Arising\n\n3Planning - Mill Lane barn\n\n4 Playing Field\n\nCopies of minutes are available from the clerk";
    expect(agenda(plain).map((a) => [a.number, a.title])).toEqual([
      ["1", "Minutes of the last meeting on 4th March 2014"],
      ["2", "Matters Arising"],
      ["3", "Planning - Mill Lane barn"],
      ["4", "Playing Field"],
    ]);
    const summons =
      "You are hereby summoned to attend the meeting of the council on Monday 3 June 2024 at 7pm.\n\n3301. Apologies\n3302. Declarations of interest\n3304. Police report\n3305. Planning applications\n\nA Clerk, 27 May 2024";
    expect(agenda(summons).map((a) => a.number)).toEqual(["3301", "3302", "3304", "3305"]);
  });

  it("an exclusion motion printed in the agenda is public and ends its title; the item it names is exempt", () => {
    const text = [
      "5. Rural Bus Services (Pages 3 9)",
      "6. Exclusion of the Press and Public Resolved:- That, under section 100A(4) of the Local Government Act 1972, the press and public be excluded from the meeting for the following item of business on the grounds that it involves the likely disclosure of exempt information as defined in Paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.",
      "7. Depot Lease Renewal (Pages 10 14)",
      "8. Any Other Business",
    ].join("\n");
    expect(agenda(text)).toEqual([
      { number: "5", title: "Rural Bus Services", pages: [3, 9], exempt: false },
      { number: "6", title: "Exclusion of the Press and Public", pages: null, exempt: false },
      { number: "7", title: "Depot Lease Renewal", pages: [10, 14], exempt: true },
      { number: "8", title: "Any Other Business", pages: null, exempt: false },
    ]);
    // "the following items": every item after the motion.
    const plural = text.replace("following item of business", "following items of business");
    expect(agenda(plural).map((i) => i.exempt)).toEqual([false, false, true, true]);
  });

  it("a title that ends 'the following matters:' stops at its colon; the list under it is no part of it", () => {
    const text = [
      "3. To approve the minutes of the Parish Council Meeting of Thursday 6 March 2025",
      "4. To note the Clerk's update on the following matters:",
      "Village Hall Roof Footpath Signs Grit Bins Bus Shelter Repairs Clerk Salary",
      "5. To consider the precept",
    ].join("\n");
    expect(agenda(text).map((i) => [i.number, i.title])).toEqual([
      ["3", "To approve the minutes of the Parish Council Meeting of Thursday 6 March 2025"],
      ["4", "To note the Clerk's update on the following matters"],
      ["5", "To consider the precept"],
    ]);
  });

  it("where items are rows of a table, numbered notes in an item's text are not items", () => {
    const html = `<html><body><table>
      <tr><td>4.</td><td>Public Questions</td></tr>
      <tr><td></td><td><p>1. Any member of the public may submit a written question.</p>
        <p>2. Questions must reach the clerk by noon on the working day before.</p>
        <p>3. Replies will be sent by the end of the working day before.</p>
        <p>4. There are no oral supplementary questions.</p>
        <p>5. Please note:</p><p>Replies will be published on the website.</p></td></tr>
      <tr><td>5.</td><td>Chair's Announcements</td></tr>
      <tr><td>6.</td><td>Work Plan</td></tr>
    </table></body></html>`;
    const items = extractAgenda(flatten(readHtml("a.html", html))).map((i) => [i.number, i.title]);
    expect(items).toEqual([
      ["4", "Public Questions"],
      ["5", "Chair's Announcements"],
      ["6", "Work Plan"],
    ]);
  });
});
