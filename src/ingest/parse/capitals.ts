/**
 * Names printed in capitals ("KENT COUNTY COUNCIL", "BURTON-CUM-WALDEN PARISH COUNCIL") are
 * stored in the case a reader expects, so one body is never kept under two spellings.
 * Mixed-case text is left as printed.
 */
const SMALL = new Set([
  "and",
  "of",
  "the",
  "on",
  "upon",
  "in",
  "under",
  "with",
  "cum",
  "by",
  "for",
  "at",
  "to",
  "le",
  "de",
  "en",
  "a",
  "ac",
  "y",
  "yr",
]);

export function fromCapitals(s: string): string {
  if (!/[A-Z]{2}/.test(s) || s !== s.toUpperCase()) return s;
  let first = true;
  return s.replace(/[A-Za-z][A-Za-z’']*/g, (w) => {
    const lower = w.toLowerCase();
    const out = !first && SMALL.has(lower) ? lower : isInitialism(w) ? w : lower[0]!.toUpperCase() + lower.slice(1);
    first = false;
    return out;
  });
}

/** "MCA", "SDC", "UK", "II": no vowel, or a known short form; ordinary short words ("HALL") are not. */
function isInitialism(w: string): boolean {
  return w.length >= 2 && w.length <= 4 && (!/[AEIOUY]/.test(w) || /^(?:UK|EU|NHS|ICT|IT|CIC|MCA)$/.test(w));
}
