import type { FlatLine } from "../segment/lines.js";
import { cleanName, hasCouncillorTitle, looksLikeName, roleOf, splitNameList, type Role } from "../parse/names.js";

/**
 * The body's membership from a front sheet: a block under "Members:" / "Membership" /
 * "To all Members of…", or a run of titled name lines ("Cllr Carol Clark (Chair)"), with
 * co-optees under their own headings ("Parent Governor Representatives").
 */
export interface MemberHit {
  name: string;
  role: Role;
  kind: "councillor" | "co-opted" | "other";
  line: FlatLine;
}

const HEADER_RE =
  /^(?:members(?:hip)?|committee members|councillors|to (?:all )?(?:the )?members of\b.*|membership of\b.*|members of the (?:committee|panel|board)\b.*)\s*:?\s*$/i;
const COOPT_HEADING_RE =
  /\b(?:co-?opted|parent governors?|church(?:es)?|diocesan|independent (?:members?|persons?)|lay members?|non-?voting|representatives?|advisers?|added members)\b/i;
const TITLED_LINE_RE = /^(?:(?:l?l?r|councillors?|cllrs?|coun)\.?\s+|(?:mr|mrs|ms|miss|dr|rev(?:d)?|reverend|prof)\.?\s+)[A-Z]/i;
const STOP_RE =
  /^(?:agenda|apologies|members of the public|contact|webcasting|please|notes?|the (?:council|meeting)|quorum|substitutes?\b.*:|date|venue|time|enquiries)\b/i;

const OFFICE_LINE_RE =
  /^((?:vice|deputy)[\s-]*chair(?:man|woman|person)?|chair(?:man|woman|person)?)\s*:\s*((?:councillor|cllr\.?)\s+\S.*)$/i;

function isNameLine(t: string): boolean {
  if (!TITLED_LINE_RE.test(t) || t.length > 200) return false;
  return splitNameList(t).length > 0;
}

export function extractMembers(lines: FlatLine[]): MemberHit[] {
  const out: MemberHit[] = [];
  let inBlock = false;
  let coopt = false;
  let sawNames = false;
  let blanks = 0;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    const t = l.text;
    if (!t) {
      blanks++;
      continue;
    }
    if (HEADER_RE.test(t) && t.length < 140) {
      inBlock = true;
      coopt = false;
      blanks = 0;
      const after = t.replace(/^[^:]*:\s*/, "");
      if (after !== t && after) addNames(after, l, false);
      continue;
    }
    const inline = /^(?:members(?:hip)?|councillors|committee members)\s*:\s*(\S.*)$/i.exec(t);
    if (inline) {
      inBlock = true;
      coopt = false;
      blanks = 0;
      addNames(/^(?:cllrs?|councillors?)\b/i.test(inline[1]!) ? inline[1]! : `Councillors ${inline[1]!}`, l, false);
      continue;
    }
    const named = isNameLine(t);
    if (!inBlock && named) {
      // A run of titled lines starts a block only when several follow one another.
      const run = lines.slice(k, k + 8).filter((x) => x.text && isNameLine(x.text)).length;
      if (run >= 3) {
        inBlock = true;
        coopt = false;
      }
    }
    if (!inBlock) continue;
    if (STOP_RE.test(t) || /^\d{1,2}[.)]\s/.test(t) || (t.length > 140 && !named)) {
      if (sawNames) {
        inBlock = false;
        sawNames = false;
      }
      continue;
    }
    if (!named && COOPT_HEADING_RE.test(t) && t.length < 80 && !/,/.test(t.replace(/,\s*(?:church|roman|diocese).*/i, ""))) {
      coopt = true;
      blanks = 0;
      continue;
    }
    if (named || (coopt && looksLikeName(cleanName(t)))) {
      addNames(t, l, coopt);
      blanks = 0;
      continue;
    }
    if (sawNames && blanks >= 1) {
      inBlock = false;
      sawNames = false;
    }
  }
  if (out.length === 0) letterheadOffices();
  return out;

  /**
   * A summons that lists no membership often carries the council's officers in its letterhead
   * ("Chairman: Councillor A. Example" over "Clerk: Mr B. Example"): the Chair (and Vice-Chair)
   * named there are members. The clerk is an officer, not a member, and is left out.
   */
  function letterheadOffices() {
    for (const l of lines.slice(0, 25)) {
      const m = OFFICE_LINE_RE.exec(l.text.trim());
      if (!m) continue;
      const name = cleanName(m[2]!);
      if (!looksLikeName(name)) continue;
      out.push({ name, role: /^(?:vice|deputy)/i.test(m[1]!) ? "Vice-Chair" : "Chair", kind: "councillor", line: l });
    }
  }

  function addNames(text: string, line: FlatLine, coopted: boolean) {
    const role = roleOf(text);
    const listed = /^(?:councillors|cllrs)\b/i.test(text) || /,.*\band\b/.test(text) ? splitNameList(text) : [];
    if (listed.length > 1) {
      for (const n of listed) out.push({ name: n.name, role: roleOf(n.raw), kind: coopted ? "co-opted" : "councillor", line });
      sawNames = true;
      return;
    }
    const name = cleanName(text);
    if (!looksLikeName(name)) return;
    const councillor = hasCouncillorTitle(text) || /^l?l?r\s/.test(text);
    const kind = coopted ? "co-opted" : councillor || !/^(?:mr|mrs|ms|miss|dr|rev)/i.test(text) ? "councillor" : "other";
    out.push({ name, role, kind, line });
    sawNames = true;
  }
}
