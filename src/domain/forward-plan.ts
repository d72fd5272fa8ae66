import { addWorkingDays } from "./bank-holidays.js";

/**
 * The notice rules for key decisions, from the Local Authorities (Executive Arrangements)
 * (Meetings and Access to Information) (England) Regulations 2012, and the call-in period.
 *
 * "Clear days" leave out both ends: the day the notice is published and the day of the
 * decision do not count. Notice on 1 March for a decision on 30 March gives 2–29 March,
 * 28 clear days, which is just enough (reg. 9).
 */
export const FORWARD_PLAN_CLEAR_DAYS = 28;

const DAY = 86_400_000;
const ms = (date: string) => Date.parse(`${date}T12:00:00Z`);
const shift = (date: string, days: number) => new Date(ms(date) + days * DAY).toISOString().slice(0, 10);

/** Calendar days strictly between two dates (neither end counts); 0 when `to` is not after `from`. */
export function clearDaysBetween(from: string, to: string): number {
  return Math.max(0, Math.round((ms(to) - ms(from)) / DAY) - 1);
}

/** The last day notice may be published and still leave `clear` clear days before `decisionOn`. */
export function latestNoticeDate(decisionOn: string, clear = FORWARD_PLAN_CLEAR_DAYS): string {
  return shift(decisionOn, -(clear + 1));
}

export interface NoticeCheck {
  clearDays: number;
  latest: string;
  sufficient: boolean;
}

export function checkNotice(noticeOn: string, decisionOn: string): NoticeCheck {
  const clearDays = clearDaysBetween(noticeOn, decisionOn);
  return { clearDays, latest: latestNoticeDate(decisionOn), sufficient: noticeOn < decisionOn && clearDays >= FORWARD_PLAN_CLEAR_DAYS };
}

/** Five working days is the usual call-in period; an authority may set its own (Authority.callInWorkingDays). */
export const DEFAULT_CALL_IN_WORKING_DAYS = 5;

/**
 * The last day of the call-in period: the `workingDays`th working day after the decision was
 * published (the day of publication does not count; weekends and bank holidays are skipped).
 */
export function callInEndsOn(publishedOn: string, workingDays = DEFAULT_CALL_IN_WORKING_DAYS): string {
  return addWorkingDays(publishedOn, workingDays);
}

export type CallInState = "open" | "called-in" | "ended";

/**
 * Where a decision stands in its call-in period on `today` (a London date): null when it is
 * not subject to call-in; "open" until the period's last day; "called-in" from a call-in
 * until scrutiny has dealt with it; then "ended".
 */
export function callInState(
  d: { callInEndsOn: string | null; calledInAt: string | null; callInEndedAt: string | null },
  today: string,
): CallInState | null {
  if (d.callInEndsOn === null) return null;
  if (d.calledInAt !== null && d.callInEndedAt === null) return "called-in";
  if (d.callInEndedAt !== null || today > d.callInEndsOn) return "ended";
  return "open";
}

export const CALL_IN_LABEL: Record<CallInState, string> = {
  open: "Call-in period open",
  "called-in": "Called in",
  ended: "Call-in period ended",
};
