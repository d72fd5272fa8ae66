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
    .min(3, "give a pattern such as {n} or OS{n}/{YY}")
    .max(60, "must be at most 60 characters")
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

/** Minute-number scheme options as a clerk reads them. */
export const MINUTE_RESET_LABELS: Record<MinuteScheme["resetEach"], string> = {
  never: "Never (one running count)",
  "municipal-year": "Each municipal year (May)",
  meeting: "Each meeting",
};

export const COMMITTEE_KIND_LABELS: Record<CommitteeKind, string> = {
  council: "Full Council",
  cabinet: "Cabinet or executive",
  scrutiny: "Overview and scrutiny",
  "sub-committee": "Sub-committee",
  "partnership-board": "Partnership board",
  regulatory: "Regulatory (planning, licensing)",
  other: "Other",
};

/**
 * What a clerk enters for a committee in the editor: the record's own fields, with the slug
 * optional (made from the name when left blank). `description` holds the terms of reference
 * or purpose, shown to residents on the committee list.
 */
export const CommitteeFields = Committee.pick({
  name: true,
  kind: true,
  parentId: true,
  activeFrom: true,
  activeTo: true,
  minuteScheme: true,
  description: true,
}).extend({ slug: Slug.optional() });
export const CommitteeForm = CommitteeFields.refine((c) => !c.activeFrom || !c.activeTo || c.activeFrom <= c.activeTo, {
  message: "must not be before the date it was set up",
  path: ["activeTo"],
});
export type CommitteeForm = z.input<typeof CommitteeForm>;
