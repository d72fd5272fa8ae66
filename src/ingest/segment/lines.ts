import type { Page, PageSet } from "../read/page.js";
import type { ProvenanceRef } from "../../domain/extraction.js";

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

const LIST_START_RE = /^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]|[•·▪\-–*])\s/i;
const LABEL_START_RE = /^(?:[A-Z][A-Z ]{2,40}|present|apologies|officers|in attendance|also (?:present|in attendance)|substitutes?)\s*:/i;

/**
 * PDF readers give physical lines; text packs give one paragraph per line with blank lines
 * between. Positioned lines are rejoined into paragraphs (a wider gap than the line spacing,
 * a change of weight, a list marker or a "Label:" starts a new one) so every extractor
 * reads one shape.
 */
/** A line that opens with an item's number and a capital: "21.01.05 Discussion …", "7. Finance", "2305 Planning". */
const NUMBERED_HEADING_RE = /^(?:\d{1,4}(?:[./]\d{1,3}){0,3}\.?)\s+[A-Z]/;

function paragraphs(
  lines: FlatLine[],
  page: { lines: { y?: number; width?: number; fontSize?: number; bold?: boolean; cells?: string[] }[] },
): FlatLine[] {
  const out: FlatLine[] = [];
  let prevY: number | undefined;
  let prevSize = 10;
  let prevWidth: number | undefined;
  // Lines wrap only when they reach the right margin; a short line ends its paragraph.
  const widths = page.lines
    .map((l) => l.width ?? 0)
    .filter((w) => w > 0)
    .sort((a, b) => a - b);
  const full = widths.length ? widths[Math.floor(widths.length * 0.9)]! : 0;
  page.lines.forEach((src, k) => {
    const l = lines[k]!;
    const y = src.y;
    const size = src.fontSize ?? prevSize;
    const gap = y !== undefined && prevY !== undefined ? y - prevY : 0;
    const last = out[out.length - 1];
    const paraBreak = gap > Math.max(size, prevSize) * 1.75 || gap < 0;
    if (last && paraBreak && last.text !== "") out.push({ ...l, text: "", raw: "", cells: null, bold: false, pageStart: false });
    const prev = out[out.length - 1];
    const short = full > 0 && prevWidth !== undefined && prevWidth < full * 0.7;
    // A line wraps because its next word did not fit: when that word would have fitted in the
    // room left before the margin, the line was ended by hand ("21.01.05 Discussion regarding
    // the procurement of the Village Green" over "Guy Heelis was invited to speak …": a heading
    // nearly as wide as the text under it). The word's width is estimated from its share of
    // its own line's characters.
    const firstWord = /^\S+/.exec(l.text)?.[0] ?? "";
    const wordWidth = src.width && l.text.length ? (src.width * (firstWord.length + 1)) / l.text.length : 0;
    // Only for a numbered line with no closing stop, the shape of a minute's heading: in running
    // text the estimate misjudged justified and indented lines (a report's paragraphs split).
    const roomLeft =
      full > 0 &&
      prevWidth !== undefined &&
      wordWidth > 0 &&
      prevWidth + wordWidth < full * 0.97 &&
      prev !== undefined &&
      NUMBERED_HEADING_RE.test(prev.text) &&
      !/[.:;,]$/.test(prev.text);
    const join =
      prev &&
      prev.text !== "" &&
      !paraBreak &&
      !short &&
      !roomLeft &&
      !prev.cells &&
      !l.cells &&
      prev.bold === l.bold &&
      l.text !== "" &&
      !LIST_START_RE.test(l.text) &&
      !LABEL_START_RE.test(l.text) &&
      !/^\(item \d+/i.test(l.text);
    if (join) {
      const hyphen = /[a-z]-$/.test(prev.text) && /^[a-z]/.test(l.text);
      prev.text = hyphen ? prev.text + l.text : `${prev.text} ${l.text}`;
      prev.raw = hyphen ? prev.raw + l.raw : `${prev.raw} ${l.raw}`;
    } else out.push({ ...l });
    prevY = y;
    prevSize = size;
    prevWidth = src.width;
  });
  return out;
}

export function flatten(pages: PageSet): FlatLine[] {
  const out: FlatLine[] = [];
  for (const page of pages.pages) {
    const mine: FlatLine[] = [];
    let offset = 0;
    page.lines.forEach((l, k) => {
      mine.push({
        i: 0,
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
    const positioned = pages.kind === "pdf" && page.lines.some((l) => l.y !== undefined);
    const paras = positioned ? paragraphs(mine, page) : mine;
    // A sentence that runs over the page break continues the last paragraph.
    const last = out[out.length - 1];
    const first = paras[0];
    if (
      positioned &&
      last &&
      first &&
      last.text &&
      !last.cells &&
      !first.cells &&
      last.bold === first.bold &&
      !first.marker &&
      !last.marker &&
      (/,$/.test(last.text) || (/[a-z]$/.test(last.text) && /^[a-z]/.test(first.text))) &&
      !LIST_START_RE.test(first.text) &&
      !LABEL_START_RE.test(first.text)
    ) {
      last.text = `${last.text} ${first.text}`;
      last.raw = `${last.raw} ${first.raw}`;
      paras.shift();
    }
    for (const l of paras) out.push({ ...l, i: out.length });
  }
  return out;
}

const startsByPage = new WeakMap<Page, Map<number, string>>();

/**
 * Line text by its start offset in the page text, built once per page: scanning the page for
 * every provenance entry was quadratic on packs that arrive as one long page (text without breaks).
 */
function lineStarts(page: Page): Map<number, string> {
  let m = startsByPage.get(page);
  if (!m) {
    m = new Map();
    let offset = 0;
    for (const l of page.lines) {
      if (!m.has(offset)) m.set(offset, l.text);
      offset += l.text.length + 1;
    }
    startsByPage.set(page, m);
  }
  return m;
}

/** Provenance for `value` found on `line` (the whole line when the value is not verbatim there). */
export function provAt(line: FlatLine, pages: PageSet, value: string | null, extractor: string, confidence: number): ProvenanceRef {
  const byIndex = pages.pages[line.page - 1];
  const page = byIndex?.index === line.page ? byIndex : pages.pages.find((p) => p.index === line.page);
  const lineText = page ? (lineStarts(page).get(line.start) ?? "") : "";
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
