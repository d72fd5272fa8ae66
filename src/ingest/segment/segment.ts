import type { PageSet } from "../read/page.js";
import { flatten, nextFilled, prevFilled, type FlatLine } from "./lines.js";
import { isDateOnly, parseDate } from "../parse/printed-date.js";
import { isAgendaTitle, isMinutesTitle, ITEM_PREFIX, PRESENT_WORDS } from "../parse/headings.js";

/**
 * Splits a pack into its documents. Converted text rarely keeps every page break, so the
 * split is made on the line stream: each Segment carries its pages (for callers that
 * think in pages) and its exact line range in flatten(pages) order.
 */
export type SegmentKind =
  | "front-sheet"
  | "minutes"
  | "report"
  | "appendix"
  | "action-plan"
  | "tracking-decisions"
  | "work-programme"
  | "restricted"
  | "blank"
  | "other";

export interface Segment {
  kind: SegmentKind;
  title: string | null;
  firstPage: number;
  lastPage: number;
  /** Line range in flatten(pages): [startLine, endLine). */
  startLine?: number;
  endLine?: number;
}

/** "Present:", "1. Members present were:", "PRESENNOL", and "Present Ann Smith, …" with no colon. */
const PRESENT_LABEL_RE = new RegExp(String.raw`^${ITEM_PREFIX}${PRESENT_WORDS}(?:\s+were)?\s*(?::|-|–|\t|$|\s+)`, "i");
const PRESENT_RE = {
  test(t: string): boolean {
    const m = PRESENT_LABEL_RE.exec(t);
    if (!m) return false;
    if (/(?::|-|–|\t)\s*$/.test(m[0]) || m[0].length === t.length) return true;
    // With no colon, a name must follow at once: "Present Cllr Ann Smith", "Present Ann Smith".
    return /^(?:(?:Councillors?|Cllrs?|Mrs?|Ms|Dr)\b|[A-Z][a-z]+\s+[A-Z])/.test(t.slice(m[0].length));
  },
};
const MINUTES_TITLE_RE =
  /^(?:(?:draft\s+)?minutes of (?:the |a )?(?:meeting|proceedings)|a meeting of .+ (?:was )?held|minutes of .+ (?:held|meeting) on)/i;
const COVER_FIELD_RE =
  /^(?:meeting|report to|report of|report by|report title|title of report|title|subject|date of meeting|decision maker|lead officer|report author|author|wards? affected|key decision)\s*:/i;
const STAMP_RE = /^agenda item(?:\s+\d{1,3}[a-z]?)?\.?$/i;
const APPENDIX_RE = /^(?:appendix|annex|annexe|schedule)\s+(?:[a-z]|\d{1,2}|[ivx]+)\b[^.]{0,100}$/i;
const ACTION_RE =
  /^(?:action plan\b|action log|actions? arising|action points?|recommendations? tracker|progress on (?:agreed )?recommendations)/i;
const TRACKING_RE = /^tracking (?:decisions|resolutions|recommendations)\b/i;
const WORK_PROGRAMME_RE = /\b(?:work programme|work plan|forward plan)\b/i;

/** A short line naming a body: "Children and Young People Select Committee", "Cabinet". */
export const BODY_LINE_RE =
  /^(?:[A-Z][\w'’&,()\- ]{2,110}\s)?(?:committee|sub[- ]committee|select committee|panel|board|cabinet|council|forum|executive|commission|partnership|assembly|group)$/i;

export function isBodyLine(text: string): boolean {
  const t = text.trim();
  if (t.length > 120 || /[.:;]$/.test(t) || (/^(?:the|to|this|a|an|all)\b/i.test(t) && !/^the cabinet$/i.test(t))) return false;
  if (!BODY_LINE_RE.test(t)) return false;
  // A sentence ending in a body ("Mr Amos was co-opted on to the Council") names no body.
  if (/\s(?:was|were|is|are|has|have|had|will|would|shall|to)\s/i.test(t)) return false;
  // Joint bodies have long names: "Joint meeting - The X Committee and the Y Joint Committee".
  return t.split(/\s+/).length <= 18;
}

const NEXT_MEETING_RE = /\b(?:next|future) meetings?\b/i;

/** Finds the heading lines above a "Present:" line: body name, date, "Minutes of…". */
function minutesStart(lines: FlatLine[], presentAt: number, floor: number): number {
  let start = presentAt;
  let unknown = 0;
  let lastUnknown = -1;
  for (let k = 0, j = presentAt; k < 10; k++) {
    j = prevFilled(lines, j, floor);
    if (j < 0) {
      // Only a title line or two above "Present:" at the top of the pack: they head the minutes.
      if (lastUnknown >= 0 && unknown === 1 && !/^(?:\d{1,3}[.)]\s|agenda\b)/i.test(lines[lastUnknown]!.text))
        start = Math.min(start, lastUnknown);
      break;
    }
    const t = lines[j]!.text;
    // The agenda above ends with "Date of next meeting" and its date: that date heads nothing.
    const above = prevFilled(lines, j, floor);
    if (NEXT_MEETING_RE.test(t) || (parseDate(t) !== null && above >= 0 && NEXT_MEETING_RE.test(lines[above]!.text))) break;
    const heading = isBodyLine(t) || MINUTES_TITLE_RE.test(t) || /^minutes?$/i.test(t) || (parseDate(t) !== null && t.length < 160);
    if (heading) {
      start = j;
      unknown = 0;
      continue;
    }
    // The first minute's heading ("1. Welcome") can sit above the attendance list.
    if (/^\d{1,3}\.?\s+[A-Z][^.]{0,60}$/.test(t) && k < 2) {
      start = j;
      continue;
    }
    // Venue or time lines sit between the heading and "Present:".
    // ("Held in the Board Room at 7 p.m." may end with a full stop.)
    if ((t.length < 80 || /^held\b/i.test(t)) && (!/[.;]$/.test(t) || /^held\b|\d\s*[ap]\.?m\.?$/i.test(t)) && ++unknown <= 2) {
      lastUnknown = j;
      continue;
    }
    break;
  }
  return start;
}

interface Start {
  at: number;
  kind: SegmentKind;
  title: string | null;
}

function titleNear(lines: FlatLine[], at: number): string | null {
  for (let k = 0, j = at - 1; k < 6; k++) {
    j = nextFilled(lines, j);
    if (j < 0) break;
    const t = lines[j]!.text;
    if (STAMP_RE.test(t) || /^\d{1,4}$/.test(t)) continue;
    return t.length > 160 ? t.slice(0, 160) : t;
  }
  return null;
}

export function segmentLines(lines: FlatLine[]): Segment[] {
  const starts: Start[] = [{ at: 0, kind: "front-sheet", title: null }];
  const seen = new Set<number>([0]);
  const push = (s: Start) => {
    if (seen.has(s.at)) {
      const existing = starts.find((x) => x.at === s.at);
      if (existing && (existing.kind === "other" || (existing.kind === "front-sheet" && (s.kind === "minutes" || s.kind === "report")))) {
        existing.kind = s.kind;
        existing.title = s.title;
      }
      return;
    }
    seen.add(s.at);
    starts.push(s);
  };

  let lastPage = -1;
  for (const l of lines) {
    if (l.page !== lastPage && l.marker) push({ at: l.i, kind: l.marker, title: null });
    lastPage = l.page;
  }
  // A new page after a blank/restricted page starts a new document.
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.pageStart && !lines[i]!.marker && lines[i - 1]!.marker) push({ at: i, kind: "other", title: titleNear(lines, i) });
  }
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text;
    if (!t || l.marker) continue;
    // "In attendance:" after "Present:" belongs to the same minutes.
    const recent = starts.some((s) => s.kind === "minutes" && i - s.at < 25 && s.at <= i);
    if (PRESENT_RE.test(t) && !recent && !l.cells?.slice(1).some((c) => /^(?:apologies|absent)/i.test(c))) {
      const floor = starts.filter((s) => s.at <= i).reduce((a, s) => Math.max(a, s.at), 0);
      const at = minutesStart(lines, i, floor);
      const titleLine = lines.slice(at, i).find((x) => isBodyLine(x.text) || MINUTES_TITLE_RE.test(x.text));
      push({ at, kind: "minutes", title: titleLine?.text ?? null });
      continue;
    }
    if (STAMP_RE.test(t) && !/^pages?\b/i.test(lines[nextFilled(lines, i)]?.text ?? "")) {
      push({ at: i, kind: "report", title: titleNear(lines, i + 1) });
      continue;
    }
    // A cover with no labels: "REPORT TO CABINET" over the meeting's date.
    if (/^report to\s+(?:the\s+)?[A-Z]/i.test(t) && t.length < 100 && isDateOnly(lines[nextFilled(lines, i)]?.text ?? "")) {
      push({ at: i, kind: "report", title: null });
      continue;
    }
    if (COVER_FIELD_RE.test(t) && /^meeting|^report to|^date of meeting/i.test(t)) {
      // Cover sheets list their fields together; start at the earliest heading above.
      let at = i;
      const p = prevFilled(lines, i, Math.max(0, i - 3));
      if (p >= 0 && (isBodyLine(lines[p]!.text) || /^report\b/i.test(lines[p]!.text))) at = p;
      const titleLine = lines.slice(i, i + 12).find((x) => /^(?:title|report title|subject)\s*:/i.test(x.text));
      const title = titleLine ? titleLine.text.replace(/^[^:]*:\s*/, "") : null;
      // The cover under an "Agenda Item" stamp belongs to the stamp's document.
      const stamp = starts.find(
        (s) =>
          s.kind === "report" && s.at < at && at - s.at <= 4 && lines.slice(s.at + 1, at).every((x) => !x.text || STAMP_RE.test(x.text)),
      );
      if (stamp) {
        stamp.title = title ?? stamp.title;
        continue;
      }
      push({ at, kind: "report", title });
      continue;
    }
    const short = t.length <= 140 && !l.cells;
    if (short && (l.pageStart || l.bold || t === t.toUpperCase())) {
      if (TRACKING_RE.test(t)) push({ at: i, kind: "tracking-decisions", title: t });
      else if (ACTION_RE.test(t)) push({ at: i, kind: "action-plan", title: t });
      else if (APPENDIX_RE.test(t) && l.pageStart) push({ at: i, kind: "appendix", title: t });
      else if (WORK_PROGRAMME_RE.test(t) && t.split(/\s+/).length <= 10 && l.pageStart) push({ at: i, kind: "work-programme", title: t });
    }
  }
  starts.sort((a, b) => a.at - b.at);
  minutesFromTheTop(lines, starts);
  const segs: Segment[] = [];
  starts.forEach((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]!.at : lines.length;
    if (end <= s.at) return;
    const body = lines.slice(s.at, end);
    let kind = s.kind;
    if (kind === "other") kind = classify(body);
    segs.push({ kind, title: s.title, firstPage: body[0]!.page, lastPage: body[body.length - 1]!.page, startLine: s.at, endLine: end });
  });
  return segs;
}

/**
 * Genre pattern: a document that opens with a minutes title ("Minutes of a meeting held on …",
 * "MINUTES OF THE 421st MEETING") is minutes from its first line, whether or not its
 * attendance is labelled "Present:"; an agenda's title above it keeps it a front sheet.
 */
function minutesFromTheTop(lines: FlatLine[], starts: Start[]): void {
  const first = starts[0];
  if (!first || first.at !== 0 || first.kind !== "front-sheet") return;
  // A short letterhead above minutes, with no agenda title or numbered item, heads those minutes.
  const next = starts[1];
  if (next?.kind === "minutes" && next.at < 30) {
    const above = lines.slice(0, next.at).filter((l) => l.text);
    if (!above.some((l) => isAgendaTitle(l.text) || /^\d{1,2}[.)]\s+\S/.test(l.text))) {
      first.kind = "minutes";
      first.title = next.title ?? above.find((x) => isBodyLine(x.text))?.text ?? null;
      starts.splice(1, 1);
      return;
    }
  }
  const end = starts[1]?.kind === "minutes" && starts[1].at < 40 ? (starts[2]?.at ?? lines.length) : (starts[1]?.at ?? lines.length);
  const opening = lines
    .slice(0, end)
    .filter((l) => l.text)
    .slice(0, 12);
  for (const l of opening) {
    if (isAgendaTitle(l.text)) return;
    if (isMinutesTitle(l.text)) {
      first.kind = "minutes";
      first.title = opening.find((x) => isBodyLine(x.text))?.text ?? null;
      // A "Present" line further down is part of these minutes, not a second set.
      if (starts[1]?.kind === "minutes" && starts[1].at < 40) starts.splice(1, 1);
      return;
    }
  }
}

/** Names a document that began at a page break by what its first lines say. */
function classify(body: FlatLine[]): SegmentKind {
  const head = body
    .slice(0, 25)
    .map((l) => l.text)
    .filter(Boolean);
  if (head.some((t) => TRACKING_RE.test(t))) return "tracking-decisions";
  if (head.slice(0, 6).some((t) => ACTION_RE.test(t))) return "action-plan";
  if (head.slice(0, 6).some((t) => WORK_PROGRAMME_RE.test(t) && t.length < 80)) return "work-programme";
  if (head.slice(0, 3).some((t) => APPENDIX_RE.test(t))) return "appendix";
  if (
    head.some((t) => COVER_FIELD_RE.test(t)) ||
    head.slice(0, 8).some((t) => /^(?:purpose|summary|recommendations?|executive summary|introduction)\b/i.test(t))
  )
    return "report";
  return "other";
}

export function segment(pages: PageSet): Segment[] {
  return segmentLines(flatten(pages));
}
