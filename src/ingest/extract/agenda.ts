import type { FlatLine } from "../segment/lines.js";
import { cleanInline } from "../read/text.js";

/**
 * Agenda items from a front sheet: numbered lines or table rows, printed page ranges
 * ("(Pages 7 - 8)", "(Pages 1 11)" with the dash lost, a bare page number beside the
 * title) and exempt marks (items under a Part 2 / exempt heading or citing Schedule 12A).
 */
export interface AgendaHit {
  number: string;
  title: string;
  pages: [number, number] | null;
  exempt: boolean;
  line: FlatLine;
}

const PAGES_RE = /\(?\bpages?\s*(\d{1,4})(?:\s*(?:-|–|—|to|\s)\s*(\d{1,4}))?\s*\)?/i;
const EXEMPT_HEADING_RE =
  /^(?:part\s*(?:2|ii|b|two)\b|exempt\b|restricted items|confidential\b|private (?:business|session)|items? (?:likely to be )?(?:considered|taken) in private|exclusion of (?:the )?(?:press|public))/i;
const OPEN_HEADING_RE = /^(?:part\s*(?:1|i|a|one)\b|unrestricted\b|open (?:items|business)|public items)/i;
const EXEMPT_IN_ITEM_RE =
  /\b(?:schedule 12a|exempt information|paragraphs? \d+ of (?:part 1 of )?schedule|\(exempt\)|not for publication)\b/i;
const DESCRIPTION_RE =
  /^(?:to (?:receive|consider|note|approve|confirm|agree|endorse|determine|elect|appoint|discuss|review|update)|members (?:are|will)|councillors will|the (?:committee|panel|board) (?:is|will))\b/i;

function pagesOf(text: string): { pages: [number, number]; rest: string } | null {
  const m = PAGES_RE.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (b < a || b - a > 600) return null;
  return { pages: [a, b], rest: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/\s+/g, " ").trim() };
}

interface Chunk {
  number: string;
  raw: string;
  line: FlatLine;
  exempt: boolean;
  lines: FlatLine[];
}

const numValue = (n: string) => parseInt(n, 10);

/**
 * Title from an item chunk: a bold run, else the first paragraph's lines up to its page
 * reference or description ("To receive…"); a title wraps only when its line is long.
 */
function titleOf(raw: string): { title: string; trailing: string } {
  const bold = /^\s*\*\*(.+?)\*\*/.exec(raw);
  if (bold) return { title: cleanInline(bold[1]!), trailing: raw.slice(bold[0].length) };
  const lines = raw.replace(/^\s*\n/, "").split("\n");
  const first = lines[0] ?? "";
  const para: string[] = [];
  for (const l of lines) {
    if (!l.trim() || (para.length && DESCRIPTION_RE.test(cleanInline(l)))) break;
    para.push(l.trim());
  }
  const joined = cleanInline(para.join(" "));
  const ref = PAGES_RE.exec(joined);
  if (ref && ref.index > 0) {
    const title = joined.slice(0, ref.index).trim();
    const used = para.length;
    return { title, trailing: joined.slice(ref.index) + "\n" + lines.slice(used).join("\n") };
  }
  let title = cleanInline(first);
  let used = 1;
  // "… on the following matters:" leads in to a list: the title ends at its colon.
  while (
    used < para.length &&
    cleanInline(para[used - 1]!).length >= 60 &&
    !/:$/.test(cleanInline(para[used - 1]!)) &&
    !PAGES_RE.test(para[used]!)
  ) {
    title += " " + cleanInline(para[used]!);
    used++;
  }
  return { title, trailing: lines.slice(used).join("\n") };
}

export function extractAgenda(lines: FlatLine[]): AgendaHit[] {
  const chunks: Chunk[] = [];
  let exempt = false;
  let expected = 1;
  const table = lines.filter((l) => l.cells?.slice(0, 2).some((c) => /^\d{1,2}[a-z]?\.?$/.test(c.trim()))).length >= 2;
  // Genre pattern: where the items are rows of a table (ModernGov's "6. | Chair's Announcements"),
  // a numbered note in an item's text ("5. Please note:") never stands for the row of that number.
  const rowNumbers = new Set(
    table
      ? lines.flatMap((l) => {
          const c = l.cells?.slice(0, 2).find((x) => /^\d{1,2}[a-z]?\.?$/.test(x.trim()));
          return c ? [c.trim().replace(/\.$/, "")] : [];
        })
      : [],
  );
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (!l.text) {
      if (chunks.length) chunks[chunks.length - 1]!.raw += "\n";
      continue;
    }
    if (EXEMPT_HEADING_RE.test(l.text) && l.text.length < 120) {
      exempt = true;
      continue;
    }
    if (OPEN_HEADING_RE.test(l.text) && l.text.length < 80) {
      exempt = false;
      continue;
    }
    if (table && l.cells) {
      // The number sits in the first cell, or the second when a margin column comes first.
      const lead = l.cells[0]!.trim() === "" && /^\d{1,2}[a-z]?\.?$/.test((l.cells[1] ?? "").trim()) ? 1 : 0;
      const first = l.cells[lead]!.trim().replace(/\.$/, "");
      const rest = l.cells
        .slice(lead + 1)
        .map((c) => c.trim())
        .filter(Boolean);
      if (/^\d{1,2}[a-z]?$/.test(first) && numValue(first) >= expected && numValue(first) <= expected + 3 && rest.length) {
        // A bare "5 - 9" or "12" cell after the title is the Page column.
        const cells = rest.map((c, ci) => (ci > 0 && /^\d{1,4}(?:\s*[-–]\s*\d{1,4})?$/.test(c) ? `(Pages ${c})` : c));
        chunks.push({ number: first, raw: cells.join("\n"), line: l, exempt, lines: [l] });
        expected = numValue(first) + 1;
        continue;
      }
      if (first === "" && chunks.length) {
        const last = chunks[chunks.length - 1]!;
        last.raw += "\n" + rest.join("\n");
        last.lines.push(l);
        continue;
      }
    }
    // A line may hold several items when the converter ran a column together.
    const raw = l.raw.replace(/\t/g, " ");
    const positions: { at: number; number: string; len: number }[] = [];
    const re = /(^|\s)(\d{1,2})[.)]\s+(?=\S)/g;
    let exp = expected;
    for (const m of raw.matchAll(re)) {
      const n = Number(m[2]);
      const at = m.index! + m[1]!.length;
      const atStart = raw.slice(0, at).replace(/[*\s]/g, "") === "";
      // Genre pattern: items printed out of order ("9. FINANCE" before "8. STANDING ITEMS"). A
      // number already passed still starts an item when it is new and heads a capitals heading.
      const late =
        atStart &&
        chunks.length > 0 &&
        n < exp &&
        !chunks.some((c) => numValue(c.number) === n) &&
        capsHeading(raw.slice(at + m[0].length - m[1]!.length));
      if (!l.cells && rowNumbers.has(m[2]!)) continue;
      if (late || (atStart ? n >= exp && n <= exp + 3 : n === exp)) {
        positions.push({ at, number: m[2]!, len: m[0].length - m[1]!.length });
        exp = Math.max(exp, n + 1);
      }
    }
    const lone = /^\s*(\d{1,2})[.)]?\s*$/.exec(raw);
    const after = lines.slice(k + 1, k + 4).find((x) => x.text);
    if (
      lone &&
      !rowNumbers.has(lone[1]!) &&
      Number(lone[1]) === (chunks.length === 0 ? 1 : expected) &&
      /^[A-Z*"'‘“]/.test(after?.raw ?? "") &&
      !DESCRIPTION_RE.test(after?.text ?? "")
    ) {
      chunks.push({ number: lone[1]!, raw: "", line: l, exempt, lines: [l] });
      expected = Number(lone[1]) + 1;
      continue;
    }
    // A supplementary agenda starts where it starts ("3 Flood Plan (Pages 1 - 18)"); the page
    // reference vouches for an item whose number has no full stop.
    const paged = /^\s*(\d{1,2}[a-z]?)[.)]?\s+([A-Z][^(]*\(pages?\s*\d[^)]*\))\s*$/i.exec(raw);
    if (
      paged &&
      !rowNumbers.has(paged[1]!) &&
      (chunks.length === 0 || (!positions.length && numValue(paged[1]!) >= expected && numValue(paged[1]!) <= expected + 3))
    ) {
      chunks.push({ number: paged[1]!, raw: paged[2]!, line: l, exempt, lines: [l] });
      expected = numValue(paged[1]!) + 1;
      continue;
    }
    if (!positions.length || (chunks.length === 0 && positions[0]!.number !== "1")) {
      if (chunks.length) {
        chunks[chunks.length - 1]!.raw += "\n" + raw;
        chunks[chunks.length - 1]!.lines.push(l);
      }
      continue;
    }
    if (positions[0]!.at > 0 && chunks.length) chunks[chunks.length - 1]!.raw += "\n" + raw.slice(0, positions[0]!.at);
    positions.forEach((p, idx) => {
      const end = idx + 1 < positions.length ? positions[idx + 1]!.at : raw.length;
      chunks.push({ number: p.number, raw: raw.slice(p.at + p.len, end), line: l, exempt, lines: [l] });
    });
    expected = exp;
  }
  const items = chunksToItems(chunks);
  if (items.length >= 3) return items;
  const bare = chunksToItems(bareNumbered(lines));
  return bare.length > items.length ? bare : items;
}

/**
 * Genre patterns the numbered-list pass misses: items numbered with no full stop or bracket
 * ("1 Minutes", "7Planning - …"), and a summons whose items continue the council's running
 * numbers ("2503. Apologies", "2504. Minutes"). The numbering is inferred from the sequence:
 * the longest run of lines whose leading numbers climb by one or two, each starting a heading,
 * at least three long.
 */
function bareNumbered(lines: FlatLine[]): Chunk[] {
  const cands: { k: number; number: string; value: number; title: string }[] = [];
  lines.forEach((l, k) => {
    const m = /^\s*(\d{1,4}[a-z]?)(?:[.):]\s*|\s+|(?=[A-Z‘'"“]))([A-Z‘'"“].*)$/.exec(l.text);
    if (!m || l.text.length > 200) return;
    // A date or a clock at the start of a line is not an item number.
    // The month must be a whole word: "2 Declarations of Interest" is an item, not 2 December.
    if (
      /^\d{1,2}(?:st|nd|rd|th)?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i.test(
        l.text,
      )
    )
      return;
    if (/^\d{1,2}[.:]\d{2}\b/.test(l.text)) return;
    cands.push({ k, number: m[1]!, value: numValue(m[1]!), title: m[2]! });
  });
  // Longest chain of small ascending steps, in document order.
  const best = cands.map(() => ({ len: 1, prev: -1 }));
  for (let a = 0; a < cands.length; a++)
    for (let b = 0; b < a; b++) {
      const step = cands[a]!.value - cands[b]!.value;
      if (step >= 1 && step <= 2 && best[b]!.len + 1 > best[a]!.len) best[a] = { len: best[b]!.len + 1, prev: b };
    }
  let end = -1;
  best.forEach((x, i) => {
    if (end < 0 || x.len > best[end]!.len) end = i;
  });
  if (end < 0 || best[end]!.len < 3) return [];
  const chain: typeof cands = [];
  for (let i = end; i >= 0; i = best[i]!.prev) chain.unshift(cands[i]!);
  let exempt = false;
  const chunks: Chunk[] = [];
  let c = 0;
  for (let k = chain[0]!.k; k < lines.length; k++) {
    const l = lines[k]!;
    if (EXEMPT_HEADING_RE.test(l.text) && l.text.length < 120) exempt = true;
    if (c < chain.length && chain[c]!.k === k) {
      chunks.push({ number: chain[c]!.number, raw: chain[c]!.title, line: l, exempt, lines: [l] });
      c++;
      continue;
    }
    const last = chunks[chunks.length - 1]!;
    // The last item ends at the first paragraph after it.
    if (c >= chain.length && !l.text && last.raw.includes("\n")) break;
    last.raw += "\n" + l.text;
    last.lines.push(l);
  }
  return chunks;
}

/** "PLANNING", "CHAIRMAN’S ANNOUNCEMENTS - resolution to …": a heading set in capitals. */
function capsHeading(text: string): boolean {
  const head = text
    .trim()
    .split(/\s+[-–]\s+/)[0]!
    .replace(/\*/g, "");
  return /[A-Z]{3}/.test(head) && !/[a-z]/.test(head) && head.length <= 80;
}

/**
 * Genre pattern (FORMAT.md convention 2): a heading in capitals followed by " - description"
 * is titled by the heading alone.
 */
export function headingBeforeDash(title: string): string {
  const m = /^(.+?)\s+[-–]\s+\S/.exec(title);
  if (!m) return title;
  const head = m[1]!.trim();
  return /[A-Z]{2}/.test(head) && !/[a-z]/.test(head) ? head : title;
}

/**
 * Genre pattern: the exclusion motion printed as an item ("11. Exclusion of the Press and Public
 * Resolved:- That … be excluded from the meeting for the following item …"). The motion is
 * public business; what it names is exempt: the next item, or every later one for "items".
 */
const EXCLUSION_ITEM_RE = /^exclusion of (?:the )?(?:press|public)\b/i;
const EXCLUDED_FOR_RE = /\bexcluded from the meeting (?:during|for)(?: consideration of)? the following (items?)\b/i;
// "… Resolved:- That …": a motion printed after the title is no part of it.
const MOTION_AFTER_TITLE_RE = /\s+(?=(?:resolved|recommended|recommendation)\s*(?::-?|[-–])\s*)/i;

function chunksToItems(chunks: Chunk[]): AgendaHit[] {
  const items: AgendaHit[] = [];
  let excludedAhead = 0;
  let carryPages: [number, number] | null = null;
  let carryTitle: string | null = null;
  chunks.forEach((c, idx) => {
    let raw = c.raw.replace(/\n{3,}/g, "\n\n");
    // A bare page number at the end of the previous item's text belongs to this item.
    const next = chunks[idx + 1];
    let nextPages: [number, number] | null = null;
    let nextTitle: string | null = null;
    if (next) {
      const tail = /(?:[.;:]|^)\s*(\d{1,4})\s*$/.exec(raw.trim());
      if (tail && raw.trim().length > tail[1]!.length + 20) {
        nextPages = [Number(tail[1]), Number(tail[1])];
        raw = raw.trim().slice(0, -tail[1]!.length);
      }
      // A bold title printed before the next item's number (two-column layouts).
      const boldTail = /\.\s*\*\*([^*]+)\*\*\s*(?:to follow)?\s*$/i.exec(raw.trim());
      if (boldTail && DESCRIPTION_RE.test(cleanInline(next.raw).trim())) {
        nextTitle = cleanInline(boldTail[1]!);
        raw = raw.trim().slice(0, boldTail.index + 1);
      }
    }
    let { title, trailing } = carryTitle ? { title: carryTitle, trailing: raw } : titleOf(raw);
    let pages: [number, number] | null = carryPages;
    const inTitle = pagesOf(title);
    if (inTitle) {
      pages = inTitle.pages;
      title = inTitle.rest;
    }
    const tailClean = cleanInline(trailing.replace(/\n/g, " "));
    if (!pages) {
      const inTrail = pagesOf(tailClean);
      if (inTrail) pages = inTrail.pages;
      else {
        const bare = /^(\d{1,4})\b(?!\s*(?:[.:/%]|st|nd|rd|th|am|pm))/.exec(tailClean);
        if (bare) pages = [Number(bare[1]), Number(bare[1])];
      }
    }
    // A page number or "To follow" fused to the end of the title.
    const fused = /^(.*?\D)\s+(\d{1,4})$/.exec(title);
    if (!pages && fused && !/\b(?:19|20)\d\d$|\bpledge \d+$/i.test(title)) {
      pages = [Number(fused[2]), Number(fused[2])];
      title = fused[1]!;
    }
    // A description run on after the title: "Bus Shelters To receive a report on shelters".
    const desc = /\s+(?=(?:To (?:receive|consider|note|approve|confirm|agree|endorse|determine|discuss|review))\b)/.exec(title);
    if (desc && desc.index > 0) title = title.slice(0, desc.index);
    const motion = MOTION_AFTER_TITLE_RE.exec(title);
    if (motion && motion.index > 0) title = title.slice(0, motion.index);
    title = headingBeforeDash(
      title
        .replace(/\s*[.:]?$/, "")
        .replace(/\s+/g, " ")
        .trim(),
    );
    const excluded = EXCLUSION_ITEM_RE.test(title) ? EXCLUDED_FOR_RE.exec(cleanInline(c.raw)) : null;
    let exempt = c.exempt || EXEMPT_IN_ITEM_RE.test(cleanInline(c.raw));
    // Titles start as headings do; "1. and an overview…" is a numbered sentence, not an item.
    if (title && /^[A-Z0-9"'‘“(£*]/.test(title)) {
      if (excluded) {
        exempt = c.exempt;
        excludedAhead = /items/i.test(excluded[1]!) ? Number.POSITIVE_INFINITY : 1;
      } else if (excludedAhead > 0) {
        exempt = true;
        excludedAhead--;
      }
      items.push({ number: c.number, title, pages, exempt, line: c.line });
    }
    carryPages = nextPages;
    carryTitle = nextTitle;
  });
  return items;
}
