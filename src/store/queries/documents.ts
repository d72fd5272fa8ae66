import type { AgendaItem } from "../../domain/agenda-item.js";
import type { Document, DocumentPage } from "../../domain/document.js";
import { MootError } from "../../domain/errors.js";
import type { Meeting } from "../../domain/meeting.js";
import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { decodeAll, decodeOne } from "./decode.js";
import type { CommitteeRef, MeetingRef } from "./meetings.js";
import { PDFDocument } from "pdf-lib";
import {
  documentParagraph,
  documentVisibleIn,
  draftRights,
  redactDocument,
  visibleDocuments,
  withheld,
  type Withheld,
} from "./visibility.js";
import { pageAnswers, withheldRuns } from "./page-withholding.js";

export interface DocumentDetail {
  document: Document;
  withheld: Withheld | null;
  meeting: Meeting | null;
  committee: CommitteeRef | null;
  item: AgendaItem | null;
  /** Empty when withheld: the text never leaves the store for this viewer. */
  pages: DocumentPage[];
  /** Pages left out because an exempt document of the same original covers them. */
  withheldPages: WithheldRange[];
}

export interface WithheldRange extends Withheld {
  from: number;
  to: number;
}

/** The document as this viewer may know it; undefined when it does not exist or is not yet published. */
async function loadContext(store: Store, authorityId: string, documentId: string, viewer: Viewer) {
  const raw = decodeOne(
    "document",
    await store.db
      .selectFrom("document")
      .selectAll()
      .where("id", "=", documentId)
      .where("authorityId", "=", authorityId)
      .executeTakeFirst(),
  );
  if (!raw) return undefined;
  const item = raw.agendaItemId
    ? (decodeOne(
        "agenda_item",
        await store.db.selectFrom("agenda_item").selectAll().where("id", "=", raw.agendaItemId).executeTakeFirst(),
      ) ?? null)
    : null;
  const meetingId = raw.meetingId ?? item?.meetingId ?? null;
  const meeting = meetingId
    ? (decodeOne("meeting", await store.db.selectFrom("meeting").selectAll().where("id", "=", meetingId).executeTakeFirst()) ?? null)
    : null;
  if (meeting && !documentVisibleIn(raw, draftRights(viewer, meeting))) return undefined;
  const committee = meeting
    ? ((await store.db.selectFrom("committee").select(["id", "slug", "name"]).where("id", "=", meeting.committeeId).executeTakeFirst()) ??
      null)
    : null;
  const w = withheld(viewer, meeting?.committeeId ?? null, documentParagraph(raw, item ?? undefined));
  return { raw, item, meeting, committee, w };
}

/** A document and its page text, or its title and the exempt notice when withheld. */
export async function documentDetail(
  store: Store,
  authorityId: string,
  documentId: string,
  viewer: Viewer,
): Promise<DocumentDetail | undefined> {
  const ctx = await loadContext(store, authorityId, documentId, viewer);
  if (!ctx) return undefined;
  const answers = ctx.w ? [] : await pageAnswers(store, authorityId, documentId, viewer);
  const open = answers.filter((a) => !a.withheld).map((a) => a.pageId);
  // Text is read only for the pages the one per-page answer leaves open.
  const pages = open.length
    ? decodeAll(
        "document_page",
        await store.db
          .selectFrom("document_page")
          .selectAll()
          .where("documentId", "=", documentId)
          .where("id", "in", open)
          .orderBy("pageNumber")
          .execute(),
      )
    : [];
  return {
    document: redactDocument(ctx.raw, ctx.w),
    withheld: ctx.w,
    meeting: ctx.meeting,
    committee: ctx.committee,
    item: ctx.item,
    pages,
    withheldPages: withheldRuns(answers),
  };
}

export interface Original {
  bytes: Buffer | Uint8Array;
  mediaType: string;
  fileName: string;
  /** Changes whenever the bytes served would: the file and the pages cut from it. */
  etag: string;
  updatedAt: string;
}

/**
 * The document's own pages of its original file: a paper cut from a pack is sliced to its
 * range, and pages withheld from this viewer (page-withholding.ts) are left out. Refused with
 * `forbidden` when the document itself is withheld, `not_found` when it is not yet published.
 */
export async function documentOriginal(store: Store, authorityId: string, documentId: string, viewer: Viewer): Promise<Original> {
  const ctx = await loadContext(store, authorityId, documentId, viewer);
  if (!ctx) throw new MootError("not_found", `document ${documentId} not found`);
  if (ctx.w) throw new MootError("forbidden", "this document is exempt from publication");
  const doc = ctx.raw;
  if (!doc.sha256) throw new MootError("not_found", `document ${documentId} has no original file`);
  const answers = await pageAnswers(store, authorityId, documentId, viewer);
  const open = answers.filter((a) => !a.withheld).map((a) => a.filePage);
  const whole = doc.sourcePageFrom === null && open.length === answers.length;
  const base = { mediaType: doc.mediaType ?? "application/octet-stream", fileName: doc.fileName ?? doc.id, updatedAt: doc.updatedAt };
  const bytes = await store.files.get(doc.sha256);
  if (whole) return { ...base, bytes, etag: doc.sha256 };
  if (open.length === 0) throw new MootError("forbidden", "every page of this document is exempt from publication");
  if (doc.mediaType !== "application/pdf")
    throw new MootError(
      "forbidden",
      "this document is part of a larger original that cannot be cut; its published pages can be read online",
    );
  return { ...base, bytes: await slicePdf(bytes, open), etag: `${doc.sha256}-${open.join(".")}` };
}

/** A new PDF of the given 1-based pages of the original, in order. */
async function slicePdf(original: Uint8Array, filePages: number[]): Promise<Uint8Array> {
  const src = await PDFDocument.load(original, { updateMetadata: false });
  const indices = filePages.map((n) => n - 1).filter((i) => i >= 0 && i < src.getPageCount());
  if (indices.length === 0) throw new MootError("not_found", "the original has none of this document's pages");
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const page of await out.copyPages(src, indices)) out.addPage(page);
  return out.save();
}

export interface PublishedPaper {
  document: Document;
  meeting: MeetingRef | null;
  committee: CommitteeRef | null;
}

/** Recently published papers the viewer may open, newest first (home page, feeds, sitemap). */
export async function recentDocuments(
  store: Store,
  authorityId: string,
  viewer: Viewer,
  limit = 20,
  offset = 0,
): Promise<PublishedPaper[]> {
  const rows = await store.db
    .selectFrom("document")
    .leftJoin("meeting", "meeting.id", "document.meetingId")
    .leftJoin("committee", "committee.id", "meeting.committeeId")
    .selectAll("document")
    .select([
      "committee.slug as cSlug",
      "committee.name as cName",
      "meeting.localDate as mDate",
      "meeting.localTime as mTime",
      "meeting.startsAt as mStarts",
      "meeting.committeeId as mCommittee",
    ])
    .where("document.authorityId", "=", authorityId)
    .where(visibleDocuments(viewer))
    .orderBy((eb) => eb.fn.coalesce("document.publishedAt", "document.createdAt"), "desc")
    .orderBy("document.id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
  const docs = decodeAll("document", rows);
  return rows.map((r, i) => ({
    document: docs[i],
    meeting: r.mCommittee
      ? { id: r.meetingId!, committeeId: r.mCommittee, localDate: r.mDate!, localTime: r.mTime, startsAt: r.mStarts! }
      : null,
    committee: r.mCommittee ? { id: r.mCommittee, slug: r.cSlug!, name: r.cName! } : null,
  }));
}
