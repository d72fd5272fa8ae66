import type { FlatLine } from "../segment/lines.js";
import { cleanInline } from "../read/text.js";

/**
 * Minuted items and their decisions. Councils number minutes in many schemes
 * ("CES47/02/17", "CYP 44/22", "246.", "11", "Minute 12"); the scheme is chosen per set
 * of minutes as the longest run of ascending numbers whose lines read like headings.
 */
export interface MinuteHit {
  number: string;
  title: string;
  line: FlatLine;
  bodyStart: number;
  bodyEnd: number;
  decisions: { text: string; line: FlatLine }[];
}

// "CES47/02/17", "CYP 44/22", "14/037", "Min 101/21", "21.01.05" (dotted, three parts).
const CODED_RE =
  /^(?:(?:minute|min)\.?\s+(?:no\.?\s*)?)?((?:[A-Z]{1,8}[\s/.-]?)?\d{1,4}\/\d{2,4}(?:\/\d{2,4})?|[A-Z]{1,8}\s?\d{1,4}\.\d{2,4}|\d{1,4}\.\d{1,2}\.\d{1,3})[.:]?(?:\s*[-–—]\s+|\s+)?(.*)$/i;
const NUMERIC_RE = /^(?:(?:minute|min\.?|item)\s+(?:no\.?\s*)?)?(\d{1,4}(?:\.0(?=\s))?[a-z]?)(?:\.|\)|:)?(?:\s*[-–—]\s+|\s+)?(.*)$/i;
/** "2503. Police Report: No report received …": a heading that runs straight into its text. */
// "Finance: …", "Reports:- Hall – …" (":-" sets off a heading as a colon does).
const RUN_ON_RE = /^([A-Z‘'"“][^:.;]{2,60}?)\s*(?::-?|[–—-])\s+\S/;
const TRIGGER_RE =
  /^(?:\(?\d+[.)]?\s*)?(?:it was\s+|and\s+|(?:the\s+)?(?:members|committee|sub-committee|panel|board|cabinet|council)\s+(?:unanimously\s+)?)?(?:further\s+)?(resolved|resolves|agreed|recommended|decided|penderfynwyd|cytunwyd)\b(?:\s*\(?(?:unanimously|accordingly|by consensus)\)?)?\s*[:\-–—,]*\s*/i;
const NOTED_RE =
  /^(?:the\s+)?(?:members|committee|sub-committee|panel|board)\s+(?:noted|endorsed|approved|requested|supported|welcomed|accepted)\b/i;
const FOLLOWING_RE = /\b(?:agreed|resolved|recommended|decided)\b(?:\s+(?:the following|as follows|that))?\s*:\s*$/i;
// "… and unanimously agreed to …", "the Councillors resolved to …", "it was resolved that …",
// "The members of the Council agreed unanimously to adopt …": the decision follows the verb.
const MID_AGREED_RE =
  /\b(?:it was|and|were|was|councillors|members|council|committee)\s+(?:(?:unanimously|also|further|therefore)\s+)?(?:agreed|resolved)\s+(?=(?:unanimously\s+)?(?:that|to)\s)/i;
/**
 * "All agreed this was a true record …", "The Councillors agreed they had no objections …": the
 * body that agreed, then the clause agreed with no "that". Only after the body, so "agreed the
 * date" in a discussion ("it was agreed the …" is IT_WAS_AGREED_RE's) is not read as a clause.
 */
const BODY_AGREED_CLAUSE_RE =
  /^(?:(?:after\s+(?:discussion|debate)\s*,?\s*)?(?:all|(?:the\s+)?(?:councillors|members|council|committee))\s+(?:(?:unanimously|also)\s+)?agreed\s+(?=(?:this|they|it|we)\s))/i;
/** "Resolved to pay M Joyce £45.": a sentence that opens with the verb, its subject understood. */
const LEADING_RESOLVED_RE = /^(?:resolved|agreed)\s+(?=(?:unanimously\s+)?(?:that|to)\s)/i;
/** "Approved and signed as correct.": a minute's whole decision, its subject understood. */
// "All approved for payment." closing a list of accounts: the payments are the decision.
const BARE_APPROVED_RE =
  /^(?:(?:approved|agreed|accepted|confirmed)\s+(?:and\s+signed|as\s+(?:a\s+)?(?:true|correct|accurate))|(?:all\s+(?:were\s+)?)?(?:approved|agreed|authorised)\s+for\s+payment)\b/i;
const APPROVED_RE =
  /\b(?:was|were)\s+(?:duly\s+|unanimously\s+)?(?:approved|adopted|(?:agreed|confirmed)(?=\s+as\s+(?:a\s+)?(?:true|correct|accurate)\b))(?:\s+and\s+signed\b[^.]*)?(?:\s+(?:as\s+(?:a\s+)?(?:true|correct|accurate)\b[^.]*))?\.?(?:\s|$)/i;
/** "Minutes of the May meeting have been agreed by email, proposed by …": agreed before the meeting, recorded in it. */
const MINUTES_AGREED_RE =
  /^(?:the\s+)?minutes\b[^.]*\bha(?:s|ve)\s+been\s+(?:duly\s+|unanimously\s+)?(?:approved|agreed|adopted|accepted|confirmed)\b/i;
const LIST_ITEM_RE = /^(?:[-•·*▪]\s*)?(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|\d{1,2}\.\d{1,2}\.?)\s+/i;
const BULLET_RE = /^[-•·*▪]\s+/;
/** "Decision:" / "Decisions:" alone on a line: the decision block ModernGov prints above an item's minutes. */
const DECISION_LABEL_RE = /^decisions?\s*:\s*$/i;
/**
 * "… view the full decision text for item 9.": a web page's cut-off marker, not part of a
 * decision. A decision cut by it keeps what was printed, up to the "…"; the marker alone is none.
 */
const CUT_OFF_RE = /(\.{3})\s*view the full\b.*$/i;

/** Joins "CYP" / "44/22 Title" split over two lines by the converter. */
export function joinSplitNumbers(lines: FlatLine[]): FlatLine[] {
  const out: FlatLine[] = [];
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    const n = lines[k + 1];
    if (/^[A-Z]{1,8}$/.test(l.text) && n && /^\d{1,4}\/\d{2,4}\b/.test(n.text)) {
      out.push({ ...n, text: `${l.text} ${n.text}`, raw: `${l.text} ${n.raw}`, start: l.start, page: l.page });
      k++;
      continue;
    }
    out.push(l);
  }
  return out;
}

function headingLike(title: string, line: FlatLine): boolean {
  const t = title.trim();
  if (!t) return true;
  if (!/^[A-Z0-9"'‘“(£]/.test(t)) return false;
  if (t.split(/\s+/).length > (line.bold ? 45 : 22) || /[;,]$/.test(t)) return false;
  if (/^\*\*/.test(line.raw.replace(/^[^*]*?\d\S*\s*/, "").trim())) return true;
  return !/[.]$/.test(t) || t.split(/\s+/).length <= 8;
}

interface Candidate {
  k: number;
  number: string;
  value: number;
  title: string;
  weight: number;
  /** A lettered item's letter, 1 for "8a"; 0 for none. */
  sub?: number;
  /** A table row's cells after its title: the minute's text, printed beside its heading. */
  rest?: string;
}

/**
 * Whether item `a` can follow item `b` in one numbering: the number climbs by a small step, or
 * (genre pattern: lettered items, "8a" … "8j", with or without a parent "8") the letter does.
 */
function follows(b: Candidate, a: Candidate): boolean {
  const bs = b.sub ?? 0;
  const as = a.sub ?? 0;
  if (a.value === b.value) return as - bs >= 1 && as - bs <= 2;
  const step = a.value - b.value;
  return step >= 1 && step <= 3 && as <= 1;
}

function pickChain(cands: Candidate[]): Candidate[] {
  if (!cands.length) return [];
  // Heaviest ascending chain with small steps; bold headings weigh more than plain lines,
  // so numbered paragraphs inside a minute lose to the minute headings around them.
  const best: { score: number; prev: number }[] = cands.map((c) => ({ score: c.weight, prev: -1 }));
  for (let a = 0; a < cands.length; a++) {
    for (let b = 0; b < a; b++) {
      if (follows(cands[b]!, cands[a]!) && best[b]!.score + cands[a]!.weight > best[a]!.score)
        best[a] = { score: best[b]!.score + cands[a]!.weight, prev: b };
    }
  }
  let end = 0;
  best.forEach((b, i) => {
    if (b.score > best[end]!.score) end = i;
  });
  const chain: Candidate[] = [];
  for (let i = end; i >= 0; i = best[i]!.prev) {
    chain.unshift(cands[i]!);
    if (best[i]!.prev < 0) break;
  }
  return chain;
}

/**
 * Coded minute numbers carry a counter and fixed parts ("CES47/02/17", "14/037", "21.01.05",
 * "23/190"); which part counts differs by council. The counter is the part that climbs by
 * small steps down the document, so each part is tried and the longest chain wins.
 */
function countingPart(cands: Candidate[]): Candidate[] {
  const parts = cands.map((c) => [...c.number.matchAll(/\d{1,4}/g)].map((m) => Number(m[0])));
  const width = Math.max(...parts.map((p) => p.length));
  let best: Candidate[] = cands.map((c, i) => ({ ...c, value: parts[i]![0] ?? 0 }));
  let bestLen = -1;
  for (let p = 0; p < width; p++) {
    const valued = cands.map((c, i) => ({ ...c, value: parts[i]![p] ?? parts[i]![0] ?? 0 }));
    const len = pickChain(valued).length;
    if (len > bestLen) {
      best = valued;
      bestLen = len;
    }
  }
  return best;
}

const isBoldHeading = (l: FlatLine) => l.bold || /^\s*(?:\*\*)?[\w /.-]{0,20}?\*\*[^*]+\*\*\s*$/.test(l.raw);

export function extractMinutes(lines0: FlatLine[], from: number): MinuteHit[] {
  const lines = joinSplitNumbers(lines0.slice(from));
  const coded: Candidate[] = [];
  const numeric: Candidate[] = [];
  const tabled: { coded: boolean; cand: Candidate }[] = [];
  // Genre pattern: where the items are rows of a table ("5. | Items from the Public"), a list
  // numbered afresh in an item's text ("1. Any member of the public …" … "5. Please note:")
  // never stands for the row of that number. A plain heading after a table of numbered rows
  // (an action log) still counts: only a list restarted at 1 since the last row is a note.
  const rowNumbers = new Set(
    lines.flatMap((l) => {
      const filled = l.cells?.map((x) => x.trim()).filter(Boolean) ?? [];
      const m = filled.length === 2 && /^[A-Z]/.test(filled[1]!) ? /^(\d{1,3})[.)]?$/.exec(filled[0]!) : null;
      return m ? [m[1]!] : [];
    }),
  );
  if (rowNumbers.size < 2) rowNumbers.clear();
  let lastRow = 0;
  let restarted = false;
  lines.forEach((l, k) => {
    const t = l.text;
    if (!t) return;
    if (l.cells && l.cells.filter((c) => c.trim()).length > 2) {
      const row = tableRow(l);
      if (row) tabled.push({ coded: row.coded, cand: { k, ...row.cand } });
      return;
    }
    const c = CODED_RE.exec(t);
    // A heading, or a heading run on into its text ("21/45: Police Report: none received.").
    const heading = (title: string) => {
      const run = RUN_ON_RE.exec(title);
      const runOn = run && run[1]!.split(/\s+/).length <= 8 ? run[1]! : null;
      // "Police report: none received." is a heading and its text, even when short.
      if (runOn && /[:–—-]\s+.*[.!]$/.test(title) && /^[A-Z]/.test(title)) return runOn;
      // "Finance: Current account £1,200. Spent so" / "far this year …": the text after the
      // heading wraps onto the next line mid-sentence, so the line is a paragraph, not a heading.
      // Only after a colon: "Terms of Reference - Annual" / "update" is a heading wrapped, its
      // dash part of the title.
      if (runOn && /^[^:]*:-?\s/.test(title) && /^[a-z]/.test(lines[k + 1]?.text ?? "")) return runOn;
      return headingLike(title, l) ? title : runOn;
    };
    if (c && !/^\d{1,2}\.\d{1,2}\.\d{2,4}\b/.test(t.replace(/^\d{1,4}\.\d{1,2}\.\d{1,3}\s+[A-Z].*$/, ""))) {
      const title = c[2] ?? "";
      // A dotted number is trusted only when it heads a heading, not a paragraph.
      if (/^\d{1,4}\.\d{1,2}\.\d{1,3}$/.test(c[1]!) && heading(title) === null) return;
      coded.push({ k, number: c[1]!.trim(), value: 0, title: heading(title) ?? title, weight: isBoldHeading(l) ? 3 : 1 });
      return;
    }
    const n = NUMERIC_RE.exec(t);
    if (n && rowNumbers.size) {
      if (l.cells && rowNumbers.has(n[1]!)) {
        lastRow = parseInt(n[1]!, 10);
        restarted = false;
      } else if (!l.cells) {
        if (n[1] === "1" && lastRow > 1) restarted = true;
        if (restarted && rowNumbers.has(n[1]!)) return;
      }
    }
    const title = n ? heading(n[2] ?? "") : null;
    if (
      (n &&
        title !== null &&
        !/^\d{1,4}$/.test(t) &&
        !/^\d{1,4}\s+(?:am|pm|hrs|hours|minutes|days|weeks|months|years|people|members|houses|homes|dwellings)\b/.test(t)) ||
      (n && /^\d{1,4}\.?$/.test(t) && /^[A-Z]/.test(lines[nextIdx(lines, k)]?.text ?? ""))
    ) {
      // A run-on heading weighs less than a heading on its own line, so numbered paragraphs
      // ("1. Clean energy: the Mayor said …") lose to the headings around them; an item row
      // of a table weighs more.
      const runOn = title !== null && title !== (n![2] ?? "");
      const weight = (isBoldHeading(l) ? 3 : 1) * (runOn ? 0.5 : 1) + (l.cells ? 1 : 0);
      const letter = /[a-z]$/i.exec(n![1]!)?.[0];
      const sub = letter ? letter.toLowerCase().charCodeAt(0) - 96 : 0;
      // A lettered line weighs less than a numbered one, so a run through the parent item wins
      // over its attachments ("9a. Appendix 1 …" listed under item 8); an appendix is no item.
      if (letter && /^(?:appendix|annex|annexe|schedule|enclosure)\b/i.test(title ?? "")) return;
      numeric.push({ k, number: n![1]!, value: parseInt(n![1]!, 10), title: title ?? "", weight: letter ? weight / 2 : weight, sub });
    }
  });
  // A digit lost in print ("6" between 55 and 57) still continues the run.
  for (let k = 1; k < numeric.length; k++) {
    const c = numeric[k]!;
    // Only for bold headings: plain numbered paragraphs would chain onto anything.
    const prev =
      c.weight >= 3
        ? numeric
            .slice(0, k)
            .reverse()
            .find((p) => p.weight >= c.weight)
        : undefined;
    if (!prev) continue;
    if (c.value < prev.value && c.number.length < String(prev.value).length && String(prev.value + 1).endsWith(c.number))
      c.value = prev.value + 1;
  }
  // The scheme the document uses is the one whose headings make the longer run.
  let codedChain = coded.length >= 2 ? pickChain(countingPart(coded)) : [];
  let numericChain = pickChain(numeric);
  // Minutes set as a table are read only when the text has no scheme of its own: numbered
  // rows of an action table after the minutes must not outrun the minutes' headings.
  if (codedChain.length < 2 && numericChain.length < 2 && tabled.length >= 2) {
    const tc = tabled.filter((t) => t.coded).map((t) => t.cand);
    const tn = tabled.filter((t) => !t.coded).map((t) => t.cand);
    codedChain = tc.length >= 2 ? pickChain(countingPart(tc)) : [];
    numericChain = pickChain(tn);
  }
  const chain = codedChain.length >= 2 && codedChain.length * 2 >= numericChain.length ? codedChain : numericChain;
  if (chain.length < 2 && !(chain.length === 1 && coded.length)) return [];
  const rows = chain === numericChain ? withSubMinutes(fillGaps(chain, lines), lines) : chain;
  return rows.map((c, idx) => {
    let title = c.title;
    let bodyStart = c.k + 1;
    if (!title.trim()) {
      const j = nextIdx(lines, c.k);
      if (j >= 0) {
        title = lines[j]!.text;
        bodyStart = j + 1;
      }
    }
    // A bold heading wrapped onto the next line.
    if (isBoldHeading(lines[c.k]!) && c.title.trim()) {
      const n = lines[c.k + 1];
      if (n?.text && n.bold && c.title.length >= 45 && !rows.some((x) => x.k === c.k + 1) && n.text.split(/\s+/).length <= 12) {
        title += " " + n.text;
        bodyStart = c.k + 2;
      }
    }
    title = cleanInline(title)
      .replace(/\s*\((?:item|minute)\s*\d+[a-z]?\)\s*$/i, "")
      .replace(/\s*[-–]\s*$/, "")
      .trim();
    const bodyEnd = idx + 1 < rows.length ? rows[idx + 1]!.k : lines.length;
    // A heading run on into its text ("2305 Finance: It was resolved to pay …"): the text after
    // the heading is the minute's first line, and may carry its decision.
    const head = lines[c.k]!;
    const after = c.rest ?? (c.title.trim() ? runOnText(head.text, c.title) : "");
    // A long heading run on into its text with no colon to part them ("14/037: Minutes of … 14/032:
    // a phrase was deleted. Subject to this amendment the minutes were agreed …"): the sentences
    // after its first are the minute's text, and may carry its decision.
    const ranOn = !after && c.title.length > 80 ? sentences(c.title).slice(1).join(" ") : "";
    const first = after || ranOn;
    const body = [...(first ? [{ ...head, text: first, cells: null }] : []), ...lines.slice(bodyStart, bodyEnd)];
    return {
      number: c.number,
      title,
      line: lines[c.k]!,
      bodyStart: lines[bodyStart]?.i ?? lines[c.k]!.i,
      bodyEnd: lines[bodyEnd - 1]?.i ?? lines[c.k]!.i,
      decisions: decisionsIn(body),
    };
  });
}

/**
 * Genre pattern: minutes set as a table, one row per item ("1 | Welcome | The Chair welcomed … |
 * Action"): the first filled cell is the number, the next the heading, the rest its text.
 */
function tableRow(l: FlatLine): { coded: boolean; cand: Omit<Candidate, "k"> } | null {
  const filled = l.cells!.map((c) => c.trim()).filter(Boolean);
  const num = /^(?:(?:minute|min|item)\.?\s*)?(\d{1,4}[a-z]?|(?:[A-Z]{1,8}\s?)?\d{1,4}\/\d{2,4}(?:\/\d{2,4})?)[.:)]?$/i.exec(filled[0]!);
  const title = cleanInline(filled[1]!).replace(/[:.]$/, "");
  if (!num || !/^[A-Z0-9"'‘“(£]/.test(title) || title.split(/\s+/).length > 12) return null;
  const coded = num[1]!.includes("/");
  const cand = { number: num[1]!, value: coded ? 0 : parseInt(num[1]!, 10), title, weight: 2, rest: filled.slice(2).join(" ") };
  return { coded, cand };
}

/** The text printed after a run-on heading on its line: "Finance: It was resolved …" -> "It was resolved …". */
function runOnText(line: string, title: string): string {
  const at = line.indexOf(title);
  if (at < 0) return "";
  const m = /^\s*(?::-?|[–—-])\s+(\S.*)$/.exec(line.slice(at + title.length));
  return m ? m[1]! : "";
}

/**
 * Genre pattern (FORMAT.md convention 2): an item printed as one plain sentence ("3. The minutes
 * of the last meeting were approved and signed.") reads as no heading, but where the run of
 * headings skips exactly its number it is that item, titled by its whole sentence; the
 * sentence is also its text, so its decision is read from it.
 */
function fillGaps(chain: Candidate[], lines: FlatLine[]): Candidate[] {
  const out: Candidate[] = [];
  chain.forEach((a, idx) => {
    out.push(a);
    const b = chain[idx + 1];
    if (!b) return;
    const as = a.sub ?? 0;
    const bs = b.sub ?? 0;
    let want: string | null = null;
    if (b.value === a.value && bs - as === 2) want = `${a.value}${String.fromCharCode(96 + as + 1)}`;
    else if (b.value - a.value === 2 && as === 0 && bs === 0) want = String(a.value + 1);
    if (!want) return;
    for (let k = a.k + 1; k < b.k; k++) {
      const l = lines[k]!;
      if (l.cells) continue;
      const m = new RegExp(`^${want}[.):]?\\s+([A-Z‘'"“].*)$`, "i").exec(l.text);
      if (!m || m[1]!.length > 300) continue;
      const title = m[1]!.trim();
      out.push({
        k,
        number: want,
        value: a.value + (bs === 0 && as === 0 ? 1 : 0),
        title,
        weight: a.weight,
        sub: as ? as + 1 : 0,
        rest: title,
      });
      return;
    }
  });
  return out;
}

const SUB_MINUTE_RE = /^(\d{1,3})\.(\d{1,2})\.?\s+([A-Z‘'"“(].*)$/;

/**
 * Genre pattern: decimal sub-minutes ("6. Working Together" then "6.1 Learning Guidance",
 * "6.2 Threshold Guidance"). Under a minute of the document's scheme, headings numbered
 * parent.1, parent.2 … in sequence are rows of their own (FORMAT.md convention 1); numbered
 * paragraphs (sentences ending in a full stop) are not.
 */
function withSubMinutes(chain: Candidate[], lines: FlatLine[]): Candidate[] {
  const out: Candidate[] = [];
  chain.forEach((c, idx) => {
    out.push(c);
    const end = idx + 1 < chain.length ? chain[idx + 1]!.k : lines.length;
    let expect = 1;
    for (let k = c.k + 1; k < end; k++) {
      const l = lines[k]!;
      if (l.cells && l.cells.filter((x) => x.trim()).length > 2) continue;
      const m = SUB_MINUTE_RE.exec(l.text);
      if (!m || m[1] !== c.number || Number(m[2]) !== expect) continue;
      const title = m[3]!.trim();
      if (/[.;,]$/.test(title) || title.split(/\s+/).length > 15 || !headingLike(title, l)) continue;
      out.push({ k, number: `${m[1]}.${m[2]}`, value: c.value, title, weight: c.weight });
      expect++;
    }
  });
  return out;
}

function nextIdx(lines: FlatLine[], k: number): number {
  for (let j = k + 1; j < lines.length && j < k + 4; j++) if (lines[j]!.text) return j;
  return -1;
}

/** Sentences of a paragraph; "Cllr. Ames" and initials do not end one. */
function sentences(t: string): string[] {
  return t.split(/(?<=[.!?])(?<!\b(?:[A-Z]|Cllr|Cllrs|Mr|Mrs|Ms|Dr|No|St|approx|etc)\.)\s+(?=[A-Z“"‘])/).filter(Boolean);
}

const AFFIRMED_RE =
  /^(?:this was\s+)?(?:(?:agreed|carried|approved|resolved)(?:\s+(?:unanimously|by all|nem\.? con\.?))?|all (?:were )?in favour|unanimously (?:agreed|approved|carried))\.?$/i;
const PROPOSAL_RE = /\b(?:proposed|moved)\b.*\bseconded\b/i;
const CONCLUDED_RE = /\b(?:agreed|carried|all in favour|unanimous(?:ly)?|resolved|approved)\b/i;
const IT_WAS_AGREED_RE = /\bit was\s+(?:(?:unanimously|also|further|therefore|then)\s+)?agreed\s+(?!by\b|at\b|in\b|with\b|upon\b)/i;

/**
 * Decisions written informally in a paragraph with no RESOLVED (FORMAT.md convention 3), one
 * per sentence:
 * - a recorded proposal, kept whole with its outcome: "It was proposed by Cllr A, seconded by
 *   Cllr B, that … . Agreed unanimously.";
 * - "… and unanimously agreed to donate £50.", "It was agreed the clerk should write …": the
 *   sentence's tail after "agreed";
 * - "The minutes … were approved and signed.", "… were agreed as a true record …", "Minutes of
 *   … have been agreed by email, proposed by …": whole.
 */
function informal(t: string): string[] {
  const out: string[] = [];
  const ss = sentences(t);
  for (let i = 0; i < ss.length; i++) {
    const x = ss[i]!.trim();
    const next = ss[i + 1]?.trim() ?? "";
    if (PROPOSAL_RE.test(x) && /\bthat\b/i.test(x)) {
      if (AFFIRMED_RE.test(next)) {
        out.push(tidy(`${x} ${next}`));
        i++;
        continue;
      }
      if (CONCLUDED_RE.test(x.replace(/^.*?\bthat\b/i, "").slice(-60))) {
        out.push(tidy(x));
        continue;
      }
    }
    const mid = MID_AGREED_RE.exec(x) ?? IT_WAS_AGREED_RE.exec(x) ?? BODY_AGREED_CLAUSE_RE.exec(x) ?? LEADING_RESOLVED_RE.exec(x);
    if (mid && !/\b(?:the|a|an|of|to|and|that|for)$/i.test(x)) {
      const text = tidy(x.slice(mid.index + mid[0].length));
      if (text.split(/\s+/).length >= 3) out.push(text);
      continue;
    }
    // "The following expenditure was approved for payment: B Baker £45": decided
    // up to the colon that opens the list.
    const listed = /^(the following\b[^:]*?\b(?:was|were)\s+(?:duly\s+|unanimously\s+)?(?:approved|agreed)\b[^:]*):\s*\S/i.exec(x);
    if (listed) {
      out.push(tidy(listed[1]!));
      continue;
    }
    // Whole sentences only: a line-wrapped fragment ("and £600 was approved to") is not one.
    if ((APPROVED_RE.test(x) || BARE_APPROVED_RE.test(x) || MINUTES_AGREED_RE.test(x)) && /^[A-Z“"]/.test(x) && /[.!]$/.test(x))
      out.push(tidy(x));
  }
  return out;
}

const tidy = (s: string) =>
  cleanInline(s)
    .replace(/(?:\s*[;,])?(?:\s+(?:and|or))?\s*$/i, "")
    .replace(/^[\s:\-–—,]+/, "")
    .trim();

/** Decisions in a minute's body: text after RESOLVED / AGREED / "It was agreed", one per numbered part. */
export function decisionsIn(body: FlatLine[]): { text: string; line: FlatLine }[] {
  const out: { text: string; line: FlatLine }[] = [];
  // A formal RESOLVED / AGREED (capitals, or a "Resolved:" label) leaves "it was agreed" in the
  // discussion to it; "Committee resolved to note …" is as informal as the sentences around it.
  const hasExplicit = body.some((l) => {
    const m = TRIGGER_RE.exec(l.text.replace(BULLET_RE, ""));
    return (m && (/^[A-Z]/.test(m[1]!) || /[:\-–—]\s*$/.test(m[0]))) || FOLLOWING_RE.test(l.text) || DECISION_LABEL_RE.test(l.text);
  });
  for (let k = 0; k < body.length; k++) {
    const l = body[k]!;
    const t = l.text.replace(BULLET_RE, "");
    let rest: string | null = null;
    const m = TRIGGER_RE.exec(t);
    if (
      (m && /^[A-Z]/.test(m[1]!)) ||
      (m && /^(?:\(?\d+[.)]?\s*)?(?:it was|and|the|members|committee|sub-committee|panel|board|cabinet|council)\b/i.test(t))
    )
      rest = t.slice(m![0].length);
    else if (FOLLOWING_RE.test(t) || DECISION_LABEL_RE.test(t)) rest = ":";
    else if (/\b(?:and|it was|was)\s+(?:unanimously\s+)?(?:RESOLVED|AGREED)\b/.test(t)) {
      // "It was moved by …, seconded by … and RESOLVED that …"
      const at = /\b(?:RESOLVED|AGREED)\b\s*[:\-–—,]*\s*/.exec(t)!;
      rest = t.slice(at.index + at[0].length);
    } else if (!hasExplicit && !l.cells && informal(t).length) {
      for (const text of informal(t)) out.push({ text, line: l });
      continue;
    } else if (NOTED_RE.test(t) && !hasExplicit) {
      const a = /\b(?:agreed|resolved)\b\s*(?:that\s+)?/i.exec(t);
      rest = a ? t.slice(a.index + a[0].length) : t;
    } else continue;
    if (/^(?:to|that)?\s*[.:]?\s*$/i.test(rest) || /:\s*$/.test(rest) || (/\bthe following\b/i.test(rest) && rest.length < 80)) {
      const items = listAfter(body, k + 1);
      if (items.length) {
        for (const it of items) out.push({ text: it.text, line: it.line });
        k = items[items.length - 1]!.end;
        continue;
      }
      // "RESOLVED" alone, the decision in the next paragraph.
      const j = nextFilledIn(body, k);
      // "Resolved:" / "Committee:" / "Endorsed the …": the body that decided, set on a line of its own.
      const then =
        j > 0 && /^(?:that\s+)?(?:the\s+)?(?:committee|sub-committee|panel|board|cabinet|council)\s*:$/i.test(body[j]!.text.trim())
          ? nextFilledIn(body, j)
          : -1;
      if (then > 0 && !TRIGGER_RE.test(body[then]!.text) && body[then]!.text.length > 10) {
        out.push({ text: tidy(`${body[j]!.text.trim()} ${body[then]!.text}`), line: body[j]! });
        k = then;
        continue;
      }
      if (j > 0 && !TRIGGER_RE.test(body[j]!.text) && body[j]!.text.length > 10) {
        out.push({ text: tidy(body[j]!.text), line: body[j]! });
        k = j;
      }
      continue;
    }
    // Inline parts "(1) to note…; and (2) that…" and parts on the following lines.
    // Parts listed inside one sentence ("has concerns, namely (i) the scale … (ii) the light …")
    // are one decision: only parts that open the decision, or follow a colon, are several.
    const lead = /^(.*?)\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)/.exec(rest)?.[1] ?? "";
    const listed = lead.trim().split(/\s+/).filter(Boolean).length <= 3 || /[:]\s*$/.test(lead);
    const parts = listed
      ? rest.split(/\s*\((?=\d{1,2}\)|[a-z]\)|[ivx]{1,4}\))/).map((p) => p.replace(/^(?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s*/, ""))
      : [rest];
    const first = parts.filter((p) => tidy(p));
    for (const p of first) if (/\w{2}/.test(tidy(p))) out.push({ text: tidy(p), line: l });
    if (listed && /\(\d\)|\([a-z]\)/.test(rest)) {
      for (let j = k + 1; j < body.length; j++) {
        const n = body[j]!.text;
        if (!n) continue;
        const pm = /^\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s*(.*)$/.exec(n);
        if (!pm) break;
        out.push({ text: tidy(pm[1]!), line: body[j]! });
        k = j;
      }
    } else {
      // A decision whose sentence runs on after a page break.
      const j = nextFilledIn(body, k);
      if (j > 0 && /^[a-z]/.test(body[j]!.text) && !/[.]$/.test(t)) {
        out[out.length - 1]!.text += " " + tidy(body[j]!.text);
        k = j;
      }
    }
  }
  // A decision printed twice (the "Decision:" block and the minutes' "Resolved:") is one decision.
  const seen = new Set<string>();
  for (const d of out) d.text = d.text.replace(CUT_OFF_RE, "$1").trim();
  return out.filter((d) => {
    const key = d.text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
    if (key.split(" ").length < 3 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function nextFilledIn(body: FlatLine[], k: number): number {
  for (let j = k + 1; j < body.length; j++) if (body[j]!.text) return j;
  return -1;
}

function listAfter(body: FlatLine[], from: number): { text: string; line: FlatLine; end: number; plain?: boolean }[] {
  const items: { text: string; line: FlatLine; end: number; plain?: boolean }[] = [];
  for (let j = from; j < body.length; j++) {
    const t = body[j]!.text;
    if (!t) continue;
    const stripped = t.replace(BULLET_RE, "");
    if (
      LIST_ITEM_RE.test(stripped) ||
      (BULLET_RE.test(t) && items.length >= 0 && !/^[a-z]/.test(stripped) && items.length < 30 && BULLET_RE.test(t))
    ) {
      items.push({ text: tidy(stripped.replace(LIST_ITEM_RE, "")), line: body[j]!, end: j });
      continue;
    }
    const adjacent = j > from && body[j - 1]!.text !== "";
    if (items.length && (/^[a-z(]/.test(t) || (adjacent && !/[.;:]$/.test(items[items.length - 1]!.text))) && !TRIGGER_RE.test(t)) {
      const last = items[items.length - 1]!;
      last.text = tidy(last.text + " " + t);
      last.end = j;
      continue;
    }
    // "The Committee:" over a numbered list is the list's lead-in, not a decision.
    if (!items.length && /:\s*$/.test(t) && t.length < 120 && LIST_ITEM_RE.test(body[nextFilledIn(body, j)]?.text ?? "")) continue;
    // Unmarked paragraphs after "RESOLVED that:", each one decision.
    if (!items.length || items.every((it) => it.plain)) {
      if (
        /^[A-Z“"]/.test(t) &&
        !body[j]!.bold &&
        !TRIGGER_RE.test(t) &&
        // A label line ("Minutes:") opens the next block.
        !/^[\w’' ]{1,30}:\s*$/.test(t) &&
        !/^\d{1,3}[.)]\s/.test(t) &&
        !/^(?:the (?:chair|meeting|committee)|this item|in accordance)\b/i.test(t) &&
        items.length < 12
      ) {
        items.push({ text: tidy(t.replace(/^[“"]|[”"]$/g, "")), line: body[j]!, end: j, plain: true });
        continue;
      }
    }
    break;
  }
  return items;
}
