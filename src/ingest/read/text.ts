import type { Line, Page, PageSet } from "./page.js";

/**
 * Reads packs that reached us as text: plain text, or Markdown/HTML converted from PDF
 * (pipe and tab tables, stray `<p>`/`<u>`/`<li>` tags, `**` emphasis). Converted text
 * rarely keeps form feeds, so page breaks are also inferred from the furniture PDF packs
 * carry: "Page N" footers, "This page is intentionally left blank", "Document is
 * Restricted" and ModernGov's "Agenda Item N" stamp at the top of each item's papers.
 *
 * Line.text is the cleaned text (no markup); table rows keep their cells joined by tabs
 * and also set Line.cells, so extractors and provenance spans agree on one string.
 */

const BLANK_RE = /^this page (?:is |has been )?(?:intentionally|deliberately) (?:been )?left blank\.?$/i;
const RESTRICTED_RE = /^document is (?:restricted|confidential)\.?$/i;
const PAGE_FOOTER_RE = /^(?:-\s*)?page\s*\|?\s*(\d{1,4})(?:\s*of\s*\d{1,4})?(?:\s*-)?$/i;
const AGENDA_STAMP_RE = /^agenda item(?:\s+\d{1,3}[a-z]?(?:\.\d+)?)?\.?$/i;
const PAGE_BREAK_COMMENT_RE = /^<!--\s*(?:page\s*break|pagebreak|page\s*\d*)\s*-->$/i;
const HTML_PAGE_BREAK_RE = /^<(?:div|hr)[^>]*page-break[^>]*>(?:<\/div>)?$/i;

const ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  "#39": "'",
  ndash: "–",
  mdash: "—",
  rsquo: "\u2019",
  lsquo: "\u2018",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#?\w+);/g, (m, name: string) => {
    if (name in ENTITIES) return ENTITIES[name]!;
    if (/^#\d+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)));
    return m;
  });
}

const INLINE_MARKUP = /[<&*_[]/;
const SPACES_RE = /[ \u00a0\u2002-\u200b]+/g;

/** Inline cleaning for one line or cell: tags, emphasis markers and entities go, spaces collapse. */
export function cleanInline(s: string): string {
  // Tags, emphasis, links and entities all need one of these characters; most lines have none.
  if (!INLINE_MARKUP.test(s)) return s.replace(SPACES_RE, " ").trim();
  return decodeEntities(
    s
      .replace(/<\/?(?:p|br|li|ul|ol|div|tr|td|th|h\d)\b[^<>]*>/gi, " ")
      .replace(/<[a-z/!][^<>]*>/gi, "")
      .replace(/\*\*|__/g, "")
      .replace(/(^|\s)\*(\S[^*]*\S|\S)\*(?=\s|$|[.,;:])/g, "$1$2")
      .replace(/\[([^[\]]*)\]\([^()]*\)/g, "$1"),
  )
    .replace(SPACES_RE, " ")
    .trim();
}

/** Drops markdown heading and list-bullet syntax that only marks structure. */
function stripLeadMarkup(s: string): string {
  return s.replace(/^#{1,6}\s+/, "").replace(/^>\s+/, "");
}

interface RawRow {
  text: string;
  raw?: string;
  cells?: string[];
  bold: boolean;
}

const isSeparatorRow = (cells: string[]) =>
  cells.length > 0 && cells.every((c) => /^[\s:\-–—=]*$/.test(c)) && cells.some((c) => /-/.test(c));

function splitPipes(row: string): string[] {
  let t = row.trim();
  if (t.startsWith("|")) t = t.slice(1);
  if (t.endsWith("|")) t = t.slice(0, -1);
  return t.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, "|"));
}

/** True when the raw line is wholly wrapped in bold markup (`**…**`, `<b>…</b>`). */
function wholeBold(raw: string): boolean {
  const t = raw.trim();
  if (!t) return false;
  if (/^(?:<b>|<strong>)[\s\S]*(?:<\/b>|<\/strong>)$/i.test(t)) return true;
  const parts = t.split("**");
  if (parts.length < 3 || parts.length % 2 === 0) return false;
  // Outside-bold parts (even indices) may hold only spaces.
  return parts.every((p, i) => i % 2 === 1 || p.trim() === "");
}

/**
 * Joins pipe-table rows that the converter wrapped across lines ("| 4 | Minutes held on 8"
 * / "March 2023 | (Pages 9 - 12) |"), and `- | | |` bullet artefacts.
 */
function logicalLines(rawLines: string[]): string[] {
  const out: string[] = [];
  let pending: string | null = null;
  for (const line0 of rawLines) {
    const line = line0.replace(/^\s*[-*]\s+(?=\|)/, "");
    if (pending !== null) {
      const t = line.trim();
      if (t.startsWith("|") && pending.trim().endsWith("|")) {
        out.push(pending);
        pending = null;
      } else {
        pending += " " + t;
        if (t.endsWith("|") || t === "") {
          out.push(pending);
          pending = null;
        }
        continue;
      }
    }
    const t = line.trim();
    if (t.startsWith("|") && !t.endsWith("|") && t.length > 1) {
      pending = line;
      continue;
    }
    out.push(line);
  }
  if (pending !== null) out.push(pending);
  return out;
}

function toRow(raw: string): RawRow | null {
  const t = raw.replace(/\r/g, "");
  const trimmed = t.trim();
  if (trimmed.startsWith("|") && trimmed.length > 1 && trimmed.indexOf("|", 1) > 0) {
    const cells = splitPipes(trimmed).map(cleanInline);
    if (isSeparatorRow(cells)) return null;
    if (cells.every((c) => c === "")) return { text: "", bold: false };
    return { text: cells.join("\t"), cells, bold: false };
  }
  if (t.includes("\t")) {
    const cells = t.split("\t").map(cleanInline);
    if (isSeparatorRow(cells)) return null;
    const filled = cells.filter((c) => c !== "");
    if (filled.length <= 1) return { text: filled[0] ?? "", bold: wholeBold(t) };
    return { text: cells.join("\t"), cells, bold: false };
  }
  const text = stripLeadMarkup(cleanInline(t));
  const row: RawRow = { text, bold: wholeBold(stripLeadMarkup(trimmed)) };
  if (/\*\*|<b>|<strong>/i.test(t)) row.raw = trimmed;
  return row;
}

type Break = "before" | "after" | "both" | null;

function breakKind(text: string, next: string | undefined): { brk: Break; marker: Page["marker"]; printed: number | null } {
  const t = text.trim();
  if (BLANK_RE.test(t)) return { brk: "both", marker: "blank", printed: null };
  if (RESTRICTED_RE.test(t)) return { brk: "both", marker: "restricted", printed: null };
  const footer = PAGE_FOOTER_RE.exec(t);
  if (footer) return { brk: "after", marker: null, printed: Number(footer[1]) };
  // "Agenda Item" over "Page" is a front sheet's column header, not a stamp.
  if (AGENDA_STAMP_RE.test(t) && !/^pages?\b/i.test(next ?? "")) return { brk: "before", marker: null, printed: null };
  return { brk: null, marker: null, printed: null };
}

/** Reads converted or plain text into pages. `source` is the pack's file name. */
export function readText(source: string, text: string): PageSet {
  const kind: PageSet["kind"] = /\*\*|^[ \t]*\|.*\|[ \t]*$|<\/?(?:p|u|b|li|br|sup)\b|^#{1,6}\s/m.test(text) ? "markdown" : "text";
  const pages: Page[] = [];
  let cur: { lines: Line[]; printed: number | null; marker: Page["marker"] } = { lines: [], printed: null, marker: null };

  const flush = () => {
    while (cur.lines.length && cur.lines[cur.lines.length - 1]!.text === "") cur.lines.pop();
    while (cur.lines.length && cur.lines[0]!.text === "") cur.lines.shift();
    if (cur.lines.length || cur.marker) {
      pages.push({ index: pages.length + 1, printed: cur.printed, lines: cur.lines, marker: cur.marker });
    }
    cur = { lines: [], printed: null, marker: null };
  };

  const hardPages = text.replace(/\r\n?/g, "\n").split(/\f/);
  hardPages.forEach((chunk, ci) => {
    if (ci > 0) flush();
    const rawLines = chunk.split("\n").flatMap((l) => {
      const lt = l.trim();
      if (PAGE_BREAK_COMMENT_RE.test(lt) || HTML_PAGE_BREAK_RE.test(lt)) return ["\f"];
      return [l];
    });
    const rows: (RawRow | "break")[] = [];
    for (const l of logicalLines(rawLines)) {
      if (l === "\f") {
        rows.push("break");
        continue;
      }
      const row = toRow(l);
      if (row) rows.push(row);
    }
    // Filled from the end: scanning forward from every row is quadratic on long runs of empty rows.
    const nextTexts: (string | undefined)[] = new Array(rows.length);
    for (let j = rows.length - 1, after: string | undefined; j >= 0; j--) {
      nextTexts[j] = after;
      const r = rows[j]!;
      after = r === "break" ? undefined : r.text.trim() || after;
    }
    const nextText = (i: number) => nextTexts[i];
    rows.forEach((row, i) => {
      if (row === "break") {
        flush();
        return;
      }
      const { brk, marker, printed } = breakKind(row.text, nextText(i));
      if (brk === "before" || brk === "both") {
        if (cur.lines.some((l) => l.text.trim() !== "")) flush();
      }
      const line: Line = { text: row.text };
      if (row.cells) line.cells = row.cells;
      if (row.bold) line.bold = true;
      if (row.raw) line.raw = row.raw;
      if (line.text !== "" || cur.lines.length > 0) cur.lines.push(line);
      if (marker) cur.marker = marker;
      if (printed !== null) cur.printed = printed;
      if (brk === "after" || brk === "both") flush();
    });
  });
  flush();
  inferPrinted(pages);
  return { source, kind, pages };
}

/** Fills printed numbers between two footers that count up by one page each. */
function inferPrinted(pages: Page[]): void {
  for (let i = 0; i < pages.length; i++) {
    if (pages[i]!.printed !== null) continue;
    const prev = pages[i - 1]?.printed;
    if (prev !== null && prev !== undefined) {
      const next = pages.slice(i + 1).findIndex((p) => p.printed !== null);
      if (next >= 0 && pages[i + 1 + next]!.printed === prev + next + 2) pages[i]!.printed = prev + 1;
    }
  }
}
