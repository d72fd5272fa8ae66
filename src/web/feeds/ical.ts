import ical, { ICalEventStatus } from "ical-generator";
import type { App } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { findCommittee } from "../../store/queries/committees.js";
import { listMeetings, type MeetingSummary } from "../../store/queries/meetings.js";
import { londonToInstant } from "../../domain/time.js";
import { originOf } from "./origin.js";
import { meetingRevisions } from "../../store/queries/meeting-revisions.js";

/**
 * Meetings as iCalendar. Times are emitted in UTC (from the stored instant), which every
 * client converts back to the reader's zone, so BST and GMT meetings both land right.
 */
/** Meetings carry no finishing time; calendars show them as two hours, the usual length. */
const ASSUMED_LENGTH_MS = 2 * 60 * 60 * 1000;

function calendar(name: string, origin: string, meetings: MeetingSummary[], revisions: Map<string, number>): string {
  const cal = ical({ name, prodId: { company: "Moot", product: "Moot", language: "EN" } });
  for (const m of meetings) {
    const allDay = m.localTime === null;
    const start = allDay ? new Date(`${m.localDate}T00:00:00Z`) : new Date(m.startsAt);
    cal.createEvent({
      id: `${m.id}@moot`,
      start,
      end: new Date(start.getTime() + (allDay ? 24 * 60 * 60 * 1000 : ASSUMED_LENGTH_MS)),
      sequence: revisions.get(m.id) ?? 0,
      allDay,
      summary: `${m.status === "cancelled" ? "Cancelled: " : ""}${m.title ? `${m.committee.name}: ${m.title}` : m.committee.name}`,
      location: m.venue ?? undefined,
      url: `${origin}/meetings/${m.id}`,
      description: m.statusNote ?? undefined,
      status:
        m.status === "cancelled"
          ? ICalEventStatus.CANCELLED
          : m.status === "postponed"
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
      stamp: new Date(m.updatedAt),
    });
    // An adjourned meeting resumes on another day: subscribers need that session in their
    // calendar too, as its own event (same committee, same page), not only a note on the first.
    if (m.adjournedToDate && m.status !== "cancelled") {
      const resumesAllDay = m.adjournedToTime === null;
      const resumesStart = resumesAllDay
        ? new Date(`${m.adjournedToDate}T00:00:00Z`)
        : new Date(londonToInstant(m.adjournedToDate, m.adjournedToTime));
      cal.createEvent({
        id: `${m.id}-resumed@moot`,
        start: resumesStart,
        end: new Date(resumesStart.getTime() + (resumesAllDay ? 24 * 60 * 60 * 1000 : ASSUMED_LENGTH_MS)),
        sequence: revisions.get(m.id) ?? 0,
        allDay: resumesAllDay,
        summary: `${m.committee.name} (adjourned meeting resumes)`,
        location: m.venue ?? undefined,
        url: `${origin}/meetings/${m.id}`,
        status: ICalEventStatus.CONFIRMED,
        stamp: new Date(m.updatedAt),
      });
    }
  }
  return cal.toString();
}

const ICS = { "Content-Type": "text/calendar; charset=utf-8" };

export function registerIcal(app: App) {
  app.get("/calendar.ics", async (c) => {
    const a = c.get("authority");
    const list = await listMeetings(c.get("store"), a.id, { limit: 100_000 });
    const revisions = await meetingRevisions(c.get("store"), a.id);
    return c.body(calendar(`${a.name} meetings`, originOf(c), list.items, revisions), 200, ICS);
  });
  app.get("/committees/:slug/calendar.ics", async (c) => {
    const a = c.get("authority");
    const committee = await findCommittee(c.get("store"), a.id, { slug: c.req.param("slug") });
    if (!committee) throw new MootError("not_found", "no such committee");
    const list = await listMeetings(c.get("store"), a.id, { committeeId: committee.id, limit: 100_000 });
    const revisions = await meetingRevisions(c.get("store"), a.id);
    return c.body(calendar(`${committee.name} (${a.name})`, originOf(c), list.items, revisions), 200, ICS);
  });
}
