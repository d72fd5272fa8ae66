/**
 * Council names as packs print them ("KENT COUNTY COUNCIL", "Kent CC", "The Royal Borough of
 * Kingston upon Thames") and as a person writes them. Import matches an authority by the
 * normalised form of its name, short name and aliases.
 */

/** Abbreviations councils use for themselves; expanded before comparing. */
const ABBREVIATIONS: Record<string, string> = {
  cc: "county council",
  bc: "borough council",
  dc: "district council",
  mbc: "metropolitan borough council",
  cbc: "county borough council",
  tc: "town council",
  pc: "parish council",
  rbc: "royal borough council",
  lb: "london borough",
  mdc: "metropolitan district council",
};

/** Words a person writes in lower case inside a place name: "Kingston upon Thames", "Stockton-on-Tees". */
const SMALL = new Set(["of", "and", "upon", "on", "in", "under", "the", "by", "le", "de", "en", "cum", "with", "at"]);

/**
 * "KENT COUNTY COUNCIL", "Kent County Council" and "Kent CC" all become "kent county council".
 * Punctuation, "&", a leading "The" and letter case make no difference.
 */
export function normaliseAuthorityName(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[’'`.]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words[0] === "the") words.shift();
  return words
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(" ")
    .trim();
}

/**
 * A name printed in capitals, as a person would write it; any other name is kept as given.
 * "ROYAL BOROUGH OF KINGSTON UPON THAMES" → "Royal Borough of Kingston upon Thames";
 * "STOCKTON-ON-TEES BOROUGH COUNCIL" → "Stockton-on-Tees Borough Council".
 */
export function displayName(name: string): string {
  const trimmed = name.replace(/\s+/g, " ").trim();
  if (trimmed !== trimmed.toUpperCase() || !/[A-Z]{2}/.test(trimmed)) return trimmed;
  let first = true;
  return trimmed.toLowerCase().replace(/[a-z0-9’']+/g, (w) => {
    const keepSmall = !first && SMALL.has(w);
    first = false;
    if (keepSmall) return w;
    // "ST. HELENS", "MCKENZIE" stay ordinary; Scottish/Irish prefixes get their second capital.
    const mc = /^(mc)([a-z])(.*)$/.exec(w);
    if (mc) return `Mc${mc[2]!.toUpperCase()}${mc[3]}`;
    return w[0]!.toUpperCase() + w.slice(1);
  });
}
