/**
 * Start times as packs print them: "6.00pm", "5.00 pm", "10am", "2.30 p.m.", "18:00",
 * "10.00 a.m.", "noon", and Welsh "7.30 yh" (yr hwyr, evening) / "10 yb" (y bore, morning).
 * Returned as 24-hour "HH:MM".
 */

const TIME_RE =
  /\b(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|y\.?h\.?|y\.?b\.?)(?![a-z])|\b([01]?\d|2[0-3]):([0-5]\d)\b|\b(noon|midday)\b/gi;

export interface FoundTime {
  hhmm: string;
  start: number;
  end: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function findTimes(text: string): FoundTime[] {
  const out: FoundTime[] = [];
  for (const m of text.matchAll(TIME_RE)) {
    let h: number;
    let min: number;
    if (m[6]) {
      h = 12;
      min = 0;
    } else if (m[3]) {
      h = Number(m[1]);
      min = m[2] ? Number(m[2]) : 0;
      if (h < 1 || h > 12 || min > 59) continue;
      const pm = /^p|^y\.?h/i.test(m[3]);
      if (pm && h !== 12) h += 12;
      if (!pm && h === 12) h = 0;
    } else {
      h = Number(m[4]);
      min = Number(m[5]);
    }
    out.push({ hhmm: `${pad(h)}:${pad(min)}`, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

export function parseTime(text: string): string | null {
  return findTimes(text)[0]?.hhmm ?? null;
}
