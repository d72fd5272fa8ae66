import type { z } from "zod";
import { Meeting } from "../domain/meeting.js";
import { MootError, invalid } from "../domain/errors.js";
import { londonToInstant } from "../domain/time.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";
import { parseEdit } from "./form.js";
import { hasMet, requireMove } from "./meeting-status.js";

type MeetingRecord = RecordOf<"meeting">;

/** What a clerk fills in; startsAt is derived from the London date and time, never typed. */
export const MeetingForm = Meeting.pick({
  committeeId: true,
  localDate: true,
  localTime: true,
  title: true,
  venue: true,
  contactOfficer: true,
  webcastUrl: true,
}).partial({ localTime: true, title: true, venue: true, contactOfficer: true, webcastUrl: true });
export type MeetingForm = z.input<typeof MeetingForm>;
export const MeetingEdit = MeetingForm.omit({ committeeId: true }).partial();
export type MeetingEdit = z.input<typeof MeetingEdit>;

export async function createMeeting(scope: Scope, form: MeetingForm): Promise<MeetingRecord> {
  const parsed = MeetingForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid meeting");
  const f = parsed.data;
  await scope.require("committee", f.committeeId);
  return scope.create("meeting", {
    ...f,
    localTime: f.localTime ?? null,
    startsAt: londonToInstant(f.localDate, f.localTime ?? null),
    status: "scheduled",
  });
}

/** Edits details; moving the date or time re-derives startsAt. A cancelled meeting is not edited. */
export async function editMeeting(scope: Scope, meetingId: string, edit: MeetingEdit): Promise<MeetingRecord> {
  const changes = parseEdit(MeetingEdit, edit, "invalid meeting");
  return scope.transaction(async (s) => {
    const m = await s.require("meeting", meetingId);
    if (m.status === "cancelled") throw new MootError("rule", "a cancelled meeting cannot be edited");
    const localDate = changes.localDate ?? m.localDate;
    const localTime = changes.localTime === undefined ? m.localTime : changes.localTime;
    return s.update("meeting", meetingId, { ...changes, localDate, localTime, startsAt: londonToInstant(localDate, localTime) });
  });
}

function requireReason(reason: string, what: string): string {
  const r = reason?.trim();
  if (!r) throw new MootError("invalid", `reason: say why the meeting is ${what}; it is shown to the public`);
  return r;
}

export async function cancelMeeting(scope: Scope, meetingId: string, reason: string): Promise<MeetingRecord> {
  const note = requireReason(reason, "cancelled");
  return scope.transaction(async (s) => {
    const m = await s.require("meeting", meetingId);
    requireMove(m, "cancelled");
    return s.update("meeting", meetingId, { status: "cancelled", statusNote: note }, { reason: note });
  });
}

/**
 * Postpones a meeting. With a new date, a new meeting is created and the agenda, its
 * papers and any work-programme items move to it, all in one transaction.
 */
export async function postponeMeeting(
  scope: Scope,
  meetingId: string,
  reason: string,
  to?: { localDate: string; localTime?: string | null },
): Promise<{ postponed: MeetingRecord; rearranged: MeetingRecord | null }> {
  const note = requireReason(reason, "postponed");
  return scope.transaction(async (s) => {
    const m = await s.require("meeting", meetingId);
    requireMove(m, "postponed");
    let rearranged: MeetingRecord | null = null;
    if (to) {
      if (to.localDate <= m.localDate) throw new MootError("rule", "localDate: a postponed meeting moves to a later date");
      rearranged = await createMeeting(s, {
        committeeId: m.committeeId,
        localDate: to.localDate,
        localTime: to.localTime === undefined ? m.localTime : to.localTime,
        title: m.title,
        venue: m.venue,
        contactOfficer: m.contactOfficer,
      });
      for (const item of await s.list("agenda_item", { meetingId }))
        await s.update("agenda_item", item.id, { meetingId: rearranged.id }, { reason: note });
      for (const doc of await s.list("document", { meetingId }))
        await s.update("document", doc.id, { meetingId: rearranged.id, publishedAt: null }, { reason: note });
      for (const wp of await s.list("work_programme_item", { meetingId }))
        await s.update("work_programme_item", wp.id, { meetingId: rearranged.id }, { reason: note });
    }
    const statusNote = rearranged ? `${note} Rearranged for ${rearranged.localDate}.` : note;
    const postponed = await s.update("meeting", meetingId, { status: "postponed", statusNote }, { reason: note });
    return { postponed, rearranged };
  });
}

/** The committee's meetings before/after a date that are not cancelled or postponed. */
export async function adjacentMeeting(
  scope: Scope,
  committeeId: string,
  meeting: Pick<MeetingRecord, "id" | "startsAt">,
  dir: "previous" | "next",
): Promise<MeetingRecord | undefined> {
  const all = (await scope.list("meeting", { committeeId }, ["startsAt"])).filter(
    (m) => m.id !== meeting.id && (m.status === "scheduled" || hasMet(m.status)),
  );
  return dir === "previous" ? all.filter((m) => m.startsAt < meeting.startsAt).at(-1) : all.find((m) => m.startsAt > meeting.startsAt);
}
