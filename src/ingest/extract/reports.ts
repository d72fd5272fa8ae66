import type { PageSet } from "../read/page.js";
import type { ExtractedReport, ProvenanceRef } from "../../domain/extraction.js";
import type { Segment } from "../segment/segment.js";
import { findDates, isDateOnly, parseDate } from "../parse/printed-date.js";
import {
  isFurniture,
  nonEmpty,
  pageTextMap,
  provenanceAt,
  stripTitles,
  toStream,
  wordCount,
  type StreamLine,
} from "../segment/table-grid.js";
import { agendaTitles, personName, wordsOf } from "../parse/report-names.js";
import { agendaPapers } from "./agenda-papers.js";

const EXTRACTOR = "reports";

type Field = "meeting" | "date" | "title" | "author" | "contact" | "lead" | "service" | "wards";

/** Cover-sheet labels, most specific first; values follow a colon or a tab. */
const LABELS: [RegExp, Field][] = [
  [/^(date of (the )?meeting|meeting date|date of decision|date)$/, "date"],
  [/^(title of report|report title|title|subject|report subject|report name)$/, "title"],
  [/^(report authors?|authors?|report written by|prepared by)$/, "author"],
  [/^(name of contact officer|contact officers?|contact name|contact|officer contact)$/, "contact"],
  [/^(lead officers?|responsible officer|report of|report by|report from|from|relevant director)$/, "lead"],
  [/^(service|service area|directorate|department|division|portfolio area)$/, "service"],
  [
    /^(wards? affected|wards?|ward\(s\)( affected)?|(wards?|ward\(s\)) and (ward )?(communities|councillors|members)( affected)?|electoral divisions?( affected)?|divisions? affected)$/,
    "wards",
  ],
  [/^(meeting|committee|report to|decision maker|meeting of|to)$/, "meeting"],
];
const ANY_LABEL = /^(?:\d{1,2}\.\s+)?([A-Za-z][A-Za-z()' /]{1,40}?):\s*/;

const labelOf = (raw: string): Field | null => {
  const k = raw.toLowerCase().replace(/[:.]/g, "").replace(/\s+/g, " ").trim();
  return LABELS.find(([re]) => re.test(k))?.[1] ?? null;
};

interface Hit {
  field: Field;
  value: string;
  line: StreamLine;
}

/** "Label: value", "Label<tab>value", and the converter's "Author: Service:<tab>a b". */
function fieldsOn(line: StreamLine, previous: Hit[]): Hit[] {
  let labels: string[] = [];
  let value = "";
  const cells = line.cells ? nonEmpty(line.cells) : null;
  if (cells && cells.length === 2 && wordCount(cells[0]) <= 6) {
    labels = cells[0].split(/:\s*/).filter(Boolean);
    value = cells[1];
  } else {
    let rest = line.text;
    for (let m = rest.match(ANY_LABEL); m && labels.length < 3; m = rest.match(ANY_LABEL)) {
      labels.push(m[1]);
      rest = rest.slice(m[0].length);
    }
    value = rest;
  }
  const fields = labels.map(labelOf);
  if (!fields.length || fields.some((f) => !f) || !value.trim()) return [];
  if (fields.length === 1) return [{ field: fields[0]!, value: value.trim(), line }];
  // Two labels sharing a value: the first label's value repeats an earlier line.
  const first = previous.find((h) => h.field === fields[0] && value.startsWith(h.value));
  if (first) return [{ field: fields[1]!, value: value.slice(first.value.length).trim(), line }];
  return [{ field: fields[0]!, value: value.trim(), line }];
}

const SECTION =
  /^(\d+\.?\s*)?(summary|purpose( of (the )?report)?|report summary|executive summary|introduction|context|background|recommendations?( and reasons)?|detail|key issues)\b/i;

interface Cover {
  service?: { value: string; line: StreamLine };
  start: number;
  hits: Hit[];
  title: string | null;
  titleLine: StreamLine | null;
  heading: string | null;
  dateLine: StreamLine | null;
}

/** Reports that print a heading instead of a form: committee, date, TITLE, then "Summary". */
function headedCover(stream: StreamLine[], i: number): Cover | null {
  const top: number[] = [];
  for (let j = i; j < stream.length && top.length < 7; j++)
    if (!isFurniture(stream[j].text) && !/^agenda item/i.test(stream[j].text)) top.push(j);
  const dateAt = top.findIndex((j) => isDateOnly(stream[j].text));
  const sectionAt = top.findIndex((j) => SECTION.test(stream[j].text) && wordCount(stream[j].text) <= 5);
  if (dateAt < 0 || sectionAt <= dateAt + 1 || sectionAt - dateAt > 3) return null;
  const heads = top.slice(dateAt + 1, sectionAt).map((j) => stream[j]);
  if (heads.some((h) => wordCount(h.text) > 25 || h.cells)) return null;
  return {
    start: i,
    hits: [],
    title: heads.map((h) => h.text).join(" "),
    titleLine: heads[0],
    heading: heads.map((h) => h.text).join(" "),
    dateLine: stream[top[dateAt]],
  };
}

export function extractReports(
  pages: PageSet,
  _segments?: Segment[],
): { rows: ExtractedReport[]; provenance: Record<string, ProvenanceRef> } {
  const stream = joinStackedLabels(rejoinWrappedLabels(toStream(pages)));
  const texts = pageTextMap(pages);
  const agenda = agendaTitles(stream);
  const packDate = packMeetingDate(stream);

  // 1. Find cover sheets: runs of labelled lines including a title, or a headed first page.
  const covers: Cover[] = [];
  for (let i = 0; i < stream.length; i++) {
    const line = stream[i];
    const startsPage = i === 0 || stream[i - 1].page !== line.page;
    const hits = fieldsOn(line, []);
    if (hits.length && ["date", "title", "meeting", "author", "lead"].includes(hits[0].field)) {
      const block: Hit[] = [];
      let j = i,
        gap = 0;
      for (; j < stream.length && gap <= 3; j++) {
        const h = fieldsOn(stream[j], block);
        if (h.length) {
          block.push(...h);
          gap = 0;
        } else if (!isFurniture(stream[j].text)) gap++;
      }
      const title = block.find((h) => h.field === "title");
      const authorish = block.some((h) => ["author", "contact", "lead", "wards", "service"].includes(h.field));
      if (title && authorish) {
        covers.push({ start: i, hits: block, title: title.value, titleLine: title.line, heading: null, dateLine: null });
        i = j - 1;
        continue;
      }
    }
    if (startsPage || i < 3) {
      const u = unlabelledCover(stream, i);
      if (u) {
        covers.push(u);
        continue;
      }
    }
    if (startsPage) {
      const c = headedCover(stream, i);
      const prev = covers[covers.length - 1];
      if (c && !(prev && c.start - prev.start < 10 && prev.title === c.title)) covers.push(c);
    }
  }

  // 2. Each report runs to the next cover; labelled contact lines later in it still count.
  const rows: ExtractedReport[] = [];
  const provenance: Record<string, ProvenanceRef> = {};
  covers.forEach((cover, n) => {
    const end = n + 1 < covers.length ? covers[n + 1].start : stream.length;
    const hits = [...cover.hits];
    for (let j = cover.start; j < end; j++)
      if (!cover.hits.some((h) => h.line === stream[j])) hits.push(...fieldsOn(stream[j], hits), ...labelAbove(stream, j));
    const get = (f: Field) => hits.find((h) => h.field === f);

    let title = cleanTitle(cover.title ?? "");
    let service: Hit | { value: string; line: StreamLine } | undefined = get("service");
    if (cover.heading) {
      const better = agendaMatch(agenda, stream, cover.start);
      if (better && wordsOf(better).length > wordsOf(title).length && wordsOf(title).every((w) => wordsOf(better).includes(w))) {
        if (!service && wordCount(title) <= 4 && cover.titleLine) service = { value: title, line: cover.titleLine };
        title = better;
      }
    }
    if (!title) return;

    const dateHit = get("date");
    // "To: County Council – 9th January 2025" names the meeting and its date.
    const meetingHit = get("meeting");
    const meetingDate =
      (dateHit && parseDate(dateHit.value)) ||
      (cover.dateLine && parseDate(cover.dateLine.text)) ||
      (meetingHit && parseDate(meetingHit.value)) ||
      packDate;
    if (!service && cover.service) service = cover.service;
    // FORMAT.md convention 8: the "Report of" / "Responsible officer" line names the service
    // when it names a post rather than a person.
    const lead = get("lead");
    if (!service && lead && !personName(lead.value)) service = lead;
    const authorHit = [get("author"), get("contact"), get("lead")].find((h) => h && personName(h.value));
    const author = authorHit ? personName(authorHit.value) : null;
    if (!service) service = serviceUnderHeading(stream, cover.start, end, title);
    const wardsHit = get("wards");

    const i = rows.length;
    rows.push({
      title,
      meetingDate: meetingDate ?? null,
      author: author ? stripTitles(author) : null,
      service: service ? cleanService(service.value) : null,
      wards: wardsHit ? wardsHit.value.replace(/[.;]$/, "").trim() : null,
    });
    const conf = cover.hits.length ? 0.85 : 0.6;
    if (cover.titleLine) provenance[`/${i}/title`] = provenanceAt(cover.titleLine, texts, title, EXTRACTOR, conf);
    if (authorHit && author) provenance[`/${i}/author`] = provenanceAt(authorHit.line, texts, author, EXTRACTOR, conf);
    if (service) provenance[`/${i}/service`] = provenanceAt(service.line, texts, service.value, EXTRACTOR, conf * 0.8);
    if (wardsHit) provenance[`/${i}/wards`] = provenanceAt(wardsHit.line, texts, wardsHit.value, EXTRACTOR, conf);
    const dl = dateHit?.line ?? cover.dateLine;
    if (dl) provenance[`/${i}/meetingDate`] = provenanceAt(dl, texts, dateHit?.value ?? dl.text, EXTRACTOR, conf);
  });
  // No cover sheet anywhere: the papers the agenda lists with pages, headed by their title
  // alone. They print no meeting date of their own (FORMAT.md convention 9: null).
  if (!covers.length) {
    for (const paper of agendaPapers(stream)) {
      const i = rows.length;
      const title = cleanTitle(paper.title);
      rows.push({
        title,
        meetingDate: null,
        author: paper.author ? stripTitles(paper.author.value) : null,
        service: paper.service ? cleanService(paper.service.value) : null,
        wards: null,
      });
      provenance[`/${i}/title`] = provenanceAt(paper.titleLine, texts, title, EXTRACTOR, 0.5);
      if (paper.author) provenance[`/${i}/author`] = provenanceAt(paper.author.line, texts, paper.author.value, EXTRACTOR, 0.5);
      if (paper.service) provenance[`/${i}/service`] = provenanceAt(paper.service.line, texts, paper.service.value, EXTRACTOR, 0.4);
    }
  }
  return { rows, provenance };
}

/**
 * Genre pattern: a two-column cover whose label column wraps, so the converter prints
 * "REPORT Transport Update" then "TITLE:", or "RESPONSIBLE Director of Finance and" then
 * "OFFICER: Commercial". The label's halves are put back together with the value's.
 */
export function rejoinWrappedLabels(stream: StreamLine[]): StreamLine[] {
  const out = [...stream];
  for (let j = 1; j < out.length; j++) {
    const tail = /^([A-Za-z][A-Za-z()]*(?:\s+[A-Za-z()]+)?)\s*:\s*(.*)$/.exec(out[j].text);
    const prev = out[j - 1];
    if (!tail || /:/.test(prev.text) || labelOf(tail[1]) === "date") continue;
    const cells = prev.cells ? nonEmpty(prev.cells) : null;
    if (cells && cells.length === 2) {
      const label = `${cells[0]} ${tail[1]}`;
      if (!labelOf(label)) continue;
      const value = `${cells[1]} ${tail[2]}`.trim();
      out[j - 1] = { ...prev, text: `${label}: ${value}`, cells: [`${label}:`, value] };
      out[j] = { ...out[j], text: "", cells: null };
      continue;
    }
    if (prev.cells) continue;
    const words = prev.text.split(/\s+/);
    for (const n of [2, 1]) {
      if (words.length <= n) continue;
      const label = `${words.slice(0, n).join(" ")} ${tail[1]}`;
      if (!labelOf(label)) continue;
      const value = `${words.slice(n).join(" ")} ${tail[2]}`.trim();
      out[j - 1] = { ...prev, text: `${label}: ${value}` };
      out[j] = { ...out[j], text: "" };
      break;
    }
  }
  return out;
}

/**
 * Genre pattern: a cover sheet (CMIS and other form-built covers) whose labels have no colon
 * and stand on their own line over their value: "Report title" / "Village Green Plan" /
 * "Report of" / "Director of Place". Read as "Label: value" when at least three such pairs
 * stand together, so a stray "Date" heading in running text is left alone.
 */
export function joinStackedLabels(stream: StreamLine[]): StreamLine[] {
  const out = [...stream];
  const isLabel = (l: StreamLine | undefined) => !!l && !l.cells && wordCount(l.text) <= 6 && !!labelOf(l.text) && !/:/.test(l.text);
  const pairs: number[] = [];
  for (let j = 0; j + 1 < out.length; j++) {
    const value = out[j + 1];
    if (!isLabel(out[j]) || !value || value.cells || !value.text.trim() || isLabel(value) || ANY_LABEL.test(value.text)) continue;
    pairs.push(j);
    j++;
  }
  const kept = pairs.filter((j) => pairs.filter((k) => Math.abs(k - j) <= 12).length >= 3);
  for (const j of kept) {
    out[j] = { ...out[j], text: `${out[j].text.trim()}: ${out[j + 1].text.trim()}` };
    out[j + 1] = { ...out[j + 1], text: "" };
  }
  return out;
}

/**
 * Genre pattern: a cover with no field labels — "REPORT TO CABINET", the meeting's date,
 * "REPORT OF <officer or team>" (perhaps over two lines), then the title in capitals just
 * above the first section ("1. Summary").
 */
function unlabelledCover(stream: StreamLine[], i: number): Cover | null {
  const to = /^report to (?:the\s+)?(.{3,80})$/i.exec(stream[i].text);
  if (!to) return null;
  const next: number[] = [];
  for (let j = i + 1; j < stream.length && next.length < 14; j++) if (!isFurniture(stream[j].text)) next.push(j);
  const dateAt = next.findIndex((j) => isDateOnly(stream[j].text));
  if (dateAt < 0 || dateAt > 1) return null;
  const sectionAt = next.findIndex((j) => SECTION.test(stream[j].text) && wordCount(stream[j].text) <= 6);
  if (sectionAt <= dateAt + 1) return null;
  let service: Cover["service"];
  const ofAt = next.findIndex((j) => /^report of\s+\S/i.test(stream[j].text));
  let afterService = dateAt + 1;
  if (ofAt > dateAt && ofAt < sectionAt) {
    const line = stream[next[ofAt]];
    let value = line.text.replace(/^report of\s+/i, "");
    afterService = ofAt + 1;
    // "REPORT OF SENIOR" / "MANAGEMENT TEAM": capitals continue the name.
    const cont = stream[next[ofAt + 1]]?.text ?? "";
    if (value === value.toUpperCase() && cont && cont === cont.toUpperCase() && wordCount(cont) <= 4 && ofAt + 1 < sectionAt - 1) {
      value += ` ${cont}`;
      afterService++;
    }
    service = { value: titleCaseWords(value).replace(/^the\s+/i, ""), line };
  }
  // The title: the last capitals line(s) before the first section, not a decision-type or member line.
  const heads = next
    .slice(afterService, sectionAt)
    .map((j) => stream[j])
    .filter(
      (l) =>
        !/^(?:cabinet|council|key|non[- ]key|executive)?\s*decision$|^(?:cllr|councillor)\b|–|\bmember for\b/i.test(l.text) ||
        l.text === l.text.toUpperCase(),
    );
  const titled = heads.filter(
    (l) =>
      l.text === l.text.toUpperCase() &&
      /[A-Z]{3}/.test(l.text) &&
      !/^(?:cabinet|council|key|non[- ]key|executive)?\s*decision$/i.test(l.text),
  );
  const title = titled[titled.length - 1];
  if (!title) return null;
  return { start: i, hits: [], title: title.text, titleLine: title, heading: null, dateLine: stream[next[dateAt]], service };
}

/** "SENIOR MANAGEMENT TEAM" -> "Senior Management Team". */
function titleCaseWords(s: string): string {
  if (s !== s.toUpperCase()) return s;
  return s
    .toLowerCase()
    .replace(/(^|[\s(/-])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase())
    .replace(/\b(And|Of|The|For|In)\b/g, (w) => w.toLowerCase());
}

/** "7. Report Authors:" alone on its line, the value on the next one. */
function labelAbove(stream: StreamLine[], j: number): Hit[] {
  const m = /^(?:\d{1,2}\.\s+)?([A-Za-z][A-Za-z()' /]{1,40}?):\s*$/.exec(stream[j].text);
  const field = m ? labelOf(m[1]) : null;
  if (!field || field === "title") return [];
  const next = stream.slice(j + 1, j + 3).find((l) => !isFurniture(l.text) && l.text.trim());
  return next && !ANY_LABEL.test(next.text) ? [{ field, value: next.text.trim(), line: next }] : [];
}

function cleanTitle(t: string): string {
  return t
    .replace(/\s+/g, " ")
    .replace(/^["“']|["”']$/g, "")
    .trim();
}

/** "Children, Young People and Families Service, Plymouth City Council" -> the service. */
function cleanService(s: string): string {
  return s
    .replace(/,\s*[^,]*\b(council|authority)$/i, "")
    .replace(/\s*-\s*$/, "")
    .trim();
}

/** The agenda item whose title the report's first lines spell out ("Children's Services ... Overview ... 2023"). */
function agendaMatch(agenda: string[], stream: StreamLine[], start: number): string | null {
  const top = new Set(stream.slice(start, start + 8).flatMap((l) => wordsOf(l.text)));
  let best: string | null = null,
    bestScore = 0;
  for (const a of agenda) {
    const w = wordsOf(a);
    if (!w.length) continue;
    const score = w.filter((x) => top.has(x)).length / w.length;
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return bestScore >= 0.75 ? best : null;
}

/** An appendix printed as "REPORT TITLE IN CAPITALS" over the service that wrote it. */
function serviceUnderHeading(
  stream: StreamLine[],
  from: number,
  to: number,
  title: string,
): { value: string; line: StreamLine } | undefined {
  const tw = wordsOf(title);
  for (let j = from; j < to - 1; j++) {
    const t = stream[j].text;
    if (stream[j].cells || t.length < 8 || t !== t.toUpperCase() || !/[A-Z]{3}/.test(t)) continue;
    const hw = wordsOf(t);
    if (tw.filter((w) => hw.includes(w)).length < Math.max(1, Math.ceil(tw.length / 2))) continue;
    let k = j + 1;
    while (k < to && isFurniture(stream[k].text)) k++;
    const next = stream[k];
    if (!next || next.cells) return undefined;
    const n = next.text;
    if (wordCount(n) > 10 || /[.:;]$/.test(n) || /^\d/.test(n) || n === n.toUpperCase() || SECTION.test(n)) return undefined;
    if (findDates(n).length) return undefined;
    return { value: n, line: next };
  }
  return undefined;
}

/** The date of the meeting the pack is for: the first date on the front sheet that names a weekday. */
function packMeetingDate(stream: StreamLine[]): string | null {
  const front = stream.slice(0, 60);
  for (const l of front)
    if (/(mon|tues|wednes|thurs|fri|satur|sun)day/i.test(l.text)) {
      const d = parseDate(l.text);
      if (d) return d;
    }
  for (const l of front) {
    const d = parseDate(l.text);
    if (d) return d;
  }
  return null;
}
