import type { FlatLine } from "../segment/lines.js";
import { findDates, isDateOnly } from "../parse/printed-date.js";
import { bodyName } from "./meeting-header.js";

/**
 * Genre pattern: a committee's index of meetings, the page a council's site keeps per body
 * ("Planning Committee meetings" / "Index of meetings" / a list of dates, each linking to
 * that meeting's papers). Every date listed is a meeting of that body; the page carries no
 * agenda or minutes of its own. Read only when nothing else in the document is a meeting.
 */
export interface IndexedMeeting {
  committee: string;
  date: string;
  line: FlatLine;
}

/** "Budget Committee meetings", "Meetings of the Budget Committee", "Budget Committee: meetings". */
function indexHeading(text: string): string | null {
  const t = text.trim();
  const m = /^(.+?)\s*[:\-–]?\s+meetings$/i.exec(t) ?? /^meetings of (?:the\s+)?(.+)$/i.exec(t);
  return m ? bodyName(m[1]!) : null;
}

const bullet = (t: string) => t.replace(/^[•·▪*\-–]\s*/, "").trim();

export function extractMeetingsIndex(lines: FlatLine[]): IndexedMeeting[] {
  const at = lines.slice(0, 60).findIndex((l) => indexHeading(l.text) !== null);
  if (at < 0) return [];
  const committee = indexHeading(lines[at]!.text)!;
  // The longest run of lines that are nothing but a date (blank lines and "Meetings in 2007" links between allowed).
  let best: FlatLine[] = [];
  let run: FlatLine[] = [];
  for (const l of lines.slice(at + 1)) {
    const t = bullet(l.text);
    if (!t) continue;
    if (isDateOnly(t) && !l.cells) {
      run.push(l);
      continue;
    }
    if (run.length > best.length) best = run;
    run = [];
  }
  if (run.length > best.length) best = run;
  if (best.length < 3) return [];
  return best.map((l) => ({ committee, date: findDates(bullet(l.text)).find((d) => d.hasDay)!.iso, line: l }));
}
