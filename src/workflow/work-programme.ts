import type { z } from "zod";
import { WorkProgrammeItem, paperBand, paperScore } from "../domain/work-programme.js";
import { MootError } from "../domain/errors.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";
import { addAgendaItem, agendaOf } from "./agenda.js";
import { parseEdit } from "./form.js";

type WpItem = RecordOf<"work_programme_item">;

export const WorkItemForm = WorkProgrammeItem.pick({
  topic: true,
  reason: true,
  responsible: true,
  paper: true,
  recurrence: true,
  plannedText: true,
}).partial({ reason: true, responsible: true, paper: true, recurrence: true, plannedText: true });
export type WorkItemForm = z.input<typeof WorkItemForm>;

/** The score is always the PAPER answers' count, never typed by hand. */
const scored = <T extends { paper?: WpItem["paper"] }>(f: T) =>
  f.paper === undefined ? {} : { score: f.paper === null ? null : paperScore(f.paper) };

export async function addWorkItem(scope: Scope, committeeId: string, form: WorkItemForm): Promise<WpItem> {
  const f = parseEdit(WorkItemForm, form, "invalid work programme item");
  await scope.require("committee", committeeId);
  return scope.create("work_programme_item", { topic: form.topic, ...f, ...scored(f), committeeId });
}

export async function editWorkItem(scope: Scope, itemId: string, form: Partial<WorkItemForm>): Promise<WpItem> {
  const f = parseEdit(WorkItemForm.partial(), form, "invalid work programme item");
  return scope.update("work_programme_item", itemId, { ...f, ...scored(f) });
}

export interface PrioritisedItem {
  item: WpItem;
  band: "High" | "Medium" | "Low" | null;
}

/** The committee's open work programme, highest PAPER score first (unscored last). */
export async function prioritisedWorkProgramme(scope: Scope, committeeId: string): Promise<PrioritisedItem[]> {
  const items = (await scope.list("work_programme_item", { committeeId }, ["createdAt"])).filter(
    (i) => i.status === "proposed" || i.status === "scheduled",
  );
  return items
    .map((item) => ({ item, band: item.score === null ? null : paperBand(item.score) }))
    .sort((a, b) => (b.item.score ?? -1) - (a.item.score ?? -1));
}

/** Schedules an item for one of the committee's meetings, so it shows in that agenda builder. */
export async function scheduleWorkItem(scope: Scope, itemId: string, meetingId: string | null): Promise<WpItem> {
  return scope.transaction(async (s) => {
    const item = await s.require("work_programme_item", itemId);
    if (item.status === "done" || item.status === "dropped") throw new MootError("rule", `"${item.topic}" is ${item.status}`);
    if (meetingId === null) return s.update("work_programme_item", itemId, { meetingId: null, status: "proposed" });
    const m = await s.require("meeting", meetingId);
    if (m.committeeId !== item.committeeId) throw new MootError("rule", "meetingId: that meeting belongs to another committee");
    if (m.status !== "scheduled") throw new MootError("rule", `meetingId: the meeting of ${m.localDate} is ${m.status}`);
    return s.update("work_programme_item", itemId, { meetingId, status: "scheduled" });
  });
}

/** Work-programme items scheduled for a meeting, and whether each is already on its agenda. */
export async function workProgrammeForMeeting(scope: Scope, meetingId: string): Promise<Array<{ item: WpItem; onAgenda: boolean }>> {
  const titles = new Set((await agendaOf(scope, meetingId)).map((i) => i.title));
  return (await scope.list("work_programme_item", { meetingId }, ["createdAt"])).map((item) => ({
    item,
    onAgenda: titles.has(item.topic),
  }));
}

/** Pulls a scheduled work-programme item onto the meeting's agenda. */
export async function pullFromWorkProgramme(
  scope: Scope,
  meetingId: string,
  itemId: string,
  opts: { urgencyReason?: string } = {},
): Promise<RecordOf<"agenda_item">> {
  return scope.transaction(async (s) => {
    const wp = await s.require("work_programme_item", itemId);
    if (wp.status === "done" || wp.status === "dropped") throw new MootError("rule", `"${wp.topic}" is ${wp.status}`);
    if (wp.meetingId !== meetingId) throw new MootError("rule", `"${wp.topic}" is not scheduled for this meeting; schedule it first`);
    if ((await agendaOf(s, meetingId)).some((i) => i.title === wp.topic))
      throw new MootError("conflict", `"${wp.topic}" is already on the agenda`);
    return addAgendaItem(s, meetingId, { title: wp.topic, description: wp.reason, kind: "discussion", urgencyReason: opts.urgencyReason });
  });
}

/**
 * Schedules an item for the meeting (if it is not already) and pulls it onto the agenda in
 * one step. A standing item leaves its next occurrence on the programme straight away, so
 * the next cycle is not forgotten while this one waits to be marked done.
 */
export async function scheduleOntoAgenda(
  scope: Scope,
  meetingId: string,
  itemId: string,
  opts: { urgencyReason?: string } = {},
): Promise<RecordOf<"agenda_item">> {
  if (!itemId) throw new MootError("invalid", "workItemId: choose a work-programme item");
  return scope.transaction(async (s) => {
    const wp = await s.require("work_programme_item", itemId);
    if (wp.meetingId !== meetingId) await scheduleWorkItem(s, itemId, meetingId);
    const item = await pullFromWorkProgramme(s, meetingId, itemId, opts);
    await nextOccurrence(s, wp, await s.require("meeting", meetingId));
    return item;
  });
}

function addMonths(date: string, months: number): string {
  const [y, m] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

/**
 * The next occurrence of a standing item, due 6 or 12 months after the meeting that took
 * this one and scheduled for the committee's meeting in that month when one is in the
 * calendar. At most one is open at a time: taking an item onto an agenda and then marking
 * it done must not add two.
 */
async function nextOccurrence(s: Scope, item: WpItem, meeting: RecordOf<"meeting">): Promise<WpItem | null> {
  if (item.recurrence === "none") return null;
  const programme = await s.list("work_programme_item", { committeeId: item.committeeId }, ["createdAt"]);
  const open = programme.find(
    (o) =>
      o.id !== item.id &&
      o.topic === item.topic &&
      o.recurrence === item.recurrence &&
      (o.status === "proposed" || o.status === "scheduled"),
  );
  if (open) return open;
  const monthStart = addMonths(meeting.localDate, item.recurrence === "annual" ? 12 : 6);
  const monthEnd = addMonths(monthStart, 1);
  const target = (await s.list("meeting", { committeeId: item.committeeId }, ["localDate"])).find(
    (m) => m.status === "scheduled" && m.localDate >= monthStart && m.localDate < monthEnd,
  );
  const planned = new Date(`${monthStart}T12:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  return s.create("work_programme_item", {
    committeeId: item.committeeId,
    topic: item.topic,
    reason: item.reason,
    responsible: item.responsible,
    paper: item.paper,
    score: item.score,
    recurrence: item.recurrence,
    plannedText: planned,
    meetingId: target?.id ?? null,
    status: target ? "scheduled" : "proposed",
  });
}

/** Marks an item done. A standing item (annual or six-monthly) comes back: see nextOccurrence. */
export async function completeWorkItem(scope: Scope, itemId: string): Promise<{ done: WpItem; next: WpItem | null }> {
  return scope.transaction(async (s) => {
    const item = await s.require("work_programme_item", itemId);
    if (!item.meetingId) throw new MootError("rule", `"${item.topic}" was never scheduled; schedule it to a meeting first`);
    const meeting = await s.require("meeting", item.meetingId);
    const done = await s.update("work_programme_item", itemId, { status: "done" });
    return { done, next: await nextOccurrence(s, item, meeting) };
  });
}
