import type { MembershipRole } from "../domain/membership.js";
import { PDFDocument } from "pdf-lib";
import { MootError } from "../domain/errors.js";
import { canSeeExempt, PUBLIC, type Viewer } from "../domain/viewer.js";
import { pageAnswers } from "../store/queries/page-withholding.js";
import { redactItem, withheld } from "../store/queries/visibility.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";
import { papersOf } from "./papers.js";
import { renderPdf } from "./pdf-render.js";

export type PackAudience = "public" | "members";
export interface PackOptions {
  audience: PackAudience;
  /** Who the members' pack is for; it must be entitled to this committee's exempt papers. */
  viewer?: Viewer;
}

export interface PackPaper {
  doc: RecordOf<"document">;
  /** Schedule 12A paragraph when the paper is withheld from this audience. */
  restrictedParagraph: number | null;
  /** Pages this paper takes in the pack (1 when restricted). */
  pages: number;
  bytes: Uint8Array | null;
  /** The paper's own page numbers this audience may read (null: all of them). */
  openPages: number[] | null;
}
export interface PackItem {
  item: RecordOf<"agenda_item">;
  papers: PackPaper[];
  cover: RecordOf<"report_cover"> | undefined;
}
export interface PackMember {
  name: string;
  role: MembershipRole;
  representing: string | null;
}
export interface PackData {
  audience: PackAudience;
  meeting: RecordOf<"meeting">;
  committee: RecordOf<"committee">;
  authorityName: string;
  members: PackMember[];
  items: PackItem[];
}

const ROLE_ORDER = ["chair", "vice-chair", "member", "substitute"];

/**
 * Everything a pack shows, with exemption decided here once: in the public pack an exempt
 * paper (its item's or its own paragraph) is never loaded at all, only its paragraph kept.
 */
export async function loadPackData(scope: Scope, meetingId: string, opts: PackOptions): Promise<PackData> {
  const meeting = await scope.require("meeting", meetingId);
  const committee = await scope.require("committee", meeting.committeeId);
  if (opts.audience === "members" && !(opts.viewer && canSeeExempt(opts.viewer, committee.id))) {
    throw new MootError("forbidden", `the members' pack for ${committee.name} holds exempt papers; this viewer may not see them`);
  }
  const authority = await scope.db.selectFrom("authority").select("name").where("id", "=", scope.authorityId).executeTakeFirstOrThrow();
  const memberships = (await scope.list("membership", { committeeId: committee.id })).filter(
    (m) => (!m.fromDate || m.fromDate <= meeting.localDate) && (!m.toDate || m.toDate >= meeting.localDate),
  );
  const members: Array<PackMember & { order: number }> = [];
  for (const m of memberships) {
    const p = await scope.require("person", m.personId);
    members.push({
      name: [p.honorific, p.name].filter(Boolean).join(" "),
      role: m.role,
      representing: m.representing,
      order: ROLE_ORDER.indexOf(m.role),
    });
  }
  members.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const items: PackItem[] = [];
  // Exemption is the store's one per-page answer, read for this pack's audience.
  const audience: Viewer = opts.audience === "members" && opts.viewer ? opts.viewer : PUBLIC;
  for (const item of await scope.list("agenda_item", { meetingId }, ["position"])) {
    const papers: PackPaper[] = [];
    const hidden = withheld(audience, committee.id, item.exemptParagraph);
    for (const doc of await papersOf(scope, item.id)) {
      const isPdf = doc.sha256 !== null && doc.mediaType === "application/pdf";
      // A paper held only as text (typed in, or imported from text) is printed from its pages.
      if (!isPdf && (await scope.list("document_page", { documentId: doc.id })).length === 0) continue;
      const paragraph = item.exemptParagraph ?? doc.exemptParagraph;
      if (paragraph !== null && opts.audience === "public") {
        papers.push({ doc, restrictedParagraph: paragraph, pages: 1, bytes: null, openPages: [] });
        continue;
      }
      const answers = await pageAnswers(scope.store, scope.authorityId, doc.id, audience, scope.db);
      const open = answers.filter((a) => !a.withheld).map((a) => a.filePage);
      const by = answers.find((a) => a.withheld)?.withheld;
      if (answers.length > 0 && open.length === 0 && by) {
        papers.push({ doc, restrictedParagraph: by.paragraph, pages: 1, bytes: null, openPages: [] });
        continue;
      }
      // A paper held only as text (or whose original PDF cannot be read) is printed from its open pages' text.
      const asText = async (): Promise<PackPaper | null> => {
        const openIds = new Set(answers.filter((a) => !a.withheld).map((a) => a.pageId));
        const texts = (await scope.list("document_page", { documentId: doc.id }, ["pageNumber"])).filter((p) => openIds.has(p.id));
        if (texts.length === 0) return null;
        const bytes = await textPages(texts.map((p) => p.text));
        const pages = (await PDFDocument.load(bytes)).getPageCount();
        return { doc, restrictedParagraph: null, pages, bytes, openPages: texts.map((p) => p.pageNumber) };
      };
      let printed: PackPaper | null;
      if (!isPdf) printed = await asText();
      else {
        try {
          const original = new Uint8Array(await scope.store.files.get(doc.sha256!));
          const bytes = answers.length > 0 ? await pdfPages(original, open, doc) : await paperBytes(original, doc);
          const pages = (await PDFDocument.load(bytes)).getPageCount();
          const openPages = answers.length > 0 ? answers.filter((a) => !a.withheld).map((a) => a.pageNumber) : null;
          printed = { doc, restrictedParagraph: null, pages, bytes, openPages };
        } catch (e) {
          if (e instanceof MootError) throw e;
          printed = await asText();
        }
      }
      if (printed) papers.push(printed);
    }
    const [cover] = await scope.list("report_cover", { agendaItemId: item.id });
    // The public pack never prints an exempt item's description, urgency reason or cover.
    items.push({ item: redactItem(item, hidden), papers, cover: hidden ? undefined : cover });
  }
  return {
    audience: opts.audience,
    meeting,
    committee,
    authorityName: authority.name,
    members: members.map(({ order: _o, ...m }) => m),
    items,
  };
}

/** A text paper's pages as PDF, one printed page (or more, if long) per page of text. */
async function textPages(texts: string[]): Promise<Uint8Array> {
  return renderPdf({
    content: texts.map((text, i) => ({
      stack: text.split(/\n{2,}/).map((para) => ({ text: para, margin: [0, 0, 0, 8] as [number, number, number, number] })),
      ...(i > 0 ? { pageBreak: "before" as const } : {}),
    })),
  });
}

/** The given 1-based pages of the original file, in order (the paper's open pages). */
async function pdfPages(original: Uint8Array, filePages: number[], doc: RecordOf<"document">): Promise<Uint8Array> {
  const src = await PDFDocument.load(original);
  if (doc.sourcePageFrom === null && filePages.length === src.getPageCount()) return original;
  const indices = filePages.map((n) => n - 1).filter((i) => i < src.getPageCount());
  if (indices.length === 0)
    throw new MootError("invalid", `document "${doc.title}": its pages are outside its ${src.getPageCount()}-page original`);
  const out = await PDFDocument.create();
  for (const page of await out.copyPages(src, indices)) out.addPage(page);
  return out.save();
}

/**
 * A paper's own pages, for a paper with no page rows. An imported paper may be a page range of the original pack it was
 * segmented from (sourcePageFrom–sourcePageTo); only that range belongs in a new pack.
 */
async function paperBytes(original: Uint8Array, doc: RecordOf<"document">): Promise<Uint8Array> {
  if (doc.sourcePageFrom === null) return original;
  const src = await PDFDocument.load(original);
  const last = Math.min(doc.sourcePageTo ?? doc.sourcePageFrom, src.getPageCount());
  if (doc.sourcePageFrom > last)
    throw new MootError(
      "invalid",
      `document "${doc.title}": pages ${doc.sourcePageFrom}–${doc.sourcePageTo} are outside its ${src.getPageCount()}-page original`,
    );
  const out = await PDFDocument.create();
  const indices = Array.from({ length: last - doc.sourcePageFrom + 1 }, (_, i) => doc.sourcePageFrom! - 1 + i);
  for (const page of await out.copyPages(src, indices)) out.addPage(page);
  return out.save();
}

/** Pack page ranges for each item, given how many pages come before the first paper. */
export function pageRanges(data: PackData, leadingPages: number): Map<string, { from: number; to: number }> {
  const ranges = new Map<string, { from: number; to: number }>();
  let next = leadingPages + 1;
  for (const { item, papers } of data.items) {
    const total = papers.reduce((n, p) => n + p.pages, 0);
    if (total > 0) ranges.set(item.id, { from: next, to: next + total - 1 });
    next += total;
  }
  return ranges;
}

export function describeMeetingDate(m: Pick<RecordOf<"meeting">, "localDate" | "localTime">): string {
  const d = new Date(`${m.localDate}T12:00:00Z`);
  const date = d.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  if (!m.localTime) return date;
  const [h, min] = m.localTime.split(":").map(Number);
  const time = `${h % 12 || 12}${min ? `.${String(min).padStart(2, "0")}` : ""} ${h < 12 ? "am" : "pm"}`;
  return `${date}, ${time}`;
}

export function itemFlags(item: RecordOf<"agenda_item">): string[] {
  const flags: string[] = [];
  if (item.urgencyReason) flags.push("Supplementary");
  if (item.toFollow) flags.push("To follow");
  if (item.verbal) flags.push("Verbal");
  if (item.exemptParagraph !== null) flags.push(`Exempt: paragraph ${item.exemptParagraph}`);
  return flags;
}
