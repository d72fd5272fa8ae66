import { z } from "zod";
import { Id, IsoDate, LongText, RecordBase, ShortText } from "./common.js";

export const ActionOrigin = z.enum(["decision", "action-plan", "action-log", "scrutiny-recommendation"]);
/** Overdue is derived from dueDate and status (see isOverdue), never stored. */
export const ActionStatus = z.enum(["open", "in-progress", "complete", "discharged"]);
export const ExecutiveResponse = z.enum(["accepted", "partly-accepted", "rejected"]);

export const Action = RecordBase.extend({
  committeeId: Id.nullable().default(null),
  meetingId: Id.nullable().default(null),
  decisionId: Id.nullable().default(null),
  /** For action-plan rows: the scrutiny recommendation they answer. */
  parentActionId: Id.nullable().default(null),
  origin: ActionOrigin,
  sourceTitle: ShortText.nullable().default(null),
  ref: z.string().trim().max(60).nullable().default(null),
  text: LongText.min(1, "must not be empty"),
  ownerText: ShortText.nullable().default(null),
  ownerPersonId: Id.nullable().default(null),
  dueDate: IsoDate.nullable().default(null),
  dueText: ShortText.nullable().default(null),
  status: ActionStatus.default("open"),
  statusAsPrinted: ShortText.nullable().default(null),
  executiveResponse: ExecutiveResponse.nullable().default(null),
  successMeasure: ShortText.nullable().default(null),
  reviewDue: IsoDate.nullable().default(null),
  completedOn: IsoDate.nullable().default(null),
});

export const ActionUpdate = RecordBase.extend({
  actionId: Id,
  onDate: IsoDate,
  text: LongText.min(1, "must not be empty"),
  status: ActionStatus.nullable().default(null),
  byName: ShortText.nullable().default(null),
});
export type Action = z.infer<typeof Action>;
export type ActionStatus = z.infer<typeof ActionStatus>;
export type ActionUpdate = z.infer<typeof ActionUpdate>;

const CLOSED: ReadonlySet<ActionStatus> = new Set(["complete", "discharged"]);
export function isOpen(a: Pick<Action, "status">): boolean {
  return !CLOSED.has(a.status);
}
/** Overdue: still open and due before `today` (an ISO date in Europe/London). */
export function isOverdue(a: Pick<Action, "status" | "dueDate">, today: string): boolean {
  return isOpen(a) && a.dueDate !== null && a.dueDate < today;
}
