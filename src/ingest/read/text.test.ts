import { describe, expect, it } from "vitest";
import { readText } from "./text.js";
import { pageText } from "./page.js";

const PACK = [
  "Borsetshire County Council",
  "",
  "**Rural Affairs Committee**",
  "",
  "| 1 | Apologies for Absence | |",
  "|---|---|---|",
  "| 2 | Minutes of the meeting held on 3",
  "May 2024 | (Pages 1 - 4) |",
  "",
  "Page 1",
  "Parish\tWard\tStatus",
  "Ambridge\t<p>North</p> <p>Borchester</p>\tOngoing",
  "This page is intentionally left blank",
  "Agenda Item 5",
  "Report of the <u>Director</u> of Hedgerows<sup>1</sup>",
  "\f",
  "Document is Restricted",
].join("\n");

describe("readText", () => {
  const set = readText("borsetshire.md", PACK);

  it("detects markdown and splits pages at footers, blank notices, stamps, form feeds and restricted placeholders", () => {
    expect(set.kind).toBe("markdown");
    expect(set.pages.map((p) => p.marker)).toEqual([null, null, "blank", null, "restricted"]);
    expect(set.pages[0]!.printed).toBe(1);
    expect(set.pages[3]!.lines[0]!.text).toBe("Agenda Item 5");
  });

  it("joins pipe rows wrapped over lines, drops separator rows and fills cells", () => {
    const rows = set.pages[0]!.lines.filter((l) => l.cells);
    expect(rows.map((r) => r.cells)).toEqual([
      ["1", "Apologies for Absence", ""],
      ["2", "Minutes of the meeting held on 3 May 2024", "(Pages 1 - 4)"],
    ]);
    expect(pageText(set.pages[0]!)).not.toContain("---");
  });

  it("fills cells for tab tables and strips HTML and emphasis", () => {
    const row = set.pages[1]!.lines.find((l) => l.text.startsWith("Ambridge"))!;
    expect(row.cells).toEqual(["Ambridge", "North Borchester", "Ongoing"]);
    const heading = set.pages[0]!.lines.find((l) => l.text === "Rural Affairs Committee")!;
    expect(heading.bold).toBe(true);
    expect(pageText(set.pages[3]!)).toContain("Report of the Director of Hedgerows1");
  });

  it("treats 'Agenda Item' over a 'Page' column header as part of the front sheet", () => {
    const s = readText("x.txt", "Agenda\nAgenda Item\n\nPage\n1. Apologies");
    expect(s.pages).toHaveLength(1);
    expect(s.kind).toBe("text");
  });
});
