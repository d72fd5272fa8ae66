import type { AgendaItem } from "../../domain/agenda-item.js";
import type { Document, DocumentPage } from "../../domain/document.js";
import { MootError } from "../../domain/errors.js";
import type { Meeting } from "../../domain/meeting.js";
import type { Viewer } from "../../domain/viewer.js";
import type { Store } from "../open.js";
import { decodeAll, decodeOne } from "./decode.js";
import type { CommitteeRef, MeetingRef } from "./meetings.js";
import { documentParagraph, redactDocument, visibleDocuments, withheld, type Withheld } from "./visibility.js";
import { isPack, pageWithheld, withheldPackRanges, type WithheldRange } from "./pack-ranges.js";

export interface DocumentDetail {
  document: Document;
  withheld: Withheld | null;
  meeting: Meeting | null;
  committee: CommitteeRef | null;
  item: AgendaItem | null;
  /** Empty when withheld: the text never leaves the store for this viewer. */
  pages: DocumentPage[];
  /** Pack pages left out because an exempt item is printed on them. */
  withheldPages: WithheldRange[];
}

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
  // Page text is read through visibleDocuments as well, so a mistake above cannot leak it.
  const pages = decodeAll(
    "document_page",
    await store.db
      .selectFrom("document_page")
      .innerJoin("document", "document.id", "document_page.documentId")
      .selectAll("document_page")
      .where("document_page.documentId", "=", documentId)
      .where(visibleDocuments(viewer))
      .orderBy("document_page.pageNumber")
      .execute(),
  );
  const ranges = isPack(ctx.raw)
    ? ((await withheldPackRanges(store, authorityId, [ctx.raw.meetingId!], viewer)).get(ctx.raw.meetingId!) ?? [])
    : [];
  return {
    document: redactDocument(ctx.raw, ctx.w),
    withheld: ctx.w,
    meeting: ctx.meeting,
    committee: ctx.committee,
    item: ctx.item,
    pages: ctx.w ? [] : pages.filter((p) => !pageWithheld(p, ranges)),
    withheldPages: ranges,
  };
}

export interface Original {
  bytes: Buffer;
  mediaType: string;
  fileName: string;
  sha256: string;
  updatedAt: string;
}

/** The original file, refused with `forbidden` when withheld from this viewer. */
export async function documentOriginal(store: Store, authorityId: string, documentId: string, viewer: Viewer): Promise<Original> {
  const row = await store.db
    .selectFrom("document")
    .select(["id", "sha256", "fileName", "mediaType", "updatedAt", "exemptParagraph", "kind", "agendaItemId", "meetingId"])
    .where("id", "=", documentId)
    .where("authorityId", "=", authorityId)
    .where(visibleDocuments(viewer))
    .executeTakeFirst();
  if (!row) {
    const exists = await store.db
      .selectFrom("document")
      .select("id")
      .where("id", "=", documentId)
      .where("authorityId", "=", authorityId)
      .executeTakeFirst();
    throw exists
      ? new MootError("forbidden", "this document is exempt from publication")
      : new MootError("not_found", `document ${documentId} not found`);
  }
  if (isPack(row) && ((await withheldPackRanges(store, authorityId, [row.meetingId!], viewer)).get(row.meetingId!)?.length ?? 0) > 0) {
    throw new MootError("forbidden", "the original of this pack includes exempt pages; its published pages can be read online");
  }
  if (!row.sha256) throw new MootError("not_found", `document ${documentId} has no original file`);
  const bytes = await store.files.get(row.sha256);
  return {
    bytes,
    mediaType: row.mediaType ?? "application/octet-stream",
    fileName: row.fileName ?? `${row.id}`,
    sha256: row.sha256,
    updatedAt: row.updatedAt,
  };
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
