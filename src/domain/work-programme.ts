import { z } from "zod";
import { Id, LongText, RecordBase, ShortText } from "./common.js";

/** PAPER prioritisation: yes/no answers; score = count of yes, 0–6. */
export const PaperAnswers = z.object({
  publicInterest: z.boolean(),
  abilityToInfluence: z.boolean(),
  performance: z.boolean(),
  extent: z.boolean(),
  replication: z.boolean(),
  executiveDecision: z.boolean(),
});
export const WorkProgrammeStatus = z.enum(["proposed", "scheduled", "done", "dropped"]);
export const Recurrence = z.enum(["none", "annual", "six-monthly"]);

export const WorkProgrammeItem = RecordBase.extend({
  committeeId: Id,
  /** null means "to be scheduled". */
  meetingId: Id.nullable().default(null),
  plannedText: ShortText.nullable().default(null),
  topic: ShortText.min(1, "must not be empty"),
  reason: LongText.nullable().default(null),
  responsible: ShortText.nullable().default(null),
  paper: PaperAnswers.nullable().default(null),
  score: z.number().int().min(0).max(6).nullable().default(null),
  status: WorkProgrammeStatus.default("proposed"),
  recurrence: Recurrence.default("none"),
});
export type WorkProgrammeItem = z.infer<typeof WorkProgrammeItem>;
export type PaperAnswers = z.infer<typeof PaperAnswers>;

export function paperScore(p: PaperAnswers): number {
  return Object.values(p).filter(Boolean).length;
}
export function paperBand(score: number): "High" | "Medium" | "Low" {
  return score >= 5 ? "High" : score >= 3 ? "Medium" : "Low";
}
