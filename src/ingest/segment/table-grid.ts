import type { Page, PageSet } from "../read/page.js";
import { pageText } from "../read/page.js";
import type { ProvenanceRef } from "../../domain/extraction.js";

/**
 * Shared by the report, action and work-programme extractors: one stream of lines over
 * the whole pack (tables run across page breaks), with each line's cells and its place
 * in pageText() for provenance.
 */
export interface StreamLine {
  /** PageSet page index (1-based, as Page.index). */
  page: number;
  /** Offset of the line in pageText(page). */
  start: number;
  /** Cleaned text (markup removed, whitespace collapsed). */
  text: string;
  /** Cleaned cells when the line is a table row with two or more cells, else null. */
  cells: string[] | null;
  /** The printed lines a reader folded into this row (Line.parts), cleaned. */
  parts?: string[][];
  /** Index of the first line of the next page when this is a page's last line. */
  lastOnPage: boolean;
}

/** Latin look-alikes that PDF converters sometimes emit (Cyrillic "Мау" for "May"). */
const HOMOGLYPHS: Record<string, string> = {
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  і: "i",
};

const MARKUP_CHARS = /[<&*_[\u0400-\u04FF]/;

/** Removes markup the text readers keep (HTML fragments, markdown emphasis) and collapses whitespace. */
export function cleanText(s: string): string {
  // Most lines carry no markup: the replacements below only act on these characters, and
  // skipping them halves the time of the text path's hottest loop.
  if (!MARKUP_CHARS.test(s)) return s.replace(/\s+/g, " ").trim();
  return s
    .replace(/<\/?(p|br|li|ul|ol|div|tr|td)[^>]*>/gi, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\*\*|__/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[\u0400-\u04FF]/g, (c) => HOMOGLYPHS[c] ?? c)
    .replace(/\s+/g, " ")
    .trim();
}

/** Cells of a raw line: the reader's cells, else tab- or pipe-separated parts. */
export function rawCells(line: { text: string; cells?: string[] }): string[] | null {
  if (line.cells && line.cells.length >= 2) return line.cells;
  const t = line.text;
  if (t.includes("\t")) return t.split("\t");
  const p = t.trim();
  if (p.startsWith("|") && p.endsWith("|") && p.length > 2) return p.slice(1, -1).split("|");
  return null;
}

const SEPARATOR_CELL = /^[\s:\-–—|]*$/;

export function toStream(pages: PageSet | Page[]): StreamLine[] {
  const list = Array.isArray(pages) ? pages : pages.pages;
  const out: StreamLine[] = [];
  for (const page of list) {
    let offset = 0;
    page.lines.forEach((line, i) => {
      const raw = rawCells(line);
      let cells: string[] | null = null;
      if (raw) {
        const cleaned = raw.map(cleanText);
        // Markdown alignment rows ("|---|---|") and rows of dashes carry nothing.
        if (!cleaned.every((c) => SEPARATOR_CELL.test(c))) cells = cleaned;
        else cells = [];
      }
      const s: StreamLine = {
        page: page.index,
        start: offset,
        text: cleanText(line.text.replace(/\t/g, " ").replace(/^\s*\|(.*)\|\s*$/, (_, m: string) => m.replace(/\|/g, " "))),
        cells,
        lastOnPage: i === page.lines.length - 1,
      };
      if (cells && line.parts) s.parts = line.parts.map((p) => p.map(cleanText));
      out.push(s);
      offset += line.text.length + 1;
    });
  }
  return out;
}

/** Running heads, page numbers and blank-page notices that interrupt tables at page breaks. */
export function isFurniture(text: string): boolean {
  const t = text.trim();
  return (
    t === "" ||
    /^(page\s*)?\d{1,4}$/i.test(t) ||
    /^page \d+ of \d+$/i.test(t) ||
    /intentionally (been )?left blank/i.test(t) ||
    /^-{3,}$/.test(t)
  );
}

export const nonEmpty = (cells: string[]) => cells.filter((c) => c.trim() !== "");

export const wordCount = (s: string) => (s.trim() ? s.trim().split(/\s+/).length : 0);

/** Provenance for a value found at [from, from+len) of a stream line. */
export function provenanceAt(
  line: StreamLine,
  pageTexts: Map<number, string>,
  value: string,
  extractor: string,
  confidence: number,
): ProvenanceRef {
  const text = pageTexts.get(line.page) ?? "";
  const lineEnd = text.indexOf("\n", line.start);
  const end = lineEnd < 0 ? text.length : lineEnd;
  const probe = value.slice(0, 40);
  // Searched within the line (a match may start up to its end): searching on to the page's
  // end made every miss cost the rest of the page, quadratic on a long page of converted text.
  const found = probe ? text.slice(line.start, end + probe.length).indexOf(probe) : -1;
  const at = found >= 0 ? line.start + found : -1;
  const start = at >= 0 && at <= end ? at : line.start;
  const stop = at >= 0 && at <= end ? Math.min(text.length, at + value.length) : end;
  return { page: line.page, start, end: Math.max(start, stop), extractor, confidence };
}

export function pageTextMap(pages: PageSet | Page[]): Map<number, string> {
  const list = Array.isArray(pages) ? pages : pages.pages;
  return new Map(list.map((p) => [p.index, pageText(p)]));
}

const NAME_STOP = new Set([
  "cllr",
  "councillor",
  "cllrs",
  "councillors",
  "mr",
  "mrs",
  "ms",
  "miss",
  "dr",
  "rev",
  "revd",
  "prof",
  "sir",
  "dame",
]);

/** Drops honorifics, keeping the name as printed: "Cllr Lisa Evans" -> "Lisa Evans". */
export function stripTitles(name: string): string {
  const toks = name.trim().split(/\s+/);
  while (toks.length > 1 && NAME_STOP.has(toks[0].toLowerCase().replace(/\.$/, ""))) toks.shift();
  return toks.join(" ");
}
