import type { ExtractedMeeting, ExtractionProvenance } from "../../domain/extraction.js";
import type { ExtractedPage } from "../../domain/extraction.js";
import { decisionKind } from "../parse/decision-kind.js";

/**
 * Values read from the text printed beside an extracted value, once its provenance is final:
 * the Schedule 12A paragraph after an exempt item's title ("… by virtue of paragraph 3"), and
 * each decision's kind from the words before it ("RECOMMENDED that …"). They ride on the
 * Extraction, so the loader never goes back to the page text.
 */
export function readBeside(meetings: ExtractedMeeting[], provenance: ExtractionProvenance, pages: ExtractedPage[]): void {
  const text = new Map(pages.map((p) => [p.number, p.text]));
  const after = (pointer: string, chars: number) => {
    const ref = provenance[pointer];
    return ref ? (text.get(ref.page) ?? "").slice(ref.start, ref.start + chars) : "";
  };
  const before = (pointer: string, chars: number) => {
    const ref = provenance[pointer];
    return ref ? (text.get(ref.page) ?? "").slice(Math.max(0, ref.start - chars), ref.start) : "";
  };
  meetings.forEach((m, i) => {
    m.agenda.forEach((a, j) => {
      const paragraph = a.exempt ? exemptParagraphIn(after(`/meetings/${i}/agenda/${j}/title`, 600)) : null;
      if (paragraph !== null) a.exemptParagraph = paragraph;
    });
    m.minutes.forEach((x, j) => {
      if (x.decisions.length)
        x.decisionKinds = x.decisions.map((d, k) => decisionKind(before(`/meetings/${i}/minutes/${j}/decisions/${k}`, 60), d));
    });
  });
}

/** The Schedule 12A paragraph (1-7) named in text printed beside an exempt item, if any. */
export function exemptParagraphIn(text: string): number | null {
  const m = /\bparagraphs?\s+(\d)\b/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 7 ? n : null;
}
