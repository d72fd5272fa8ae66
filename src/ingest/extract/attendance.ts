import type { FlatLine } from "../segment/lines.js";
import { cleanName, hasCouncillorTitle, looksLikeName, repairTruncated, splitNameList } from "../parse/names.js";
import { APOLOGIES_WORDS, ITEM_PREFIX, repairLabelWord } from "../parse/headings.js";

/**
 * Who attended, from the head of a set of minutes ("Present:", "Apologies:", "Officers:",
 * "Also in attendance:") and from the apologies/substitutes minutes themselves.
 */
export type AttendanceList = "present" | "apologies" | "officers" | "alsoPresent" | "substitutes";
export interface AttendanceHit {
  list: AttendanceList;
  name: string;
  for?: string | null;
  line: FlatLine;
}

// Labels may follow an item number ("1. Members present were:") and may be Welsh ("PRESENNOL").
const LABELS: [RegExp, AttendanceList | "coopted" | "inAttendance"][] = [
  [
    new RegExp(
      String.raw`^${ITEM_PREFIX}(?:(?:committee\s+|voting\s+|council\s+)?members(?:\s+of\s+the\s+(?:[\w-]+\s+){0,2}(?:council|committee|board))?\s+|councillors\s+)?(?:present|sederunt|attendees|(?:yn\s+)?bresennol|presennol)(?!\s+hefyd)\s*(?:were)?\s*[:\-–]?`,
      "i",
    ),
    "present",
  ],
  [/^(?:councillors|members)\s*(?:present)?\s*:/i, "present"],
  [/^co-?opted (?:members?|representatives?)\s*(?:present)?\s*:/i, "coopted"],
  [
    new RegExp(
      String.raw`^${ITEM_PREFIX}${APOLOGIES_WORDS}(?: were received from| received| were received| from)?\s*(?::|-|–|\bfrom\b)?`,
      "i",
    ),
    "apologies",
  ],
  [/^(?:absent|not present)\s*:/i, "apologies"],
  [/^substitutes?(?: members?)?\s*(?:present)?\s*:/i, "substitutes"],
  [/^(?:officers?(?: present| in attendance)?|swyddogion(?: yn bresennol)?)\s*:/i, "officers"],
  [
    // Welsh "Yn bresennol hefyd" / "Hefyd yn bresennol": also present.
    /^(?:also (?:in attendance|present|attending)|in attendance|attending|others? present|yn bresennol hefyd|hefyd yn bresennol)(?:\s+(?:virtually|remotely|online))?\s*:?/i,
    "inAttendance",
  ],
  // Community councils list their visitors apart: "Guests:", "Visitors:" (FORMAT.md convention 4).
  [/^(?:guests?|visitors?)(?:\s+(?:present|attending|in attendance))?\s*:/i, "alsoPresent"],
];

const INITIALS_CELL_RE = /^(?=(?:.*[A-Z]){2})(?:[A-Z][a-z]?){1,4}$/;
/**
 * FORMAT.md convention 4: a councillor of another council marked beside the name ("Ann Bell
 * (SBC)", "(District Cllr)") attends, but is not a member: also present.
 */
const OTHER_COUNCIL_RE = {
  test: (raw: string) =>
    /\([A-Z]{1,3}[A-Z]C\)/.test(raw) ||
    /\((?:district|county|ward|borough|city|unitary|regional)\s+(?:councillor|cllr|council)\)/i.test(raw) ||
    // "County Councillor Webb" in the list: the tier printed before the title.
    /^(?:district|county|ward|borough|city|unitary|regional)\s+(?:councillor|cllr)\b/i.test(raw.trim()),
};
/** "Mr Harry Hill, BHA": an organisation's initials after a visitor's name, a note, not a person. */
const INITIALS_NOTE_RE = /^[A-Z]{2,6}$/;
/**
 * FORMAT.md convention 4: the clerk listed among those present ("J Jones (Clerk)", "Mrs J Jones
 * – Clerk and RFO", "Clerk: J Jones") is an officer, not a member present.
 */
const CLERK_NOTE_RE =
  /(?:[(–—-]|,\s*|^\s*)(?:[^()]*\b)?(?:(?:parish|town|locum|acting|deputy|assistant)\s+)?(?:clerk|minute[\s-]taker|rfo|responsible financial officer|proper officer)\b/i;
const ROLE_CELL_RE = /\b(?:representative|officer|manager|director|adviser|advisor|clerk|head of|governor|lead|member for)\b/i;

/**
 * Genre pattern: a name | role table under "In attendance" or "Apologies" ("Ann Example -
 * Member | Head of Housing, Borchester Trust"), or the same row printed as one line when the
 * converter lost its cell break. The name is the first cell before its dash; the role after
 * the dash sorts the row; the other cells name a post or an organisation, never people.
 */
const ROW_ROLE_RE =
  /^(.{3,60}?)\s+[-–—]\s+((?:participating\s+)?(?:member|chair|vice[\s-]?chair|deputy\s+for|substitute\s+for|observer|advis[eo]r|minute[\s-]taker|officer|clerk|secretary|in attendance)\b.*)$/i;

function roleRow(l: FlatLine): { name: string; role: string; raw: string } | null {
  const first = (l.cells ? l.cells[0] : l.text)?.trim() ?? "";
  const dashed = ROW_ROLE_RE.exec(first);
  if (dashed) {
    const name = cleanName(dashed[1]!);
    if (looksLikeName(name)) return { name, role: `${dashed[2]!} ${/\((with\b[^)]*)\)/i.exec(dashed[1]!)?.[1] ?? ""}`, raw: dashed[1]! };
  }
  // "Ann Example (with Bob Sample) | Suicide Prevention Lead, Borchester Health": a name cell
  // beside a post or organisation cell.
  if (l.cells && l.cells.length >= 2 && l.cells.slice(1).some((c) => c.trim())) {
    const name = cleanName(first);
    const rest = l.cells.slice(1).join(", ");
    if (looksLikeName(name) && name.split(/\s+/).length >= 2 && !splitNameList(rest).length)
      return { name, role: /\((with\b[^)]*)\)/i.exec(first)?.[1] ?? "", raw: first };
  }
  return null;
}

/** The list a role puts its holder in; null when the role says nothing about attending. */
function listForRole(role: string): "present" | "officers" | "alsoPresent" | "substitute" | null {
  if (/\b(?:deputy|substitute)\s+for\b/i.test(role)) return "substitute";
  if (/\bobserver\b|^with\b/i.test(role.trim())) return "alsoPresent";
  if (/\b(?:advis[eo]r|minute[\s-]taker|officer|clerk|secretary|in attendance)\b/i.test(role)) return "officers";
  if (/\b(?:member|chair)\b/i.test(role)) return "present";
  return null;
}

function labelOf(text: string): { list: AttendanceList | "coopted" | "inAttendance"; rest: string } | null {
  for (const [re, list] of LABELS) {
    const m = re.exec(text);
    if (
      m &&
      (m[0].trim().endsWith(":") ||
        text.length === m[0].length ||
        /\t/.test(text) ||
        new RegExp(String.raw`^${ITEM_PREFIX}(?:present|presennol|yn bresennol)\b`, "i").test(text) ||
        /\bwere\s*$/i.test(m[0].trim()) ||
        (list === "apologies" && /from/.test(m[0])))
    ) {
      let rest = text.slice(m[0].length);
      // "Also in attendance: Also in attendance: …" — a label printed twice.
      rest = rest.replace(/^\s*(?:also in attendance|in attendance)\s*:\s*/i, "");
      return { list, rest: rest.trim() };
    }
  }
  return null;
}

/** A continuation line of a name list, not a sentence about the meeting. */
export function listy(text: string): boolean {
  if (/\b(?:was|were|would|advised|stated|reported|meeting|there)\b/i.test(text)) return false;
  const pieces = text.split(/,|\band\b/).filter((p) => p.trim());
  return pieces.length > 0 && splitNameList(text).length >= Math.ceil(pieces.length / 2);
}

export function extractAttendance(lines: FlatLine[], known: string[], firstItem: number): AttendanceHit[] {
  const hits: AttendanceHit[] = [];
  const head = lines.slice(0, firstItem < 0 ? Math.min(lines.length, 40) : firstItem);
  let current: AttendanceList | "coopted" | "inAttendance" | null = null;
  for (const l0 of head) {
    const l = l0.text.includes("\uFFFD")
      ? { ...l0, text: repairLabelWord(l0.text), cells: l0.cells ? [repairLabelWord(l0.cells[0]!), ...l0.cells.slice(1)] : l0.cells }
      : l0;
    // A table row's label is its own cell: "In attendance | Cllr Eve Evans".
    const label = labelOf(l.cells ? l.cells.join("\t") : l.text);
    let text: string;
    const row = label ? null : current ? roleRow(l) : null;
    if (row && current) {
      addRole(current, row, l);
      continue;
    }
    if (label) {
      current = label.list;
      text = label.rest;
    } else if (current && l.text && !/^[A-Z][\w ]{2,30}:/.test(l.text) && listy(l.text)) text = l.text;
    else {
      if (l.text) current = null;
      continue;
    }
    if (!current || !text) continue;
    // An attendance grid's initials column ("Ann Example | AE") is a key, never a name.
    const cellsText = l.cells
      ? l.cells
          .filter((c) => !ROLE_CELL_RE.test(c) || /\b(?:councillor|cllr)\b/i.test(c))
          .filter((c) => !INITIALS_CELL_RE.test(c.trim()))
          .join(", ")
      : text;
    const body = label && l.cells ? cellsText.replace(/^[^,]*?(?:present|apologies|officers|attendance)\s*:?\s*,?\s*/i, "") : cellsText;
    addList(current, body, l);
  }
  return hits;

  function addList(list: AttendanceList | "coopted" | "inAttendance", text: string, line: FlatLine) {
    if (list === "substitutes") {
      addSubstitutes(text, line);
      return;
    }
    const names = splitNameList(text.replace(/\bin the chair\b/gi, ""));
    const mixedCase = names.some((n) => /[a-z]/.test(n.name));
    // Genre pattern (FORMAT.md convention 4): one "Present:" list that opens with the council's
    // own councillors and runs on to a councillor of another tier or to names with no councillor
    // title ("Councillors Bell, Cole, County Councillor Evans, Mr Fred Fox, Gina Gale") has left
    // the members: the rest, bar councillors, attended as others present.
    let members = 0;
    let visitors = false;
    for (const n of names) {
      if (mixedCase && INITIALS_NOTE_RE.test(n.raw.trim())) continue;
      const name = repairTruncated(n.name, known);
      let target: AttendanceList;
      const otherCouncil = list === "present" && OTHER_COUNCIL_RE.test(n.raw);
      if (list === "present" && !visitors && members >= 2 && (otherCouncil || !n.councillor)) visitors = true;
      // An untitled name before two councillors: the list's members are not all titled.
      if (list === "present" && !visitors) members = n.councillor && members >= 0 ? members + 1 : -1;
      if ((list === "present" || list === "inAttendance") && CLERK_NOTE_RE.test(n.raw) && !hasCouncillorTitle(n.raw)) target = "officers";
      else if (otherCouncil) target = "alsoPresent";
      else if (list === "present" && visitors && !n.councillor) target = "alsoPresent";
      else if (list === "coopted") target = "present";
      else if (list === "inAttendance") target = n.councillor ? "alsoPresent" : "officers";
      else target = list;
      hits.push({ list: target, name, line });
    }
  }

  function addRole(list: AttendanceList | "coopted" | "inAttendance", row: { name: string; role: string; raw: string }, line: FlatLine) {
    const name = repairTruncated(row.name, known);
    if (list === "apologies" || list === "substitutes") {
      hits.push({ list: "apologies", name, line });
      return;
    }
    const by = listForRole(row.role);
    if (by === "substitute") {
      const forName = cleanName(row.role.replace(/^.*?\b(?:deputy|substitute)\s+for\s+/i, ""));
      hits.push({ list: "present", name, line });
      if (looksLikeName(forName)) hits.push({ list: "substitutes", name, for: forName, line });
      return;
    }
    if (by) {
      hits.push({ list: by, name, line });
      return;
    }
    // The printed cell, title included: "Cllr Ann Ames" under "In attendance" is a councillor.
    addList(list, splitNameList(row.raw).length === 1 ? row.raw : name, line);
  }

  function addSubstitutes(text: string, line: FlatLine) {
    for (const part of text.split(/[;,]|\band\b(?=\s+(?:councillor|cllr))/i)) {
      const m = /^(.+?)\s+(?:substitut(?:ed|ing)\s+)?for\s+(.+)$/i.exec(part.replace(/[()]/g, " ").replace(/\s+/g, " ").trim());
      if (m) hits.push({ list: "substitutes", name: cleanName(m[1]!), for: cleanName(m[2]!), line });
    }
  }
}

/** "Apologies for absence were received from Councillor A Austin, P Brooks and K Clark." */
export function apologiesInText(line: FlatLine): string[] {
  const m =
    /\bapologies(?: for absence)?(?: were| had been)? (?:received|submitted|given|reported|noted) (?:from|by|on behalf of)\s*:?\s+(.+)$/i.exec(
      line.text,
    ) ??
    /^apologies(?: for absence)?\s*(?:from|:)\s*(.+)$/i.exec(line.text) ??
    /\b(?:reported|noted|tendered|gave|recorded) apologies(?: for absence)? (?:from|on behalf of)\s+(.+)$/i.exec(line.text);
  if (!m) return [];
  return splitNameList(m[1]!.replace(/\.\s*$/, "")).map((n) => n.name);
}

/** "Councillor J O'Shea for Councillor K Clark." / "Cllr Wood substituted for Cllr Ellis". */
export function substituteInText(line: FlatLine): { name: string; for: string } | null {
  const said =
    /\b(?:[Cc]ouncillor|[Cc]llr|CLLR)\.?\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\b[^.]*?\bsubstitut\w*\b[^.]*?\bfor\s+(?:[Cc]ouncillor|[Cc]llr|CLLR)\.?\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)/.exec(
      line.text,
    );
  if (said) return { name: cleanName(said[1]!), for: cleanName(said[2]!) };
  const m =
    /^(?:(?:councillor|cllr)\.?\s+)?([A-Z][\w’'.\- ]{1,40}?)\s+(?:was\s+)?(?:substitut(?:ed|ing)\s+for|as (?:a )?substitute for|for)\s+((?:councillor|cllr)\.?\s+)?([A-Z][\w’'.\- ]{1,40}?)[.;]?$/i.exec(
      line.text.replace(/\s*\([^)]*\)\s*/g, " ").trim(),
    );
  if (!m) return null;
  const name = cleanName(m[1]!);
  const forName = cleanName(m[3]!);
  if (!looksLikeName(name) || !looksLikeName(forName)) return null;
  return { name, for: forName };
}

const PERSON = String.raw`(?:[Cc]ouncillor|[Cc]llr|CLLR)\.?\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})`;
const ATTENDED_AS_SUBSTITUTE_RE = new RegExp(
  `${PERSON}\\s+(?:attended|was present)\\s+as\\s+(?:a\\s+|the\\s+)?substitute(?:\\s+for\\s+${PERSON})?`,
);
const ATTENDED_RE = new RegExp(`${PERSON}(?:,[^.;]{1,150},)?\\s+(?:attended|was in attendance at) the meeting\\b`);

/**
 * Genre pattern: attendance told in the minutes' prose. "Apologies … from Cllr Ann Ames. Cllr
 * Bob Bell attended as substitute." makes Bob Bell the substitute for the one member who sent
 * apologies (or for the member named after "for"); "Councillor Cy Cole, Chair of the Audit
 * Committee, attended the meeting" puts a visiting councillor in also-present.
 */
export function attendanceInProse(
  text: string,
  apologies: string[],
): { substitutes: { name: string; for: string | null }[]; alsoPresent: string[] } {
  const substitutes: { name: string; for: string | null }[] = [];
  const alsoPresent: string[] = [];
  for (const m of text.matchAll(new RegExp(ATTENDED_AS_SUBSTITUTE_RE, "g"))) {
    const forName = m[2] ? cleanName(m[2]) : apologies.length === 1 ? apologies[0]! : null;
    substitutes.push({ name: cleanName(m[1]!), for: forName });
  }
  for (const m of text.matchAll(new RegExp(ATTENDED_RE, "g"))) {
    const name = cleanName(m[1]!);
    if (looksLikeName(name) && !substitutes.some((x) => x.name === name)) alsoPresent.push(name);
  }
  return { substitutes, alsoPresent };
}
