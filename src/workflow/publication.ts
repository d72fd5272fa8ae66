import { clearWorkingDaysBetween, latestPublicationDate } from "../domain/bank-holidays.js";
import { MootError } from "../domain/errors.js";
import { instantToLondon } from "../domain/time.js";
import type { RecordOf } from "../domain/records.js";
import type { Scope } from "../store/records.js";
import { startCallInsForMeeting } from "./matters.js";

/** s.100B(3) LGA 1972: the agenda is open to inspection at least five clear days before. */
export const CLEAR_DAYS = 5;

export interface PublicationCheck {
  /** The London date the agenda would be published on. */
  publishDate: string;
  /** The last London date that still leaves five clear working days. */
  deadline: string;
  clearDays: number;
  inTime: boolean;
}

export function checkPublication(meeting: Pick<RecordOf<"meeting">, "localDate">, now: Date = new Date()): PublicationCheck {
  const publishDate = instantToLondon(now).date;
  const clearDays = clearWorkingDaysBetween(publishDate, meeting.localDate);
  return { publishDate, deadline: latestPublicationDate(meeting.localDate, CLEAR_DAYS), clearDays, inTime: clearDays >= CLEAR_DAYS };
}

/**
 * A meeting called at short notice (special urgency): the reason it cannot wait for five clear
 * working days, and the Chair's agreement to that, by name and date. Both are kept on the
 * meeting and shown with its agenda.
 */
export interface ShortNotice {
  reason: string;
  chairAgreedBy: string;
  chairAgreedOn: string;
}

/**
 * Publishes the agenda and its papers. Refused when fewer than five clear working days
 * remain (weekends, bank holidays, the day of publication and the meeting day do not
 * count), unless the meeting is called at short notice: then the urgency reason and the
 * Chair's agreement are required and recorded. Late business on a published agenda goes on
 * as supplementary items with urgency reasons.
 */
export async function publishAgenda(
  scope: Scope,
  meetingId: string,
  now: Date = new Date(),
  shortNotice?: ShortNotice,
): Promise<RecordOf<"meeting">> {
  return scope.transaction(async (s) => {
    const m = await s.require("meeting", meetingId);
    if (m.status !== "scheduled") throw new MootError("rule", `a ${m.status} meeting's agenda cannot be published`);
    if (m.agendaPublishedAt) throw new MootError("rule", `the agenda was already published on ${m.agendaPublishedAt.slice(0, 10)}`);
    const items = await s.list("agenda_item", { meetingId });
    if (items.length === 0) throw new MootError("rule", "the agenda has no items");
    const check = checkPublication(m, now);
    if (check.publishDate > m.localDate)
      throw new MootError("rule", `the meeting was on ${m.localDate}; its agenda can no longer be published`);
    let urgency: Partial<RecordOf<"meeting">> = {};
    if (shortNotice) {
      if (check.inTime)
        throw new MootError(
          "rule",
          `the agenda can still go out with five clear working days (by ${check.deadline}); short notice is not needed`,
        );
      urgency = requireShortNotice(shortNotice, check.publishDate);
    } else if (!check.inTime) {
      throw new MootError(
        "rule",
        `too late to publish: ${check.publishDate} leaves ${check.clearDays} clear working day${check.clearDays === 1 ? "" : "s"} before the meeting on ${m.localDate}; five are needed, so the last day was ${check.deadline}. A meeting that cannot wait is called at short notice, with the Chair's agreement`,
      );
    }
    const at = now.toISOString();
    for (const doc of await s.list("document", { meetingId })) {
      if (!doc.publishedAt) await s.update("document", doc.id, { publishedAt: at });
    }
    return s.update("meeting", meetingId, { ...urgency, agendaPublishedAt: at }, shortNotice ? { reason: shortNotice.reason } : {});
  });
}

function requireShortNotice(n: ShortNotice, publishDate: string) {
  const reason = n.reason?.trim();
  if (!reason) throw new MootError("invalid", "shortNoticeReason: say why the meeting cannot wait for five clear working days");
  const by = n.chairAgreedBy?.trim();
  if (!by) throw new MootError("invalid", "chairAgreedBy: name the Chair who agreed to the short notice");
  const on = n.chairAgreedOn?.trim();
  if (!on || !/^\d{4}-\d{2}-\d{2}$/.test(on))
    throw new MootError("invalid", "chairAgreedOn: give the date the Chair agreed, as YYYY-MM-DD");
  if (on > publishDate) throw new MootError("rule", "chairAgreedOn: the Chair's agreement comes before the agenda is published");
  return { shortNoticeReason: reason, chairAgreedBy: by, chairAgreedOn: on };
}

/**
 * Publishes a meeting's draft minutes: they and their decisions become public, still marked
 * "draft" until the committee approves them. Approval publishes them too (approveMinutes).
 */
export async function publishMinutes(scope: Scope, meetingId: string, now: Date = new Date()): Promise<RecordOf<"meeting">> {
  return scope.transaction(async (s) => {
    const m = await s.require("meeting", meetingId);
    if (m.minutesPublishedAt) throw new MootError("rule", `the minutes were already published on ${m.minutesPublishedAt.slice(0, 10)}`);
    if ((await s.list("minute", { meetingId })).length === 0)
      throw new MootError("rule", "there are no minutes of this meeting to publish");
    const published = await s.update("meeting", meetingId, { minutesPublishedAt: now.toISOString() });
    await startCallInsForMeeting(s, meetingId, now);
    return published;
  });
}
