import type { ExtractedVote } from "../../domain/extraction.js";
import type { FlatLine } from "../segment/lines.js";
import { cleanName, looksLikeName } from "../parse/names.js";

/**
 * Recorded votes in minutes, in the three layouts councils print:
 *
 * - headed lists: "For (52)" on its own line, the names below, then "Against (0)", "Abstain (11)";
 * - a paragraph: "For: Cllrs Allen, Buchan and Loveridge. Against: Cllr Dunn. Abstained: none.";
 * - a table of names: a row per member with their vote ("Cllr Allen | For"), or a column per
 *   position ("For | Against | Abstain") with names beneath.
 *
 * Counts are kept as printed (a heading's "(52)"), else the number of names; a count-only
 * paragraph ("For 5, Against 3") is a show of hands. Names are kept as printed, titles and all,
 * because "Mr Cole" and "Mrs Cole" are two members.
 */

type Kind = ExtractedVote["positions"][number]["position"];

export interface VoteHit {
  vote: ExtractedVote;
  line: FlatLine;
}

export interface MinuteSpan {
  number: string;
  title: string;
  bodyStart: number;
  bodyEnd: number;
}

const LABEL = "(for|against|abstain(?:ed|ing|ions?)?|abstentions?|absent|not voting|did not vote)";
const HEADING_RE = new RegExp(`^${LABEL}\\s*[:(]\\s*(\\d+)?\\s*\\)?\\s*:?\\s*(.*)$`, "i");
const INLINE_RE = new RegExp(`(?:^|[.;,]\\s*|\\s)${LABEL}\\s*(?:\\((\\d+)\\))?\\s*[:\\-–]\\s*`, "gi");
const RESULT_RE =
  /(?:^|\s)((?:the\s+)?(?:substantive\s+)?(?:motion|amendment|recommendations?|proposal)?\s*(?:\(as amended\)\s*)?(?:was\s+)?(?:carried|lost|fell|defeated|agreed|not carried|rejected)(?:\s+on the chair(?:man)?'s casting vote)?)\.?\s*$/i;
const PUT_RE = /\bput\s+(.+?)\s+to\s+(?:the\s+)?(?:vote|a recorded vote)\b/i;
const CASTING_RE = /casting vote/i;

function kindOf(label: string): Kind {
  const l = label.toLowerCase();
  if (l === "for") return "for";
  if (l === "against") return "against";
  if (l.startsWith("abst")) return "abstain";
  if (l === "absent") return "absent";
  return "present-not-voting";
}

/** Names as printed, from "Mr Baker, Mr Baldock and Mrs Bell" or "Cllrs Allen, Buchan and Loveridge". */
export function printedNames(text: string): string[] {
  const t = text
    .replace(/\s+/g, " ")
    .replace(/^(?:councillors|cllrs)\.?\s+/i, "")
    .replace(/[.;:]+\s*$/, "")
    .trim();
  if (!t || /^(?:none|nil|no members?|-|–)$/i.test(t)) return [];
  return t
    .split(/\s*[,;]\s*|\s+(?:and|&)\s+/i)
    .map((p) => p.replace(/^(?:and|&)\s+/i, "").trim())
    .filter((p) => p && looksLikeName(cleanName(p)));
}

/** Splits a trailing result ("… Mr Sole Motion carried.") off a names line. */
function splitResult(text: string): { rest: string; result: string | null } {
  const m = RESULT_RE.exec(text);
  if (!m) return { rest: text, result: null };
  return { rest: text.slice(0, m.index).trim(), result: m[1]! };
}

function resultOf(phrase: string | null, counts: ExtractedVote["counts"]): ExtractedVote["result"] {
  const p = phrase?.toLowerCase() ?? "";
  const won = /carried|agreed/.test(p) && !/not carried/.test(p);
  const fell = /lost|fell|defeated|not carried|rejected/.test(p);
  if (CASTING_RE.test(p) || (phrase && counts.for === counts.against && counts.for > 0))
    return won ? "tied-carried" : fell ? "tied-lost" : null;
  if (won) return "carried";
  if (fell) return "lost";
  if (counts.for > counts.against) return "carried";
  if (counts.for < counts.against) return "lost";
  return null;
}

interface Section {
  kind: Kind;
  count: number | null;
  names: string[];
}

function finish(sections: Section[]): Pick<ExtractedVote, "counts" | "positions"> {
  const counts = { for: 0, against: 0, abstain: 0 };
  const positions: ExtractedVote["positions"] = [];
  for (const s of sections) {
    if (s.kind === "for" || s.kind === "against" || s.kind === "abstain") counts[s.kind] += s.count ?? s.names.length;
    for (const name of s.names) positions.push({ name, position: s.kind });
  }
  return { counts, positions };
}

/** "For: Cllrs A and B. Against: Cllr C." or "For 5, Against 3, Abstentions 1" in one paragraph. */
function inlineSections(text: string): { sections: Section[]; tail: string } | null {
  const marks = [...text.matchAll(INLINE_RE)];
  if (marks.length < 2 || !marks.some((m) => kindOf(m[1]!) === "for") || !marks.some((m) => kindOf(m[1]!) === "against")) {
    // Counts only: "For 5, Against 3, Abstentions 1".
    const counted = [...text.matchAll(new RegExp(`\\b${LABEL}\\s*[:\\-–]?\\s*(\\d+)\\b`, "gi"))];
    if (counted.length >= 2 && counted.some((m) => kindOf(m[1]!) === "for") && counted.some((m) => kindOf(m[1]!) === "against")) {
      const last = counted[counted.length - 1]!;
      return {
        sections: counted.map((m) => ({ kind: kindOf(m[1]!), count: Number(m[2]), names: [] })),
        tail: text.slice(last.index! + last[0].length),
      };
    }
    return null;
  }
  const sections: Section[] = [];
  let tail = "";
  marks.forEach((m, k) => {
    const start = m.index! + m[0].length;
    const end = k + 1 < marks.length ? marks[k + 1]!.index! : text.length;
    let body = text.slice(start, end);
    if (k === marks.length - 1) {
      // The paragraph may go on after the last list: "Abstained: Cllr Frost. The motion was carried."
      const stop = /\.\s+(?=[A-Z][a-z]+\s+[a-z])/.exec(body);
      if (stop) {
        tail = body.slice(stop.index + 1);
        body = body.slice(0, stop.index);
      }
    }
    const n = /^\s*(\d+)\s*$/.exec(body.replace(/[.,;]/g, ""));
    sections.push({ kind: kindOf(m[1]!), count: m[2] ? Number(m[2]) : n ? Number(n[1]) : null, names: n ? [] : printedNames(body) });
  });
  return { sections, tail };
}

/** A table: rows of "name | position", or columns headed For / Against / Abstain. */
function tableSections(rows: FlatLine[]): Section[] | null {
  const header = rows[0]!.cells!;
  const kinds = header.map((c) =>
    new RegExp(`^${LABEL}(?:\\s*\\(\\d+\\))?$`, "i").test(c.trim()) ? kindOf(c.trim().split(/\s|\(/)[0]!) : null,
  );
  const sections: Section[] = [];
  if (kinds.filter(Boolean).length >= 2) {
    header.forEach((c, k) => {
      const kind = kinds[k];
      if (!kind) return;
      const count = /\((\d+)\)/.exec(c);
      const names = rows
        .slice(1)
        .map((r) => r.cells?.[k]?.trim() ?? "")
        .filter((n) => n && looksLikeName(cleanName(n)));
      sections.push({ kind, count: count ? Number(count[1]) : null, names });
    });
    return sections;
  }
  const byKind = new Map<Kind, Section>();
  for (const r of rows) {
    const cells = r.cells!.map((c) => c.trim());
    const k = cells.findIndex((c) => new RegExp(`^${LABEL}$`, "i").test(c));
    if (k < 0) continue;
    const name = cells.find((c, j) => j !== k && c && looksLikeName(cleanName(c)));
    if (!name) continue;
    const kind = kindOf(cells[k]!);
    const s = byKind.get(kind) ?? { kind, count: null, names: [] };
    s.names.push(name);
    byKind.set(kind, s);
  }
  return byKind.has("for") || byKind.has("against") ? [...byKind.values()] : null;
}

function questionBefore(body: FlatLine[], at: number, floor: number): string | null {
  const own = PUT_RE.exec(body[at]!.text);
  if (own) return own[1]!.replace(/\s+/g, " ").trim();
  for (let j = at - 1, seen = 0; j >= floor && seen < 4; j--) {
    const t = body[j]!.text;
    if (!t) continue;
    seen++;
    // "put the motion set out in paragraph 1 to the vote" may wrap onto the next line.
    const joined = `${t} ${body[j + 1]?.text ?? ""}`;
    const m = PUT_RE.exec(joined);
    if (m)
      return m[1]!
        .replace(/\s+/g, " ")
        .replace(/[\s\-–—:,]+$/, "")
        .trim();
  }
  return null;
}

export function extractVotes(body: FlatLine[], minutes: MinuteSpan[]): VoteHit[] {
  const out: VoteHit[] = [];
  const minuteAt = (i: number) => minutes.find((m) => i >= m.bodyStart && i <= m.bodyEnd) ?? null;
  const push = (startIdx: number, sections: Section[], resultPhrase: string | null) => {
    const line = body[startIdx]!;
    const minute = minuteAt(line.i);
    const floor = minute
      ? Math.max(
          0,
          body.findIndex((l) => l.i >= minute.bodyStart),
        )
      : 0;
    const { counts, positions } = finish(sections);
    out.push({
      line,
      vote: {
        minute: minute?.number ?? null,
        question: questionBefore(body, startIdx, floor) ?? (minute ? `the motion under minute ${minute.number}` : "the motion"),
        result: resultOf(resultPhrase, counts),
        counts,
        positions,
      },
    });
  };
  const nextResult = (from: number): string | null => {
    for (let j = from, seen = 0; j < body.length && seen < 2; j++) {
      const t = body[j]!.text;
      if (!t) continue;
      seen++;
      const r = splitResult(t);
      if (r.result && r.rest.length < 40) return r.result;
      if (/^(?:the\s+)?(?:chair(?:man)?|mayor)\b.*casting vote/i.test(t)) return t;
    }
    return null;
  };

  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    if (!l.text) continue;

    if (l.cells && l.cells.length >= 2) {
      let j = i;
      while (j < body.length && body[j]!.cells && body[j]!.cells!.length >= 2) j++;
      const sections = tableSections(body.slice(i, j));
      if (sections) {
        push(i, sections, nextResult(j));
        i = j - 1;
        continue;
      }
      i = j - 1;
      continue;
    }

    const head = HEADING_RE.exec(l.text);
    if (head && kindOf(head[1]!) === "for" && (head[2] !== undefined || /^for\s*:?\s*$/i.test(l.text))) {
      // Headed lists: each heading owns the lines up to the next heading.
      const sections: Section[] = [];
      let j = i;
      let result: string | null = null;
      let cur: Section | null = null;
      for (; j < body.length; j++) {
        const t = body[j]!.text;
        if (!t) continue;
        const h = HEADING_RE.exec(t);
        if (h && (h[2] !== undefined || /^\w[\w ]*\s*:?\s*$/.test(t))) {
          if (kindOf(h[1]!) === "for" && sections.length) break;
          const split = splitResult(h[3] ?? "");
          cur = { kind: kindOf(h[1]!), count: h[2] ? Number(h[2]) : null, names: printedNames(split.rest) };
          sections.push(cur);
          if (split.result) {
            result = split.result;
            j++;
            break;
          }
          continue;
        }
        if (!cur) break;
        const split = splitResult(t);
        const names = printedNames(split.rest);
        if (!names.length && !split.result) break;
        cur.names.push(...names);
        if (split.result) {
          result = split.result;
          j++;
          break;
        }
      }
      if (sections.some((s) => s.kind === "against")) {
        push(i, sections, result ?? nextResult(j));
        i = j - 1;
      }
      continue;
    }

    if (/\bfor\b/i.test(l.text) && /\bagainst\b/i.test(l.text)) {
      const found = inlineSections(l.text);
      if (found) {
        const tailResult = splitResult(found.tail.trim()).result ?? (RESULT_RE.test(found.tail) ? found.tail : null);
        push(i, found.sections, tailResult ?? nextResult(i + 1));
      }
    }
  }
  return out;
}
