/**
 * Europe/London wall-clock time ↔ UTC instants, through Intl so BST/GMT changes come from
 * the platform's zone data rather than hand-written rules.
 */
const ZONE = "Europe/London";

// Made on first use, not when the module loads: building a formatter loads ICU's locale and
// zone data (about 50 ms), and every `moot` command loads this module, `moot --help` included.
let partsFormat: Intl.DateTimeFormat | null = null;
const partsFormatter = () =>
  (partsFormat ??= new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }));

function offsetMinutesAt(utcMillis: number): number {
  const p = Object.fromEntries(
    partsFormatter()
      .formatToParts(new Date(utcMillis))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - utcMillis) / 60000);
}

/** "2025-07-10" + "18:00" in London → "2025-07-10T17:00:00.000Z". Times that don't exist (spring gap) move forward. */
export function londonToInstant(localDate: string, localTime: string | null): string {
  const [y, m, d] = localDate.split("-").map(Number);
  const [hh, mm] = (localTime ?? "00:00").split(":").map(Number);
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  let guess = naive - offsetMinutesAt(naive) * 60000;
  guess = naive - offsetMinutesAt(guess) * 60000;
  return new Date(guess).toISOString();
}

/** An instant → its London date and time. */
export function instantToLondon(instant: string | Date): { date: string; time: string } {
  const p = Object.fromEntries(
    partsFormatter()
      .formatToParts(new Date(instant))
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Today's date in London, as YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  return instantToLondon(now).date;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The municipal year (May to April) a date falls in, named by its starting year. */
export function municipalYear(isoDate: string): number {
  const [y, m] = isoDate.split("-").map(Number);
  return m >= 5 ? y : y - 1;
}

let clerkDateFmt: Intl.DateTimeFormat | null = null;

/** A date as a clerk writes it in a message: "2026-12-01" → "1 December 2026". */
export const clerkDate = (iso: string): string =>
  (clerkDateFmt ??= new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );
