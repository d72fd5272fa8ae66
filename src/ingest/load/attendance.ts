import type { AttendanceStatus } from "../../domain/attendance.js";
import type { ExtractedMeeting } from "../../domain/extraction.js";
import type { Meeting } from "../../domain/meeting.js";
import type { PersonKind } from "../../domain/person.js";
import type { LoadContext } from "./context.js";
import type { People } from "./people.js";

interface Row {
  personId: string;
  status: AttendanceStatus;
  capacity: "member" | "officer" | "in-attendance";
  substituteForId: string | null;
  pointer: string;
  name: string;
}

/**
 * Attendance as the minutes record it, one row per person: later lists refine earlier ones
 * (a substitute listed under "Present" is stored as a substitute for the member they replaced).
 */
export async function loadAttendance(
  ctx: LoadContext,
  people: People,
  meeting: Meeting,
  m: ExtractedMeeting,
  at: string,
  named: Set<string>,
): Promise<void> {
  const a = m.attendance;
  const rows = new Map<string, Row>();
  const put = async (
    name: string,
    pointer: string,
    kind: PersonKind,
    status: AttendanceStatus,
    capacity: Row["capacity"],
    substituteForId: string | null = null,
  ) => {
    const person = await people.resolve(name, kind, kind === "councillor" ? named : new Set(), pointer);
    if (!person) return;
    if (kind === "councillor") named.add(person.id);
    rows.set(person.id, { personId: person.id, status, capacity, substituteForId, pointer, name });
  };
  for (const [j, n] of a.present.entries()) await put(n, `${at}/attendance/present/${j}`, "councillor", "present", "member");
  for (const [j, n] of a.apologies.entries()) await put(n, `${at}/attendance/apologies/${j}`, "councillor", "apologies", "member");
  for (const [j, s] of a.substitutes.entries()) {
    const stoodFor = s.for ? await people.resolve(s.for, "councillor", named, null) : null;
    if (stoodFor) named.add(stoodFor.id);
    await put(s.name, `${at}/attendance/substitutes/${j}/name`, "councillor", "substitute", "member", stoodFor?.id ?? null);
  }
  for (const [j, n] of a.officers.entries()) await put(n, `${at}/attendance/officers/${j}`, "officer", "present", "officer");
  for (const [j, n] of a.alsoPresent.entries()) await put(n, `${at}/attendance/alsoPresent/${j}`, "external", "present", "in-attendance");
  if (!rows.size) return;
  // Approved minutes are a legal record, attendance included: a pack never rewrites them.
  if ((await ctx.scope.list("minute", { meetingId: meeting.id, status: "approved" })).length) {
    for (const _ of rows) ctx.kept("attendance");
    return;
  }

  const existing = await ctx.scope.list("attendance", { meetingId: meeting.id });
  for (const r of rows.values()) {
    const prior = existing.find((e) => e.personId === r.personId);
    const row = await ctx.upsert("attendance", prior, {
      ...(prior ?? {}),
      meetingId: meeting.id,
      personId: r.personId,
      status: r.status,
      capacity: r.capacity,
      substituteForId: r.substituteForId,
    });
    ctx.bind(r.pointer, "attendance", row.id, "personId", r.name);
  }
}
