/**
 * England & Wales bank holidays, computed from the rules in the Banking and Financial
 * Dealings Act 1971 and the royal proclamations that fix the Monday holidays, so no year
 * needs a hand-kept list. One-off changes by proclamation are tabled below, labelled.
 */

/** Holidays moved by proclamation: [year, usual date, date it moved to]. */
const MOVED: ReadonlyArray<[year: number, from: string, to: string, why: string]> = [
  [1995, "1995-05-01", "1995-05-08", "VE Day 50th anniversary"],
  [2002, "2002-05-27", "2002-06-04", "Golden Jubilee"],
  [2012, "2012-05-28", "2012-06-04", "Diamond Jubilee"],
  [2020, "2020-05-04", "2020-05-08", "VE Day 75th anniversary"],
  [2022, "2022-05-30", "2022-06-02", "Platinum Jubilee"],
];

/** Extra one-off bank holidays declared by proclamation. */
const EXTRA: ReadonlyArray<[date: string, why: string]> = [
  ["1999-12-31", "Millennium"],
  ["2002-06-03", "Golden Jubilee"],
  ["2011-04-29", "Royal wedding"],
  ["2012-06-05", "Diamond Jubilee"],
  ["2022-06-03", "Platinum Jubilee"],
  ["2022-09-19", "State funeral of Queen Elizabeth II"],
  ["2023-05-08", "Coronation of King Charles III"],
];

export interface BankHoliday {
  date: string;
  name: string;
}

const iso = (y: number, m: number, d: number): string => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const weekday = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function firstMonday(year: number, month: number): string {
  const first = iso(year, month, 1);
  return iso(year, month, 1 + ((8 - weekday(first)) % 7));
}

function lastMonday(year: number, month: number): string {
  const last = iso(year, month + 1, 0);
  const d = Number(last.slice(8));
  return iso(year, month, d - ((weekday(last) + 6) % 7));
}

const shift = (date: string, days: number): string => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

function christmasAndBoxing(year: number): BankHoliday[] {
  const xmas = iso(year, 12, 25);
  switch (weekday(xmas)) {
    case 5: // Friday: Boxing Day falls on Saturday, so its holiday is Monday 28th
      return [
        { date: xmas, name: "Christmas Day" },
        { date: iso(year, 12, 28), name: "Boxing Day (substitute day)" },
      ];
    case 6: // Saturday: both move to Monday and Tuesday
      return [
        { date: iso(year, 12, 27), name: "Christmas Day (substitute day)" },
        { date: iso(year, 12, 28), name: "Boxing Day (substitute day)" },
      ];
    case 0: // Sunday: Boxing Day stays Monday, Christmas moves to Tuesday
      return [
        { date: iso(year, 12, 26), name: "Boxing Day" },
        { date: iso(year, 12, 27), name: "Christmas Day (substitute day)" },
      ];
    default:
      return [
        { date: xmas, name: "Christmas Day" },
        { date: iso(year, 12, 26), name: "Boxing Day" },
      ];
  }
}

const cache = new Map<number, BankHoliday[]>();

/** All England & Wales bank holidays in a year, in date order. */
export function bankHolidays(year: number): BankHoliday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const jan1 = iso(year, 1, 1);
  const newYear = weekday(jan1) === 6 ? shift(jan1, 2) : weekday(jan1) === 0 ? shift(jan1, 1) : jan1;
  const easter = easterSunday(year);
  const list: BankHoliday[] = [
    { date: newYear, name: newYear === jan1 ? "New Year’s Day" : "New Year’s Day (substitute day)" },
    { date: shift(easter, -2), name: "Good Friday" },
    { date: shift(easter, 1), name: "Easter Monday" },
    { date: firstMonday(year, 5), name: "Early May bank holiday" },
    { date: lastMonday(year, 5), name: "Spring bank holiday" },
    { date: lastMonday(year, 8), name: "Summer bank holiday" },
    ...christmasAndBoxing(year),
  ];
  for (const [y, from, to] of MOVED) {
    if (y !== year) continue;
    const h = list.find((x) => x.date === from);
    if (h) h.date = to;
  }
  for (const [date, why] of EXTRA) if (Number(date.slice(0, 4)) === year) list.push({ date, name: why });
  list.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, list);
  return list;
}

export function isBankHoliday(date: string): boolean {
  return bankHolidays(Number(date.slice(0, 4))).some((h) => h.date === date);
}

export function isWorkingDay(date: string): boolean {
  const wd = weekday(date);
  return wd !== 0 && wd !== 6 && !isBankHoliday(date);
}

/**
 * Clear working days between two dates, excluding both ends (s.100B LGA 1972 as read with
 * s.243: the day of publication and the day of the meeting do not count).
 */
export function clearWorkingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = shift(from, 1); d < to; d = shift(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

/** The last date an agenda may be published and still leave `clear` clear working days. */
export function latestPublicationDate(meetingDate: string, clear = 5): string {
  let d = shift(meetingDate, -1);
  for (let counted = 0; counted < clear; d = shift(d, -1)) if (isWorkingDay(d)) counted++;
  return d;
}

/** The date `n` working days after `from` (`from` itself does not count). */
export function addWorkingDays(from: string, n: number): string {
  let d = from;
  for (let counted = 0; counted < n; ) {
    d = shift(d, 1);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}
