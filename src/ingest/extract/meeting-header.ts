import type { FlatLine } from "../segment/lines.js";
import { findDates, findDatesAcross, findYearlessDates, settleYear } from "../parse/printed-date.js";
import { findTimes } from "../parse/printed-time.js";
import { isBodyLine } from "../segment/segment.js";
import { fromCapitals } from "../parse/capitals.js";
import { centredName } from "../parse/centred-name.js";
import { APOLOGIES_WORDS, ITEM_PREFIX, PRESENT_WORDS } from "../parse/headings.js";

/**
 * Committee, date, start time and venue of a meeting, from an agenda front sheet or from
 * the heading of a set of minutes.
 */
export interface HeaderField<T> {
  value: T;
  line: FlatLine;
}
export interface MeetingHeader {
  committee: HeaderField<string> | null;
  date: HeaderField<string> | null;
  time: HeaderField<string> | null;
  venue: HeaderField<string> | null;
}

// Dates that belong to the paper, not the meeting: publication, and the clerk's signature
// under a summons ("Signed … Clerk to the Council  Date: 7 March").
const NOT_MEETING_DATE =
  /\b(?:published|publication|issued|despatch|dispatch|circulated|printed|date of issue|updated|revised|deadline|by no later|received by|signed|clerk to the|proper officer)\b/i;
const VENUE_LABEL_RE = /^(?:venue|place|location|where|meeting place|address)\s*[:\-–]\s*/i;
const PLACE_WORDS =
  /\b(?:room|chamber|hall|house|suite|centre|center|library|offices?|building|civic|guildhall|council house|town hall|county hall|online|virtual|microsoft teams|zoom|street|road|square|court|lane|neuadd|ystafell|canolfan|swyddfa|siambr|ysgol|capel|eglwys)\b/i;

/**
 * A sentence about how the meeting was held, not where: "Due to Coronavirus – Covid-19 – The
 * Parish Council held a zoom meeting" (a reason, and a body that held or met), under the date
 * where a venue would be.
 */
const NOT_A_PLACE_RE = /^(?:due to|owing to|because of|in view of)\b|\b(?:council|committee|board|members|councillors)\s+(?:held|met)\b/i;

/** Committee name on a line, with trailing "Sub Committee" and case as printed. */
export function bodyName(text: string): string | null {
  const t = text
    .replace(/^(?:meeting|committee|body|meeting of)\s*:\s*/i, "")
    // A title line "MINUTES OF A MEETING OF THE X COUNCIL": the body is what follows "of".
    .replace(
      /^(?:(?:draft|unconfirmed|approved|confirmed)\s+)?minutes\s+of\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?(?:meeting|proceedings)\s+of\s+(?:the\s+)?/i,
      "",
    )
    .replace(/\s+/g, " ")
    .trim();
  return isBodyLine(t) ? t : null;
}

function scoreDateLine(l: FlatLine, next: FlatLine | undefined): number {
  const t = l.text;
  let s = 0;
  if (NOT_MEETING_DATE.test(t)) return -10;
  if (
    /\b(?:to be held|will be held|held on|date\s*:|date of meeting|meeting date|commencing|on\s+(?:mon|tue|wed|thu|fri|sat|sun))/i.test(t)
  )
    s += 3;
  if (/\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i.test(t)) s += 2;
  if (findTimes(t).length || (next && findTimes(next.text).length && next.text.length < 40)) s += 2;
  if (/\b(?:minutes of|previous meeting|last meeting|meeting held on)\b/i.test(t)) s -= 4;
  return s;
}

export function findMeetingDate(lines: FlatLine[]): HeaderField<string> | null {
  let best: HeaderField<string> | null = null;
  let bestScore = -Infinity;
  lines.forEach((l, k) => {
    const d = findDatesAcross(l.text, lines[k + 1]?.text).find((x) => x.hasDay);
    if (!d) return;
    // FORMAT.md convention 6: a labelled "Date of next meeting" is never this meeting, even when
    // it is the only full date (the summons may print its own date without the year).
    if (nextMeeting(lines, k, false)) return;
    const s = scoreDateLine(
      l,
      lines.slice(k + 1).find((x) => x.text),
    );
    // A publication or signature date is never the meeting's, even when it is the only one.
    if (NOT_MEETING_DATE.test(l.text)) return;
    if (s > bestScore) {
      bestScore = s;
      best = { value: d.iso, line: l };
    }
  });
  return best;
}

/**
 * FORMAT.md convention 6: "Date of next meeting" (on the line or just above it) is not this
 * meeting. A notice's "the next meeting of the Council will be held on …" is the meeting it
 * calls, so on a front sheet only the labelled form counts.
 */
function nextMeeting(lines: FlatLine[], k: number, minutes = true): boolean {
  const re = minutes
    ? /\b(?:next|future|further) meetings?\b/i
    : /\b(?:date|dates|time) (?:and (?:time|venue|place) )?of (?:the )?(?:next|future) meetings?\b|\b(?:next|future) meetings?\s*[:\-–]/i;
  if (re.test(lines[k]!.text)) return true;
  for (let j = k - 1; j >= 0 && j >= k - 3; j--) if (lines[j]!.text) return re.test(lines[j]!.text);
  return false;
}

/** Where the minutes' own text begins: the attendance label or the first numbered item. */
const BODY_START_RE = new RegExp(String.raw`^(?:${ITEM_PREFIX}${PRESENT_WORDS}\b|${APOLOGIES_WORDS}\b|\d{1,4}[.)]?\s+[A-Z])`, "i");
/** The date names an earlier meeting: "the minutes of the meeting held on …", "previous meeting". */
const EARLIER_MEETING_RE =
  /\b(?:previous|last|preceding|prior|earlier)\s+meetings?\b|\bminutes of .{0,60}\bheld on\b.{0,60}\b(?:were|was|be|are)\s+(?:approved|confirmed|agreed|signed|accepted|considered|taken|read)\b/i;
/** The line names the meeting: "Minutes of …", "… held on", "meeting of", Welsh "Cynhaliwyd" / "Cyfarfod". */
const TITLE_RE = /\b(?:minutes|held|meeting of|cofnodion|cynhaliwyd|cyfarfod)\b/i;

/**
 * The date of a set of minutes, weighed over the opening lines rather than the first date
 * that appears: the title block ("Minutes of … held on DATE", a body name and the date on one
 * line) and lines above the attendance list weigh for a date; an earlier meeting ("minutes of
 * the meeting held on …"), a list item, and the body text under the first minute weigh
 * against; "date of next meeting" and signature or publication dates never count.
 */
export function findMinutesDate(head: FlatLine[]): HeaderField<string> | null {
  const bodyAt = head.findIndex((l) => BODY_START_RE.test(l.text.trim()) && !findDates(l.text).some((d) => d.start < 4));
  let best: HeaderField<string> | null = null;
  let bestScore = -Infinity;
  let seen = 0;
  head.forEach((l, k) => {
    if (!l.text) return;
    seen++;
    const d = findDatesAcross(l.text, head[k + 1]?.text).find((x) => x.hasDay);
    if (!d || NOT_MEETING_DATE.test(l.text) || nextMeeting(head, k)) return;
    const t = l.text;
    // The first date printed is usually the meeting's: a later one needs stronger evidence.
    let s = (best ? 0 : 3) - 0.1 * seen;
    if (bodyAt < 0 || k < bodyAt) s += 1;
    if (TITLE_RE.test(t) && seen <= 8) s += 2;
    const before = t.slice(0, d.start).replace(/[\s,–—-]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day)?[\s,–—-]*$/i, "");
    if (before && bodyName(before)) s += 2;
    if (EARLIER_MEETING_RE.test(t)) s -= 5;
    if (/^(?:[-•·▪*]|\(?[a-z0-9]{1,3}[.)])\s/i.test(t) && !TITLE_RE.test(t)) s -= 2;
    if (s > bestScore) {
      bestScore = s;
      best = { value: d.iso, line: l };
    }
  });
  return best;
}

/** A sentence in the minutes' opening that says when the meeting was held. */
function heldSentence(lines: FlatLine[], date: HeaderField<string>): FlatLine | null {
  return (
    lines.find(
      (l) =>
        l !== date.line &&
        /\b(?:held|met|cynhaliwyd|cynhelir)\b/i.test(l.text) &&
        !/\b(?:previous|last) meeting\b/i.test(l.text) &&
        findDates(l.text).some((d) => d.iso === date.value),
    ) ?? null
  );
}

const POSTCODE_RE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;
/** An address line under a venue: "57 Edgehill Road, G11 7HZ", "Maidstone ME14 1XQ". */
const addressLine = (t: string) =>
  t.length < 80 && !/:/.test(t) && (POSTCODE_RE.test(t) || (/^\d{1,4}[a-z]?\s+[A-Z][a-z]+/.test(t) && !findTimes(t).length));

/** Venue after a label ("Venue: …", wrapped over lines) or inside "held on DATE in/at VENUE commencing …". */
function findVenue(lines: FlatLine[], date: HeaderField<string> | null): HeaderField<string> | null {
  // "Date: … Time: … Venue: Council Chamber" on one line.
  for (const l of lines) {
    const m = /.\b(?:venue|place|location)\s*:\s*(.+?)\s*(?=\b(?:date|time|contact)\s*:|$)/i.exec(l.text);
    if (m && m[1]!.length > 3) return { value: m[1]!.replace(/[.,]\s*$/, ""), line: l };
  }
  // "Venue | Memorial Hall, Aberllyn": a label cell beside its value.
  for (const l of lines) {
    const filled = l.cells?.map((c) => c.trim()).filter(Boolean) ?? [];
    if (filled.length >= 2 && /^(?:venue|place|location|where)\s*:?$/i.test(filled[0]!))
      return { value: filled.slice(1).join(", "), line: l };
  }
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (VENUE_LABEL_RE.test(l.text)) {
      // "Venue: Town Hall, Date: Wednesday, …": the next label ends the venue.
      let v = l.text.replace(VENUE_LABEL_RE, "").replace(/\s*\b(?:date|time|contact)\s*:.*$/i, "");
      // Text packs leave a blank line between the lines of an address.
      for (let j = k + 1, seen = 0; j < lines.length && seen < 3; j++) {
        const n = lines[j]!.text;
        if (!n && !lines[j + 1]?.text) break;
        if (!n) continue;
        seen++;
        if (/:/.test(n.slice(0, 20)) || n.length > 100) break;
        if (/,$/.test(v) || (/^[A-Z0-9][\w .,'’-]*$/.test(n) && n.length < 60 && /\d|,/.test(n))) v += " " + n;
        else break;
      }
      v = v
        .replace(/\s+/g, " ")
        .replace(/[.,]\s*$/, "")
        .trim();
      if (v) return { value: v, line: l };
    }
  }
  if (date) {
    const held = heldSentence(lines, date);
    for (const line of held ? [date.line, held] : [date.line]) {
      const t = line.text;
      // The date as printed, with or without its year ("held on Monday 25th June at 7pm in …").
      const d =
        findDates(t).find((x) => x.iso === date.value) ??
        findYearlessDates(t).find((x) => date.value.endsWith(`-${String(x.month).padStart(2, "0")}-${String(x.day).padStart(2, "0")}`));
      // "… 18th March 2014 at 7.30pm in the Village Hall": the time may come before the venue.
      const after = d
        ? t.slice(d.end).replace(
            // Welsh "… AM 7.30 YH YN NEUADD Y PENTREF": "am" is "at", "yh" is pm, "yn" is "in".
            /^\s*,?\s*(?:(?:at|from|am)\s+)?\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?|y\.?[hb]\.?|hrs?|hours)?(?:\s*(?:[-–—]|to|until)\s*\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?)?)?(?=\s*,?\s*(?:in|at|yn|ym|yng)\s)/i,
            "",
          )
        : "";
      // Welsh "yn yr Ystafell Ddarllen" / "ym Mhlas …" is "in the …".
      const m =
        /^\s*,?\s*(?:in|at|yn|ym|yng)\s+(?:the\s+|yr\s+|y\s+)?(.+?)(?:\s*,?\s*(?:commencing|starting|beginning)\b.*|\s*,?\s*at\s+\d{1,2}[.:]?\d{0,2}\s*[ap]\.?m.*)?\.?\s*$/i.exec(
          after,
        );
      if ((m && PLACE_WORDS.test(m[1]!)) || (m && /,/.test(m[1]!))) {
        // "… in the Village Hall The agenda is given below": a new sentence ends the venue.
        const v = m![1]!
          .replace(/\s+(?:The|This|Please|An?)\s+\w+\s+(?:is|are|will|may|can|has|have)\b.*$/, "")
          .replace(/\s+/g, " ")
          .replace(/[.,]$/, "")
          .trim();
        return { value: v, line };
      }
    }
    // "… was held in the Village Hall, West Burton, on Tuesday …", on the date's line or the sentence saying so.
    for (const line of held ? [date.line, held] : [date.line]) {
      const mm = /\bheld (?:in|at) (?:the\s+)?(.+?)\s+on\s+/i.exec(line.text);
      if (mm) return { value: mm[1]!.replace(/,$/, ""), line };
    }
    // A summons: "YOU ARE HEREBY SUMMONED …" / "AT THE VILLAGE HALL, ASHWELL" / "ON WEDNESDAY 9TH JULY …".
    const above = lines[lines.lastIndexOf(date.line) - 1]?.text
      ? lines[lines.lastIndexOf(date.line) - 1]
      : lines[lines.lastIndexOf(date.line) - 2];
    const at = above ? /^(?:at|in)\s+(?:the\s+)?(.{3,100}?)[.,]?$/i.exec(above.text) : null;
    if (at && /^on\b/i.test(date.line.text) && !findTimes(above!.text).length) return { value: at[1]!, line: above! };
    // Front sheets often print the venue on the line after the date (and time).
    const k = lines.indexOf(date.line);
    for (let j = k + 1, seen = 0; j < lines.length && seen < 3; j++) {
      const n = lines[j]!.text;
      if (!n) continue;
      seen++;
      if (findTimes(n).length && n.length < 30) continue;
      // "(or on the rising of Full Council, whichever is the later)"
      if (/^\(/.test(n)) {
        seen--;
        continue;
      }
      if (PLACE_WORDS.test(n) && n.length < 120 && !/[.]$/.test(n) && !bodyName(n) && !NOT_A_PLACE_RE.test(n)) {
        // "at 7.00 pm in Ayton Village Hall" under the date: the venue is what follows "in".
        let v = n
          .replace(/^(?:(?:at|from)\s+)?\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?|hrs?|hours)?\s*,?\s*(?:in|at)\s+(?:the\s+)?/i, "")
          // "TO BE HELD IN THE MEMORIAL HALL AT 7.30PM": the place is between "held in" and the time.
          .replace(/^(?:(?:to be|will be|being)\s+)?held\s+(?:in|at)\s+(?:the\s+)?/i, "")
          .replace(/\s*,?\s+(?:at|from|commencing(?: at)?|starting at)\s+\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?|hrs?|hours)?\.?$/i, "");
        // "Council Chamber, Sessions House," / "County Hall, Maidstone"
        for (let x = j + 1; x < lines.length; x++) {
          const c = lines[x]!.text;
          if (!c || c.length > 80 || /:/.test(c)) break;
          if (/,$/.test(v)) v += " " + c;
          else if (addressLine(c)) v += ", " + c;
          else break;
        }
        return { value: v.replace(/,$/, ""), line: lines[j]! };
      }
      break;
    }
  }
  return null;
}

function findTime(lines: FlatLine[], date: HeaderField<string> | null): HeaderField<string> | null {
  for (const l of lines) {
    // "Time: 7.00 pm", also inline after the date, and "Time: 19.00" without am/pm.
    const m = /\b(?:time|start(?:ing)? time)\s*:\s*(.{1,20})/i.exec(l.text);
    if (!m) continue;
    const t =
      findTimes(m[1]!)[0]?.hhmm ??
      (/^(\d{1,2})[.:](\d{2})\b/.exec(m[1]!)
        ? m[1]!.replace(/^(\d{1,2})[.:](\d{2}).*$/, (_, h: string, mm: string) => `${h.padStart(2, "0")}:${mm}`)
        : null);
    if (t && Number(t.slice(0, 2)) < 24) return { value: t, line: l };
  }
  if (date) {
    // "11th March 2026 19.00": a 24-hour clock beside the date needs no am/pm.
    const d = findDates(date.line.text).find((x) => x.iso === date.value);
    const clock = d ? /^\s*,?\s*(?:at\s+)?([01]?\d|2[0-3])[.:]([0-5]\d)\b(?!\s*[ap]\.?m)/i.exec(date.line.text.slice(d.end)) : null;
    if (clock) return { value: `${clock[1]!.padStart(2, "0")}:${clock[2]}`, line: date.line };
    const k = lines.indexOf(date.line);
    // "… 13th March 2019 at 1900": a four-digit 24-hour clock after "at", on the date's line or the next.
    for (const l of [date.line, lines[k + 1]].filter((x): x is FlatLine => Boolean(x))) {
      const hhmm = /\bat\s+([01]\d|2[0-3])([0-5]\d)\s*(?:hrs?|hours)?\b(?![.:/]?\d)/i.exec(l.text);
      if (hhmm) return { value: `${hhmm[1]}:${hhmm[2]}`, line: l };
    }
    for (let j = k; j < lines.length && j <= k + 3; j++) {
      const t = findTimes(lines[j]!.text);
      if (t.length && (j === k || lines[j]!.text.length < 60)) return { value: t[0]!.hhmm, line: lines[j]! };
    }
  }
  // "The Council held their meeting at 7.30pm on the 13th March 2019 at …"
  const held = date ? heldSentence(lines, date) : null;
  if (held && findTimes(held.text).length) return { value: findTimes(held.text)[0]!.hhmm, line: held };
  const started = lines.find(
    (l) => /\b(?:meeting (?:started|commenced|began)|commenced at|commencing at|started at)\b/i.test(l.text) && findTimes(l.text).length,
  );
  if (started) return { value: findTimes(started.text)[0]!.hhmm, line: started };
  return null;
}

/** "the Parish Council", "Community Council": the council as a whole, named without its place. */
const BARE_COUNCIL_RE = /^(?:the\s+)?(?:(parish|town|community|village|city)\s+)?council$/i;
const LOCAL_COUNCIL_RE = /\b(?:parish|town|community|village)\s+council$/i;
const HELD_OF_RE =
  /\b(?:a meeting of|minutes of (?:the |a )?(?:\w+\s+)?(?:meeting|proceedings) of|meeting of)\s+(?:the\s+)?(.+?)\s*,?\s+(?:(?:was|were|is|are) (?:to be )?|will be |to be )?held\b/i;

/**
 * Genre pattern: parish minutes say "meeting of the Parish Council held in the Village Hall,
 * Ashwell": the council is the publisher when it is known, else it is named after the place
 * the meeting was held.
 */
function nameBareCouncil(name: string, text: string, authority: string | null): string {
  const m = BARE_COUNCIL_RE.exec(name.trim());
  if (!m) return name;
  const kind = m[1] ? m[1][0]!.toUpperCase() + m[1].slice(1).toLowerCase() : null;
  if (authority && (kind ? new RegExp(`\\b${kind}\\s+council$`, "i").test(authority) : true)) return authority;
  const at = kind ? /\bheld\s+(?:in|at)\s+[^,]{3,60},\s*([A-Za-z][A-Za-z' -]{2,40}?)\s+(?:on|at|commencing)\b/i.exec(text) : null;
  return at && kind ? fromCapitals(`${at[1]!.toUpperCase()} ${kind.toUpperCase()} COUNCIL`) : name;
}

/**
 * Genre pattern: a community, parish or town council that calls itself by its initials ("MINUTES
 * from the GCC meeting held in the Hall, 12 Church Rd Glenmore on Tuesday …"). The place whose
 * initial letters open the initialism, printed in the venue, names the council.
 */
const INITIALISM_MEETING_RE =
  /\b(?:minutes|meeting)\s+(?:of|from|for)\s+(?:the\s+)?([a-z]{1,3})(cc|pc|tc)\s+meeting\s+held\s+(?:in|at)\s+(.{3,120}?)\s+(?:on|commencing)\b/i;
const INITIALISM_KIND: Record<string, string> = { CC: "Community", PC: "Parish", TC: "Town" };

function initialismCouncil(text: string): string | null {
  const m = INITIALISM_MEETING_RE.exec(text);
  if (!m || !/^[A-Z]+$/.test(m[1]! + m[2]!)) return null;
  const letters = m[1]!;
  const words = m[3]!.split(/[\s,]+/).filter(Boolean);
  // The last run of capitalised words whose initials spell the letters: the place ends the venue.
  for (let i = words.length - letters.length; i >= 0; i--) {
    const run = words.slice(i, i + letters.length);
    if (run.every((w, k) => /^[A-Z][a-z]{2,}/.test(w) && w[0] === letters[k]))
      return `${run.join(" ")} ${INITIALISM_KIND[m[2]!.toUpperCase()]} Council`;
  }
  return null;
}

/**
 * Genre pattern: the minutes of a parish or town meeting, the assembly of the electors rather
 * than the council ("MINUTES OF THE ANNUAL PARISH MEETING HELD IN THE VILLAGE HALL, ASHWELL").
 * The body is that meeting, named after its place: printed after the hall, else the council's.
 */
const PARISH_MEETING_RE =
  /^(?:(?:draft|unconfirmed|approved|confirmed|signed)\s+)?(?:minutes|notice|agenda)\s+(?:of|for)\s+(?:the\s+|an?\s+)?((?:annual\s+|special\s+|extraordinary\s+)?(?:parish|town|village|community)\s+(?:assembly|meeting))\b/i;

function nameParishMeeting(name: string, text: string, authority: string | null): string {
  const title = fromCapitals(name.toUpperCase() === name ? name : name.toUpperCase());
  const at = /\bheld\s+(?:in|at)\s+[^,]{3,60},\s*([A-Za-z][A-Za-z' -]{2,40}?)\s+(?:on|at|commencing)\b/i.exec(text);
  if (at) return `${fromCapitals(at[1]!.toUpperCase())} ${title}`;
  const council = authority ? /^(.+?)\s+(?:parish|town|community|village)\s+council$/i.exec(authority) : null;
  return council ? `${council[1]} ${title}` : title;
}

/** "a meeting of the above Council", "the said Committee": the body is named in the heading above. */
const ABOVE_RE =
  /^(?:above|above[\s-]named|said|aforesaid|aforementioned)\s+(?:(?:parish|town|community|village|city)\s+)?(council|committee|sub[\s-]?committee|panel|board|group)$/i;

/**
 * "You are summoned to a meeting of the above Council on Monday …": a summons may name no "held";
 * a body it calls "the above …" is enough to send the reader to the heading.
 */
const MEETING_OF_ABOVE_RE =
  /\bmeeting of\s+(?:the\s+)?((?:above|above[\s-]named|said|aforesaid|aforementioned)\s+(?:(?:parish|town|community|village|city)\s+)?(?:council|committee|sub[\s-]?committee|panel|board|group))\b/i;

/**
 * Genre pattern: a summons or minutes that say "a meeting of the above Council" name their body
 * in the heading above: the nearest line above that names a body, else (for a council) the
 * publisher.
 */
function namedAbove(lines: FlatLine[], k: number, authority: string | null, kind: string | undefined): HeaderField<string> | null {
  for (let j = k - 1; j >= 0; j--) {
    const n = bodyName(lines[j]!.text);
    if (n && !BARE_COUNCIL_RE.test(n.trim())) return { value: n, line: lines[j]! };
  }
  if (authority && /^council$/i.test(kind ?? "")) return { value: authority, line: lines[k]! };
  return null;
}

function findCommittee(lines: FlatLine[], date: HeaderField<string> | null, authority: string | null): HeaderField<string> | null {
  const candidates: { value: string; line: FlatLine; dist: number }[] = [];
  const dateIdx = date ? lines.indexOf(date.line) : 0;
  lines.forEach((l, k) => {
    let name: string | null = null;
    // "MINUTES OF THE MEETING OF" / "THE ASHWELL PARISH COUNCIL HELD IN …": a title wrapped after "of".
    const next = lines.slice(k + 1).find((x) => x.text)?.text ?? "";
    // "MINUTES OF A MEETING OF THE ASHWELL PARISH COUNCIL" / "HELD ON …": the title wrapped before "held".
    const text = /\bof(?:\s+the)?$/i.test(l.text) || /^held\b/i.test(next) ? `${l.text} ${next}` : l.text;
    // "MINUTES OF THE PARISH COUNCIL MEETING HELD IN …": the body before "meeting".
    const m =
      HELD_OF_RE.exec(text) ??
      /\bminutes (?:of|for) (?:the |a |an )?((?:\S+\s+){0,8}?\S*\s*council)\s+meeting(?:\s+held\b|\s*$)/i.exec(text) ??
      PARISH_MEETING_RE.exec(text) ??
      MEETING_OF_ABOVE_RE.exec(text);
    let strong = false;
    // Not an agenda item about an earlier meeting ("2. Minutes of the previous Parish Council meeting held on …").
    // Nor a meeting still to come ("The next meeting of the Youth Forum was to be held on …").
    const earlier =
      /\b(?:previous|last|prior|earlier|next|future|forthcoming)\b/i.test(text) || Boolean(l.cells) || /^\d{1,3}[.)]?\s/.test(l.text);
    const above = m && !earlier ? ABOVE_RE.exec(m[1]!) : null;
    const initials = initialismCouncil(`${l.text} ${next}`);
    if (initials && !earlier) {
      candidates.push({ value: initials, line: l, dist: -100 + Math.abs(k - dateIdx) });
      return;
    }
    if (above) {
      const named = namedAbove(lines, k, authority, above[1]);
      if (named) candidates.push({ value: fromCapitals(named.value), line: named.line, dist: -100 + Math.abs(k - dateIdx) });
      return;
    }
    if (m && !earlier && m.index < 20 && m[1]!.split(/\s+/).length <= 14) {
      // "… Children Board (LSCB), held on …": the short form and comma go.
      name = /\bmeeting$/i.test(m[1]!)
        ? nameParishMeeting(m[1]!, text, authority)
        : nameBareCouncil(m[1]!.replace(/\s*\([A-Z]{2,10}\)\s*,?$|,$/, ""), text, authority);
      strong = true;
    }
    const to = /^to (?:all )?(?:the )?members of (?:the )?(.+?)[.,:]?$/i.exec(l.text);
    if (!name && to) name = to[1]!;
    if (!name) name = bodyName(l.text);
    // "Overview & Scrutiny Committee - Monday, 23rd March, 2026 10.00 am": body and date on one line.
    if (!name) {
      const d = findDates(l.text).find((x) => x.hasDay);
      const before = d ? l.text.slice(0, d.start).replace(/[\s,–—-]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day)?[\s,–—-]*$/i, "") : "";
      if (before) name = bodyName(before);
    }
    if (!name) return;
    const centred = BARE_COUNCIL_RE.test(name.trim()) ? centredName(lines, k) : null;
    if (centred) name = centred;
    if (BARE_COUNCIL_RE.test(name.trim())) name = nameBareCouncil(name, text, authority);
    if (BARE_COUNCIL_RE.test(name.trim())) return;
    if (authority && name.toLowerCase() === authority.toLowerCase() && !strong) return;
    // The sentence naming the meeting outweighs any nearby heading.
    candidates.push({ value: fromCapitals(name), line: l, dist: (strong ? -100 : 0) + Math.abs(k - dateIdx) + (k > dateIdx ? 0.5 : 0) });
  });
  // A parish or community council meeting as a whole: the body is the council itself.
  if (!candidates.length && authority && lines.length) {
    const own = lines.find((l) => l.text.trim().toLowerCase() === authority.toLowerCase());
    if (own || LOCAL_COUNCIL_RE.test(authority)) return { value: authority, line: own ?? lines.find((l) => l.text) ?? lines[0]! };
  }
  candidates.sort((a, b) => a.dist - b.dist);
  const c = candidates[0];
  return c ? { value: c.value, line: c.line } : null;
}

/**
 * FORMAT.md convention 9: a meeting date printed without its year ("Tuesday 14th March") takes
 * the year the document settles (a printed weekday, the date of the next meeting, the year its
 * other dates carry); the first such date in the opening, not a next meeting's or a signature's.
 */
function yearlessMeetingDate(head: FlatLine[], document: FlatLine[]): HeaderField<string> | null {
  const k = head.findIndex((l, j) => findYearlessDates(l.text).length > 0 && !NOT_MEETING_DATE.test(l.text) && !nextMeeting(head, j));
  if (k < 0) return null;
  const next = document.filter((_, j) => nextMeeting(document, j)).map((l) => l.text);
  const value = settleYear(
    findYearlessDates(head[k]!.text)[0]!,
    document.map((l) => l.text),
    next,
  );
  return value ? { value, line: head[k]! } : null;
}

/** Meeting header from the first lines of a front sheet or minutes; `document` settles a year left unprinted. */
export function extractMeetingHeader(
  lines: FlatLine[],
  authority: string | null,
  opts: { minutes: boolean; document?: FlatLine[] },
): MeetingHeader {
  const head = opts.minutes ? lines.slice(0, 40) : lines;
  let date: HeaderField<string> | null;
  if (opts.minutes) {
    date = findMinutesDate(head);
  } else {
    date = findMeetingDate(head.slice(0, 120));
  }
  date ??= yearlessMeetingDate(opts.minutes ? head : head.slice(0, 120), opts.document ?? lines);
  const scope = opts.minutes ? head.slice(0, 25) : head.slice(0, 120);
  return {
    committee: findCommittee(scope, date, authority),
    date,
    time: findTime(opts.minutes ? head : scope, date),
    venue: findVenue(scope, date),
  };
}
