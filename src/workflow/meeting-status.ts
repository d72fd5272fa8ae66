import type { MeetingStatus } from "../domain/meeting.js";
import { MootError } from "../domain/errors.js";
import { IsoDate, LocalTime } from "../domain/common.js";
import { clerkDate } from "../domain/time.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";

type MeetingRecord = RecordOf<"meeting">;

/**
 * The moves a meeting may make, and only these. A scheduled meeting is held, adjourned part-way,
 * cancelled or postponed; an adjourned one is reconvened (or its resumption moved, adjourned
 * again); a reconvened one is concluded (held) or adjourned once more. Held, cancelled and
 * postponed are final: a postponed meeting's business moves to the meeting rearranged for it.
 */
export const MEETING_TRANSITIONS: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  scheduled: ["held", "adjourned", "cancelled", "postponed"],
  adjourned: ["adjourned", "reconvened"],
  reconvened: ["held", "adjourned"],
  held: [],
  cancelled: [],
  postponed: [],
};

const VERB: Record<MeetingStatus, string> = {
  scheduled: "scheduled",
  held: "marked held",
  adjourned: "adjourned",
  reconvened: "reconvened",
  cancelled: "cancelled",
  postponed: "postponed",
};

export function canMove(from: MeetingStatus, to: MeetingStatus): boolean {
  return MEETING_TRANSITIONS[from].includes(to);
}

/** Refuses a move the table does not allow, in words a clerk reads. */
export function requireMove(m: Pick<MeetingRecord, "status">, to: MeetingStatus): void {
  if (canMove(m.status, to)) return;
  const allowed = MEETING_TRANSITIONS[m.status];
  throw new MootError(
    "rule",
    `a ${m.status} meeting cannot be ${VERB[to]}` + (allowed.length ? ` (it can be ${allowed.map((s) => VERB[s]).join(" or ")})` : ""),
  );
}

/** Whether a meeting has met (in whole or part): its minutes, attendance and declarations may be written. */
export function hasMet(status: MeetingStatus): boolean {
  return status === "held" || status === "adjourned" || status === "reconvened";
}

/** A meeting is marked held on or after the day it met (or, reconvened, the day it resumed). */
export async function markHeld(scope: Scope, meetingId: string, today: string): Promise<MeetingRecord> {
  return scope.transaction(async (s) => {
    const m = await s.require("meeting", meetingId);
    requireMove(m, "held");
    const from = m.reconvenedOn ?? m.localDate;
    if (from > today) throw new MootError("rule", `the meeting is on ${clerkDate(from)}: it can be marked held on or after that day`);
    return s.update("meeting", meetingId, { status: "held", statusNote: null, adjournedToDate: null, adjournedToTime: null });
  });
}

/**
 * Adjourns a meeting part-way, to a later date (and time): the public sees it is adjourned and
 * when it resumes. A reason is kept as the status note.
 */
export async function adjournMeeting(
  scope: Scope,
  meetingId: string,
  to: { localDate: string; localTime?: string | null; reason?: string | null },
  today: string,
): Promise<MeetingRecord> {
  const date = IsoDate.safeParse(to.localDate);
  if (!date.success) throw new MootError("invalid", "localDate: give the date the meeting is adjourned to, as YYYY-MM-DD");
  const time = to.localTime ? LocalTime.safeParse(to.localTime) : null;
  if (time && !time.success) throw new MootError("invalid", "localTime: give the time as 24-hour HH:MM, e.g. 18:30");
  return scope.transaction(async (s) => {
    const m = await s.require("meeting", meetingId);
    requireMove(m, "adjourned");
    const sat = m.reconvenedOn ?? m.localDate;
    if (sat > today) throw new MootError("rule", `the meeting has not met yet (${clerkDate(sat)}); postpone it instead`);
    if (date.data <= sat) throw new MootError("rule", `localDate: an adjourned meeting resumes after ${clerkDate(sat)}`);
    const reason = to.reason?.trim() || null;
    return s.update(
      "meeting",
      meetingId,
      {
        status: "adjourned",
        adjournedToDate: date.data,
        adjournedToTime: time?.data ?? m.localTime,
        statusNote: reason,
      },
      { reason: reason ?? `adjourned to ${date.data}` },
    );
  });
}

/** Reconvenes an adjourned meeting on the day it resumes (not before the date it was adjourned to). */
export async function reconveneMeeting(scope: Scope, meetingId: string, today: string): Promise<MeetingRecord> {
  return scope.transaction(async (s) => {
    const m = await s.require("meeting", meetingId);
    requireMove(m, "reconvened");
    if (m.adjournedToDate && m.adjournedToDate > today)
      throw new MootError("rule", `the meeting is adjourned to ${clerkDate(m.adjournedToDate)}; it reconvenes on or after that day`);
    return s.update("meeting", meetingId, { status: "reconvened", reconvenedOn: m.adjournedToDate ?? today });
  });
}
