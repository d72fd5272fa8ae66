import { InvalidArgumentError } from "commander";

export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  return n;
}

export function parsePositive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of 1 or more");
  return n;
}

/** A niceness from `lowest` to 19 (below 0 raises a process's priority: root or CAP_SYS_NICE). */
const niceFrom =
  (lowest: number) =>
  (v: string): number => {
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim()) || n > 19 || n < lowest)
      throw new InvalidArgumentError(`niceness is a whole number from ${lowest} to 19`);
    return n;
  };

/** A niceness that only lowers priority (a worker yielding the CPU). */
export const parseNice = niceFrom(0);
/** A niceness that may also raise it (`moot keys` ahead of the rest). */
export const parseAnyNice = niceFrom(-20);

export function parseDate(v: string): string {
  // As domain/common's IsoDate, without loading zod for every command line.
  const d = new Date(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
    throw new InvalidArgumentError(`"${v}" is not a date as YYYY-MM-DD`);
  return v;
}
