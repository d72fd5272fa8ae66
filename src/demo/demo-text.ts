/**
 * Small text helpers for the demo's templates: a seeded random source, number holes in
 * template sentences, lists as councils print them, and dates in words.
 */

export interface Rng {
  next(): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  int(lo: number, hi: number): number;
  /** k distinct elements of xs, in random order. */
  some<T>(xs: readonly T[], k: number): T[];
}

/** Deterministic pseudo-random numbers (mulberry32), so the demo is the same on every machine. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
    some: <T>(xs: readonly T[], k: number): T[] => {
      const copy = [...xs];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, k);
    },
  };
}

/**
 * Fills a template's number holes: {n} a count (20–900), {b} a large sum (120–640),
 * {m} a middling one (2–48), {p} a percentage (12–94), {s} and {t} small numbers (2–9).
 */
export function fill(r: Rng, template: string): string {
  return template.replace(/\{([nbmpst])\}/g, (_, k: string) => {
    switch (k) {
      case "n":
        return String(r.int(20, 900));
      case "b":
        return String(r.int(120, 640));
      case "m":
        return String(r.int(2, 48));
      case "p":
        return String(r.int(12, 94));
      default:
        return String(r.int(2, 9));
    }
  });
}

/** "A", "A and B", "A, B and C". */
export function listing(xs: string[]): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "3 June 2025". */
export function longDate(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** "June 2025". */
export function monthYear(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** The financial year and quarter a date falls in: { fy: "2025/26", quarter: 2 }. */
export function financialQuarter(iso: string): { fy: string; quarter: number } {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const start = m >= 4 ? y : y - 1;
  // Monitoring reports a quarter after it closes: a July meeting reports quarter 1.
  const quarter = m >= 4 && m <= 6 ? 4 : m <= 3 ? 3 : m <= 9 ? 1 : 2;
  const fyStart = quarter === 4 ? start - 1 : start;
  return { fy: `${fyStart}/${String((fyStart + 1) % 100).padStart(2, "0")}`, quarter };
}

/** Surname, for sorting and "Cllr Archer"-style mentions. */
export const surname = (name: string): string => name.split(" ").slice(-1)[0];
