import { z } from "zod";
import { Id, IsoDate, LongText, Name, RecordBase, Slug } from "./common.js";

export const CommitteeKind = z.enum(["council", "cabinet", "scrutiny", "sub-committee", "partnership-board", "regulatory", "other"]);

/**
 * Minute-number scheme: `{n}` is the running count, `{MM}`/`{YY}`/`{YYYY}` the meeting's month and year.
 * `resetEach: "municipal-year"` restarts the count each May (e.g. "CYP {n}/{YY}").
 */
export const MinuteScheme = z.object({
  pattern: z
    .string()
    .min(3)
    .max(60)
    .refine((p) => p.includes("{n}"), "pattern must contain {n}"),
  resetEach: z.enum(["never", "municipal-year", "meeting"]).default("never"),
});

export const Committee = RecordBase.extend({
  slug: Slug,
  name: Name,
  kind: CommitteeKind,
  parentId: Id.nullable().default(null),
  activeFrom: IsoDate.nullable().default(null),
  activeTo: IsoDate.nullable().default(null),
  minuteScheme: MinuteScheme.default({ pattern: "{n}", resetEach: "never" }),
  description: LongText.nullable().default(null),
});
export type Committee = z.infer<typeof Committee>;
export type CommitteeKind = z.infer<typeof CommitteeKind>;
export type MinuteScheme = z.infer<typeof MinuteScheme>;
