import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
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
});
