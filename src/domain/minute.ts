import { z } from "zod";
import { Id, Instant, LongText, RecordBase, ShortText } from "./common.js";

export const MinuteStatus = z.enum(["draft", "approved"]);

/**
 * Minutes are legal records: once approved they are locked, and a correction is a new
 * version (`supersedesId`) carrying its reason.
 */
export const Minute = RecordBase.extend({
  meetingId: Id,
  agendaItemId: Id.nullable().default(null),
  number: z.string().trim().min(1).max(40),
  /**
   * Which minute of the meeting printed with this number it is (0 first, by position); a
   * correction keeps its original's. Meeting, number, occurrence and version are the minute's
   * natural key, unique in the store: each version of each printed minute once.
   */
  occurrence: z.number().int().nonnegative().default(0),
  position: z.number().int().nonnegative(),
  title: ShortText,
  text: LongText.default(""),
  status: MinuteStatus.default("draft"),
  version: z.number().int().positive().default(1),
  supersedesId: Id.nullable().default(null),
  correctionReason: ShortText.nullable().default(null),
  approvedAt: Instant.nullable().default(null),
  approvedAtMeetingId: Id.nullable().default(null),
});
export type Minute = z.infer<typeof Minute>;
