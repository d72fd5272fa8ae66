import type { AgendaItem } from "../../domain/agenda-item.js";
import type { Document } from "../../domain/document.js";
import { type ExtractedDocument, type ExtractedPage, type Extraction, fileKindOf, type FileKind } from "../../domain/extraction.js";
import { formatOf } from "../read/dispatch.js";
import { norm, type LoadContext } from "./context.js";
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

/** Keeps a document's page rows equal to `pages` (numbered 1..n within it), changing only what differs. */
async function syncPages(ctx: LoadContext, doc: Document, pages: ExtractedPage[]): Promise<void> {
  const existing = await ctx.scope.list("document_page", { documentId: doc.id }, ["pageNumber"]);
  for (const [k, p] of pages.entries()) {
    const prior = existing.find((e) => e.pageNumber === k + 1);
    await ctx.upsert("document_page", prior, {
      documentId: doc.id,
      pageNumber: k + 1,
      printedNumber: p.printed,
      text: p.text,
    });
  }
  for (const stale of existing.filter((e) => e.pageNumber > pages.length)) await ctx.scope.delete("document_page", stale.id);
}

function wholeFileTitle(kind: FileKind, x: Extraction, file: PackFile, meeting: LoadedMeeting | null): string {
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
 * The file itself, stored once as what the Extraction says it is (a printed set of minutes is
 * not also an agenda pack): found by the sha256 of its original as the document over the whole
 * file, or (a corrected pack) by being the same file name's document for the same meeting,
 * which is then updated in place.
 */
export async function loadPackDocument(ctx: LoadContext, x: Extraction, file: PackFile, meeting: LoadedMeeting | null): Promise<Document> {
  const kind = x.fileKind ?? fileKindOf(x);
  const pages = x.pages ?? [];
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
    pageCount: pages.length,
  });
  await syncPages(ctx, doc, pages);
  return doc;
}

/**
 * The papers the Extraction cut from the file (reports, minutes, action plans, restricted
 * placeholders, an exempt item's pages), each a document over its physical pages of the same
 * original, linked to its agenda item by number. A range that does not lie inside the file's
 * pages is refused with a warning: no document points outside its original.
 */
export async function loadDocuments(
  ctx: LoadContext,
  x: Extraction,
  pack: Document,
  packMeeting: LoadedMeeting | null,
  loaded: LoadedMeeting[],
): Promise<Document[]> {
  const out: Document[] = [];
  const pages = x.pages ?? [];
  const existing = await ctx.scope.list("document", { meetingId: pack.meetingId, fileName: pack.fileName });
  // Without a meeting, only papers cut from this very file are this pack's.
  const children = existing.filter(
    (d) => d.id !== pack.id && d.sourcePageFrom !== null && (pack.meetingId !== null || d.sha256 === pack.sha256),
  );
  const used = new Set<string>();
  const items = packMeeting?.items ?? [];
  for (const d of x.documents ?? []) {
    const held = pages.filter((p) => p.number >= d.pages[0] && p.number <= d.pages[1]);
    if (held.length !== d.pages[1] - d.pages[0] + 1) {
      ctx.warnings.push(
        `${ctx.source}: paper "${d.title}" (pages ${d.pages[0]}-${d.pages[1]}) lies outside the file's ${pages.length} page(s); left out`,
      );
      continue;
    }
    const item: AgendaItem | undefined = d.item === null ? undefined : items.find((i) => norm(i.number) === norm(d.item));
    const of = d.kind === "minutes" && d.meeting !== null ? loaded.find((l) => l.index === d.meeting) : undefined;
    const title = (of ? `Minutes: ${of.committee.name}, ${of.meeting.localDate}` : d.title.trim()).slice(0, 1000);
    const prior = priorOf(children, used, d, title, pack);
    const doc = await ctx.upsert("document", prior, {
      ...(prior ?? {}),
      meetingId: pack.meetingId,
      agendaItemId: prior?.agendaItemId ?? item?.id ?? null,
      kind: d.kind,
      title,
      sha256: pack.sha256,
      fileName: pack.fileName,
      mediaType: pack.mediaType,
      byteSize: pack.byteSize,
      pageCount: held.length,
      sourcePageFrom: d.pages[0],
      sourcePageTo: d.pages[1],
      // A placeholder for withheld papers stays withheld even when no exempt item covers it.
      exemptParagraph:
        prior?.exemptParagraph ?? (d.withheld ? (d.exemptParagraph ?? item?.exemptParagraph ?? ASSUMED_EXEMPT_PARAGRAPH) : null),
    });
    used.add(doc.id);
    await syncPages(ctx, doc, held);
    out.push(doc);
  }
  // Papers cut from an earlier version of this pack that the corrected one no longer has.
  for (const stale of children.filter((d) => !used.has(d.id) && d.sha256 !== pack.sha256 && pack.meetingId !== null))
    await ctx.scope.delete("document", stale.id);
  return out;
}

/** The stored paper an extracted one is: same kind and title (on the same first page, first), or a retitled one on the same page of an earlier version. */
function priorOf(children: Document[], used: Set<string>, d: ExtractedDocument, title: string, pack: Document): Document | undefined {
  const free = children.filter((c) => !used.has(c.id) && c.kind === d.kind);
  return (
    free.find((c) => norm(c.title) === norm(title) && c.sourcePageFrom === d.pages[0]) ??
    free.find((c) => norm(c.title) === norm(title)) ??
    // A corrected pack may retitle a paper; the same kind of paper on the same page is still that paper.
    free.find((c) => c.sourcePageFrom === d.pages[0] && c.sha256 !== pack.sha256)
  );
}
