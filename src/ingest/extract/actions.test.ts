import { describe, expect, it } from "vitest";
import { readHtml } from "../read/html.js";
import { readText } from "../read/text.js";
import type { Line, PageSet } from "../read/page.js";
import { extractActions } from "./actions.js";

// Made-up Borsetshire packs covering the action-table genres.
const ACTION_PLAN = [
  "ACTION PLAN: Review of Rural Bus Services",
  "",
  "No.\tRecommendation\tProposed Actions / Progress\tResponsibility\tDate",
  "1\tThat the council reviews subsidised routes serving villages without a daily service.\tRoute audit under way\tKenton Archer Transport Lead\tMarch 2025",
  "2\tThat community transport schemes receive a small grants fund for new\tFund agreed in budget\tJill Patterson\tApril 2025",
  "Page 7",
  "ACTION PLAN: Review of Rural Bus Services",
  "No.\tRecommendation\tProposed Actions / Progress\tResponsibility\tDate",
  "\tvehicles and volunteer drivers.\t\t\t",
  "",
  "Meeting:\tCabinet",
].join("\n");

const TRACKER = [
  "Highways Scrutiny Panel",
  "Minute No.\tResolution\tTarget Date, Officer Responsible and Progress",
  "<p>5 May 2024 <u>Gritting</u></p>\t<p>Agreed that gritting maps be published online.</p>\t<p>Date: June 2024 Officer: Tom Forrest Progress: <i>Complete</i></p>",
].join("\n");

const RAG_PLAN = [
  "Improvement Priority 2: Highway drainage",
  "We will clear blocked gullies before winter",
  "Ref\tProgress milestone\tImpact / Evidence\tKey Dates / Status (RAG)",
  "2.1\tAll gullies on the A-road network will be cleared.\tFewer flooding reports\tCommenced: October 2024 ON TRACK",
].join("\n");

const PLEDGES = [
  "HIGHWAYS PLEDGES",
  "Pledge\tPortfolio Holder\tLead Director\tStatus – End State",
  "Pledge 12 - We will fix every reported pothole within a fortnight of it being reported.\tAnn Archer\tLynda Snell\tIn Progress: Average repair time now nine days.",
].join("\n");

describe("extractActions", () => {
  it("reads an action plan with its title, joining the row split over a page break", () => {
    const { rows } = extractActions(readText("plan.txt", ACTION_PLAN));
    expect(rows).toEqual([
      {
        source: "ACTION PLAN: Review of Rural Bus Services",
        ref: "1",
        text: "That the council reviews subsidised routes serving villages without a daily service.",
        owner: "Kenton Archer Transport Lead",
        due: "March 2025",
        status: null,
      },
      {
        source: "ACTION PLAN: Review of Rural Bus Services",
        ref: "2",
        text: "That community transport schemes receive a small grants fund for new vehicles and volunteer drivers.",
        owner: "Jill Patterson",
        due: "April 2025",
        status: null,
      },
    ]);
  });

  it("splits a tracking table's combined date/officer/progress cell", () => {
    const { rows } = extractActions(readText("tracker.txt", TRACKER));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ref: "5 May 2024 Gritting",
      text: "Agreed that gritting maps be published online.",
      owner: "Tom Forrest",
      due: "June 2024",
      status: "Complete",
    });
  });

  it("separates a RAG status from the key date and names the table after its heading", () => {
    const { rows } = extractActions(readText("rag.txt", RAG_PLAN));
    expect(rows).toEqual([
      {
        source: "Improvement Priority 2: Highway drainage",
        ref: "2.1",
        text: "All gullies on the A-road network will be cleared.",
        owner: null,
        due: "Commenced: October 2024",
        status: "ON TRACK",
      },
    ]);
  });

  it("takes a pledge number as the ref and the status before its explanation", () => {
    const { rows } = extractActions(readText("pledges.txt", PLEDGES));
    expect(rows[0]).toMatchObject({ source: "HIGHWAYS PLEDGES", ref: "Pledge 12", owner: "Lynda Snell", status: "In Progress" });
  });

  it("records provenance for each action's text", () => {
    const pages = readText("plan.txt", ACTION_PLAN);
    const { provenance } = extractActions(pages);
    const p = provenance["/0/text"];
    const page = pages.pages.find((pg) => pg.index === p.page)!;
    expect(
      page.lines
        .map((l) => l.text)
        .join("\n")
        .slice(p.start, p.end),
    ).toBe("That the council reviews subsidised routes serving villages without a daily service.");
    expect(p.extractor).toBe("actions");
  });

  it("splits two actions a converter merged into one row, by their dates", () => {
    const pack = [
      "Borsetshire Verge Strategy Action Plan",
      "Outcome\tHow we will do it\tManaged by\tBy When",
      "Greener verges\tSow wildflower seed on ten verges each year. Train contractors to cut after seeding\tLynda Snell Lynda Snell\tApr Now and ongoing",
    ].join("\n");
    const { rows } = extractActions(readText("split.txt", pack));
    expect(rows.map((r) => [r.text, r.owner, r.due])).toEqual([
      ["Sow wildflower seed on ten verges each year.", "Lynda Snell", "Apr"],
      ["Train contractors to cut after seeding", "Lynda Snell", "Now and ongoing"],
    ]);
  });

  it("ignores tables that are not action-like", () => {
    const pack = "Members\nName\tParty\tWard\nAnn Archer\tIndependent\tAmbridge";
    expect(extractActions(readText("m.txt", pack)).rows).toEqual([]);
  });

  it("reads a minutes' status-on-actions table: What is the action, Update is progress, merged item cells", () => {
    const pack = [
      "4. Matters arising",
      "Status on actions agreed at last meeting",
      "Agenda item\tWho\tWhat\tUpdate",
      "6 Footpaths\tClerk\tWrite to the county about the stile at Lakey Hill.\tLetter sent",
      "\tCllr Grundy\tPhotograph the broken fingerpost.\tDone",
      "9 Village hall\tChair\tAsk for three quotes for the new\tTwo received",
      "\t\troof, gutters and the porch.\t",
      "\tClerk\tBook the hall for the summer fete.\tBooked",
      "",
      "5. Planning",
    ].join("\n");
    const { rows } = extractActions(readText("status.txt", pack));
    expect(rows.map((r) => [r.source, r.ref, r.text, r.owner, r.due, r.status])).toEqual([
      [
        "Status on actions agreed at last meeting",
        "6 Footpaths",
        "Write to the county about the stile at Lakey Hill.",
        "Clerk",
        null,
        "Letter sent",
      ],
      ["Status on actions agreed at last meeting", "6 Footpaths", "Photograph the broken fingerpost.", "Cllr Grundy", null, "Done"],
      [
        "Status on actions agreed at last meeting",
        "9 Village hall",
        "Ask for three quotes for the new roof, gutters and the porch.",
        "Chair",
        null,
        "Two received",
      ],
      ["Status on actions agreed at last meeting", "9 Village hall", "Book the hall for the summer fete.", "Clerk", null, "Booked"],
    ]);
  });

  it("reads a summary of outstanding actions whose Update column is not a date", () => {
    const pack = [
      "Summary of outstanding actions",
      "Item\tWhat\tWho\tUpdate",
      "3\tRepaint the bus shelter\tCllr Archer\tAwaiting paint",
    ].join("\n");
    const { rows } = extractActions(readText("outstanding.txt", pack));
    expect(rows).toEqual([
      {
        source: "Summary of outstanding actions",
        ref: "3",
        text: "Repaint the bus shelter",
        owner: "Cllr Archer",
        due: null,
        status: "Awaiting paint",
      },
    ]);
  });

  it("keeps the columns of rows under a cell merged down (rowspan, as Word's merged cells convert)", () => {
    const html = [
      "<body><p>Summary of outstanding actions</p><table>",
      "<tr><td>Agenda item</td><td>Who</td><td>What</td><td>Status</td></tr>",
      "<tr><td rowspan='2'>6 Footpaths</td><td>Clerk</td><td>Write to the county about the stile.</td><td>Open</td></tr>",
      "<tr><td>Cllr Grundy</td><td>Photograph the broken fingerpost.</td><td>Done</td></tr>",
      "<tr><td>7 Hall</td><td>Chair</td><td>Ask for three quotes for the roof.</td><td>Open</td></tr>",
      "</table></body>",
    ].join("");
    const { rows } = extractActions(readHtml("actions.docx", html, "docx"));
    expect(rows.map((r) => [r.ref, r.owner, r.text, r.status])).toEqual([
      ["6 Footpaths", "Clerk", "Write to the county about the stile.", "Open"],
      ["6 Footpaths", "Cllr Grundy", "Photograph the broken fingerpost.", "Done"],
      ["7 Hall", "Chair", "Ask for three quotes for the roof.", "Open"],
    ]);
  });

  it("reads again the printed lines a PDF reader folded under an item cell merged down", () => {
    // What the PDF layout gives for an Agenda item | Who | What | Status table whose item
    // cells span several actions: rows folded at every empty first cell, printed lines kept.
    const row = (parts: string[][]): Line => {
      const cells = parts[0]!.map((_, k) =>
        parts
          .map((p) => p[k])
          .filter(Boolean)
          .join(" "),
      );
      return { text: cells.join("\t"), cells, parts };
    };
    const lines: Line[] = [
      { text: "Status on actions agreed at last meeting as follows:" },
      { text: "Agenda item\tWho\tWhat\tStatus", cells: ["Agenda item", "Who", "What", "Status"] },
      row([
        ["Footpaths", "AB", "Photograph the broken", "Done"],
        ["", "", "fingerpost.", ""],
        ["", "CD", "Write to the county about", "Letter sent,"],
        ["", "", "the stile.", "no reply yet."],
      ]),
      row([
        ["Village novel", "EF", "Order two hundred copies.", "Carry forward."],
        ["", "", "Add the illustrator’s name to the authors", "Two shops will sell it."],
      ]),
      row([
        ["7 Hall", "GH", "Ask for three quotes", "Open"],
        ["", "IJ", "Book the hall for the fete", "Booked"],
      ]),
      { text: "4. Roads" },
    ];
    const set: PageSet = { source: "m.pdf", kind: "pdf", pages: [{ index: 1, printed: 1, lines, marker: null }] };
    expect(extractActions(set).rows.map((r) => [r.ref, r.text, r.owner, r.status])).toEqual([
      [null, "Photograph the broken fingerpost.", "AB", "Done"],
      [null, "Write to the county about the stile.", "CD", "Letter sent, no reply yet."],
      [null, "Order two hundred copies. Add the illustrator’s name to the authors", "EF", "Carry forward. Two shops will sell it."],
      ["7 Hall", "Ask for three quotes", "GH", "Open"],
      ["7 Hall", "Book the hall for the fete", "IJ", "Booked"],
    ]);
  });

  it("keeps a wrapped line that carries only the tail of the text and status as part of its row", () => {
    const pack = [
      "Status on actions agreed at last meeting",
      "Agenda item\tWho\tWhat\tStatus",
      "6 Footpaths\tClerk\tWrite to the\tAwaiting a reply from",
      "\t\tCounty Highways about the broken stile.\tthe county.",
      "7 Hall\tChair\tAsk for three quotes for the roof.\tOpen",
    ].join("\n");
    const { rows } = extractActions(readText("wrapped.txt", pack));
    expect(rows.map((r) => [r.ref, r.text, r.status])).toEqual([
      ["6 Footpaths", "Write to the County Highways about the broken stile.", "Awaiting a reply from the county."],
      ["7 Hall", "Ask for three quotes for the roof.", "Open"],
    ]);
  });
});
