import { z } from "zod";
import { ExemptParagraph, Id, Instant, RecordBase, ShortText } from "./common.js";

export const DocumentKind = z.enum(["agenda-pack", "front-sheet", "report", "appendix", "minutes", "supplement", "other"]);

export const Document = RecordBase.extend({
  meetingId: Id.nullable().default(null),
  agendaItemId: Id.nullable().default(null),
  kind: DocumentKind,
  title: ShortText.min(1),
  /** sha256 of the original file, which lives content-addressed under data/files/. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "expected a sha256 hex digest")
    .nullable()
    .default(null),
  fileName: ShortText.nullable().default(null),
  mediaType: z.string().max(200).nullable().default(null),
  byteSize: z.number().int().nonnegative().nullable().default(null),
  pageCount: z.number().int().nonnegative().default(0),
  /** Page range inside the original file, for a document segmented out of a pack. */
  sourcePageFrom: z.number().int().positive().nullable().default(null),
  sourcePageTo: z.number().int().positive().nullable().default(null),
  exemptParagraph: ExemptParagraph.default(null),
  /**
   * 0, save for copies stored before documents had a natural key (the migration numbers them,
   * oldest first). A document with an original is unique by authority, meeting, agenda item,
   * original, kind, page range and this: the same pages of the same file under the same item are
   * one paper, however many imports or uploads bring them.
   */
  occurrence: z.number().int().nonnegative().default(0),
  publishedAt: Instant.nullable().default(null),
});

export const DocumentPage = RecordBase.extend({
  documentId: Id,
  /** Physical page in the document, 1-based; used for #page-N anchors. */
  pageNumber: z.number().int().positive(),
  printedNumber: z.number().int().nullable().default(null),
  text: z.string().max(2_000_000),
});
export type Document = z.infer<typeof Document>;
export type DocumentKind = z.infer<typeof DocumentKind>;
export type DocumentPage = z.infer<typeof DocumentPage>;
