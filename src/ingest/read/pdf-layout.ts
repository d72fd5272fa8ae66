import type { Line } from "./page.js";

/**
 * Rebuilds reading-order lines from positioned PDF text runs: baselines, word spaces,
 * two-column regions and table rows. Pure geometry, so it is tested without a PDF engine.
 *
 * Coordinates are in the run's own reading frame: `x` grows along the text, `y` grows
 * down the page (the baseline), both in PDF points.
 */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  /** Advance along the baseline. */
  w: number;
  size: number;
  bold: boolean;
  /** The text layer printed a space right after this run (a word break however narrow its gap). */
  space?: boolean;
}

interface Baseline {
  y: number;
  size: number;
  runs: TextRun[];
  x0: number;
  x1: number;
}

interface Track {
  lo: number;
  hi: number;
  first: number;
  last: number;
  twoSided: number[];
}

/** Narrower gaps than this never separate columns or cells. */
const MIN_GUTTER = 4;
const MAX_DEPTH = 3;

/** Groups runs that share a baseline, ordered top to bottom and left to right. */
function toBaselines(runs: TextRun[]): Baseline[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Baseline[] = [];
  let cur: Baseline | null = null;
  for (const r of sorted) {
    // Superscripts and mixed sizes sit off the baseline, so the tolerance follows the larger font.
    const big = Math.max(cur?.size ?? 0, r.size);
    const mixed = cur !== null && Math.min(cur.size, r.size) < 0.8 * big;
    if (cur && Math.abs(r.y - cur.y) <= (mixed ? 0.6 : 0.4) * big) {
      cur.runs.push(r);
      if (r.size > cur.size) {
        cur.size = r.size;
        cur.y = r.y;
      }
    } else {
      cur = { y: r.y, size: r.size, runs: [r], x0: 0, x1: 0 };
      lines.push(cur);
    }
  }
  for (const l of lines) {
    l.runs.sort((a, b) => a.x - b.x);
    l.runs = dropOverprint(l.runs);
    l.x0 = l.runs[0]!.x;
    l.x1 = Math.max(...l.runs.map((r) => r.x + r.w));
  }
  return lines;
}

/** Fake bold is the same string painted twice a fraction of a point apart: keep one, bold. */
function dropOverprint(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev && prev.text === r.text && Math.abs(prev.x - r.x) < 0.2 * r.size && Math.abs(prev.y - r.y) < 0.2 * r.size) {
      prev.bold = true;
      continue;
    }
    out.push({ ...r });
  }
  return out;
}

/**
 * Joins runs left to right, adding a space where the gap is wider than kerning, or where the
 * text layer printed one: condensed or tightly justified text (Word's Calibri at tight spacing)
 * sets word spaces narrower than some kerning, and only the space character tells them apart.
 */
export function joinRuns(runs: TextRun[]): string {
  let out = "";
  let prevEnd = -Infinity;
  let spaced = false;
  for (const r of runs) {
    const gap = r.x - prevEnd;
    if (out && !/\s$/.test(out) && !/^\s/.test(r.text) && (gap > 0.15 * r.size || (spaced && gap > -0.15 * r.size))) out += " ";
    out += r.text;
    if (r.x + r.w >= prevEnd) spaced = r.space === true;
    prevEnd = Math.max(prevEnd, r.x + r.w);
  }
  return out.replace(/\s+/g, " ").trim();
}

function isBold(runs: TextRun[]): boolean {
  let bold = 0;
  let all = 0;
  for (const r of runs) {
    const n = r.text.trim().length;
    all += n;
    if (r.bold) bold += n;
  }
  return all > 0 && bold * 2 > all;
}

function toLine(runs: TextRun[], y: number): Line {
  const x0 = Math.min(...runs.map((r) => r.x));
  const x1 = Math.max(...runs.map((r) => r.x + r.w));
  const sizes = new Map<number, number>();
  for (const r of runs) sizes.set(round1(r.size), (sizes.get(round1(r.size)) ?? 0) + r.text.length);
  const fontSize = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const line: Line = { text: joinRuns(runs), x: round1(x0), y: round1(y), width: round1(x1 - x0), fontSize };
  if (isBold(runs)) line.bold = true;
  return line;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Gaps between a baseline's runs, as [lo, hi] intervals; the outer ones are open-ended. */
function freeIntervals(l: Baseline): { lo: number; hi: number; inner: boolean }[] {
  const out = [{ lo: -Infinity, hi: l.x0, inner: false }];
  let end = -Infinity;
  for (const r of l.runs) {
    // A word space is about a quarter of an em; a gutter is wider.
    if (end > -Infinity && r.x - end >= Math.max(MIN_GUTTER, 0.45 * l.size)) out.push({ lo: end, hi: r.x, inner: true });
    end = Math.max(end, r.x + r.w);
  }
  out.push({ lo: l.x1, hi: Infinity, inner: false });
  return out;
}

/**
 * Follows vertical white-space channels down the page. A channel that has text on both
 * sides on several baselines is a column gutter or a table column boundary.
 */
function findTracks(lines: Baseline[]): Track[] {
  const done: Track[] = [];
  let active: Track[] = [];
  lines.forEach((line, i) => {
    const free = freeIntervals(line);
    const next: Track[] = [];
    for (const t of active) {
      let best: { lo: number; hi: number; inner: boolean } | null = null;
      let bestW = 0;
      for (const f of free) {
        const w = Math.min(t.hi, f.hi) - Math.max(t.lo, f.lo);
        if (w > bestW) {
          bestW = w;
          best = f;
        }
      }
      if (!best || bestW < MIN_GUTTER * 0.75) {
        done.push(t);
        continue;
      }
      t.lo = Math.max(t.lo, best.lo);
      t.hi = Math.min(t.hi, best.hi);
      t.last = i;
      if (best.inner) t.twoSided.push(i);
      const same = next.find((o) => o.lo === t.lo && o.hi === t.hi);
      if (same) merge(same, t);
      else next.push(t);
    }
    // Every gap may open a channel, even inside one that is running: a narrow channel
    // (a word gap in a title) must not hide the wide gutter that starts beneath it.
    for (const f of free) {
      if (!f.inner || next.some((t) => t.lo < f.hi && f.lo < t.hi && t.hi - t.lo >= 0.5 * (f.hi - f.lo))) continue;
      next.push({ lo: f.lo, hi: f.hi, first: i, last: i, twoSided: [i] });
    }
    active = next;
  });
  done.push(...active);
  return done.filter((t) => {
    const n = t.twoSided.length;
    return (n >= 3 || (n >= 2 && t.hi - t.lo >= 12)) && !isRiver(t, lines);
  });
}

/**
 * Justified prose opens wide, briefly aligned gaps ("rivers") inside a paragraph: a short
 * channel whose neighbouring lines, set at normal spacing, run straight across it.
 */
function isRiver(t: Track, lines: Baseline[]): boolean {
  if (t.twoSided.length > 4) return false;
  const a = t.twoSided[0]!;
  const b = t.twoSided[t.twoSided.length - 1]!;
  const crosses = (i: number, j: number) => {
    const l = lines[i];
    const near = lines[j];
    if (!l || !near) return false;
    const tight = Math.abs(l.y - near.y) <= 1.5 * Math.max(l.size, near.size);
    return tight && l.x0 < t.lo && l.x1 > t.hi && !freeIntervals(l).some((f) => f.inner && f.lo <= t.lo + 1 && f.hi >= t.hi - 1);
  };
  return crosses(a - 1, a) && crosses(b + 1, b);
}

function merge(into: Track, from: Track): void {
  into.first = Math.min(into.first, from.first);
  into.twoSided = [...new Set([...into.twoSided, ...from.twoSided])].sort((a, b) => a - b);
}

/** Text reaches the gutter on a line and carries on below: evidence of wrapped prose. */
function wrapCount(pieces: (TextRun[] | null)[], edge: number, width: number): number {
  let n = 0;
  for (let i = 0; i + 1 < pieces.length; i++) {
    const p = pieces[i];
    if (!p?.length || !pieces[i + 1]?.length) continue;
    const end = Math.max(...p.map((r) => r.x + r.w));
    if (end >= edge - 0.15 * width) n++;
  }
  return n;
}

function splitAt(runs: TextRun[], cut: number): [TextRun[], TextRun[]] {
  const left: TextRun[] = [];
  const right: TextRun[] = [];
  for (const r of runs) (r.x + r.w / 2 < cut ? left : right).push(r);
  return [left, right];
}

/** A gutter that splits a wide region into two prose columns, or null. */
function columnGutter(lines: Baseline[], tracks: Track[]): { track: Track; from: number; to: number } | null {
  const L = Math.min(...lines.map((l) => l.x0));
  const R = Math.max(...lines.map((l) => l.x1));
  const span = R - L;
  for (const t of [...tracks].sort((a, b) => b.twoSided.length - a.twoSided.length)) {
    if (t.twoSided.length < 3) continue;
    const from = t.twoSided[0]!;
    // After the last two-sided line the longer column runs on, but only while lines follow closely.
    let to = t.twoSided[t.twoSided.length - 1]!;
    while (to < t.last && lines[to + 1]!.y - lines[to]!.y <= 1.5 * Math.max(lines[to]!.size, lines[to + 1]!.size)) to++;
    // Three or more channels through the same rows make a table, not prose columns.
    const inRegion = (u: Track) => u.twoSided.filter((i) => i >= from && i <= to).length;
    const others = tracks.filter((u) => (u.hi <= t.lo || u.lo >= t.hi) && inRegion(u) >= 3);
    if (others.length >= 2) continue;
    // A channel through most rows of the left side makes it two columns itself: a three-column
    // table (Item | Who | What), not a prose column beside another.
    if (others.some((u) => u.hi <= t.lo && inRegion(u) * 2 >= to - from + 1)) continue;
    const region = lines.slice(from, to + 1);
    const rightEdge = Math.max(...region.map((l) => l.x1));
    if (t.lo - L < 0.3 * span || rightEdge - t.hi < 0.3 * span) continue;
    const cut = (t.lo + t.hi) / 2;
    const sides = region.map((l) => splitAt(l.runs, cut));
    const wraps =
      wrapCount(
        sides.map((s) => s[0]),
        t.lo,
        t.lo - L,
      ) +
      wrapCount(
        sides.map((s) => s[1]),
        rightEdge,
        rightEdge - t.hi,
      );
    if (wraps >= 2) return { track: t, from, to };
  }
  return null;
}

/**
 * Reading-order lines for one page (or one column of it). Two-column regions read left
 * column then right; rows of aligned cells set `cells`, and where a table has three or
 * more columns, a wrapped cell's next line is folded back into its row.
 */
export function layoutRuns(runs: TextRun[], depth = 0): Line[] {
  const clean = runs.filter((r) => r.text.trim() !== "");
  if (!clean.length) return [];
  const lines = toBaselines(clean);
  const tracks = depth < MAX_DEPTH ? findTracks(lines) : [];
  const cols = tracks.length ? columnGutter(lines, tracks) : null;
  if (cols) {
    const cut = (cols.track.lo + cols.track.hi) / 2;
    const before = lines.slice(0, cols.from).flatMap((l) => l.runs);
    const region = lines.slice(cols.from, cols.to + 1).flatMap((l) => l.runs);
    const after = lines.slice(cols.to + 1).flatMap((l) => l.runs);
    const [left, right] = splitAt(region, cut);
    return [
      ...layoutRuns(before, depth + 1),
      ...layoutRuns(left, depth + 1),
      ...layoutRuns(right, depth + 1),
      ...layoutRuns(after, depth + 1),
    ];
  }
  return tableLines(lines, tracks);
}

function tableLines(lines: Baseline[], tracks: Track[]): Line[] {
  const out: Line[] = [];
  let prevRow: { line: Line; cells: string[][]; parts: string[][]; y: number; size: number; bands: number } | null = null;
  lines.forEach((l, i) => {
    const cuts = tracks
      .filter((t) => t.twoSided[0]! <= i && i <= t.last)
      .map((t) => (t.lo + t.hi) / 2)
      .sort((a, b) => a - b)
      .filter((c, k, all) => k === 0 || c - all[k - 1]! > 2 * MIN_GUTTER);
    if (!cuts.length) {
      out.push(toLine(l.runs, l.y));
      prevRow = null;
      return;
    }
    const bands: TextRun[][] = cuts.map(() => []);
    bands.push([]);
    for (const r of l.runs) {
      const mid = r.x + r.w / 2;
      let b = cuts.findIndex((c) => mid < c);
      if (b < 0) b = cuts.length;
      bands[b]!.push(r);
    }
    const texts = bands.map(joinRuns);
    const filled = texts.filter((t) => t !== "").length;
    const continues =
      prevRow !== null &&
      prevRow.bands === bands.length &&
      bands.length >= 3 &&
      texts[0] === "" &&
      l.y - prevRow.y <= 1.35 * Math.max(l.size, prevRow.size);
    if (continues && prevRow) {
      const row = prevRow;
      texts.forEach((t, b) => t && row.cells[b]!.push(t));
      row.parts.push(texts);
      const cells = row.cells.map(joinWrapped);
      row.line.cells = cells;
      row.line.parts = row.parts;
      row.line.text = cells.join("\t");
      row.y = l.y;
      return;
    }
    if (filled < 2) {
      out.push(toLine(l.runs, l.y));
      prevRow = null;
      return;
    }
    const line = toLine(l.runs, l.y);
    line.cells = texts;
    line.text = texts.join("\t");
    out.push(line);
    prevRow = { line, cells: texts.map((t) => (t ? [t] : [])), parts: [texts], y: l.y, size: l.size, bands: bands.length };
  });
  return out;
}

/** Joins a wrapped cell's lines; a token broken at "." or "@" (e-mail, URL) joins without a space. */
function joinWrapped(parts: string[]): string {
  return parts.reduce((acc, p) => (!acc ? p : /[@/]$/.test(acc) || /^[.@]/.test(p) ? acc + p : `${acc} ${p}`), "");
}
