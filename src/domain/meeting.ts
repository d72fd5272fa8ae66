import { z } from "zod";
import { Id, Instant, IsoDate, LocalTime, RecordBase, ShortText, Url } from "./common.js";

export const MeetingStatus = z.enum(["scheduled", "held", "cancelled", "postponed"]);

/**
 * A meeting starts at a Europe/London local date and time; `startsAt` is the same moment as a
 * UTC instant, derived by the store, so both "as printed" and "unambiguous" are kept.
 */
export const Meeting = RecordBase.extend({
  committeeId: Id,
  localDate: IsoDate,
  localTime: LocalTime.nullable().default(null),
  startsAt: Instant,
  title: ShortText.nullable().default(null),
  venue: ShortText.nullable().default(null),
  status: MeetingStatus.default("scheduled"),
  /** When the agenda, its items and papers became public; null while it is a draft. */
  agendaPublishedAt: Instant.nullable().default(null),
  /** When the draft minutes (and their decisions) became public; approval publishes them too. */
  minutesPublishedAt: Instant.nullable().default(null),
  contactOfficer: ShortText.nullable().default(null),
  webcastUrl: Url.nullable().default(null),
  /** Why the meeting was cancelled or postponed, shown to the public. */
  statusNote: ShortText.nullable().default(null),
});
export type Meeting = z.infer<typeof Meeting>;
export type MeetingStatus = z.infer<typeof MeetingStatus>;
