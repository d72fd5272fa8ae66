/**
 * User text becomes a list of terms, each a single word or a phrase of words, built only
 * from letters and digits. Neither FTS5 nor tsquery ever sees an operator from the user,
 * so `24/00123/FUL`, `"unbalanced` and a lone `AND` all search instead of failing.
 */
export interface SearchQuery {
  terms: string[][];
}

const WORD = /[\p{L}\p{N}]+/gu;

export function parseSearchQuery(input: string): SearchQuery {
  const terms: string[][] = [];
  const text = input.normalize("NFKC").slice(0, 500);
  // Balanced double quotes make phrases; an unmatched quote is just ignored.
  const parts = text.split('"');
  const balanced = parts.length % 2 === 1;
  parts.forEach((part, i) => {
    const quoted = balanced && i % 2 === 1;
    if (quoted) {
      const words = part.match(WORD)?.map((w) => w.toLowerCase()) ?? [];
      if (words.length) terms.push(words);
      return;
    }
    for (const chunk of part.split(/\s+/)) {
      // "24/00123/FUL" or "planning-application" stay together as a phrase.
      const words = chunk.match(WORD)?.map((w) => w.toLowerCase()) ?? [];
      if (words.length) terms.push(words);
    }
  });
  return { terms: terms.slice(0, 32) };
}

export function isEmptyQuery(q: SearchQuery): boolean {
  return q.terms.length === 0;
}

/** FTS5 MATCH expression: every term quoted, so nothing is read as syntax. */
export function toFts5(q: SearchQuery): string {
  return q.terms.map((t) => `"${t.join(" ")}"`).join(" ");
}

/** websearch_to_tsquery input: phrases quoted; words contain only letters and digits. */
export function toWebsearch(q: SearchQuery): string {
  return q.terms.map((t) => (t.length > 1 ? `"${t.join(" ")}"` : t[0] === "or" ? '"or"' : t[0])).join(" ");
}
