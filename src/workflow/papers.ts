import { PDFDocument } from "pdf-lib";
import { z } from "zod";
import { parseEdit } from "./form.js";
import { MootError } from "../domain/errors.js";
import { clerkDate } from "../domain/time.js";
import type { DocumentKind } from "../domain/document.js";
import type { RecordOf } from "../domain/records.js";
import { FileStore } from "../store/files.js";
import type { Scope } from "../store/records.js";
import { findByNaturalKey } from "../store/natural-keys.js";
import { nowInstant } from "../store/records.js";
import { pdfPageTexts } from "./pdf-text.js";

export interface PaperUpload {
  data: Uint8Array;
  fileName: string;
  title: string;
  kind?: Extract<DocumentKind, "report" | "appendix" | "supplement" | "other">;
  exemptParagraph?: number | null;
  /** Required when the agenda is already published: the paper is then late and supplementary. */
  urgencyReason?: string | null;
}

async function countPages(data: Uint8Array, source: string): Promise<number> {
  try {
    return (await PDFDocument.load(data, { ignoreEncryption: false })).getPageCount();
  } catch (e) {
    throw new MootError("bad_input", `${source}: not a readable PDF (${(e as Error).message})`, { cause: e });
  }
}

/** A PDF read and stored, ready to be recorded: everything slow happens before any transaction. */
export interface ReadPdf {
  data: Uint8Array;
  fileName: string;
  sha256: string;
  pageCount: number;
  texts: string[];
}

/**
 * Reads a PDF (page count, text per page) and stores it content-addressed, outside any
 * transaction: parsing a large file must not hold SQLite's one connection. The file is written
 * before the record: an orphaned original is harmless (same bytes, same name), a record without
 * its file is not.
 */
export async function readPdf(scope: Scope, data: Uint8Array, fileName: string): Promise<ReadPdf> {
  if (scope.inTransaction) throw new MootError("config", "a PDF is read before the transaction that records it");
  const pageCount = await countPages(data, fileName);
  const texts = await pdfPageTexts(data, fileName);
  const sha256 = await scope.store.files.put(data);
  return { data, fileName, sha256, pageCount, texts };
}

/** Records a PDF read by `readPdf` as a document with one text row per page, so it is searchable. */
export async function recordPdfDocument(
  scope: Scope,
  pdf: ReadPdf,
  doc: {
    meetingId: string | null;
    agendaItemId: string | null;
    kind: DocumentKind;
    title: string;
    exemptParagraph?: number | null;
    publishedAt?: string | null;
  },
): Promise<RecordOf<"document">> {
  return scope.transaction(async (s) => {
    const input = {
      ...doc,
      fileName: pdf.fileName,
      sha256: pdf.sha256,
      mediaType: "application/pdf",
      byteSize: pdf.data.byteLength,
      pageCount: pdf.pageCount,
      exemptParagraph: doc.exemptParagraph ?? null,
      publishedAt: doc.publishedAt ?? null,
    };
    // The same file attached again under the same item (a form submitted twice, two clerks at
    // once) is the paper already there: it takes the new title, kind and exemption and keeps
    // its pages and its publication. The writers' lock first, so the lookup sees every commit.
    await s.bumpDataVersion();
    const existing = await findByNaturalKey(s, "document", input);
    if (existing) return s.update("document", existing.id, { ...input, publishedAt: existing.publishedAt ?? input.publishedAt });
    const created = await s.create("document", input);
    for (const [i, text] of pdf.texts.entries()) await s.create("document_page", { documentId: created.id, pageNumber: i + 1, text });
    return created;
  });
}

/** Attaches a report or appendix (PDF) to an agenda item. */
export async function attachPaper(scope: Scope, itemId: string, upload: PaperUpload): Promise<RecordOf<"document">> {
  if (!upload.fileName.toLowerCase().endsWith(".pdf")) throw new MootError("bad_input", `${upload.fileName}: papers are attached as PDF`);
  const item = await scope.require("agenda_item", itemId);
  const meeting = await scope.require("meeting", item.meetingId);
  if (meeting.status !== "scheduled") throw new MootError("rule", `papers cannot be added to a ${meeting.status} meeting`);
  const urgency = upload.urgencyReason?.trim() || null;
  if (meeting.agendaPublishedAt && !urgency && !item.urgencyReason) {
    throw new MootError(
      "rule",
      `urgencyReason: the agenda was published on ${clerkDate(meeting.agendaPublishedAt)}; a late paper needs a reason for urgency`,
    );
  }
  const pdf = await readPdf(scope, upload.data, upload.fileName);
  return scope.transaction(async (s) => {
    const doc = await recordPdfDocument(s, pdf, {
      meetingId: meeting.id,
      agendaItemId: item.id,
      kind: upload.kind ?? "report",
      title: upload.title,
      exemptParagraph: upload.exemptParagraph ?? null,
      // A late paper is published as it is added, as a supplement.
      publishedAt: meeting.agendaPublishedAt ? nowInstant() : null,
    });
    if (meeting.agendaPublishedAt)
      await s.update("agenda_item", item.id, { toFollow: false, urgencyReason: item.urgencyReason ?? urgency });
    else if (item.toFollow) await s.update("agenda_item", item.id, { toFollow: false });
    return doc;
  });
}

export async function papersOf(scope: Scope, itemId: string): Promise<RecordOf<"document">[]> {
  const docs = await scope.list("document", { agendaItemId: itemId }, ["createdAt"]);
  // Reports before appendices, each in the order attached.
  const rank = (k: DocumentKind) => (k === "report" ? 0 : k === "appendix" ? 1 : 2);
  return docs.sort((a, b) => rank(a.kind) - rank(b.kind));
}

export const sha256Of = FileStore.sha256;

export const PaperEdit = z
  .object({
    title: z.string().trim().min(1, "must not be empty").max(500),
    kind: z.enum(["report", "appendix", "supplement", "other"]),
    exemptParagraph: z.number().int().min(1).max(7).nullable(),
  })
  .partial();
export type PaperEdit = z.input<typeof PaperEdit>;

/**
 * Edits a paper's title, kind or exemption. Making a paper exempt withholds it at once (the
 * store refreshes search and page withholding in the same transaction).
 */
export async function editPaper(scope: Scope, documentId: string, edit: PaperEdit): Promise<RecordOf<"document">> {
  const changes = parseEdit(PaperEdit, edit, "invalid paper");
  return scope.transaction(async (s) => {
    const doc = await s.require("document", documentId);
    if (!doc.agendaItemId) throw new MootError("rule", "only a paper attached to an agenda item is edited here");
    return s.update("document", documentId, changes);
  });
}

/** Removes a paper attached in error: its pages leave search; the original file stays (others may share it). */
export async function removePaper(scope: Scope, documentId: string): Promise<RecordOf<"document">> {
  return scope.transaction(async (s) => {
    const doc = await s.require("document", documentId);
    if (!doc.agendaItemId) throw new MootError("rule", "only a paper attached to an agenda item is removed here");
    await s.delete("document", documentId);
    return doc;
  });
}
