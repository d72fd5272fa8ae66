import type { MinuteScheme } from "../domain/committee.js";
import { formatMinuteNumber, sameNumberingPeriod } from "../domain/minute-number.js";
import type { Scope } from "../store/records.js";

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex that reads the running count back out of a number printed by the scheme. */
export function minuteNumberPattern(scheme: MinuteScheme): RegExp {
  const src = escapeRe(scheme.pattern)
    .replace(/\\\{n\\\}/g, "(?<n>\\d+)")
    .replace(/\\\{MM\\\}/g, "\\d{2}")
    .replace(/\\\{YYYY\\\}/g, "\\d{4}")
    .replace(/\\\{YY\\\}/g, "\\d{2}");
  return new RegExp(`^${src}$`);
}

/**
 * The next running count for a committee's meeting: one more than the highest number
 * already used in the same numbering period (all time, the municipal year from May, or
 * the meeting), read back from the printed numbers so imported minutes count too.
 */
export async function nextMinuteCount(scope: Scope, committeeId: string, meetingId: string): Promise<number> {
  const committee = await scope.require("committee", committeeId);
  const meeting = await scope.require("meeting", meetingId);
  const re = minuteNumberPattern(committee.minuteScheme);
  let max = 0;
  for (const m of await scope.list("meeting", { committeeId })) {
    if (!sameNumberingPeriod(committee.minuteScheme, m.localDate, meeting.localDate)) continue;
    if (committee.minuteScheme.resetEach === "meeting" && m.id !== meeting.id) continue;
    for (const minute of await scope.list("minute", { meetingId: m.id })) {
      const n = Number(re.exec(minute.number)?.groups?.n ?? 0);
      if (n > max) max = n;
    }
  }
  return max + 1;
}

export async function nextMinuteNumber(scope: Scope, committeeId: string, meetingId: string, offset = 0): Promise<string> {
  const committee = await scope.require("committee", committeeId);
  const meeting = await scope.require("meeting", meetingId);
  return formatMinuteNumber(committee.minuteScheme, (await nextMinuteCount(scope, committeeId, meetingId)) + offset, meeting.localDate);
}
