import { z } from "zod";
import { Id, LongText, RecordBase, ShortText } from "./common.js";

/**
 * A vote on a motion, amendment or recommendation (a "division" when recorded by name).
 * Counts are kept as printed or announced; per-member positions exist only for a recorded
 * vote. A tie is settled by the chair's casting vote: `tied-carried` or `tied-lost`.
 */
export const VoteResult = z.enum(["carried", "lost", "tied-carried", "tied-lost"]);
export const VoteMethod = z.enum(["recorded", "show-of-hands"]);
export const VotePositionKind = z.enum(["for", "against", "abstain", "absent", "present-not-voting"]);

const Count = z.number().int().nonnegative().max(10_000);

export const Vote = RecordBase.extend({
  meetingId: Id,
  minuteId: Id.nullable().default(null),
  /** The minute's item, copied so exempt items withhold their votes in one check. */
  agendaItemId: Id.nullable().default(null),
  /** Order within the minute. */
  position: z.number().int().nonnegative().default(0),
  /** What was put: "the motion set out in paragraph 1", "the amendment". */
  question: ShortText.min(1, "say what was put to the vote"),
  result: VoteResult,
  method: VoteMethod.default("show-of-hands"),
  forCount: Count,
  againstCount: Count,
  abstainCount: Count.default(0),
  /** Free text the clerk adds ("Cllr Ives asked that her vote against be recorded"). */
  note: LongText.nullable().default(null),
})
  .refine((v) => !v.result.startsWith("tied") || v.forCount === v.againstCount, {
    message: "a tie needs equal votes for and against",
    path: ["result"],
  })
  .refine((v) => v.result.startsWith("tied") || v.forCount !== v.againstCount || v.forCount === 0, {
    message: "equal votes for and against is a tie: say which way the chair's casting vote went",
    path: ["result"],
  });
export type Vote = z.infer<typeof Vote>;
export type VoteResult = z.infer<typeof VoteResult>;
export type VotePositionKind = z.infer<typeof VotePositionKind>;

/** One member's position in a recorded vote, with the name as the minutes print it. */
export const VotePosition = RecordBase.extend({
  voteId: Id,
  personId: Id,
  position: VotePositionKind,
  nameAsPrinted: ShortText.nullable().default(null),
});
export type VotePosition = z.infer<typeof VotePosition>;

export const RESULT_LABEL: Record<VoteResult, string> = {
  carried: "Carried",
  lost: "Lost",
  "tied-carried": "Carried on the chair's casting vote",
  "tied-lost": "Lost on the chair's casting vote",
};

export const POSITION_LABEL: Record<VotePositionKind, string> = {
  for: "For",
  against: "Against",
  abstain: "Abstained",
  absent: "Absent",
  "present-not-voting": "Present, not voting",
};
