import type { PageSet } from "../read/page.js";
import type { ExtractedMeeting } from "../../domain/extraction.js";
import { ProvenanceLog, type FlatLine } from "../segment/lines.js";
import { extractMeetingHeader, type MeetingHeader } from "./meeting-header.js";
import { apologiesInText, attendanceInProse, extractAttendance, listy, substituteInText } from "./attendance.js";
import { extractMinutes } from "./minutes.js";
import { extractDeclarations } from "./declarations.js";
import { nameKey, splitNameList } from "../parse/names.js";
import { findDates } from "../parse/printed-date.js";
import { extractVotes } from "./votes.js";

/**
 * A minute's printed text: its lines, table cells apart by a tab turned to " | ", paragraphs
 * (a blank line in the page model) kept as one blank line.
 */
export function minuteText(lines: FlatLine[]): string {
  const paras: string[] = [];
  let cur: string[] = [];
  for (const l of lines) {
    const t = (l.cells ? l.cells.filter((c) => c.trim()).join(" | ") : l.text).trim();
    if (t) cur.push(t);
    else if (cur.length) {
      paras.push(cur.join("\n"));
      cur = [];
    }
  }
  if (cur.length) paras.push(cur.join("\n"));
  return paras.join("\n\n");
}

/** A name alone on its line, titled or initialled: "Mrs E. Chubb", "Parish Councillor J. Harris", "R. Webb (CDC)". */
const NAME_LINE_RE =
  /^(?:(?:(?:parish|town|community|district|county|borough)\s+)?(?:councillor|cllr)\.?\s+|(?:mr|mrs|ms|miss|dr)\.?\s+)*(?:[A-Z]\.\s*){1,3}[A-Z][\w’'-]+(?:\s+\([A-Z]{2,5}\))?$|^(?:(?:(?:parish|town|community|district|county|borough)\s+)?(?:councillor|cllr)\.?|mr|mrs|ms|miss|dr)\.?\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'-]+){0,2}(?:\s+\([A-Z]{2,5}\))?$/i;

/** The longest run (four or more) of lines that are each one name, before the first minute. */
function unlabelledNames(body: FlatLine[], firstItem: number): FlatLine[] {
  let best: FlatLine[] = [];
  let run: FlatLine[] = [];
  for (const l of body.slice(0, firstItem < 0 ? 40 : firstItem)) {
    if (l.text && !l.cells && l.text.length <= 60 && NAME_LINE_RE.test(l.text.trim()) && splitNameList(l.text).length === 1) {
      run.push(l);
      continue;
    }
    if (run.length > best.length) best = run;
    run = [];
  }
  if (run.length > best.length) best = run;
  return best.length >= 4 ? best : [];
}

/** One set of minutes: its meeting header, attendance, minuted items, decisions and declarations. */
export function extractMinutesMeeting(
  pages: PageSet,
  body: FlatLine[],
  authority: string | null,
  known: string[],
): { meeting: ExtractedMeeting; prov: ProvenanceLog; header: MeetingHeader } | null {
  const header = extractMeetingHeader(body, authority, { minutes: true });
  const prov = new ProvenanceLog(pages);
  const presentAt = body.findIndex((l) => /^(?:members\s+)?present\b/i.test(l.text));
  const minutes = extractMinutes(body, Math.max(0, presentAt));
  const firstItem = minutes.length
    ? body.findIndex((l) => l.i === minutes[0]!.line.i || (l.start === minutes[0]!.line.start && l.page === minutes[0]!.line.page))
    : -1;
  let hits = extractAttendance(body, known, firstItem);
  // Some minutes record attendance under their first item ("1. Welcome … members present were: …").
  if (!hits.some((h) => h.list === "present") && minutes.length > 1) {
    const second = body.findIndex((l) => l.i === minutes[1]!.line.i);
    // The heading itself may carry the label: "1. Committee members present were: …".
    const more = extractAttendance(body.slice(Math.max(0, firstItem)), known, second - firstItem);
    if (more.some((h) => h.list === "present"))
      hits = [...hits, ...more.filter((h) => !hits.some((x) => x.list === h.list && x.name === h.name))];
  }
  // Genre pattern: attendance printed with its label lost, a column of titled names under the title.
  if (!hits.some((h) => h.list === "present")) {
    const run = unlabelledNames(body, firstItem);
    if (run.length) hits = [...hits, ...extractAttendance([{ ...run[0]!, text: "Present:", cells: null }, ...run], known, -1)];
  }
  const meeting: ExtractedMeeting = {
    committee: null,
    date: null,
    time: null,
    venue: null,
    hasAgenda: false,
    hasMinutes: true,
    agenda: [],
    members: [],
    attendance: { present: [], apologies: [], substitutes: [], officers: [], alsoPresent: [] },
    minutes: [],
    declarations: [],
  };
  const a = meeting.attendance;
  const seen = new Set<string>();
  const addName = (list: "present" | "apologies" | "officers" | "alsoPresent", name: string, line: FlatLine) => {
    const key = `${list}:${name.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    prov.add(`/attendance/${list}/${a[list].length}`, line, name, "attendance", 0.7);
    a[list].push(name);
  };
  for (const h of hits) {
    if (h.list === "substitutes") {
      prov.add(`/attendance/substitutes/${a.substitutes.length}`, h.line, h.name, "attendance", 0.6);
      a.substitutes.push({ name: h.name, for: h.for ?? null });
    } else addName(h.list, h.name, h.line);
  }
  const byLine = new Map(body.map((l) => [`${l.page}:${l.start}`, l]));
  const inBody = (from: number, to: number) => [...byLine.values()].filter((l) => l.i >= from && l.i <= to);
  minutes.forEach((mi, j) => {
    prov.add(`/minutes/${j}/number`, mi.line, mi.number, "minutes", 0.8);
    mi.decisions.forEach((d, k) => prov.add(`/minutes/${j}/decisions/${k}`, d.line, d.text, "decisions", 0.7));
    const text = inBody(mi.bodyStart, mi.bodyEnd);
    const printed = minuteText(text);
    meeting.minutes.push({
      number: mi.number,
      title: mi.title,
      decisions: mi.decisions.map((d) => d.text),
      ...(printed ? { text: printed } : {}),
    });
    if (/apolog|ymddiheur/i.test(mi.title) && !a.apologies.length) {
      // "2301 Apologies: Cllr F. Fox.": the heading runs on into the names.
      const head = { ...mi.line, text: mi.line.text.slice(Math.max(0, mi.line.text.indexOf(mi.title))) };
      for (const l of [head, ...text]) for (const n of apologiesInText(l)) addName("apologies", n, l);
      // "Cllrs Ives, Ward and Ellis." printed as the minute's whole text.
      if (!a.apologies.length)
        // "Ian Example (IE)" / "Ann Ames, Bob Bell": the minute's text is nothing but names.
        for (const l of text)
          if (/^(?:councillors?|cllrs?|cyng|cynghorydd|cynghorwyr)\b/i.test(l.text) || (l.text.length < 150 && listy(l.text)))
            for (const n of splitNameList(l.text)) addName("apologies", n.name, l);
    }
    if (/substitut/i.test(mi.title) && !a.substitutes.length) {
      for (const l of text) {
        const s = substituteInText(l);
        if (s) a.substitutes.push(s);
      }
    }
  });
  // Attendance told in the minutes' prose, when no list gave it.
  const prose = attendanceInProse(body.map((l) => l.text).join("\n"), a.apologies);
  if (!a.substitutes.length) a.substitutes.push(...prose.substitutes);
  const listed = new Set([...a.present, ...a.apologies, ...a.officers, ...a.alsoPresent].map((n) => nameKey(n)?.surname));
  for (const n of prose.alsoPresent) if (!listed.has(nameKey(n)?.surname)) addName("alsoPresent", n, body[0]!);
  if (!a.substitutes.length) {
    for (const l of body.slice(0, firstItem < 0 ? 40 : firstItem)) {
      const s = substituteInText(l);
      if (s) a.substitutes.push(s);
    }
  }
  if (!header.committee) {
    const first = body.find((l) => l.text);
    if (
      first &&
      first.text.length < 90 &&
      !findDates(first.text).length &&
      !/[:.]$/.test(first.text) &&
      // "DRAFT Minutes for the Parish Council Meeting" is a title, not the body's name.
      !/^(?:(?:draft|unconfirmed|approved|confirmed|signed)\s+)?(?:minutes|present|agenda|cofnodion|presennol|rhaglen)\b/i.test(first.text)
    )
      header.committee = { value: first.text, line: first };
  }
  // Substitutes attend: count them present when the list omits them.
  for (const s of a.substitutes) {
    const k = nameKey(s.name);
    if (a.present.length && k && !a.present.some((p) => nameKey(p)?.surname === k.surname)) a.present.push(s.name);
  }
  const decls = extractDeclarations(body.slice(Math.max(0, presentAt)));
  decls.forEach((d, j) => prov.add(`/declarations/${j}/member`, d.line, d.member, "declarations", 0.6));
  meeting.declarations = decls.map((d) => ({ member: d.member, item: d.item, interest: d.interest }));
  const votes = extractVotes(body, minutes);
  votes.forEach((v, j) => prov.add(`/votes/${j}/question`, v.line, v.vote.question, "votes", v.vote.positions.length ? 0.8 : 0.6));
  if (votes.length) meeting.votes = votes.map((v) => v.vote);
  // Genre pattern: a page titled "Agenda and minutes" (ModernGov) prints each agenda item with
  // its minute beneath, so its items are the agenda too.
  // ("Agenda and minutes", "Agenda, decisions and draft minutes").
  if (body.slice(0, 5).some((l) => /^agenda\b[\w ,]{0,30}\bminutes\b/i.test(l.text)) && meeting.minutes.length) {
    meeting.hasAgenda = true;
    meeting.agenda = meeting.minutes.map((mi) => ({ number: mi.number, title: mi.title, pages: null, exempt: false }));
  }
  if (!header.date && !minutes.length) return null;
  return { meeting, prov, header };
}
