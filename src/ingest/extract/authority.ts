import type { FlatLine } from "../segment/lines.js";
import { fromCapitals } from "../parse/capitals.js";
import { centredName } from "../parse/centred-name.js";

/**
 * The council that publishes the pack. A line that is nothing but "X Council" near the
 * start is the letterhead; failing that, the most-mentioned qualified name ("Stockton-on-Tees
 * Borough Council") anywhere in the pack.
 */

const KIND = "(?:Metropolitan Borough|Royal Borough|London Borough|Borough|City|County|District|Town|Parish|Community|Combined|Unitary)";
// "Ferryport –On-Craig": a dash may open a word of a place name.
const NAME_WORD = "[–—-]?[A-Z][A-Za-z’'\\-]+";
const JOIN = "(?:\\s+(?:upon|on|in|under|and|of|the|with|cum|-)\\s+|\\s+|-)";
const QUALIFIED_RE = new RegExp(`\\b((?:The\\s+)?(?:${NAME_WORD}${JOIN}){0,4}?${NAME_WORD}\\s+${KIND}\\s+Council)\\b`, "g");
/** Authorities that are not councils: "West of England Mayoral Combined Authority", "Greater London Authority". */
const AUTHORITY_RE = new RegExp(
  `\\b((?:${NAME_WORD}${JOIN}){0,4}?${NAME_WORD}\\s+(?:Mayoral\\s+)?(?:Combined|National Park|Fire and Rescue|Fire & Rescue|Police)\\s+Authority|Greater London Authority)\\b`,
  "g",
);
const ROYAL_RE = new RegExp(`\\b((?:Royal|London)\\s+Borough\\s+of\\s+(?:${NAME_WORD}${JOIN}){0,3}${NAME_WORD})\\b`, "g");
const LETTERHEAD_RE = new RegExp(`^((?:${NAME_WORD}${JOIN}){0,4}${NAME_WORD}\\s+(?:${KIND}\\s+)?Council)$`);
const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s-])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase());

const GENERIC =
  /^(?:the\s+)?(?:county|city|borough|district|town|parish|full|this|a|an|each|every|our|your|their|local|other|neighbouring|member|all|whole|new|unitary|combined|mayoral)\b/i;

/** Headings that end in "… Council" but are not a letterhead: "Election of Chairman of the Parish Council". */
const NOT_LETTERHEAD =
  /\b(?:election|chairman|chair|vice|minutes?|meeting|report|agenda|clerk|members?|annual|appointment|co-opted|representatives?|matters?)\b/i;

/** A month or weekday run on before "Parish Council" ("agenda item January Parish Council") is no place. */
const NOT_A_PLACE =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s/i;

export interface AuthorityHit {
  name: string;
  line: FlatLine;
}

/** A Welsh letterhead: "Cyngor Cymuned Llanfair" (community council), "Cyngor Tref …", "Cyngor Sir …". */
const WELSH_LETTERHEAD_RE = new RegExp(
  `^(Cyngor\\s+(?:Cymuned|Tref|Dinas|Sir|Bwrdeistref Sirol|Dinas a Sir)\\s+(?:${NAME_WORD}(?:\\s+(?:[Aa]|[Aa]c|[Aa]r|[Yy]|[Yy]r)\\s+|\\s+|-)){0,4}${NAME_WORD})$`,
);

export function extractAuthority(lines: FlatLine[]): AuthorityHit | null {
  for (const [k, l] of lines.slice(0, 80).entries()) {
    // A letterhead centred over two lines is read as one: "ABERLLYN" / "COMMUNITY COUNCIL".
    const t = centredName(lines, k) ?? l.text.trim();
    const welsh = WELSH_LETTERHEAD_RE.exec(t === t.toUpperCase() ? titleCase(t) : t);
    if (welsh) return { name: fromCapitals(t), line: l };
    // Letterheads are often set in capitals: "KENT COUNTY COUNCIL".
    const m = LETTERHEAD_RE.exec(t === t.toUpperCase() ? titleCase(t) : t);
    if (m && !GENERIC.test(m[1]!) && !NOT_LETTERHEAD.test(m[1]!) && m[1]!.split(/\s+/).length <= 7)
      return { name: fromCapitals(t), line: l };
  }
  const counts = new Map<string, { n: number; line: FlatLine }>();
  for (const l of lines) {
    for (const re of [QUALIFIED_RE, ROYAL_RE, AUTHORITY_RE]) {
      for (const m of l.text.matchAll(re)) {
        // "Approved the X Council", "Scheme - X Council": a name starts after " the " or " - ".
        let name = m[1]!.replace(/^The\s+/, "").replace(/^.*\s(?:the|-)\s+(?=[A-Z])/, "");
        // "Cabinet of Kent County Council": keep the words that make the council's name.
        const words = name.split(/\s+/);
        while (
          words.length > 2 &&
          GENERIC.test(words[0]!) === false &&
          /^(?:Cabinet|Leader|Members?|Chief|Executive|Officers?|Councillors?|Meeting|Minutes|Report|Agenda|Annual|General|Extraordinary|Special|Ordinary|Of|And|In|At|To|From|By|For|With)$/i.test(
            words[0]!,
          )
        )
          words.shift();
        name = words.join(" ");
        if (GENERIC.test(name) || NOT_A_PLACE.test(name)) continue;
        const c = counts.get(name) ?? { n: 0, line: l };
        c.n++;
        counts.set(name, c);
      }
    }
  }
  // A council named only in passing ("Birmingham City Council is responsible for…") is
  // not the publisher unless its place also appears in the pack's header or addresses.
  const head = lines
    .filter((l) => l.text)
    .slice(0, 8)
    .map((l) => l.text)
    .join(" ")
    .toLowerCase();
  const all = lines.map((l) => l.text).join(" ");
  const domains = [...all.matchAll(/@([\w.-]+?)\s*\.?\s*gov\.uk/gi)].map((m) => m[1]!.toLowerCase());
  const local = (name: string) => {
    const place = name.replace(new RegExp(`\\s+(?:${KIND}\\s+)?Council$`), "").replace(/^(?:Royal|London)\s+Borough\s+of\s+/, "");
    const first = place.split(/[\s-]+/)[0]!.toLowerCase();
    return head.includes(first) || domains.some((d) => d.includes(first));
  };
  // Words run on before a name ("Approved the X Council", a table cell's "Scheme - X Council")
  // count toward the name they end with.
  for (const long of [...counts.keys()]) {
    const tail = [...counts.keys()].find((n) => n !== long && long.endsWith(` ${n}`) && local(n));
    if (tail) {
      counts.get(tail)!.n += counts.get(long)!.n;
      counts.delete(long);
    }
  }
  // A shorter form counts toward a fuller form with one more word
  // ("West of England Combined Authority" toward "West of England Mayoral Combined Authority").
  const names = [...counts.keys()];
  for (const short of names) {
    const sw = short.toLowerCase().split(/\s+/);
    if (!counts.has(short)) continue;
    const full = names.find(
      (n) =>
        n !== short &&
        counts.has(n) &&
        n.split(/\s+/).length === sw.length + 1 &&
        sw.every((w) => n.toLowerCase().split(/\s+/).includes(w)),
    );
    if (full) {
      counts.get(full)!.n += counts.get(short)!.n;
      counts.delete(short);
    }
  }
  let best: AuthorityHit | null = null;
  let bestN = 0;
  for (const [name, c] of counts)
    if (c.n > bestN && local(name)) {
      best = { name: fromCapitals(name), line: c.line };
      bestN = c.n;
    }
  return best;
}

/** Parts of a page title that name the page, not its publisher. */
const PAGE_PART =
  /\b(?:committees?|meetings?|agendas?|minutes|papers|documents?|decisions?|calendar|home|welcome|search|index|page|sub-committee|panel|board|cabinet)\b|\d/i;
const TITLE_WORD = /^(?:[A-Z][A-Za-z’'&.-]*|of|and|the|for|upon|on|in|&)$/;

/**
 * A web page's title names its publisher beside the page ("Publisher - Committee meetings",
 * "Agenda for … | Publisher"). When nothing in the text names the authority, the part of the
 * title that is a name, not a page, and that the page's own furniture repeats (a navigation
 * tab, "About the …", "Search …") is the publisher. A part the page never repeats is not
 * trusted: site names in titles are often a product's ("Modern Council").
 */
export function authorityFromTitle(title: string | undefined, lines: FlatLine[]): AuthorityHit | null {
  if (!title) return null;
  for (const part of title.split(/\s+[-–—|:]\s+/)) {
    const name = part.trim();
    const words = name.split(/\s+/);
    if (words.length < 2 || words.length > 6 || PAGE_PART.test(name) || !words.every((w) => TITLE_WORD.test(w))) continue;
    const whole = new RegExp(`(?:^|[\\t|•>]|\\b(?:the|of)\\s)\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*(?:$|[\\t|•<])`, "i");
    const line = lines.find((l) => whole.test(l.text) || (l.cells ?? []).some((c) => c.trim().toLowerCase() === name.toLowerCase()));
    if (line) return { name: fromCapitals(name), line };
  }
  return null;
}
