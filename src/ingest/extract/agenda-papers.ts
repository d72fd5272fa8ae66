import type { StreamLine } from "../segment/table-grid.js";
import { isFurniture, wordCount } from "../segment/table-grid.js";
import { personName, wordsOf } from "../parse/report-names.js";

/**
 * Genre pattern: a pack whose papers carry no cover sheet. The agenda lists each paper with its
 * pages ("6. Winter Pressures Update (Pages 11 30)"), and the paper itself opens with its own title
 * on a line of its own, perhaps worded differently ("Are Our Parks Ready?" for 'Network Report
 * "Are Our Parks Ready"'), then at most a byline: the presenter's name over their post
 * ("Service Manager – Parks & Open Spaces"), or "Name – Post, Unit, ABBR" lines naming the
 * people responsible. A paper that is itself minutes ("Minutes of the meeting of …") is no
 * report, nor is the minutes item.
 */
export interface AgendaPaper {
  title: string;
  titleLine: StreamLine;
  author: { value: string; line: StreamLine } | null;
  service: { value: string; line: StreamLine } | null;
}

const LISTED_RE = /^(?:[-•*]\s*)?\d{1,2}[a-z]?[.)]?\s+(.{3,160}?)\s*\(pages?\s*\d+(?:\s*[-–]?\s*\d+)?\)\s*$/i;
// "BORSETSHIRE … PLAN – 2024 – 2025 1. INTRODUCTION": the first section run on to the title.
const RUN_ON_SECTION_RE = /\s+\d{1,2}\.?\s+[A-Z][A-Z &]{3,40}$/;
const NOT_A_TITLE_WORDS = new Set(["the", "a", "an", "of", "and", "to", "for", "in", "on", "report", "update"]);
// "Service Manager – Unit", "Head of Nursing, Place": a post, then the unit after its separator.
const POST_RE =
  /^((?:[A-Z][\w'’-]*\s+){0,3}?(?:manager|officer|director|lead|adviser|advisor|head(?:\s+of\s+[A-Z][\w'’-]*)?|co-?ordinator))\s*(?:,|\s[–—-])\s*(.+)$/i;

function listedPapers(stream: StreamLine[]): { title: string; at: number }[] {
  const out: { title: string; at: number }[] = [];
  stream.slice(0, 200).forEach((l, at) => {
    const m = LISTED_RE.exec(l.text);
    if (m && !/^minutes\b/i.test(m[1]!)) out.push({ title: m[1]!.replace(/["“”]/g, ""), at });
  });
  return out;
}

/** The paper's heading names the agenda item: one word set holds the other's content words. */
function namesItem(heading: string, item: string): boolean {
  const h = wordsOf(heading).filter((w) => !NOT_A_TITLE_WORDS.has(w));
  const a = wordsOf(item).filter((w) => !NOT_A_TITLE_WORDS.has(w));
  if (h.length < 2 || a.length < 2) return false;
  const hs = new Set(h);
  const as = new Set(a);
  return a.filter((w) => hs.has(w)).length / a.length >= 0.75 || (h.length >= 3 && h.filter((w) => as.has(w)).length / h.length >= 0.8);
}

const blankBefore = (stream: StreamLine[], j: number) => j === 0 || !stream[j - 1]!.text.trim() || stream[j - 1]!.page !== stream[j]!.page;

/** The unit after a post: "Service Manager, Hospital Discharge Services, BCC, ASC." -> "Hospital Discharge Services". */
function unitOf(post: string): string | null {
  const m = POST_RE.exec(post.trim());
  if (!m) return null;
  const parts = m[2]!.replace(/\.$/, "").split(/\s*,\s*/);
  while (parts.length > 1 && /^[A-Z]{2,6}$/.test(parts[parts.length - 1]!)) parts.pop();
  const unit = parts.join(", ").trim();
  return unit && wordCount(unit) <= 12 ? unit : null;
}

/** The first person the paper names as its presenter or author, with their unit. */
function byline(stream: StreamLine[], from: number, to: number): Pick<AgendaPaper, "author" | "service"> {
  let seen = 0;
  for (let j = from; j < to && seen < 30; j++) {
    const l = stream[j]!;
    const t = l.text.trim();
    if (!t || isFurniture(t)) continue;
    seen++;
    // "Ann Ames" over "Service Manager – Community Wellbeing".
    const name = personName(t);
    if (name && name === t.replace(/[.,]$/, "") && wordCount(t) <= 4) {
      const next = stream.slice(j + 1, j + 3).find((x) => x.text.trim());
      const unit = next ? unitOf(next.text) : null;
      if (next && unit) return { author: { value: name, line: l }, service: { value: unit, line: next } };
    }
    // "Bob Bell – Service Manager, Hospital Discharge Services, BCC."
    const dashed = /^(.{3,40}?)\s+[–—-]\s+(.+)$/.exec(t);
    if (dashed && personName(dashed[1]!) === dashed[1]!.trim()) {
      const unit = unitOf(dashed[2]!);
      if (unit) return { author: { value: dashed[1]!.trim(), line: l }, service: { value: unit, line: l } };
    }
  }
  return { author: null, service: null };
}

export function agendaPapers(stream: StreamLine[]): AgendaPaper[] {
  const listed = listedPapers(stream);
  if (!listed.length) return [];
  const found: { title: string; line: StreamLine; at: number; minutes: boolean }[] = [];
  let pos = listed[listed.length - 1]!.at + 1;
  for (const item of listed) {
    for (let j = pos; j < stream.length; j++) {
      const l = stream[j]!;
      const t = l.text.trim();
      if (!t || l.cells || /^[-•*\d(]/.test(t) || wordCount(t) > 16 || /[.;,:]$/.test(t) || !blankBefore(stream, j)) continue;
      const title = t.replace(RUN_ON_SECTION_RE, "");
      if (!namesItem(title, item.title)) continue;
      const opening = stream.slice(j + 1, j + 6).find((x) => x.text.trim())?.text ?? "";
      found.push({ title, line: l, at: j, minutes: /^minutes\b/i.test(opening) });
      pos = j + 1;
      break;
    }
  }
  return found.flatMap((f, n) => {
    if (f.minutes) return [];
    const end = n + 1 < found.length ? found[n + 1]!.at : stream.length;
    return [{ title: f.title, titleLine: f.line, ...byline(stream, f.at + 1, end) }];
  });
}
