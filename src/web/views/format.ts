/** British formats, GOV.UK style: "Tuesday 14 January 2025", "6:30pm", "10am". */
const LONDON = "Europe/London";

const dayFmt = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const shortFmt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const monthFmt = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const utcDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/** Long dates already written: a page of search hits or meetings repeats a few dates many times. */
const longDates = new Map<string, string>();

/** "Tuesday 14 January 2025" from a local ISO date. */
export function longDate(iso: string): string {
  let text = longDates.get(iso);
  if (text === undefined) {
    text = dayFmt.format(utcDate(iso)).replace(",", "");
    // Bounded: any string may arrive here; a few thousand dates cover every page's.
    if (longDates.size >= 4096) longDates.clear();
    longDates.set(iso, text);
  }
  return text;
}
/** "14 Jan 2025". */
export const shortDate = (iso: string): string => shortFmt.format(utcDate(iso));
export const monthName = (yyyyMm: string): string => monthFmt.format(utcDate(`${yyyyMm}-01`));

/** "18:30" → "6:30pm"; "10:00" → "10am"; "12:00" → "midday". */
export function clockTime(hhmm: string | null): string {
  if (!hhmm) return "";
  const [h, m] = hhmm.split(":").map(Number);
  if (h === 12 && m === 0) return "midday";
  const suffix = h < 12 ? "am" : "pm";
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${h12}${suffix}` : `${h12}:${String(m).padStart(2, "0")}${suffix}`;
}

/** An instant as London wall-clock parts, for "today" and published times. */
export function londonDateTime(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(londonParts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

export const londonToday = (now: Date): string => londonDateTime(now).date;

/** "14 Jan 2025, 9:15am" for an instant such as a publication time. */
export function instantText(iso: string): string {
  const { date, time } = londonDateTime(new Date(iso));
  return `${shortDate(date)}, ${clockTime(time)}`;
}

export function meetingWhen(m: { localDate: string; localTime: string | null }): string {
  return m.localTime ? `${longDate(m.localDate)}, ${clockTime(m.localTime)}` : longDate(m.localDate);
}

export function addMonths(yyyyMm: string, n: number): string {
  const d = utcDate(`${yyyyMm}-01`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
}

export function lastDayOfMonth(yyyyMm: string): string {
  const d = utcDate(`${addMonths(yyyyMm, 1)}-01`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}
