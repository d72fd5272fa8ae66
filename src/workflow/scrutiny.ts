import { z } from "zod";
import { Action, ExecutiveResponse, isOverdue } from "../domain/action.js";
import { IsoDate } from "../domain/common.js";
import { MootError, invalid } from "../domain/errors.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";

type ActionRecord = RecordOf<"action">;
const Fields = z.object(Action.shape);

export const RecommendationForm = Fields.pick({ ref: true, text: true, sourceTitle: true, meetingId: true }).partial({
  ref: true,
  sourceTitle: true,
  meetingId: true,
});
export type RecommendationForm = z.input<typeof RecommendationForm>;
export const PlanRow = Fields.pick({ text: true, ownerText: true, ownerPersonId: true, dueDate: true, successMeasure: true })
  .partial({ ownerPersonId: true })
  .required({ successMeasure: true, dueDate: true });
export type PlanRow = z.input<typeof PlanRow>;
export const ResponseForm = z.object({
  response: ExecutiveResponse,
  respondedOn: IsoDate,
  text: z.string().trim().min(1, "must not be empty"),
  actionPlan: z.array(PlanRow).default([]),
});
export type ResponseForm = z.input<typeof ResponseForm>;

/** Months after the executive response when scrutiny reviews progress. */
export const REVIEW_AFTER_MONTHS = 12;

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

export async function addRecommendation(scope: Scope, committeeId: string, form: RecommendationForm): Promise<ActionRecord> {
  const parsed = RecommendationForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid recommendation");
  await scope.require("committee", committeeId);
  return scope.create("action", { ...parsed.data, committeeId, origin: "scrutiny-recommendation" });
}

/**
 * Records the executive's response to a scrutiny recommendation. Accepted and partly
 * accepted need an action plan (each row with an owner, date and success measure); a
 * rejection has none and closes the recommendation. Progress is reviewed 12 months on.
 */
export async function respondToRecommendation(
  scope: Scope,
  recommendationId: string,
  form: ResponseForm,
): Promise<{ recommendation: ActionRecord; plan: ActionRecord[] }> {
  const parsed = ResponseForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid executive response");
  const r = parsed.data;
  if (r.response !== "rejected" && r.actionPlan.length === 0)
    throw new MootError("rule", "actionPlan: an accepted or partly accepted recommendation needs at least one action-plan row");
  if (r.response === "rejected" && r.actionPlan.length > 0)
    throw new MootError("rule", "actionPlan: a rejected recommendation has no action plan");
  return scope.transaction(async (s) => {
    const rec = await s.require("action", recommendationId);
    if (rec.origin !== "scrutiny-recommendation")
      throw new MootError("invalid", `action ${rec.ref ?? rec.id} is not a scrutiny recommendation`);
    if (rec.executiveResponse) throw new MootError("conflict", `the executive already responded (${rec.executiveResponse})`);
    const plan: ActionRecord[] = [];
    for (const [i, row] of r.actionPlan.entries()) {
      plan.push(
        await s.create("action", {
          ...row,
          committeeId: rec.committeeId,
          parentActionId: rec.id,
          origin: "action-plan",
          ref: `${rec.ref ?? "R"}.${i + 1}`,
          sourceTitle: rec.sourceTitle,
        }),
      );
    }
    await s.create("action_update", {
      actionId: rec.id,
      onDate: r.respondedOn,
      text: `Executive response (${r.response}): ${r.text}`,
      byName: "Executive",
    });
    const recommendation = await s.update("action", rec.id, {
      executiveResponse: r.response,
      reviewDue: r.response === "rejected" ? null : addMonths(r.respondedOn, REVIEW_AFTER_MONTHS),
      status: r.response === "rejected" ? "discharged" : "in-progress",
      completedOn: r.response === "rejected" ? r.respondedOn : null,
    });
    return { recommendation, plan };
  });
}

export interface ProgressReview {
  recommendation: ActionRecord;
  due: boolean;
  rows: Array<{ row: ActionRecord; overdue: boolean; updates: RecordOf<"action_update">[] }>;
  complete: number;
  overdue: number;
}

/** The ~12-month progress review of one recommendation's action plan. */
export async function progressReview(scope: Scope, recommendationId: string, today: string): Promise<ProgressReview> {
  const recommendation = await scope.require("action", recommendationId);
  const rows = [];
  for (const row of await scope.list("action", { parentActionId: recommendationId }, ["ref"])) {
    rows.push({ row, overdue: isOverdue(row, today), updates: await scope.list("action_update", { actionId: row.id }, ["onDate"]) });
  }
  return {
    recommendation,
    due: recommendation.reviewDue !== null && recommendation.reviewDue <= today,
    rows,
    complete: rows.filter((r) => r.row.status === "complete" || r.row.status === "discharged").length,
    overdue: rows.filter((r) => r.overdue).length,
  };
}

/** Recommendations whose progress review falls due by `today` and is not closed. */
export async function reviewsDue(scope: Scope, committeeId: string, today: string): Promise<ActionRecord[]> {
  return (await scope.list("action", { committeeId, origin: "scrutiny-recommendation" }, ["reviewDue"])).filter(
    (a) => a.reviewDue !== null && a.reviewDue <= today && a.status !== "complete" && a.status !== "discharged",
  );
}

/** Closes a recommendation after its review. */
export async function closeRecommendation(
  scope: Scope,
  recommendationId: string,
  onDate: string,
  conclusion: string,
): Promise<ActionRecord> {
  return scope.transaction(async (s) => {
    await s.create("action_update", { actionId: recommendationId, onDate, text: `Progress review: ${conclusion}`, status: "complete" });
    return s.update("action", recommendationId, { status: "complete", completedOn: onDate });
  });
}
