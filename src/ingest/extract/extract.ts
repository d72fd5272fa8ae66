import type { PageSet } from "../read/page.js";
import { Extraction, fileKindOf, type ExtractedMeeting, type ExtractionProvenance, type ProvenanceRef } from "../../domain/extraction.js";
import { invalid } from "../../domain/errors.js";
import { flatten, ProvenanceLog, type FlatLine } from "../segment/lines.js";
import { segmentLines, type Segment } from "../segment/segment.js";
import { authorityFromTitle, extractAuthority } from "./authority.js";
import { extractMeetingHeader, bodyName, type MeetingHeader } from "./meeting-header.js";
import { extractAgenda } from "./agenda.js";
import { extractMembers } from "./members.js";
import { extractMinutesMeeting } from "./minutes-meeting.js";
import { findDates } from "../parse/printed-date.js";
import { extractReports } from "./reports.js";
import { extractActions } from "./actions.js";
import { extractWorkProgramme } from "./work-programme.js";
import { extractMeetingsIndex } from "./meetings-index.js";
import { fileDocuments, filePages } from "./file-documents.js";
import { readBeside } from "./printed-beside.js";

/**
 * The pure extract stage: pages in, an Extraction (FORMAT.md) plus provenance out. No
 * database; the loader alone turns this into records.
 */

interface Built {
  meeting: ExtractedMeeting;
  prov: ProvenanceLog;
  header: MeetingHeader;
}

const emptyMeeting = (): ExtractedMeeting => ({
  committee: null,
  date: null,
  time: null,
  venue: null,
  hasAgenda: false,
  hasMinutes: false,
  agenda: [],
  members: [],
  attendance: { present: [], apologies: [], substitutes: [], officers: [], alsoPresent: [] },
  minutes: [],
  declarations: [],
});

const normBody = (s: string | null) =>
  (s ?? "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/\bsub[\s-]*committee\b/g, "subcommittee")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** A body line followed closely by the meeting date, anywhere in the pack (report covers repeat it). */
function committeeNear(lines: FlatLine[], date: string): FlatLine | null {
  for (let k = 0; k < lines.length; k++) {
    if (!bodyName(lines[k]!.text)) continue;
    for (let j = k + 1, seen = 0; j < lines.length && seen < 3; j++) {
      if (!lines[j]!.text) continue;
      seen++;
      if (findDates(lines[j]!.text).some((d) => d.iso === date)) return lines[k]!;
    }
  }
  return null;
}

function frontSheet(pages: PageSet, lines: FlatLine[], seg: Segment, authority: string | null): Built | null {
  const body = lines.slice(seg.startLine, seg.endLine);
  const header = extractMeetingHeader(body, authority, { minutes: false, document: lines });
  const agenda = extractAgenda(body);
  const members = extractMembers(body);
  // A dated cover with neither agenda nor membership is a report, not a meeting's front sheet.
  // A summons or agenda whose items could not be read is still that meeting's agenda.
  if (!agenda.length && !members.length && !(header.date && declaresAgenda(body))) return null;
  const prov = new ProvenanceLog(pages);
  const m = emptyMeeting();
  m.hasAgenda = agenda.length > 0;
  m.agenda = agenda.map((a, j) => {
    prov.add(`/agenda/${j}/title`, a.line, a.title, "agenda", 0.8);
    return { number: a.number, title: a.title, pages: a.pages, exempt: a.exempt };
  });
  m.members = members.map((x, j) => {
    prov.add(`/members/${j}/name`, x.line, x.name, "members", 0.75);
    return { name: x.name, role: x.role, kind: x.kind };
  });
  if (!header.committee && header.date) {
    const near = committeeNear(lines, header.date.value);
    if (near) header.committee = { value: bodyName(near.text)!, line: near };
  }
  return { meeting: m, prov, header };
}

/** "AGENDA" as a heading, or a summons: the document is a meeting's agenda. */
function declaresAgenda(lines: FlatLine[]): boolean {
  return lines
    .slice(0, 80)
    .some(
      (l) =>
        /^(?:\*\*)?agenda(?:\*\*)?$/i.test(l.text.trim()) ||
        /\b(?:you are (?:hereby )?(?:summoned|requested|invited|called) to attend|notice is hereby given)\b/i.test(l.text),
    );
}

function applyHeader(b: Built): void {
  const h = b.header;
  b.meeting.committee = h.committee?.value ?? null;
  b.meeting.date = h.date?.value ?? null;
  b.meeting.time = h.time?.value ?? null;
  b.meeting.venue = h.venue?.value ?? null;
  for (const f of ["committee", "date", "time", "venue"] as const) {
    const field = h[f];
    if (field) b.prov.add(`/${f}`, field.line, field.value, "meeting-header", f === "date" ? 0.9 : 0.7);
  }
}

/** Meetings that are the same committee on the same date are one meeting. */
function merge(built: Built[]): Built[] {
  const out: Built[] = [];
  for (const b of built) {
    const same = out.find(
      (o) =>
        o.meeting.date &&
        o.meeting.date === b.meeting.date &&
        (normBody(o.meeting.committee) === normBody(b.meeting.committee) || !o.meeting.committee || !b.meeting.committee),
    );
    if (!same) {
      out.push(b);
      continue;
    }
    const a = same.meeting;
    const m = b.meeting;
    a.hasAgenda ||= m.hasAgenda;
    a.hasMinutes ||= m.hasMinutes;
    a.committee ??= m.committee;
    a.time ??= m.time;
    a.venue ??= m.venue;
    const shift = (key: string, rows: unknown[], offset: number) => {
      for (const [p, ref] of Object.entries(b.prov.entries)) {
        const mm = new RegExp(`^/${key}/(\\d+)(/.*)?$`).exec(p);
        if (mm) same.prov.entries[`/${key}/${Number(mm[1]) + offset}${mm[2] ?? ""}`] = ref;
      }
      return rows;
    };
    if (!a.agenda.length) a.agenda = shift("agenda", m.agenda, 0) as typeof a.agenda;
    if (!a.members.length) a.members = shift("members", m.members, 0) as typeof a.members;
    if (!a.minutes.length) {
      a.minutes = shift("minutes", m.minutes, 0) as typeof a.minutes;
      a.attendance = m.attendance;
      a.declarations = m.declarations;
      if (m.votes) a.votes = shift("votes", m.votes, 0) as typeof m.votes;
    }
  }
  return out;
}

/**
 * Genre pattern: a standalone report names the meeting it goes to on its cover ("REPORT TO
 * CABINET" over the date, or "Report to: … / Date: …"). With no agenda or minutes in the
 * document, that meeting is the one it describes.
 */
function reportToMeeting(pages: PageSet, lines: FlatLine[]): Built | null {
  const head = lines.filter((l) => l.text).slice(0, 12);
  const k = head.findIndex((l) => /^report to\s*:?\s+\S/i.test(l.text));
  if (k < 0) return coverToLine(pages, head);
  const committee = head[k]!.text.replace(/^report to\s*:?\s+(?:the\s+)?/i, "").trim();
  const dated = head.slice(k + 1, k + 4).find((l) => findDates(l.text).some((d) => d.hasDay));
  if (!dated || committee.length > 100) return null;
  const m = emptyMeeting();
  const header: MeetingHeader = {
    committee: { value: committee, line: head[k]! },
    date: { value: findDates(dated.text).find((d) => d.hasDay)!.iso, line: dated },
    time: null,
    venue: null,
  };
  return { meeting: m, prov: new ProvenanceLog(pages), header };
}

/**
 * Genre pattern: a report cover's "By … / To <body> – <date>" block, the meeting named with its
 * date on the one "To" line ("To\tCabinet – 30 January 2025", "To: Planning Committee - 4 March 2025").
 */
function coverToLine(pages: PageSet, head: FlatLine[]): Built | null {
  for (const l of head) {
    const m = /^to\s*[:\t]?\s+(.{3,100}?)\s+[–—-]\s+(.+)$/i.exec(l.text.trim());
    if (!m) continue;
    const date = findDates(m[2]!).find((d) => d.hasDay);
    if (!date || !/^[A-Z]/.test(m[1]!) || findDates(m[1]!).length) continue;
    const header: MeetingHeader = {
      committee: { value: m[1]!.replace(/^the\s+/i, "").trim(), line: l },
      date: { value: date.iso, line: l },
      time: null,
      venue: null,
    };
    return { meeting: emptyMeeting(), prov: new ProvenanceLog(pages), header };
  }
  return null;
}

export function extract(pages: PageSet): { extraction: Extraction; provenance: ExtractionProvenance } {
  const lines = flatten(pages);
  const segments = segmentLines(lines);
  const provenance: Record<string, ProvenanceRef> = {};
  const top = new ProvenanceLog(pages);

  const auth = extractAuthority(lines) ?? authorityFromTitle(pages.title, lines);
  if (auth) top.add("/authority", auth.line, auth.name, "authority", 0.7);
  const authority = auth?.name ?? null;

  const built: Built[] = [];
  // Set when the only meeting is the one a report's cover names: the file is that report.
  let cover = false;
  const front = segments.find((s) => s.kind === "front-sheet");
  const fs = front ? frontSheet(pages, lines, front, authority) : null;
  const known = fs ? fs.meeting.members.map((m) => m.name) : [];
  if (fs) built.push(fs);
  for (const seg of segments.filter((s) => s.kind === "minutes")) {
    const mm = extractMinutesMeeting(pages, lines.slice(seg.startLine, seg.endLine), authority, known);
    if (mm) built.push({ meeting: mm.meeting, prov: mm.prov, header: mm.header });
  }
  built.forEach(applyHeader);
  if (fs && !fs.meeting.committee) {
    const other = built.find((b) => b !== fs && b.meeting.committee);
    if (other) fs.meeting.committee = other.meeting.committee;
  }
  if (!built.length) {
    const to = reportToMeeting(pages, lines);
    cover = to !== null;
    if (to) {
      applyHeader(to);
      built.push(to);
    }
  }
  if (!built.length) {
    for (const x of extractMeetingsIndex(lines)) {
      const b: Built = {
        meeting: emptyMeeting(),
        prov: new ProvenanceLog(pages),
        header: { committee: { value: x.committee, line: x.line }, date: { value: x.date, line: x.line }, time: null, venue: null },
      };
      applyHeader(b);
      built.push(b);
    }
  }
  const meetings = merge(built);
  meetings.forEach((b, i) => {
    for (const [p, ref] of Object.entries(b.prov.entries)) provenance[`/meetings/${i}${p}`] = ref;
  });
  Object.assign(provenance, top.entries);

  const part = <T>(name: string, r: { rows: T[]; provenance: Record<string, ProvenanceRef> }): T[] => {
    for (const [p, ref] of Object.entries(r.provenance)) provenance[`/${name}${p.startsWith("/") ? p : `/${p}`}`] = ref;
    return r.rows;
  };
  // What the loader needs beyond FORMAT.md is settled here too, so it never reads pages.
  const text = filePages(pages);
  const found = meetings.map((b) => b.meeting);
  readBeside(found, provenance, text);
  const reports = part("reports", extractReports(pages, segments));
  const kind = cover && !reports.length ? "report" : fileKindOf({ meetings: found, reports, pages: text });
  const candidate = {
    schemaVersion: 1 as const,
    source: pages.source,
    authority,
    meetings: found,
    reports,
    actions: part("actions", extractActions(pages, segments)),
    workProgramme: part("workProgramme", extractWorkProgramme(pages, segments)),
    fileKind: kind,
    pages: text,
    documents: fileDocuments(segments, lines, text, found, provenance, kind),
  };
  const parsed = Extraction.safeParse(candidate);
  if (!parsed.success) throw invalid(parsed.error, `extraction of ${pages.source}`);
  return { extraction: parsed.data, provenance };
}
