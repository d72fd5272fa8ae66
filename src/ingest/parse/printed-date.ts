/**
 * Dates as UK agenda packs print them: "Wednesday, 19th March, 2014", "10.07.2019",
 * "20 March 2017", "11 Sept 2019", "13-Sep-23", "Sept 2023". Day-first throughout, because
 * every UK council writes day before month.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
  // Welsh, with the mutated forms printed after "o" ("15fed o Fawrth").
  ionawr: 1,
  chwefror: 2,
  mawrth: 3,
  fawrth: 3,
  ebrill: 4,
  mai: 5,
  mehefin: 6,
  fehefin: 6,
  gorffennaf: 7,
  orffennaf: 7,
  awst: 8,
  medi: 9,
  fedi: 9,
  hydref: 10,
  tachwedd: 11,
  dachwedd: 11,
  rhagfyr: 12,
  ragfyr: 12,
};

const MONTH_RE =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|ionawr|chwefror|f?awrth|mawrth|ebrill|mai|f?ehefin|mehefin|g?orffennaf|awst|f?edi|medi|hydref|d?achwedd|tachwedd|r?h?agfyr)";
const WEEKDAY_RE = "(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?";
// An OCR'd ordinal often comes out as a quote mark ("18" March", "25” February").
// Welsh ordinals: 1af, 2il, 3ydd, 5ed, 7fed, 11eg, 21ain.
const ORD = '(?:st|nd|rd|th|af|il|ydd|fed|ed|eg|ain|["”“])?';

/** Day Month Year, e.g. "Wednesday, 19th March, 2014", "11 Sept 2019", "13-Sep-23", a summons's "Monday the 25th day of June 2018". */
const DMY = new RegExp(
  `\\b${WEEKDAY_RE}(?:the\\s+)?(\\d{1,2})${ORD}[\\s\\-]*(?:(?:day\\s+of|of|o)\\s+)?(${MONTH_RE})\\.?[\\s,\\-]*(\\d{4}|\\d{2})\\b`,
  "gi",
);
/** Month Day, Year (rare in UK packs but found in exported calendars). */
const MDY = new RegExp(`\\b(${MONTH_RE})\\.?\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})\\b`, "gi");
/**
 * Numeric day-first: 10.07.2019, 10/07/19, 18.03.2019. Not a paragraph number: "4.4.10" or
 * "2.1.3.4" (a dotted two-digit year needs two-digit day and month, and no further part).
 */
const NUMERIC = /(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|\.\d)/g;
/** Numeric day-first with dashes, four-digit years only: 25-06-2018 (not "5-10-15"). */
const NUMERIC_DASHED = /(?<![\d.-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d-])/g;
/** Month and year only: "Sept 2023", "March 2019". */
const MY = new RegExp(`\\b(${MONTH_RE})\\.?,?\\s+(\\d{4})\\b`, "gi");

export interface FoundDate {
  iso: string;
  /** Offsets of the matched text in the searched string. */
  start: number;
  end: number;
  /** False for month-and-year dates, which name no day. */
  hasDay: boolean;
}

const pad = (n: number) => String(n).padStart(2, "0");

function year(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2199) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const month = (s: string) => MONTHS[s.toLowerCase().replace(/\.$/, "")] ?? MONTHS[s.toLowerCase().slice(0, 3)] ?? 0;

/** Every date in the text, in order of appearance; overlapping weaker matches are dropped. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  const add = (s: number, e: number, v: string | null, hasDay: boolean) => {
    if (v && !taken(s, e)) found.push({ iso: v, start: s, end: e, hasDay });
  };
  for (const m of text.matchAll(DMY)) add(m.index!, m.index! + m[0].length, iso(year(m[3]), month(m[2]), Number(m[1])), true);
  for (const m of text.matchAll(MDY)) add(m.index!, m.index! + m[0].length, iso(year(m[3]), month(m[1]), Number(m[2])), true);
  for (const m of text.matchAll(NUMERIC)) {
    if (m[2] === "." && m[4]!.length === 2 && (m[1]!.length < 2 || m[3]!.length < 2)) continue;
    add(m.index!, m.index! + m[0].length, iso(year(m[4]!), Number(m[3]), Number(m[1])), true);
  }
  for (const m of text.matchAll(NUMERIC_DASHED)) add(m.index!, m.index! + m[0].length, iso(year(m[3]!), Number(m[2]), Number(m[1])), true);
  for (const m of text.matchAll(MY)) add(m.index!, m.index! + m[0].length, iso(year(m[2]), month(m[1]), 1), false);
  return found.sort((a, b) => a.start - b.start);
}

/** The first full date (with a day) in the text, as YYYY-MM-DD, or null. */
export function parseDate(text: string): string | null {
  return findDates(text).find((d) => d.hasDay)?.iso ?? null;
}

/** True when the text is nothing but a date (allowing weekday, "at 5.00 pm" style tails excluded). */
export function isDateOnly(text: string): boolean {
  const t = text.trim();
  const d = findDates(t).find((f) => f.hasDay);
  if (!d) return false;
  const rest = (t.slice(0, d.start) + t.slice(d.end)).replace(/[\s,.\-–:]+/g, "");
  return rest.length === 0;
}

/**
 * Dates on a line, including one the converter broke across the line's end ("… on Wednesday
 * 13th" / "March 2019 at 7pm"): the next line is read on, and dates that start on this line kept.
 */
export function findDatesAcross(text: string, next: string | undefined): FoundDate[] {
  const own = findDates(text);
  if (!next || !/\b(?:\d{1,2}(?:st|nd|rd|th)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s*,?$/i.test(text)) return own;
  const joined = findDates(`${text} ${next}`).filter((d) => d.start < text.length && d.end > text.length);
  return [...own, ...joined.map((d) => ({ ...d, end: text.length }))].sort((a, b) => a.start - b.start);
}

export interface YearlessDate {
  day: number;
  month: number;
  /** 0 = Sunday … 6 = Saturday when a weekday is printed, else null. */
  weekday: number | null;
  start: number;
  end: number;
}

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
/** "Tuesday 14th March", "14 March" with no year after it; the month printed with a capital. */
const YEARLESS = new RegExp(
  `\\b(?:((?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)\\.?,?\\s+(?:the\\s+)?)?(\\d{1,2})${ORD}\\s*(?:(?:day\\s+of|of|o)\\s+)?(${MONTH_RE})\\b(?![\\s,.\\-]*\\d)`,
  "gi",
);

/**
 * Day and month printed without a year ("Tuesday 14th March"): FORMAT.md convention 9 takes
 * the year the document settles, see settleYear. Dates with a year are not returned here.
 */
export function findYearlessDates(text: string): YearlessDate[] {
  const out: YearlessDate[] = [];
  for (const m of text.matchAll(YEARLESS)) {
    const monthWord = m[3]!;
    if (!/^[A-Z]/.test(monthWord)) continue;
    const mo = month(monthWord);
    const day = Number(m[2]);
    if (!mo || day < 1 || day > 31) continue;
    const wd = m[1] ? WEEKDAYS.indexOf(m[1].slice(0, 3).toLowerCase()) : -1;
    out.push({ day, month: mo, weekday: wd >= 0 ? wd : null, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/**
 * The year a document settles for a day and month printed without one (FORMAT.md convention 9):
 * a printed weekday fits one year of those the document's own dates suggest; else the next
 * meeting's date (a later day the same year, an earlier one the year after); else the year
 * most of the document's dates carry. Null when the document names no year at all.
 */
export function settleYear(d: YearlessDate, texts: string[], nextMeeting: string[] = []): string | null {
  const years = new Map<number, number>();
  for (const t of texts)
    for (const f of findDates(t)) years.set(Number(f.iso.slice(0, 4)), (years.get(Number(f.iso.slice(0, 4))) ?? 0) + 1);
  if (!years.size) return null;
  const at = (y: number) => iso(y, d.month, d.day);
  const key = d.month * 100 + d.day;
  let guess: number | null = null;
  for (const t of nextMeeting) {
    const n = findDates(t).find((f) => f.hasDay);
    if (!n) continue;
    const ny = Number(n.iso.slice(0, 4));
    guess = Number(n.iso.slice(5, 7)) * 100 + Number(n.iso.slice(8, 10)) > key ? ny : ny - 1;
    break;
  }
  if (guess === null) guess = [...years.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  if (d.weekday !== null) {
    const fits = [guess, guess - 1, guess + 1].filter((y) => {
      const v = at(y);
      return v !== null && new Date(`${v}T12:00:00Z`).getUTCDay() === d.weekday;
    });
    if (fits.length) return at(fits[0]!);
    return null;
  }
  return at(guess);
}
