import { describe, expect, it } from "vitest";
import { flatten } from "./lines.js";
import type { PageSet } from "../read/page.js";

const line = (text: string, y: number, width: number, bold = false) => ({ text, x: 70, y, width, fontSize: 12, bold });
/** A PDF's pages, each given as its positioned lines. */
const pdf = (...pages: ReturnType<typeof line>[][]): PageSet => ({
  source: "p.pdf",
  kind: "pdf",
  pages: pages.map((lines, i) => ({ index: i + 1, printed: i + 1, marker: null, lines })),
});

describe("flatten", () => {
  it("rejoins PDF lines into paragraphs, breaking at gaps, short lines, weight changes, list markers and labels", () => {
    const pages = pdf(
      [
        line("12. Hedgerow Management", 100, 150, true),
        line("PRESENT: Mr A Smith (Chairman), Mr B Jones, Mrs C Brown, Mr D Green,", 128, 450),
        line("Mr E White and Mrs F Black", 142, 160),
        line("IN ATTENDANCE: Ms G Grey", 156, 150),
        line("RESOLVED that the plan be approved subject to the changes set out in the", 184, 452),
        line("report.", 198, 40),
        line("(a) a first part", 212, 90),
        line("Next paragraph after a short line.", 226, 200),
      ],
      [line("and more of it", 60, 90)],
    );
    expect(flatten(pages).map((l) => l.text)).toEqual([
      "12. Hedgerow Management",
      "",
      "PRESENT: Mr A Smith (Chairman), Mr B Jones, Mrs C Brown, Mr D Green, Mr E White and Mrs F Black",
      "IN ATTENDANCE: Ms G Grey",
      "",
      "RESOLVED that the plan be approved subject to the changes set out in the report.",
      "(a) a first part",
      "Next paragraph after a short line.",
      "and more of it",
    ]);
  });

  it("keeps a numbered heading nearly as wide as the text apart from the sentence under it, but joins one that wrapped", () => {
    // Body lines some 450 points wide, about 6 points a character. The heading ends 40 points
    // short of the margin, room for "Guy" (≈ 24): it was ended by hand. The numbered paragraph
    // below it ends 8 points short, no room for "resolved" (≈ 54): it wrapped.
    const pages = pdf([
      line("21.01.05 Discussion regarding the procurement of the Village Green", 100, 410),
      line("Guy Heelis was invited to speak and gave a brief history of the green", 114, 420),
      line("and of its transfer, with the legal fees of about £750 plus VAT.", 128, 450),
      line("21.01.06 The Councillors considered the potholes on the roads and", 156, 442),
      line("resolved that any repair must have the consent of the whole village.", 170, 450),
    ]);
    expect(flatten(pages).map((l) => l.text)).toEqual([
      "21.01.05 Discussion regarding the procurement of the Village Green",
      "Guy Heelis was invited to speak and gave a brief history of the green and of its transfer, with the legal fees of about £750 plus VAT.",
      "",
      "21.01.06 The Councillors considered the potholes on the roads and resolved that any repair must have the consent of the whole village.",
    ]);
  });

  it("leaves text packs line for line", () => {
    const pages: PageSet = {
      source: "t.txt",
      kind: "text",
      pages: [{ index: 1, printed: null, marker: null, lines: [{ text: "a" }, { text: "b" }] }],
    };
    expect(flatten(pages).map((l) => [l.text, l.start])).toEqual([
      ["a", 0],
      ["b", 2],
    ]);
  });
});
