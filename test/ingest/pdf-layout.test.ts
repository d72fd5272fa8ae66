import { describe, expect, it } from "vitest";
import { layoutRuns, type TextRun } from "../../src/ingest/read/pdf-layout.js";

/** Runs for one baseline: words at given x positions, 10 pt, ~5 pt per character. */
function row(y: number, ...parts: [number, string][]): TextRun[] {
  return parts.map(([x, text]) => ({ text, x, y, w: text.length * 5, size: 10, bold: false }));
}

describe("layoutRuns", () => {
  it("keeps justified prose whole when wide word gaps line up for a few lines", () => {
    const runs = [
      ...row(100, [50, "Mr A Able, Mr B Baker, Mr C Cole, Mr D Dean, Mr E Eve,"]),
      ...row(112, [50, "Mr F Fox, Mr G Gray,"], [220, "Ms H Hill, Mr I Ince,"]),
      ...row(124, [50, "Mr J Joy, Mr K Kay,"], [220, "Ms L Lee, Mr M May,"]),
      ...row(136, [50, "Mr N Nye, Mr O Orr,"], [220, "Ms P Poe, Mr Q Quin,"]),
      ...row(148, [50, "Mr R Roe, Mr S Sim, Mr T Tod and Ms U Ure, Mr V Vale,"]),
    ];
    const lines = layoutRuns(runs);
    expect(lines.map((l) => l.text)).toEqual([
      "Mr A Able, Mr B Baker, Mr C Cole, Mr D Dean, Mr E Eve,",
      "Mr F Fox, Mr G Gray, Ms H Hill, Mr I Ince,",
      "Mr J Joy, Mr K Kay, Ms L Lee, Mr M May,",
      "Mr N Nye, Mr O Orr, Ms P Poe, Mr Q Quin,",
      "Mr R Roe, Mr S Sim, Mr T Tod and Ms U Ure, Mr V Vale,",
    ]);
    expect(lines.every((l) => !l.cells)).toBe(true);
  });

  it("splits aligned columns into cells and folds a wrapped cell back into its row", () => {
    const runs = [
      ...row(100, [50, "Ref"], [100, "Action"], [400, "Owner"]),
      ...row(120, [50, "1"], [100, "Repair the harbour wall"], [400, "Clerk"]),
      ...row(132, [100, "before the spring tides"]),
      ...row(152, [50, "2"], [100, "Publish the minutes"], [400, "Chair"]),
    ];
    const lines = layoutRuns(runs);
    expect(lines.map((l) => l.cells)).toEqual([
      ["Ref", "Action", "Owner"],
      ["1", "Repair the harbour wall before the spring tides", "Clerk"],
      ["2", "Publish the minutes", "Chair"],
    ]);
    expect(lines[1]!.text).toBe("1\tRepair the harbour wall before the spring tides\tClerk");
    // The printed lines stay readable: an empty first cell is not always a wrap.
    expect(lines[1]!.parts).toEqual([
      ["1", "Repair the harbour wall", "Clerk"],
      ["", "before the spring tides", ""],
    ]);
    expect(lines[2]!.parts).toBeUndefined();
  });

  it("reads a three-column table with a sparse first column and a wrapping last one as rows, not as two prose columns", () => {
    // Item | Who | What, the item cell printed once over the actions raised under it.
    const runs = [
      ...row(100, [50, "Agenda item"], [150, "Who"], [230, "What"]),
      ...row(114, [50, "Footpaths"], [150, "AB"], [230, "Photograph the broken fingerpost by the ford"]),
      ...row(128, [150, "CD"], [230, "Write to the county about the stile at Lakey Hill and ask"]),
      ...row(142, [230, "for a date for its repair before the summer"]),
      ...row(156, [50, "Village hall"], [150, "EF/GH"], [230, "Ask for three quotes for the new roof, gutters and the"]),
      ...row(170, [230, "porch."]),
      ...row(184, [50, "Website"], [150, "IJ"], [230, "Upload the missing minutes"]),
      ...row(198, [50, "Grants"], [150, "KL"], [230, "Look for litter picking grants"]),
      ...row(212, [50, "Any other"], [150, "MN/OP/QR"], [230, "Put the Christmas tree on the agenda"]),
    ];
    const texts = layoutRuns(runs).map((l) => l.text);
    expect(texts[0]).toBe("Agenda item\tWho\tWhat");
    expect(texts).toContain("Footpaths\tAB\tPhotograph the broken fingerpost by the ford");
    expect(texts).toContain("Website\tIJ\tUpload the missing minutes");
  });

  it("breaks words where the text layer printed a space, however narrow the gap", () => {
    const runs: TextRun[] = [
      { text: "Status", x: 50, y: 100, w: 28, size: 11, bold: false, space: true },
      { text: "on", x: 79.4, y: 100, w: 12, size: 11, bold: false, space: true },
      { text: "actions", x: 92.9, y: 100, w: 34, size: 11, bold: false },
      // Kerned pieces of one word, with no space printed between them, stay joined.
      { text: "agre", x: 127.5, y: 100, w: 20, size: 11, bold: false },
      { text: "ed", x: 148.6, y: 100, w: 10, size: 11, bold: false },
    ];
    expect(layoutRuns(runs).map((l) => l.text)).toEqual(["Status on actionsagreed"]);
  });

  it("joins word runs by their gaps, drops overprinted fake bold and keeps superscripts on the line", () => {
    const runs: TextRun[] = [
      { text: "Wednesday 8", x: 50, y: 200, w: 55, size: 10, bold: false },
      { text: "th", x: 105.5, y: 196, w: 6, size: 6, bold: false },
      { text: "April", x: 114, y: 200, w: 25, size: 10, bold: false },
      { text: "MINUTES", x: 50, y: 180, w: 40, size: 10, bold: false },
      { text: "MINUTES", x: 50.4, y: 180, w: 40, size: 10, bold: false },
    ];
    const lines = layoutRuns(runs);
    expect(lines.map((l) => [l.text, l.bold ?? false])).toEqual([
      ["MINUTES", true],
      ["Wednesday 8th April", false],
    ]);
  });
});
