import { z } from "zod";
import { Attendance } from "../domain/attendance.js";
import { Declaration } from "../domain/declaration.js";
import { MootError, invalid } from "../domain/errors.js";
import { clerkDate } from "../domain/time.js";
import { isMinutesItem } from "../domain/standing-items.js";
import type { AuditEntry } from "../domain/audit.js";
import type { RecordOf } from "../domain/records.js";
import { startCallInsForMeeting } from "./matters.js";
import type { Scope } from "../store/records.js";
import { nowInstant } from "../store/records.js";
import { adjacentMeeting } from "./meetings.js";
import { nextMinuteNumber } from "./minute-numbering.js";
import { parseEdit } from "./form.js";

type Minute = RecordOf<"minute">;

export const AttendanceEntry = z
  .object(Attendance.shape)
  .pick({ personId: true, status: true, capacity: true, substituteForId: true, note: true })
  .partial({ capacity: true, substituteForId: true, note: true });
export type AttendanceEntry = z.input<typeof AttendanceEntry>;
export const DeclarationForm = z
  .object(Declaration.shape)
  .pick({ agendaItemId: true, personId: true, type: true, nature: true, dispensation: true })
  .partial({ agendaItemId: true, type: true, dispensation: true });
export type DeclarationForm = z.input<typeof DeclarationForm>;

/**
 * Records who attended: members present or sending apologies, substitutes (standing in
 * for a named member of the committee), officers and others in attendance. Replaces the
 * meeting's attendance as a whole, in one transaction.
 */
/**
 * Records attendance. With `shown` (the people the clerk's form listed), only their rows and
 * the rows of people entered are replaced, so a form that shows part of the list never drops
 * the rest; without it the entries are the whole list. Once any of the meeting's minutes are
 * approved, attendance is part of the legal record and is locked with them.
 */
export async function recordAttendance(
  scope: Scope,
  meetingId: string,
  entries: AttendanceEntry[],
  opts: { shown?: string[] } = {},
): Promise<RecordOf<"attendance">[]> {
  const parsed = z.array(AttendanceEntry).safeParse(entries);
  if (!parsed.success) throw invalid(parsed.error, "invalid attendance");
  const seen = new Set<string>();
  for (const e of parsed.data) {
    if (seen.has(e.personId)) throw new MootError("invalid", `attendance: person ${e.personId} is listed twice`);
    seen.add(e.personId);
    if (e.status === "substitute" && !e.substituteForId)
      throw new MootError("invalid", "substituteForId: say whom the substitute stands in for");
  }
  return scope.transaction(async (s) => {
    // A writer before reading: an approval racing this form either committed already (and is
    // seen below) or waits until this commits, so attendance never changes under approved minutes.
    await s.bumpDataVersion();
    const meeting = await s.require("meeting", meetingId);
    if ((await s.list("minute", { meetingId, status: "approved" })).length > 0) {
      throw new MootError(
        "locked",
        `The minutes of ${clerkDate(meeting.localDate)} are approved, so the attendance recorded in them can no longer be changed.`,
      );
    }
    const members = new Set(
      (await s.list("membership", { committeeId: meeting.committeeId }))
        .filter((m) => coversDate(m, meeting.localDate))
        .map((m) => m.personId),
    );
    const replacing = opts.shown ? new Set([...opts.shown, ...seen]) : undefined;
    for (const old of await s.list("attendance", { meetingId })) {
      if (!replacing || replacing.has(old.personId)) await s.delete("attendance", old.id);
    }
    const out: RecordOf<"attendance">[] = [];
    for (const e of parsed.data) {
      if (e.substituteForId && !members.has(e.substituteForId))
        throw new MootError("rule", `substituteForId: that person was not a member of this committee on ${clerkDate(meeting.localDate)}`);
      out.push(await s.create("attendance", { ...e, meetingId }));
    }
    await checkSubstitutes(s, meetingId, members);
    return out;
  });
}

/**
 * Substitutes as the rules have them, over the attendance as it now stands: each stands in for a
 * different member, that member is not also recorded present, and a member of the committee
 * cannot be a substitute on it. Checked after the rows are written, inside the transaction, so a
 * form that shows part of the list is judged with the rest.
 */
async function checkSubstitutes(s: Scope, meetingId: string, members: Set<string>): Promise<void> {
  const rows = await s.list("attendance", { meetingId });
  const name = async (id: string) => (await s.get("person", id))?.name ?? id;
  const covered = new Map<string, string>();
  for (const r of rows.filter((x) => x.status === "substitute")) {
    if (members.has(r.personId))
      throw new MootError("rule", `substituteForId: ${await name(r.personId)} is a member of this committee and cannot substitute on it`);
    const other = r.substituteForId ? covered.get(r.substituteForId) : undefined;
    if (r.substituteForId && other)
      throw new MootError(
        "rule",
        `substituteForId: ${[await name(other), await name(r.personId)].sort().join(" and ")} both stand in for ${await name(r.substituteForId)}; one substitute per member`,
      );
    if (r.substituteForId) covered.set(r.substituteForId, r.personId);
    const stoodIn = rows.find((x) => x.personId === r.substituteForId);
    if (stoodIn?.status === "present")
      throw new MootError(
        "rule",
        `substituteForId: ${await name(r.substituteForId!)} is recorded present; a substitute stands in for a member who is not there`,
      );
  }
}

/** Whether a membership was current on a date (open ends count as current). */
export function coversDate(m: { fromDate: string | null; toDate: string | null }, date: string): boolean {
  return (!m.fromDate || m.fromDate <= date) && (!m.toDate || m.toDate >= date);
}

export async function declareInterest(scope: Scope, meetingId: string, form: DeclarationForm): Promise<RecordOf<"declaration">> {
  const parsed = DeclarationForm.safeParse(form);
  if (!parsed.success) throw invalid(parsed.error, "invalid declaration");
  return scope.transaction(async (s) => {
    await s.require("meeting", meetingId);
    await s.require("person", parsed.data.personId);
    if (parsed.data.agendaItemId) {
      const item = await s.require("agenda_item", parsed.data.agendaItemId);
      if (item.meetingId !== meetingId) throw new MootError("invalid", "agendaItemId: the item belongs to another meeting");
    }
    return s.create("declaration", { ...parsed.data, meetingId });
  });
}

/** Declarations are part of the minutes: once any minute of the meeting is approved they are locked. */
async function requireUnlocked(s: Scope, meetingId: string, what: string): Promise<void> {
  if ((await s.list("minute", { meetingId, status: "approved" })).length > 0) {
    const meeting = await s.require("meeting", meetingId);
    throw new MootError(
      "locked",
      `The minutes of ${clerkDate(meeting.localDate)} are approved, so the ${what} recorded in them can no longer be changed.`,
    );
  }
}

export const DeclarationEdit = DeclarationForm.omit({ personId: true }).partial();
export type DeclarationEdit = z.input<typeof DeclarationEdit>;

/** Corrects a declaration (its item, type, nature, dispensation) while the minutes are drafts. */
export async function editDeclaration(scope: Scope, declarationId: string, edit: DeclarationEdit): Promise<RecordOf<"declaration">> {
  const changes = parseEdit(DeclarationEdit, edit, "invalid declaration");
  return scope.transaction(async (s) => {
    const d = await s.require("declaration", declarationId);
    await requireUnlocked(s, d.meetingId, "declarations");
    if (changes.agendaItemId) {
      const item = await s.require("agenda_item", changes.agendaItemId);
      if (item.meetingId !== d.meetingId) throw new MootError("invalid", "agendaItemId: the item belongs to another meeting");
    }
    return s.update("declaration", declarationId, changes);
  });
}

/** Removes a declaration recorded in error, while the minutes are drafts. */
export async function removeDeclaration(scope: Scope, declarationId: string): Promise<void> {
  await scope.transaction(async (s) => {
    const d = await s.require("declaration", declarationId);
    await requireUnlocked(s, d.meetingId, "declarations");
    await s.delete("declaration", declarationId);
  });
}

/**
 * Removes a draft minute with what was recorded under it (its decisions, their actions, its
 * votes), each with its audit row. Approved minutes are never removed: they are corrected.
 */
export async function removeMinute(scope: Scope, minuteId: string): Promise<void> {
  await scope.transaction(async (s) => {
    const minute = await s.require("minute", minuteId);
    if (minute.status === "approved")
      throw new MootError("locked", `minute ${minute.number} is approved and locked; record a correction as a new version`);
    for (const d of await s.list("decision", { minuteId })) {
      for (const a of await s.list("action", { decisionId: d.id })) await s.delete("action", a.id);
      await s.delete("decision", d.id);
    }
    for (const v of await s.list("vote", { minuteId })) await s.delete("vote", v.id);
    await s.delete("minute", minuteId);
  });
}

/** The minutes as they now stand: each number's latest version, in order. */
export async function currentMinutes(scope: Scope, meetingId: string): Promise<Minute[]> {
  const all = await scope.list("minute", { meetingId }, ["position", "version"]);
  const superseded = new Set(all.map((m) => m.supersedesId).filter((x): x is string => x !== null));
  return all.filter((m) => !superseded.has(m.id));
}

/** Adds one draft minute, numbered by the committee's scheme. */
export async function addMinute(
  scope: Scope,
  meetingId: string,
  form: { title: string; text?: string; agendaItemId?: string | null },
): Promise<Minute> {
  return scope.transaction(async (s) => {
    // A writer before reading: two clerks adding minutes at once number them one after the other.
    await s.bumpDataVersion();
    const meeting = await s.require("meeting", meetingId);
    const existing = await s.list("minute", { meetingId });
    const position = existing.reduce((p, m) => Math.max(p, m.position + 1), 0);
    const number = await nextMinuteNumber(s, meeting.committeeId, meetingId);
    return s.create("minute", {
      meetingId,
      agendaItemId: form.agendaItemId ?? null,
      number,
      position,
      title: form.title,
      text: form.text ?? "",
    });
  });
}

/** Starts the draft minutes: one per agenda item that has none yet, in agenda order. */
export async function draftMinutes(scope: Scope, meetingId: string): Promise<Minute[]> {
  return scope.transaction(async (s) => {
    const done = new Set((await s.list("minute", { meetingId })).map((m) => m.agendaItemId));
    const out: Minute[] = [];
    for (const item of await s.list("agenda_item", { meetingId }, ["position"])) {
      if (!done.has(item.id)) out.push(await addMinute(s, meetingId, { title: item.title, agendaItemId: item.id }));
    }
    return out;
  });
}

/** Edits a draft minute; the store refuses approved minutes with "locked". */
export async function editMinute(scope: Scope, minuteId: string, change: { text?: string; title?: string }): Promise<Minute> {
  return scope.update("minute", minuteId, change);
}

/**
 * Approves a meeting's draft minutes at the committee's next meeting, under its "minutes
 * of the last meeting" item. Every draft is approved together or none is.
 */
export async function approveMinutes(scope: Scope, meetingId: string, atMeetingId: string, now: Date = new Date()): Promise<Minute[]> {
  return scope.transaction(async (s) => {
    // A writer before reading: every minute added or edited before this commits is seen (and
    // approved as it then stands), and none added after can join an approved set as a draft.
    await s.bumpDataVersion();
    const meeting = await s.require("meeting", meetingId);
    const at = await s.require("meeting", atMeetingId);
    if (at.committeeId !== meeting.committeeId) throw new MootError("rule", "minutes are approved by the same committee");
    const next = await adjacentMeeting(s, meeting.committeeId, meeting, "next");
    if (!next || next.id !== at.id)
      throw new MootError(
        "rule",
        `minutes of ${meeting.localDate} are approved at the committee's next meeting${next ? ` (${next.localDate})` : ""}`,
      );
    const items = await s.list("agenda_item", { meetingId: atMeetingId });
    if (!items.some((i) => isMinutesItem(i.title)))
      throw new MootError("rule", `the agenda of ${at.localDate} has no "minutes of the last meeting" item`);
    const drafts = (await currentMinutes(s, meetingId)).filter((m) => m.status === "draft");
    if (drafts.length === 0) throw new MootError("rule", `there are no draft minutes of ${meeting.localDate} to approve`);
    const approvedAt = now.toISOString();
    // Approved minutes are public minutes, whether or not the draft was published first.
    if (!meeting.minutesPublishedAt) {
      await s.update("meeting", meetingId, { minutesPublishedAt: approvedAt });
      await startCallInsForMeeting(s, meetingId, now);
    }
    const out: Minute[] = [];
    for (const m of drafts)
      out.push(
        await s.update(
          "minute",
          m.id,
          { status: "approved", approvedAt, approvedAtMeetingId: atMeetingId },
          { reason: `approved at the meeting of ${at.localDate}` },
        ),
      );
    return out;
  });
}

/**
 * Corrects approved minutes: a new version of the minute carries the corrected text and
 * the reason; the approved original stays, locked, and the audit trail shows both.
 */
export async function correctMinute(
  scope: Scope,
  minuteId: string,
  correction: { text: string; title?: string; reason: string; atMeetingId?: string | null },
): Promise<Minute> {
  const reason = correction.reason?.trim();
  if (!reason) throw new MootError("invalid", "reason: a correction to approved minutes must say why");
  return scope.transaction(async (s) => {
    // A writer before reading: of two corrections at once, the second sees the first and is told so.
    await s.bumpDataVersion();
    const original = await s.require("minute", minuteId);
    if (original.status !== "approved") throw new MootError("rule", `minute ${original.number} is still a draft; edit it instead`);
    const later = (await s.list("minute", { supersedesId: original.id }))[0];
    if (later)
      throw new MootError(
        "conflict",
        `minute ${original.number} was already corrected (version ${later.version}); correct the latest version`,
      );
    return s.create(
      "minute",
      {
        meetingId: original.meetingId,
        agendaItemId: original.agendaItemId,
        number: original.number,
        occurrence: original.occurrence,
        position: original.position,
        title: correction.title ?? original.title,
        text: correction.text,
        status: "approved",
        version: original.version + 1,
        supersedesId: original.id,
        correctionReason: reason,
        approvedAt: nowInstant(),
        approvedAtMeetingId: correction.atMeetingId ?? original.approvedAtMeetingId,
      },
      { reason },
    );
  });
}

/** Every version of a minute (oldest first) and the audit entries of each. */
export async function minuteHistory(scope: Scope, minuteId: string): Promise<{ versions: Minute[]; audit: AuditEntry[] }> {
  const start = await scope.require("minute", minuteId);
  const versions: Minute[] = [start];
  for (let m = start; m.supersedesId; ) {
    m = await scope.require("minute", m.supersedesId);
    versions.unshift(m);
  }
  for (let m = start; ; ) {
    const [next] = await scope.list("minute", { supersedesId: m.id });
    if (!next) break;
    versions.push(next);
    m = next;
  }
  const rows = await scope.db
    .selectFrom("audit_entry")
    .selectAll()
    .where("authorityId", "=", scope.authorityId)
    .where("tableName", "=", "minute")
    .where(
      "recordId",
      "in",
      versions.map((v) => v.id),
    )
    .orderBy("at")
    .orderBy("id")
    .execute();
  const audit = rows.map((r) => ({
    ...r,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  })) as AuditEntry[];
  return { versions, audit };
}
