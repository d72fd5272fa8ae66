import { MootError } from "../../domain/errors.js";
import { paperScore, type PaperAnswers } from "../../domain/work-programme.js";
import type { RecordOf } from "../../domain/records.js";
import type { Scope } from "../../store/records.js";
import { addAgendaItem } from "../../workflow/agenda.js";

/*
 * Work-programme commands the editor needs. They belong in src/workflow (the workflow
 * engineer's work-programme module had not landed when the editor was built); they only
 * combine existing workflow and Scope calls, so they move there unchanged.
 */

export interface ProgrammeInput {
  topic: string;
  reason: string | null;
  responsible: string | null;
  plannedText: string | null;
  paper: PaperAnswers | null;
  recurrence: "none" | "annual" | "six-monthly";
}

/** A new work-programme item; the PAPER score is counted from the answers, never typed. */
export function addProgrammeItem(scope: Scope, committeeId: string, input: ProgrammeInput): Promise<RecordOf<"work_programme_item">> {
  return scope.transaction(async (s) => {
    await s.require("committee", committeeId);
    return s.create("work_programme_item", { ...input, committeeId, score: input.paper ? paperScore(input.paper) : null, status: "proposed" });
  });
}

/** Schedules an item for one of its committee's meetings (or back to "to be scheduled" with null). */
export function scheduleProgrammeItem(scope: Scope, itemId: string, meetingId: string | null): Promise<RecordOf<"work_programme_item">> {
  return scope.transaction(async (s) => {
    const w = await s.require("work_programme_item", itemId);
    if (meetingId) {
      const m = await s.require("meeting", meetingId);
      if (m.committeeId !== w.committeeId) throw new MootError("invalid", "meetingId: the meeting belongs to another committee");
      if (m.status !== "scheduled") throw new MootError("rule", `meetingId: the meeting of ${m.localDate} is ${m.status}`);
    }
    return s.update("work_programme_item", itemId, { meetingId, status: meetingId ? "scheduled" : "proposed" });
  });
}

const MONTHS = { annual: 12, "six-monthly": 6 } as const;

/**
 * Puts a programme item on a meeting's agenda and marks it scheduled there. A recurring
 * item leaves a proposed copy behind for the next cycle, so it is not forgotten.
 */
export function scheduleToAgenda(scope: Scope, itemId: string, meetingId: string, urgencyReason?: string): Promise<RecordOf<"agenda_item">> {
  return scope.transaction(async (s) => {
    if (!itemId) throw new MootError("invalid", "workItemId: choose a work-programme item");
    const w = await s.require("work_programme_item", itemId);
    const m = await s.require("meeting", meetingId);
    if (w.committeeId !== m.committeeId) throw new MootError("invalid", "workItemId: the item is on another committee's programme");
    if (w.status === "done" || w.status === "dropped") throw new MootError("rule", `workItemId: "${w.topic}" is ${w.status}`);
    const item = await addAgendaItem(s, meetingId, { title: w.topic, description: w.reason, kind: "discussion", urgencyReason: urgencyReason ?? null });
    await s.update("work_programme_item", w.id, { meetingId, status: "scheduled" });
    if (w.recurrence !== "none") {
      const d = new Date(`${m.localDate}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + MONTHS[w.recurrence]);
      await s.create("work_programme_item", { committeeId: w.committeeId, topic: w.topic, reason: w.reason, responsible: w.responsible, paper: w.paper, score: w.score, recurrence: w.recurrence, plannedText: `due ${d.toISOString().slice(0, 7)}`, status: "proposed" });
    }
    return item;
  });
}
