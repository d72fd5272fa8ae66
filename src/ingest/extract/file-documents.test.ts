import { describe, expect, it } from "vitest";
import { Extraction } from "../../domain/extraction.js";
import { BORSETSHIRE_PACK } from "../fixtures/borsetshire-pack.js";
import { readText } from "../read/text.js";
import { extract } from "./extract.js";

/**
 * What the loader needs beyond FORMAT.md comes out of extraction: the file's kind and page text,
 * the papers cut from it (inside the file), exempt paragraphs and decision kinds.
 */
describe("extraction carries what the loader stores", () => {
  const { extraction: x } = extract(readText("borsetshire.md", BORSETSHIRE_PACK));

  it("gives the file's kind, its pages' text, and papers whose pages lie inside the file", () => {
    expect(Extraction.safeParse(x).success).toBe(true);
    expect(x.fileKind).toBe("agenda-pack");
    const pages = x.pages!;
    expect(pages.map((p) => p.number)).toEqual(pages.map((_, k) => k + 1));
    expect(pages.map((p) => p.text).join("\n")).toContain("Hedgerow Management Plan");
    expect(x.documents!.length).toBeGreaterThan(0);
    for (const d of x.documents!) {
      expect(d.pages[0]).toBeGreaterThanOrEqual(1);
      expect(d.pages[1]).toBeLessThanOrEqual(pages.length);
    }
    // The previous meeting's minutes are a paper of the pack tied to the minutes item and to that meeting.
    const minutes = x.documents!.find((d) => d.kind === "minutes")!;
    expect(minutes).toMatchObject({ item: "3", meeting: 1 });
    expect(x.meetings[1]!.date).toBe("2024-03-06");
    expect(x.documents!.find((d) => d.kind === "report")).toMatchObject({ title: "Hedgerow Management Plan", item: "4" });
  });

  it("gives each decision its kind, index for index", () => {
    for (const m of x.meetings)
      for (const minute of m.minutes) if (minute.decisions.length) expect(minute.decisionKinds).toHaveLength(minute.decisions.length);
    const kinds = x.meetings[1]!.minutes.flatMap((m) => m.decisionKinds ?? []);
    expect(kinds).toContain("noted");
    expect(kinds).toContain("resolved");
  });

  it("reads the Schedule 12A paragraph printed beside an exempt item, and none where none is printed", () => {
    expect(x.meetings[0]!.agenda.find((a) => a.exempt)?.exemptParagraph ?? null).toBeNull();
    const printed = BORSETSHIRE_PACK.replace(
      "| 5 | Ambridge Depot Lease | (Pages 13 - 20) |",
      "| 5 | Ambridge Depot Lease | (Pages 13 - 20) |\n\nNot for publication by virtue of paragraph 3 of Part 1 of Schedule 12A.",
    );
    const y = extract(readText("borsetshire.md", printed)).extraction;
    expect(y.meetings[0]!.agenda.find((a) => a.exempt)).toMatchObject({ number: "5", exemptParagraph: 3 });
  });

  it("calls a summons whose items print pages of another file a front sheet, with no paper pointing into it", () => {
    const summons = [
      "Wessex Harbour Board",
      "Date: Tuesday 4 March 2025 at 6.30 pm",
      "Venue: Harbour Office, Quay Street",
      "AGENDA",
      "1. Apologies for absence",
      "2. Harbour dues 2025/26 (Pages 277 - 326)",
      "3. Slipway repairs (Pages 327 - 340)",
    ].join("\n\n");
    const y = extract(readText("summons.txt", summons)).extraction;
    expect(y.meetings[0]?.agenda.map((a) => a.pages)).toEqual([null, [277, 326], [327, 340]]);
    expect(y.fileKind).toBe("front-sheet");
    for (const d of y.documents!) expect(d.pages[1]).toBeLessThanOrEqual(y.pages!.length);
  });

  it("takes a standalone report whose cover names its meeting on a 'To <body> – <date>' line as that report, for that meeting", () => {
    const report = [
      "Harbour Dues Review",
      "By\tChair of the Finance Working Group, Ada Quill",
      "To\tWessex Harbour Board – 4 March 2025",
      "Unrestricted",
      "Introduction",
      "1.1 This report reviews the dues charged to visiting vessels.",
    ].join("\n\n");
    const y = extract(readText("dues-report.txt", report)).extraction;
    expect(y.meetings.map((m) => [m.committee, m.date, m.hasAgenda, m.hasMinutes])).toEqual([
      ["Wessex Harbour Board", "2025-03-04", false, false],
    ]);
    expect(y.fileKind).toBe("report");
    // "To" in running text is not a cover line.
    const prose = extract(readText("letter.txt", "Dear Ada\n\nTo be discussed at the meeting - 4 March 2025 if time allows.")).extraction;
    expect(prose.meetings).toEqual([]);
  });
});
