import type { FlatLine } from "./lines.js";

/**
 * The council that publishes the pack. A line that is nothing but "X Council" near the
 * start is the letterhead; failing that, the most-mentioned qualified name ("Stockton-on-Tees
 * Borough Council") anywhere in the pack.
 */

const KIND = "(?:Metropolitan Borough|Royal Borough|London Borough|Borough|City|County|District|Town|Parish|Community|Combined|Unitary)";
const NAME_WORD = "[A-Z][A-Za-z’'\\-]+";
const JOIN = "(?:\\s+(?:upon|on|in|under|and|of|the|-)\\s+|\\s+|-)";
const QUALIFIED_RE = new RegExp(`\\b((?:The\\s+)?(?:${NAME_WORD}${JOIN}){0,4}?${NAME_WORD}\\s+${KIND}\\s+Council)\\b`, "g");
const ROYAL_RE = new RegExp(`\\b((?:Royal|London)\\s+Borough\\s+of\\s+(?:${NAME_WORD}${JOIN}){0,3}${NAME_WORD})\\b`, "g");
const LETTERHEAD_RE = new RegExp(`^((?:${NAME_WORD}${JOIN}){0,4}${NAME_WORD}\\s+(?:${KIND}\\s+)?Council)$`);

const GENERIC = /^(?:the\s+)?(?:county|city|borough|district|town|parish|full|this|a|an|each|every|our|your|their|local|other|neighbouring|member|all|whole|new|unitary|combined)\b/i;

export interface AuthorityHit { name: string; line: FlatLine }

export function extractAuthority(lines: FlatLine[]): AuthorityHit | null {
  for (const l of lines.slice(0, 80)) {
    const m = LETTERHEAD_RE.exec(l.text.trim());
    if (m && !GENERIC.test(m[1]!) && m[1]!.split(/\s+/).length <= 7) return { name: m[1]!, line: l };
  }
  const counts = new Map<string, { n: number; line: FlatLine }>();
  for (const l of lines) {
    for (const re of [QUALIFIED_RE, ROYAL_RE]) {
      for (const m of l.text.matchAll(re)) {
        let name = m[1]!.replace(/^The\s+/, "");
        // "Cabinet of Kent County Council": keep the words that make the council's name.
        const words = name.split(/\s+/);
        while (words.length > 2 && GENERIC.test(words[0]!) === false && /^(?:Cabinet|Leader|Members?|Chief|Executive|Officers?|Councillors?|Meeting|Minutes|Report|Agenda|Of|And|In|At|To|From|By|For|With)$/.test(words[0]!)) words.shift();
        name = words.join(" ");
        if (GENERIC.test(name)) continue;
        const c = counts.get(name) ?? { n: 0, line: l };
        c.n++;
        counts.set(name, c);
      }
    }
  }
  let best: AuthorityHit | null = null;
  let bestN = 0;
  for (const [name, c] of counts) if (c.n > bestN) { best = { name, line: c.line }; bestN = c.n; }
  return best;
}
