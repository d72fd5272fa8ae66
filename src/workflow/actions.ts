import { z } from "zod";
import { Action, ActionUpdate, isOpen, isOverdue, type ActionStatus } from "../domain/action.js";
import { Decision } from "../domain/decision.js";
import { MootError, invalid } from "../domain/errors.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";
import { parseEdit } from "./form.js";

type ActionRecord = RecordOf<"action">;

const ActionFields = z.object(Action.shape);
export const ActionForm = ActionFields.pick({ text: true, ownerText: true, ownerPersonId: true, dueDate: true, ref: true }).partial({
  ownerText: true,
  ownerPersonId: true,
  dueDate: true,
  ref: true,
});
export type ActionForm = z.input<typeof ActionForm>;
export const DecisionForm = z
  .object(Decision.shape)
  .pick({ text: true, kind: true })
  .partial({ kind: true })
  .extend({ actions: z.array(ActionForm).default([]) });
export type DecisionForm = z.input<typeof DecisionForm>;
export const UpdateForm = z
  .object(ActionUpdate.shape)
  .pick({ onDate: true, text: true, status: true, byName: true })
  .partial({ status: true, byName: true });
export type UpdateForm = z.input<typeof UpdateForm>;

/**
 * Records a decision under a minute, with the actions it creates (owner, due date), in
 * one transaction: a bad action leaves no decision behind.
 */
export async function recordDecision(
  scope: Scope,
  minuteId: string,
  form: DecisionForm,
): Promise<{ decision: RecordOf<"decision">; actions: ActionRecord[] }> {
  const parsed = DecisionForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid decision");
  return scope.transaction(async (s) => {
    const minute = await s.require("minute", minuteId);
    if (minute.status === "approved")
      throw new MootError("locked", `minute ${minute.number} is approved; its decisions are part of the record`);
    const meeting = await s.require("meeting", minute.meetingId);
    const position = (await s.list("decision", { minuteId })).length;
    const decision = await s.create("decision", {
      meetingId: meeting.id,
      minuteId,
      agendaItemId: minute.agendaItemId,
      position,
      text: parsed.data.text,
      kind: parsed.data.kind,
      decidedOn: meeting.localDate,
    });
    const actions: ActionRecord[] = [];
    for (const [i, a] of parsed.data.actions.entries()) {
      actions.push(
        await s.create("action", {
          ...a,
          ref: a.ref ?? `${minute.number}.${i + 1}`,
          committeeId: meeting.committeeId,
          meetingId: meeting.id,
          decisionId: decision.id,
          origin: "decision",
          sourceTitle: minute.title,
        }),
      );
    }
    return { decision, actions };
  });
}

export async function addAction(scope: Scope, decisionId: string, form: ActionForm): Promise<ActionRecord> {
  const parsed = ActionForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid action");
  return scope.transaction(async (s) => {
    const d = await s.require("decision", decisionId);
    const meeting = await s.require("meeting", d.meetingId);
    return s.create("action", { ...parsed.data, committeeId: meeting.committeeId, meetingId: meeting.id, decisionId, origin: "decision" });
  });
}

const CLOSING: ReadonlySet<ActionStatus> = new Set(["complete", "discharged"]);

/** A dated progress update; with a status it also moves the action on (or reopens it). */
export async function addActionUpdate(
  scope: Scope,
  actionId: string,
  form: UpdateForm,
): Promise<{ action: ActionRecord; update: RecordOf<"action_update"> }> {
  const parsed = UpdateForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid action update");
  return scope.transaction(async (s) => {
    const action = await s.require("action", actionId);
    const update = await s.create("action_update", { ...parsed.data, actionId });
    const status = parsed.data.status;
    if (!status || status === action.status) return { action, update };
    const completedOn = CLOSING.has(status) ? parsed.data.onDate : null;
    return { action: await s.update("action", actionId, { status, completedOn }), update };
  });
}

export interface ActionView {
  action: ActionRecord;
  overdue: boolean;
  latestUpdate: RecordOf<"action_update"> | null;
}

/** Open actions of a committee with overdue worked out for `today` (London date). */
export async function openActions(scope: Scope, committeeId: string, today: string): Promise<ActionView[]> {
  const out: ActionView[] = [];
  for (const action of await scope.list("action", { committeeId }, ["dueDate", "createdAt"])) {
    if (!isOpen(action) || action.origin === "scrutiny-recommendation") continue;
    const updates = await scope.list("action_update", { actionId: action.id }, ["onDate", "createdAt"]);
    out.push({ action, overdue: isOverdue(action, today), latestUpdate: updates.at(-1) ?? null });
  }
  return out;
}

async function draftMinuteOf(s: Scope, decision: RecordOf<"decision">): Promise<void> {
  const minute = decision.minuteId ? await s.get("minute", decision.minuteId) : undefined;
  if (minute?.status === "approved")
    throw new MootError("locked", `minute ${minute.number} is approved; its decisions are part of the record (record a correction)`);
}

export const DecisionEdit = z.object(Decision.shape).pick({ text: true, kind: true }).partial();
export type DecisionEdit = z.input<typeof DecisionEdit>;

/** Corrects a decision's wording or kind while its minute is a draft. */
export async function editDecision(scope: Scope, decisionId: string, edit: DecisionEdit): Promise<RecordOf<"decision">> {
  const changes = parseEdit(DecisionEdit, edit, "invalid decision");
  return scope.transaction(async (s) => {
    const d = await s.require("decision", decisionId);
    await draftMinuteOf(s, d);
    return s.update("decision", decisionId, changes);
  });
}

/** Removes a decision recorded in error, with the actions it created, while its minute is a draft. */
export async function removeDecision(scope: Scope, decisionId: string): Promise<void> {
  await scope.transaction(async (s) => {
    const d = await s.require("decision", decisionId);
    await draftMinuteOf(s, d);
    for (const a of await s.list("action", { decisionId })) await s.delete("action", a.id);
    await s.delete("decision", decisionId);
  });
}

export const ActionEdit = ActionFields.pick({ text: true, ownerText: true, dueDate: true, status: true }).partial();
export type ActionEdit = z.input<typeof ActionEdit>;

/**
 * Edits an action: its wording, owner, due date and status. Closing it records the day it was
 * completed (`today`); reopening clears that.
 */
export async function editAction(scope: Scope, actionId: string, edit: ActionEdit, today: string): Promise<ActionRecord> {
  const changes = parseEdit(ActionEdit, edit, "invalid action");
  return scope.transaction(async (s) => {
    const a = await s.require("action", actionId);
    const status = changes.status ?? a.status;
    const completedOn = CLOSING.has(status) ? (CLOSING.has(a.status) ? a.completedOn : today) : null;
    return s.update("action", actionId, { ...changes, completedOn });
  });
}

/** Removes an action entered in error, with its progress updates (each audited). */
export async function removeAction(scope: Scope, actionId: string): Promise<void> {
  await scope.delete("action", actionId);
}

export type TrackerFilter = "open" | "overdue" | "closed" | "all";

/**
 * The actions a tracker shows: a committee's (or every committee's) actions by state, with
 * overdue worked out for `today`, soonest due first. Scrutiny recommendations are tracked by
 * their own action plans, not here.
 */
export async function trackedActions(
  scope: Scope,
  opts: { committeeId?: string; meetingId?: string; show: TrackerFilter; today: string },
): Promise<ActionView[]> {
  const where = opts.meetingId ? { meetingId: opts.meetingId } : opts.committeeId ? { committeeId: opts.committeeId } : {};
  const out: ActionView[] = [];
  for (const action of await scope.list("action", where, ["dueDate", "createdAt"])) {
    if (action.origin === "scrutiny-recommendation") continue;
    const overdue = isOverdue(action, opts.today);
    const keep =
      opts.show === "all" ||
      (opts.show === "open" && isOpen(action)) ||
      (opts.show === "overdue" && overdue) ||
      (opts.show === "closed" && !isOpen(action));
    if (!keep) continue;
    const updates = await scope.list("action_update", { actionId: action.id }, ["onDate", "createdAt"]);
    out.push({ action, overdue, latestUpdate: updates.at(-1) ?? null });
  }
  return out;
}
