import { InvalidArgumentError } from "commander";
import { IsoDate } from "../domain/common.js";

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

export function parseDate(v: string): string {
  const r = IsoDate.safeParse(v);
  if (!r.success) throw new InvalidArgumentError(`"${v}" is not a date as YYYY-MM-DD`);
  return r.data;
}
