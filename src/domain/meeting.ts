import { z } from "zod";
import { Id, Instant, IsoDate, LocalTime, RecordBase, ShortText, Url } from "./common.js";

/**
 * Where a meeting is in its life; the moves between these are rules in
 * workflow/meeting-status.ts. An adjourned meeting stops part-way and carries the date and
 * time it is adjourned to; reconvened, it is in session again until it is held (concluded)
 * or adjourned once more.
 */
export const MeetingStatus = z.enum(["scheduled", "held", "adjourned", "reconvened", "cancelled", "postponed"]);

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
  /** The London date and time an adjourned meeting is to resume. */
  adjournedToDate: IsoDate.nullable().default(null),
  adjournedToTime: LocalTime.nullable().default(null),
  /** When an adjourned meeting resumed (London date). */
  reconvenedOn: IsoDate.nullable().default(null),
  /**
   * Called at short notice (special urgency): the agenda went out with fewer than five clear
   * working days, for this reason, with the Chair's agreement (who and when) recorded.
   */
  shortNoticeReason: ShortText.nullable().default(null),
  chairAgreedBy: ShortText.nullable().default(null),
  chairAgreedOn: IsoDate.nullable().default(null),
});
export type Meeting = z.infer<typeof Meeting>;
export type MeetingStatus = z.infer<typeof MeetingStatus>;
