import { z } from "zod";
import { Id, IsoDate, LongText, Name, RecordBase, ShortText } from "./common.js";

/**
 * A matter: an issue or report followed across meetings (ModernGov's "issue"). It has a
 * reference (a council's decision number such as "24/00108", or one the clerk gives), a
 * title, whether it is a key decision, and a history of steps: the meetings, agenda items,
 * reports and decisions it passed through. Key decisions go on the forward plan with 28
 * clear days' notice (forward-plan.ts).
 */
export const NoticeException = z.enum(["general-exception", "special-urgency"]);

export const MatterReference = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 /._-]*$/, "letters, digits, spaces and / . _ - only, like 24/00108");

export const Matter = RecordBase.extend({
  reference: MatterReference,
  title: Name,
  summary: LongText.nullable().default(null),
  keyDecision: z.boolean().default(false),
  /** Who is to decide it: a committee (usually the Cabinet); the forward plan's "decision maker". */
  decisionMakerId: Id.nullable().default(null),
  /** The date the decision is expected to be taken (the forward plan's date). */
  expectedOn: IsoDate.nullable().default(null),
  /** The day notice of the key decision was published on the forward plan. */
  noticePublishedOn: IsoDate.nullable().default(null),
  /**
   * Why fewer than 28 clear days' notice was given: general exception (reg. 10, with the
   * scrutiny chair told) or special urgency (reg. 11, with the chair's agreement).
   */
  noticeException: NoticeException.nullable().default(null),
  /** The executive member responsible ("Cabinet Member for Libraries"), as printed. */
  leadMember: ShortText.nullable().default(null),
});
export type Matter = z.infer<typeof Matter>;
export type NoticeException = z.infer<typeof NoticeException>;

/** How a step came to be linked: by the clerk, or by the importer from a decision number or a repeated title. */
export const MatterLinkedBy = z.enum(["clerk", "decision-number", "title"]);

/**
 * One step in a matter's history: a meeting, and there an agenda item, a report or a
 * decision. Each part is shown only as public as it is where it lives (an item with its
 * agenda, a decision with its minutes, a report as a document).
 */
export const MatterStep = RecordBase.extend({
  matterId: Id,
  meetingId: Id,
  agendaItemId: Id.nullable().default(null),
  decisionId: Id.nullable().default(null),
  documentId: Id.nullable().default(null),
  /** What happened, in the clerk's words ("Called in by the Overview and Scrutiny Committee"). */
  note: ShortText.nullable().default(null),
  linkedBy: MatterLinkedBy.default("clerk"),
});
export type MatterStep = z.infer<typeof MatterStep>;
export type MatterLinkedBy = z.infer<typeof MatterLinkedBy>;

export const NOTICE_EXCEPTION_LABEL: Record<NoticeException, string> = {
  "general-exception": "General exception (regulation 10)",
  "special-urgency": "Special urgency (regulation 11)",
};
