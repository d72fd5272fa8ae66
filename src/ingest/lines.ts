import type { Page, PageSet } from "./page.js";
import type { ProvenanceRef } from "../domain/extraction.js";

/**
 * The whole pack as one list of lines: documents run across page breaks, so segmenters
 * and extractors read a stream and map back to (page, offset) only for provenance.
 */
export interface FlatLine {
  /** Position in the stream. */
  i: number;
  /** Page.index of the page holding the line. */
  page: number;
  /** Offset of the line in pageText(page). */
  start: number;
  text: string;
  raw: string;
  cells: string[] | null;
  bold: boolean;
  marker: Page["marker"];
  /** True for the first line of its page. */
  pageStart: boolean;
}

export function flatten(pages: PageSet): FlatLine[] {
  const out: FlatLine[] = [];
  for (const page of pages.pages) {
    let offset = 0;
    page.lines.forEach((l, k) => {
      out.push({
        i: out.length,
        page: page.index,
        start: offset,
        text: l.text.replace(/\t/g, " ").replace(/\s+/g, " ").trim(),
        raw: l.raw ?? l.text,
        cells: l.cells && l.cells.length >= 2 ? l.cells : null,
        bold: l.bold ?? false,
        marker: page.marker,
        pageStart: k === 0,
      });
      offset += l.text.length + 1;
    });
  }
  return out;
}

/** Provenance for `value` found on `line` (the whole line when the value is not verbatim there). */
export function provAt(line: FlatLine, pages: PageSet, value: string | null, extractor: string, confidence: number): ProvenanceRef {
  const page = pages.pages.find((p) => p.index === line.page);
  const original = page?.lines.map((l) => l.text) ?? [];
  let lineText = "";
  let offset = 0;
  for (const t of original) {
    if (offset === line.start) { lineText = t; break; }
    offset += t.length + 1;
  }
  const probe = (value ?? "").slice(0, 30);
  const at = probe ? lineText.indexOf(probe) : -1;
  const start = line.start + (at >= 0 ? at : 0);
  const end = at >= 0 ? Math.min(line.start + lineText.length, start + (value ?? "").length) : line.start + lineText.length;
  return { page: line.page, start, end: Math.max(start, end), extractor, confidence };
}

/** Collects provenance entries keyed by JSON pointer. */
export class ProvenanceLog {
  readonly entries: Record<string, ProvenanceRef> = {};
  constructor(private readonly pages: PageSet) {}
  add(pointer: string, line: FlatLine | undefined, value: string | null, extractor: string, confidence: number): void {
    if (line) this.entries[pointer] = provAt(line, this.pages, value, extractor, confidence);
  }
}

export const isBlankLine = (l: FlatLine) => l.text === "";

/** Next non-empty line index after i (exclusive), or -1. */
export function nextFilled(lines: FlatLine[], i: number, limit = lines.length): number {
  for (let j = i + 1; j < Math.min(limit, lines.length); j++) if (lines[j]!.text !== "") return j;
  return -1;
}

export function prevFilled(lines: FlatLine[], i: number, floor = 0): number {
  for (let j = i - 1; j >= floor; j--) if (lines[j]!.text !== "") return j;
  return -1;
}
