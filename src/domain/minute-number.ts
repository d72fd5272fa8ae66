import type { MinuteScheme } from "./committee.js";
import { municipalYear } from "./time.js";

/**
 * Renders a minute number from a committee's scheme: `CES{n}/{MM}/{YY}` → "CES47/02/17",
 * `CYP {n}/{YY}` → "CYP 44/22", `{n}` → "246".
 */
export function formatMinuteNumber(scheme: MinuteScheme, n: number, meetingDate: string): string {
  const [yyyy, mm] = meetingDate.split("-");
  return scheme.pattern.replaceAll("{n}", String(n)).replaceAll("{MM}", mm).replaceAll("{YYYY}", yyyy).replaceAll("{YY}", yyyy.slice(2));
}

/** Whether two meetings share a count under the scheme's reset rule. */
export function sameNumberingPeriod(scheme: MinuteScheme, a: string, b: string): boolean {
  if (scheme.resetEach === "never") return true;
  if (scheme.resetEach === "meeting") return a === b;
  return municipalYear(a) === municipalYear(b);
}
