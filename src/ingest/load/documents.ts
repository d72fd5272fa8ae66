import type { AgendaItem } from "../../domain/agenda-item.js";
import type { Document, DocumentKind } from "../../domain/document.js";
import type { Extraction } from "../../domain/extraction.js";
import { formatOf } from "../read/dispatch.js";
import type { PageSet } from "../read/page.js";
import { pageText } from "../read/page.js";
import type { FlatLine } from "../segment/lines.js";
import type { Segment, SegmentKind } from "../segment/segment.js";
import { norm, titleOverlap, type LoadContext } from "./context.js";
import { ASSUMED_EXEMPT_PARAGRAPH, type LoadedMeeting } from "./meetings.js";

export interface PackFile {
  fileName: string;
  sha256: string;
  byteSize: number;
  mediaType: string;
}

/** The original's content type by what the reader found it to be (its first bytes, then its extension). */
export function mediaTypeOf(fileName: string, data: Uint8Array): string {
  switch (formatOf(fileName, data)) {
    case "pdf":
      return "application/pdf";
    case "html":
      return "text/html";
    case "docx":
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    default:
      return /\.(?:md|markdown)$/i.test(fileName) ? "text/markdown" : "text/plain";
  }
}

/** Keeps a document's page rows equal to `pages` (physical 1..n), changing only what differs. */
async function syncPages(ctx: LoadContext, doc: Document, pages: PageSet["pages"]): Promise<void> {
  const existing = await ctx.scope.list("document_page", { documentId: doc.id }, ["pageNumber"]);
  for (const [k, p] of pages.entries()) {
    const prior = existing.find((e) => e.pageNumber === k + 1);
    await ctx.upsert("document_page", prior, {
      documentId: doc.id,
      pageNumber: k + 1,
      printedNumber: p.printed,
      text: ctx.pageTexts.get(p.index) ?? pageText(p),
    });
  }
  for (const stale of existing.filter((e) => e.pageNumber > pages.length)) await ctx.scope.delete("document_page", stale.id);
}

/**
 * What the file is as a whole, from the Extraction alone: a meeting's agenda pack; a
 * front sheet when it holds an agenda whose items' printed page ranges all lie outside the
 * file ("Pages 277 to 326" on a two-page summons: the papers are in a pack it is not); a set
 * of minutes when it carries minutes and no agenda; a report when it carries only report
 * covers; otherwise a paper.
 */
export function wholeFileKind(x: Extraction, pages: PageSet): DocumentKind {
  const agendas = x.meetings.filter((m) => m.hasAgenda);
  if (agendas.length) {
    const printed = pages.pages.map((p) => p.printed ?? p.index);
    const ranged = agendas.flatMap((m) => m.agenda).filter((a) => a.pages && a.pages[0] > 0);
    const inFile = (a: { pages: [number, number] | null }) =>
      printed.some((n) => n >= a.pages![0] && n <= Math.max(a.pages![0], a.pages![1]));
    return ranged.length && !ranged.some(inFile) ? "front-sheet" : "agenda-pack";
  }
  if (x.meetings.some((m) => m.hasMinutes)) return "minutes";
  if (x.reports.length) return "report";
  return "other";
}

function wholeFileTitle(kind: DocumentKind, x: Extraction, file: PackFile, meeting: LoadedMeeting | null): string {
  const of = meeting ? `${meeting.committee.name}, ${meeting.meeting.localDate}` : null;
  switch (kind) {
    case "agenda-pack":
      return of ? `Agenda pack: ${of}` : `Agenda pack: ${file.fileName}`;
    case "front-sheet":
      return of ? `Agenda: ${of}` : `Agenda: ${file.fileName}`;
    case "minutes":
      return of ? `Minutes: ${of}` : `Minutes: ${file.fileName}`;
    case "report":
      return x.reports[0]?.title.trim().slice(0, 1000) || file.fileName;
    default:
      return file.fileName;
  }
}

/**
 * The file itself, stored once whatever it is (a printed set of minutes is not also an agenda
 * pack): found by the sha256 of its original as the document over the whole file, or (a
 * corrected pack) by being the same file name's document for the same meeting, which is then
 * updated in place.
 */
export async function loadPackDocument(
  ctx: LoadContext,
  pages: PageSet,
  file: PackFile,
  meeting: LoadedMeeting | null,
  x: Extraction,
): Promise<Document> {
  const kind = wholeFileKind(x, pages);
  const bySha = (await ctx.scope.list("document", { sha256: file.sha256 })).filter((d) => d.sourcePageFrom === null);
  const meetingId = meeting?.meeting.id ?? null;
  let prior: Document | undefined = bySha.find((d) => d.meetingId === meetingId) ?? bySha[0];
  if (!prior && meetingId)
    prior = (await ctx.scope.list("document", { meetingId, fileName: file.fileName })).find((d) => d.sourcePageFrom === null);
  const title = wholeFileTitle(kind, x, file, meeting);
  const doc = await ctx.upsert("document", prior, {
    ...(prior ?? {}),
    meetingId,
    agendaItemId: null,
    kind,
    title: prior && prior.kind === kind ? prior.title : title,
    sha256: file.sha256,
    fileName: file.fileName,
    mediaType: file.mediaType,
    byteSize: file.byteSize,
    pageCount: pages.pages.length,
  });
  await syncPages(ctx, doc, pages.pages);
  return doc;
}

const KIND: Partial<Record<SegmentKind, DocumentKind>> = {
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

/** The agenda item a paper belongs to: its "Agenda Item N" stamp, the printed page range covering it, or its title. */
function itemFor(seg: Segment, lines: FlatLine[], pages: PageSet, items: AgendaItem[]): AgendaItem | undefined {
  if (!items.length) return undefined;
  const stamp = /^agenda item\s+(\d{1,3}[a-z]?)\b/i.exec(lines[seg.startLine ?? -1]?.text ?? "");
  if (stamp) {
    const hit = items.find((i) => norm(i.number) === norm(stamp[1]));
    if (hit) return hit;
  }
  const printed = pages.pages.find((p) => p.index === seg.firstPage)?.printed ?? null;
  if (printed !== null) {
    const covering = items.filter((i) => i.pageFrom !== null && printed >= i.pageFrom && printed <= (i.pageTo ?? i.pageFrom));
    covering.sort((a, b) => (a.pageTo ?? a.pageFrom!) - a.pageFrom! - ((b.pageTo ?? b.pageFrom!) - b.pageFrom!));
    if (covering[0]) return covering[0];
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
 * Papers segmented out of the pack (reports, minutes, action plans, restricted placeholders),
 * each a document over its page range of the same original, linked to its agenda item.
 */
export async function loadSegments(
  ctx: LoadContext,
  pages: PageSet,
  lines: FlatLine[],
  segments: Segment[],
  pack: Document,
  packMeeting: LoadedMeeting | null,
  minutesOf: (seg: Segment) => LoadedMeeting | undefined,
): Promise<Map<Segment, Document>> {
  const out = new Map<Segment, Document>();
  const existing = await ctx.scope.list("document", { meetingId: pack.meetingId, fileName: pack.fileName });
  // Without a meeting, only papers cut from this very file are this pack's.
  const children = existing.filter(
    (d) => d.id !== pack.id && d.sourcePageFrom !== null && (pack.meetingId !== null || d.sha256 === pack.sha256),
  );
  const used = new Set<string>();
  const filePages = pages.pages.length ? [pages.pages[0]!.index, pages.pages[pages.pages.length - 1]!.index] : [0, 0];
  for (const seg of segments) {
    const kind = KIND[seg.kind];
    if (!kind) continue;
    // The whole file is already this document (printed minutes, a standalone report): not stored twice.
    if (kind === pack.kind && seg.firstPage <= filePages[0]! && seg.lastPage >= filePages[1]!) continue;
    const item = itemFor(seg, lines, pages, packMeeting?.items ?? []);
    const of = seg.kind === "minutes" ? minutesOf(seg) : undefined;
    const title = (of ? `Minutes: ${of.committee.name}, ${of.meeting.localDate}` : seg.title?.trim()) || DEFAULT_TITLE[seg.kind]!;
    const restricted = seg.kind === "restricted";
    const prior =
      children.find((d) => !used.has(d.id) && d.kind === kind && norm(d.title) === norm(title) && d.sourcePageFrom === seg.firstPage) ??
      children.find((d) => !used.has(d.id) && d.kind === kind && norm(d.title) === norm(title)) ??
      // A corrected pack may retitle a paper; the same kind of paper on the same page is still that paper.
      children.find((d) => !used.has(d.id) && d.kind === kind && d.sourcePageFrom === seg.firstPage && d.sha256 !== pack.sha256);
    const doc = await ctx.upsert("document", prior, {
      ...(prior ?? {}),
      meetingId: pack.meetingId,
      agendaItemId: prior?.agendaItemId ?? item?.id ?? null,
      kind,
      title: title.slice(0, 1000),
      sha256: pack.sha256,
      fileName: pack.fileName,
      mediaType: pack.mediaType,
      byteSize: pack.byteSize,
      pageCount: seg.lastPage - seg.firstPage + 1,
      sourcePageFrom: seg.firstPage,
      sourcePageTo: seg.lastPage,
      // A placeholder for withheld papers stays withheld even when no exempt item covers it.
      exemptParagraph: prior?.exemptParagraph ?? (restricted ? (item?.exemptParagraph ?? ASSUMED_EXEMPT_PARAGRAPH) : null),
    });
    used.add(doc.id);
    await syncPages(
      ctx,
      doc,
      pages.pages.filter((p) => p.index >= seg.firstPage && p.index <= seg.lastPage),
    );
    out.set(seg, doc);
  }
  // Papers cut from an earlier version of this pack that the corrected one no longer has.
  for (const stale of children.filter((d) => !used.has(d.id) && d.sha256 !== pack.sha256 && pack.meetingId !== null))
    await ctx.scope.delete("document", stale.id);
  return out;
}

/**
 * An exempt item's pages inside the pack, when no paper cut from the pack covers them: the
 * printed page range the agenda gives is turned into the file's pages here, once, and kept as
 * a document over that range of the same original. From then on the store withholds those file
 * pages like any exempt paper's (page-withholding.ts); no read looks at printed numbers again.
 */
export async function loadExemptPages(ctx: LoadContext, pages: PageSet, pack: Document, packMeeting: LoadedMeeting | null): Promise<void> {
  if (!packMeeting || !pack.sha256) return;
  const siblings = await ctx.scope.list("document", { sha256: pack.sha256 });
  for (const item of packMeeting.items) {
    if (item.exemptParagraph === null || item.pageFrom === null) continue;
    const to = item.pageTo ?? item.pageFrom;
    const filePages = pages.pages.filter((p) => p.printed !== null && p.printed >= item.pageFrom! && p.printed <= to).map((p) => p.index);
    // Exempt papers are usually left out of the public pack: then there is nothing here to withhold.
    if (filePages.length === 0) continue;
    const from = Math.min(...filePages);
    const last = Math.max(...filePages);
    const title = `Item ${item.number}: exempt pages`;
    const covers = (d: Document) =>
      d.agendaItemId === item.id && d.sourcePageFrom !== null && d.sourcePageFrom <= from && (d.sourcePageTo ?? d.sourcePageFrom) >= last;
    const prior = siblings.find((d) => d.agendaItemId === item.id && d.title === title);
    if (!prior && siblings.some(covers)) continue;
    const doc = await ctx.upsert("document", prior, {
      ...(prior ?? {}),
      meetingId: pack.meetingId,
      agendaItemId: item.id,
      kind: "other",
      title,
      sha256: pack.sha256,
      fileName: pack.fileName,
      mediaType: pack.mediaType,
      byteSize: pack.byteSize,
      pageCount: last - from + 1,
      sourcePageFrom: from,
      sourcePageTo: last,
    });
    await syncPages(
      ctx,
      doc,
      pages.pages.filter((p) => p.index >= from && p.index <= last),
    );
  }
}
