import type {
  ExtractedAgendaItem,
  ExtractedDocument,
  ExtractedMeeting,
  ExtractedPage,
  ExtractionProvenance,
  FileKind,
} from "../../domain/extraction.js";
import { type PageSet, pageText } from "../read/page.js";
import type { FlatLine } from "../segment/lines.js";
import type { Segment, SegmentKind } from "../segment/segment.js";

/**
 * What the file is and the papers it holds, decided here from the pages so the loader takes
 * them from the Extraction: the file's kind, its page text, and each paper's physical page
 * range (always inside the file), title, kind and agenda item.
 */

/** The file's pages as read; provenance spans index into `text`. */
export function filePages(pages: PageSet): ExtractedPage[] {
  return pages.pages.map((p) => ({ number: p.index, printed: p.printed, text: pageText(p) }));
}

/** The meeting the file is for: the first with an agenda the loader can place (committee and date), else the first it can. */
export function ownMeeting(meetings: ExtractedMeeting[]): number | null {
  const placeable = meetings.map((m, i) => ({ m, i })).filter(({ m }) => m.committee && m.date);
  return (placeable.find(({ m }) => m.hasAgenda) ?? placeable[0])?.i ?? null;
}

const KIND: Partial<Record<SegmentKind, ExtractedDocument["kind"]>> = {
  report: "report",
  appendix: "appendix",
  minutes: "minutes",
  "action-plan": "other",
  "tracking-decisions": "other",
  "work-programme": "other",
  restricted: "other",
  other: "other",
};
const DEFAULT_TITLE: Partial<Record<SegmentKind, string>> = {
  report: "Report",
  appendix: "Appendix",
  minutes: "Minutes",
  "action-plan": "Action plan",
  "tracking-decisions": "Tracking decisions",
  "work-programme": "Work programme",
  restricted: "Restricted document (not for publication)",
  other: "Paper",
};

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
const STOP = new Set(["the", "of", "and", "a", "an", "to", "for", "in", "on", "report", "item"]);
const titleWords = (s: string) =>
  new Set(
    norm(s)
      .split(" ")
      .filter((w) => w && !STOP.has(w)),
  );

/** Share of the smaller title's words found in the other (0-1). */
function titleOverlap(a: string, b: string): number {
  const wa = titleWords(a);
  const wb = titleWords(b);
  if (!wa.size || !wb.size) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.min(wa.size, wb.size);
}

/** An item's printed pages as the loader keeps them: a range, a single page, or none. */
function printedRange(a: ExtractedAgendaItem): [number, number] | null {
  const p = a.pages;
  if (!p || p[0] <= 0) return null;
  return [p[0], p[1] >= p[0] ? p[1] : p[0]];
}

/** The agenda item a paper belongs to: its "Agenda Item N" stamp, the printed page range covering it, or its title. */
function itemFor(seg: Segment, lines: FlatLine[], pages: ExtractedPage[], items: ExtractedAgendaItem[]): ExtractedAgendaItem | undefined {
  if (!items.length) return undefined;
  const stamp = /^agenda item\s+(\d{1,3}[a-z]?)\b/i.exec(lines[seg.startLine ?? -1]?.text ?? "");
  if (stamp) {
    const hit = items.find((i) => norm(i.number) === norm(stamp[1]!));
    if (hit) return hit;
  }
  const printed = pages.find((p) => p.number === seg.firstPage)?.printed ?? null;
  if (printed !== null) {
    const covering = items
      .map((i) => ({ i, r: printedRange(i) }))
      .filter(({ r }) => r && printed >= r[0] && printed <= r[1])
      .sort((a, b) => a.r![1] - a.r![0] - (b.r![1] - b.r![0]));
    if (covering[0]) return covering[0].i;
  }
  if (seg.kind === "minutes") {
    const minutesItems = items.filter((i) => /^(?:(?:confirmation|approval) of (?:the )?)?minutes\b/i.test(i.title));
    if (minutesItems.length === 1) return minutesItems[0];
  }
  if (seg.title) {
    const scored = items
      .map((i) => ({ i, s: titleOverlap(i.title, seg.title!) }))
      .filter((x) => x.s >= 0.8)
      .sort((a, b) => b.s - a.s);
    if (scored[0]) return scored[0].i;
  }
  return undefined;
}

/**
 * Papers segmented out of the file (reports, minutes, action plans, restricted placeholders),
 * each over its physical pages and tied to its agenda item; then, for an exempt item whose
 * printed pages are in the file and that no paper covers, a paper over those pages so they are
 * withheld with the item. A paper that is the whole file, as what the file is, is not repeated.
 */
export function fileDocuments(
  segments: Segment[],
  lines: FlatLine[],
  pages: ExtractedPage[],
  meetings: ExtractedMeeting[],
  provenance: ExtractionProvenance,
  kind: FileKind,
): ExtractedDocument[] {
  const own = ownMeeting(meetings);
  const items = own === null ? [] : meetings[own]!.agenda;
  const first = pages[0]?.number ?? 0;
  const last = pages[pages.length - 1]?.number ?? 0;
  const inFile = (n: number) => n >= first && n <= last;
  // A meeting's minutes: the placeable meeting with minutes whose date was read inside the paper.
  const minutesOf = (seg: Segment): number | null => {
    const order = meetings
      .map((m, i) => ({ m, i }))
      .filter(({ m }) => m.committee && m.date && m.hasMinutes)
      .sort((a, b) => Number(b.m.hasAgenda) - Number(a.m.hasAgenda));
    const hit = order.find(({ i }) => {
      const page = provenance[`/meetings/${i}/date`]?.page;
      return page !== undefined && page >= seg.firstPage && page <= seg.lastPage;
    });
    return hit?.i ?? null;
  };
  const out: ExtractedDocument[] = [];
  for (const seg of segments) {
    const k = KIND[seg.kind];
    if (!k || !inFile(seg.firstPage) || !inFile(seg.lastPage) || seg.lastPage < seg.firstPage) continue;
    if (k === kind && seg.firstPage <= first && seg.lastPage >= last) continue;
    const item = itemFor(seg, lines, pages, items);
    const withheld = seg.kind === "restricted";
    out.push({
      kind: k,
      title: (seg.title?.trim() || DEFAULT_TITLE[seg.kind]!).slice(0, 1000),
      pages: [seg.firstPage, seg.lastPage],
      item: item?.number ?? null,
      meeting: seg.kind === "minutes" ? minutesOf(seg) : null,
      withheld,
      exemptParagraph: withheld ? (item?.exemptParagraph ?? null) : null,
    });
  }
  for (const item of items) {
    const range = printedRange(item);
    if (!item.exempt || !range) continue;
    const held = pages.filter((p) => p.printed !== null && p.printed >= range[0] && p.printed <= range[1]).map((p) => p.number);
    // Exempt papers are usually left out of the public pack: then there is nothing here to withhold.
    if (!held.length) continue;
    const from = Math.min(...held);
    const to = Math.max(...held);
    if (out.some((d) => d.item === item.number && d.pages[0] <= from && d.pages[1] >= to)) continue;
    out.push({
      kind: "other",
      title: `Item ${item.number}: exempt pages`,
      pages: [from, to],
      item: item.number,
      meeting: null,
      withheld: false,
      exemptParagraph: null,
    });
  }
  return out;
}
