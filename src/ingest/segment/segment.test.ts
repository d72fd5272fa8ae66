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

  it("reads a document that opens with a minutes title as minutes, with or without a 'Present:' label", () => {
    const plain =
      "LOXLEY BARRETT PARISH COUNCIL\nMinutes of a Meeting held on Tuesday 5 March 2024\nat 7.30 pm in the Village Hall\n\nPresent Ann Example AE Bob Sample BS\n\n1. Open forum\nNothing to report.\n";
    expect(segment(readText("x.txt", plain)).map((s) => s.kind)).toEqual(["minutes"]);
    const numbered =
      "Loxley Barrett Parish Council\n\nMINUTES OF THE 12th MEETING\n\n1. Members present were: Ann Example, Bob Sample\n2. Apologies were received from: Carol Third\n";
    expect(segment(readText("x.txt", numbered)).map((s) => s.kind)).toEqual(["minutes"]);
  });

  it("keeps an agenda whose items include the last meeting's minutes a front sheet", () => {
    const text =
      "Loxley Barrett Parish Council\nAGENDA\n1. Apologies\n2. Minutes of the previous meeting\n3. Attendance and apologies were recorded as above.\n";
    expect(segment(readText("x.txt", text)).map((s) => s.kind)).toEqual(["front-sheet"]);
  });
});
