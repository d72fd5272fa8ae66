import type { FlatLine } from "../segment/lines.js";
import { cleanName, looksLikeName } from "../parse/names.js";

/**
 * Declarations of interest recorded in minutes: tables (Member / Item / Interest / Reason)
 * and sentences ("Councillor Hodivala declared a non-pecuniary interest in …").
 */
export interface DeclarationHit {
  member: string;
  item: string | null;
  interest: string;
  line: FlatLine;
}

const NONE_RE =
  /\b(?:no|there were no|none)\b.{0,30}\bdeclarations?\b|\bno (?:interests?|declarations?) (?:were|was) (?:declared|made|received|reported)/i;
const VERB =
  "(?:declared|disclosed|registered|made a declaration of|(?:stated|advised|indicated|explained|reported) that (?:she|he|they) (?:had|has|held))";
const DECLARED_AT_START_RE = new RegExp(
  `^(?:[-•]\\s*)?((?:(?:councillors?|cllrs?|mr|mrs|ms|miss|dr|rev)\\.?\\s+)*[A-Z][\\w’'.-]*(?:\\s+[A-Z][\\w’'.-]*){0,3})\\s*(?:\\([^)]*\\)\\s*)?${VERB}\\s+(.+)$`,
);
const DECLARED_RE = new RegExp(
  `\\b((?:[Cc]ouncillor|[Cc]llr|Mr|Mrs|Ms|Miss|Dr)\\.?\\s+[A-Z][\\w’'-]+(?:\\s+[A-Z][\\w’'-]+){0,2})\\s+${VERB}\\s+(.+)$`,
);
/** "Cllrs. J. Davies and G. Evans again declared an interest …": one row per councillor. */
const MANY_DECLARED_RE =
  /\b(?:[Cc]ouncillors|[Cc]llrs)\.?\s+((?:[A-Z][\w’'.-]*\s?)+(?:(?:,|\s+and|\s+&)\s+(?:[A-Z][\w’'.-]*\s?)+)+)\s+(?:(?:again|both|each|all)\s+)?declared\s+(.*\binterest.*)$/;
/** A sentence after the declaration saying the member stood aside ("He took no part …", "She left the room"). */
const WITHDREW_RE =
  /\.\s+(?:he|she|they|(?:councillor|cllr\.?)\s+[A-Z][\w’'-]+)\s+(?:then\s+)?(?:took no part|left|did not|would not|remained|withdrew|abstained)\b.*$/i;
/** "an interest in Item 8 below (land belonging to family members)". */
const BRACKETED_NATURE_RE =
  /^(?:an?\s+)?(?:[\w-]+\s+){0,3}interest\s+in\s+(?:agenda\s+)?(?:item|minute)\s+\S+(?:\s+(?:below|above))?\s*\(([^)]{3,})\)\s*$/i;
const ITEM_REF_RE = /\b(?:agenda\s+)?(?:item|minute)s?\s*(?:no\.?\s*)?([A-Z]{0,6}\s?\d{1,4}(?:\/\d{2,4}){0,2}[a-z]?)\b/i;

function headerRoles(cells: string[]): { member: number; item: number; interest: number; reason: number } | null {
  const find = (re: RegExp) => cells.findIndex((c) => re.test(c.trim()));
  const member = find(/^(?:member|councillor|name)s?\b/i);
  const interest = find(/^(?:interest|nature|type)/i);
  if (member < 0 || interest < 0) return null;
  return { member, item: find(/^(?:subject|item|minute|agenda item)/i), interest, reason: find(/^(?:reason|details?|description)/i) };
}

export function extractDeclarations(body: FlatLine[]): DeclarationHit[] {
  const out: DeclarationHit[] = [];
  let roles: ReturnType<typeof headerRoles> = null;
  for (let k = 0; k < body.length; k++) {
    const l = body[k]!;
    if (l.cells) {
      const r = headerRoles(l.cells);
      if (r) {
        roles = r;
        continue;
      }
      if (roles) {
        const c = (i: number) => (i >= 0 ? (l.cells![i] ?? "").trim() : "");
        const member = cleanName(c(roles.member));
        if (!looksLikeName(member)) continue;
        const interest = [c(roles.interest), c(roles.reason)].filter(Boolean).join(" – ");
        out.push({ member, item: c(roles.item) || null, interest, line: l });
        continue;
      }
    } else if (l.text) roles = null;
    const t = l.text;
    if (!t || NONE_RE.test(t)) continue;
    const listed = labelledDeclarations(t);
    if (listed.length) {
      for (const d of listed) out.push({ ...d, line: l });
      continue;
    }
    const many = MANY_DECLARED_RE.exec(t);
    if (many) {
      const ref = ITEM_REF_RE.exec(many[2]!);
      for (const raw of many[1]!.split(/\s*,\s*|\s+(?:and|&)\s+/)) {
        const member = cleanName(raw);
        if (looksLikeName(member))
          out.push({ member, item: ref ? ref[1]!.trim() : null, interest: many[2]!.trim().replace(/\.$/, "") + ".", line: l });
      }
      continue;
    }
    const m = DECLARED_AT_START_RE.exec(t) ?? DECLARED_RE.exec(t);
    if (!m) continue;
    // "advised that she had received an email…" is news, not an interest.
    if (
      /\bthat (?:she|he|they) (?:had|has|held)\s*$/.test(t.slice(0, t.length - m[2]!.length)) &&
      !/\binterest|pecuniary|prejudicial/i.test(m[2]!)
    )
      continue;
    const member = cleanName(m[1]!);
    if (!looksLikeName(member)) continue;
    // "… interest in Item 8. He took no part in the discussion.": what the member then did is not the interest.
    let interest = m[2]!.replace(WITHDREW_RE, "").trim().replace(/\.$/, "");
    const ref = ITEM_REF_RE.exec(interest);
    const item = ref ? ref[1]!.trim() : null;
    // "an interest under Item 16 - Pay Policy - that a family member…": keep the nature, not the reference.
    const nature = /\s[-–]\s.*?[-–]\s+(that\s+.+)$|\bin that\s+(.+)$/i.exec(interest);
    if (ref && nature && nature.index > ref.index) interest = nature[1] ?? nature[2]!;
    // "… in Item 8 below (land owned by her family)": the nature is the bracket.
    const bracketed = BRACKETED_NATURE_RE.exec(interest);
    if (out.some((d) => d.member === member && (d.item === item || item === null))) continue;
    out.push({ member, item, interest: bracketed ? bracketed[1]!.trim() : interest + ".", line: l });
  }
  return out;
}

/**
 * Genre pattern: a labelled line listing who declared what ("Declarations of Interest: Mr Ann
 * Ames – Village Hall; Cllr Bob Bell (allotments)"), one declaration per name, the interest
 * after its dash or in its brackets.
 */
const LABELLED_RE = /^(?:\d{1,3}[.)]?\s+)?declarations?\s+of\s+(?:(?:pecuniary|personal|members[’']?)\s+)?interests?\s*[:\-–]\s*(.+)$/i;

function labelledDeclarations(t: string): { member: string; item: string | null; interest: string }[] {
  const m = LABELLED_RE.exec(t);
  if (!m || NONE_RE.test(t) || /^(?:none|nil|no\b)/i.test(m[1]!.trim())) return [];
  const out: { member: string; item: string | null; interest: string }[] = [];
  for (const part of m[1]!.split(/\s*;\s*/)) {
    const dashed = /^(.+?)\s+[-–—]\s+(.+)$/.exec(part) ?? /^(.+?)\s*\(([^)]+)\)\s*\.?$/.exec(part);
    if (!dashed) continue;
    const member = cleanName(dashed[1]!);
    if (!looksLikeName(member)) continue;
    const interest = dashed[2]!.trim().replace(/\.$/, "");
    const ref = ITEM_REF_RE.exec(interest);
    out.push({ member, item: ref ? ref[1]!.trim() : null, interest });
  }
  return out;
}
