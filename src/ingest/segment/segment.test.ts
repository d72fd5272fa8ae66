import { describe, expect, it } from "vitest";
import { readText } from "../read/text.js";
import { segment } from "./segment.js";
import { BORSETSHIRE_PACK } from "../fixtures/borsetshire-pack.js";

describe("segment", () => {
  it("splits a pack into front sheet, minutes, blank pages and a report under its stamp", () => {
    const segs = segment(readText("b.md", BORSETSHIRE_PACK));
    expect(segs.map((s) => s.kind)).toEqual(["front-sheet", "blank", "minutes", "blank", "report"]);
    expect(segs[2]!.title).toBe("Rural Affairs Scrutiny Committee");
    expect(segs[4]!.title).toBe("Hedgerow Management Plan");
    // Line ranges tile the stream with no gaps.
    for (let k = 1; k < segs.length; k++) expect(segs[k]!.startLine).toBe(segs[k - 1]!.endLine);
  });

  it("recognises action plans, tracking tables, work programmes and restricted placeholders after page breaks", () => {
    const text = [
      "Front",
      "\f",
      "Action Plan: Review of Village Greens",
      "No.\tRecommendation\tOwner",
      "\f",
      "Tracking Decisions",
      "Minute\tResolution\tStatus",
      "\f",
      "Work Programme 2024/25",
      "Date\tItem",
      "\f",
      "Document is Restricted",
    ].join("\n");
    expect(segment(readText("x.txt", text)).map((s) => s.kind)).toEqual([
      "front-sheet",
      "action-plan",
      "tracking-decisions",
      "work-programme",
      "restricted",
    ]);
  });

  it("starts minutes at their heading above 'Present:'", () => {
    const text = "Agenda\n1. Apologies\n\nParish Liaison Panel\n\nMonday 4 March 2024\n\nPresent: Cllr A Smith\n\n1. Apologies\n";
    const segs = segment(readText("x.txt", text));
    expect(segs.map((s) => [s.kind, s.title])).toEqual([
      ["front-sheet", null],
      ["minutes", "Parish Liaison Panel"],
    ]);
  });
});
