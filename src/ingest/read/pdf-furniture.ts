import type { Line, Page } from "./page.js";

/**
 * Page furniture in PDF packs: running headers and footers (the same text at the same
 * place on many pages), printed page numbers ("7", "- 7 -", "Page 7", "Page 7 of 54",
 * "Page | 7"), and placeholder pages ("Document is Restricted", "This page is
 * intentionally left blank").
 */
export interface LaidOutPage {
  index: number;
  height: number;
  lines: Line[];
  /** Text running across the page (margin stamps): page-number candidates wherever they sit. */
  rotated: Line[];
}

/** Share of the page height, from the top or the bottom, where headers and footers live. */
const EDGE = 0.14;
const MIN_REPEATS = 3;

const PAGE_STRONG = /page\s*[|:]?\s*(\d{1,4})(?:\s*(?:of|\/)\s*\d{1,4})?\.?$/i;
/** The whole line is the stamp, so it can go; otherwise only the number is taken. */
const PAGE_ONLY = /^[-–—]?\s*page\s*[|:]?\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?\.?\s*[-–—]?$/i;
const PAGE_LONE = /^[-–—(]?\s*(\d{1,4})\s*[-–—)]?$/;
const BLANK = /\b(?:intentionally|deliberately)\s+(?:been\s+)?left\s+blank\b/i;
const RESTRICTED = /\bdocument\s+is\s+(?:restricted|confidential)\b/i;

type Zone = "top" | "bottom" | "margin";

interface Candidate {
  line: Line;
  zone: Zone;
}

function zoneOf(line: Line, height: number): Zone | null {
  if (line.y === undefined) return null;
  if (line.y <= height * EDGE) return "top";
  if (line.y >= height * (1 - EDGE)) return "bottom";
  return null;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

/** Where a line sits, coarse enough to survive small shifts between pages. */
function positionKey(line: Line, zone: Zone, height: number): string {
  const fromEdge = zone === "bottom" ? height - (line.y ?? 0) : (line.y ?? 0);
  return `${zone}:${Math.round(fromEdge / 6)}`;
}

function repeatKey(line: Line, zone: Zone, height: number): string {
  // Footers that carry the page number differ only in their digits.
  const text = PAGE_STRONG.test(line.text) ? norm(line.text).replace(/\d+/g, "#") : norm(line.text);
  return `${positionKey(line, zone, height)}|${text}`;
}

function pageNumberOf(text: string): { n: number; strong: boolean } | null {
  const t = text.trim();
  const strong = PAGE_STRONG.exec(t);
  if (strong) return { n: Number(strong[1]), strong: true };
  const lone = PAGE_LONE.exec(t);
  if (lone) return { n: Number(lone[1]), strong: false };
  return null;
}

/** Turns laid-out pages into Pages: furniture moved aside, printed numbers and markers set. */
export function finishPages(laid: LaidOutPage[]): Page[] {
  const candidates = laid.map((p) => {
    const c: Candidate[] = [];
    for (const line of p.lines) {
      const zone = zoneOf(line, p.height);
      if (zone) c.push({ line, zone });
    }
    for (const line of p.rotated) c.push({ line, zone: "margin" });
    return c;
  });

  const pagesPerKey = new Map<string, Set<number>>();
  laid.forEach((p, i) => {
    for (const c of candidates[i]!) {
      const key = repeatKey(c.line, c.zone, p.height);
      let set = pagesPerKey.get(key);
      if (!set) pagesPerKey.set(key, (set = new Set()));
      set.add(i);
    }
  });

  const printed = choosePrinted(candidates);
  return laid.map((p, i) => {
    const furniture = new Set<Line>();
    for (const c of candidates[i]!) {
      if ((pagesPerKey.get(repeatKey(c.line, c.zone, p.height))?.size ?? 0) >= MIN_REPEATS) furniture.add(c.line);
    }
    const pn = printed[i];
    if (pn && (!pn.strong || PAGE_ONLY.test(pn.line.text.trim()))) furniture.add(pn.line);
    // Placeholder notices repeat at the same spot on many pages, but they are the page's content.
    for (const l of furniture) if (BLANK.test(l.text) || RESTRICTED.test(l.text)) furniture.delete(l);
    const lines = [...p.lines, ...p.rotated].filter((l) => !furniture.has(l));
    const page: Page = {
      index: p.index,
      printed: pn ? pn.n : null,
      lines,
      marker: markerOf(lines),
    };
    if (furniture.size) page.furniture = [...p.lines, ...p.rotated].filter((l) => furniture.has(l));
    return page;
  });
}

/**
 * Picks each page's printed number. "Page N" is trusted; a lone number in a header or
 * footer only when a neighbouring page's number agrees with it (a lone "12" may be a
 * paragraph number or a year fragment).
 */
function choosePrinted(candidates: Candidate[][]): ({ n: number; line: Line; strong: boolean } | null)[] {
  const parsed = candidates.map((cs) =>
    cs.flatMap((c) => {
      const pn = pageNumberOf(c.line.text);
      return pn ? [{ ...pn, line: c.line, zone: c.zone }] : [];
    }),
  );
  return parsed.map((cs, i) => {
    const strong = cs.find((c) => c.strong);
    if (strong) return { n: strong.n, line: strong.line, strong: true };
    const agrees = (n: number) =>
      parsed[i - 1]?.some((o) => o.n === n - 1) || parsed[i + 1]?.some((o) => o.n === n + 1) || (parsed.length === 1 && n <= 99);
    const weak = cs.filter((c) => agrees(c.n)).sort((a, b) => (a.zone === "bottom" ? -1 : 0) - (b.zone === "bottom" ? -1 : 0));
    return weak[0] ? { n: weak[0].n, line: weak[0].line, strong: false } : null;
  });
}

function markerOf(lines: Line[]): Page["marker"] {
  const text = lines.map((l) => l.text).join(" ");
  if (text.length < 400 && RESTRICTED.test(text)) return "restricted";
  if (text.length < 200 && BLANK.test(text)) return "blank";
  return null;
}
