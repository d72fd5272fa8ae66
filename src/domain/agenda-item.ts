import { z } from "zod";
import { ExemptParagraph, Id, LongText, RecordBase, ShortText } from "./common.js";

export const AgendaItemKind = z.enum(["procedural", "decision", "discussion", "information"]);

export const AgendaItem = RecordBase.extend({
  meetingId: Id,
  /** As printed: "4", "7a", "12". */
  number: z.string().trim().min(1).max(20),
  /**
   * Which item of the meeting printed with this number it is: 0 for the first (by position), 1
   * for the next… A supplementary agenda can print a number again; the meeting, number and
   * occurrence are the item's natural key, unique in the store. Every item has a number (the
   * extractor infers one, ModernGov's ordinal stands in, the editor numbers 1…n), so an item
   * printed without one is keyed by the number it was given from its position, not by a blank.
   */
  occurrence: z.number().int().nonnegative().default(0),
  position: z.number().int().nonnegative(),
  title: ShortText.min(1, "must not be empty"),
  description: LongText.nullable().default(null),
  kind: AgendaItemKind.default("discussion"),
  pageFrom: z.number().int().positive().nullable().default(null),
  pageTo: z.number().int().positive().nullable().default(null),
  toFollow: z.boolean().default(false),
  verbal: z.boolean().default(false),
  exemptParagraph: ExemptParagraph.default(null),
  /** Reason for urgency recorded when an item is added after publication. */
  urgencyReason: ShortText.nullable().default(null),
}).refine((i) => i.pageFrom === null || i.pageTo === null || i.pageFrom <= i.pageTo, {
  message: "must not be before pageFrom",
  path: ["pageTo"],
});
export type AgendaItem = z.infer<typeof AgendaItem>;
