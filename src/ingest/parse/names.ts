/**
 * People's names as packs print them: titled ("Cllr", "Councillor Mrs"), listed
 * ("Councillors Allen, Buchan and Loveridge"), with roles in brackets, and sometimes
 * mangled by PDF conversion ("r Maureen Madden" where "Cll" was lost).
 */

const TITLE =
  "(?:(?:county|district|borough|city|town|parish|community)\\s+(?:councillors?|cllrs?)|councillors?|cllrs?|coun|cynghorydd|cynghorwyr|cyng|messrs|mesdames|mr|mrs|ms|miss|mx|dr|rev(?:d|erend)?|prof(?:essor)?|sir|dame|lady|lord|the|y)\\.?";
const TITLES_RE = new RegExp(`^(?:${TITLE}\\s+)+`, "i");
/** Police officers attend parish meetings: "PC Andy McKay", "PCSO Jo Bell". */
const POLICE_RE = /^(?:PCSO|PC|Sgt\.?|Sergeant|Insp\.?|Inspector)\s+(?=[A-Z])/;
/** "r Maureen Madden", "lr Maureen Madden": a title whose first letters the converter ate. */
const EATEN_TITLE_RE = /^(?:l?l?r|illor|cillor)\s+(?=[A-Z])/;

export type Role = "Chair" | "Vice-Chair" | null;

export function roleOf(text: string): Role {
  const t = text.toLowerCase();
  if (/\b(?:vice|deputy)[\s-]*chair/.test(t)) return "Vice-Chair";
  if (/\bchair(?:man|woman|person)?\b|in the chair/.test(t)) return "Chair";
  return null;
}

export const hasCouncillorTitle = (s: string) =>
  /^\s*(?:(?:county|district|borough|city|town|parish|community)\s+)?(?:councillors?|cllrs?|coun|(?:y\s+)?cynghorydd|cynghorwyr|cyng)\b\.?/i.test(
    s,
  );

/** Removes titles, bracketed notes and trailing role words: "Councillor Mrs Johnson, Chair" -> "Johnson". */
export function cleanName(raw: string): string {
  let s = raw;
  // Notes nest: "(EH, Area Partnership (VPAP) rep)".
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(/\([^()]*\)/g, " ");
  }
  s = s
    .replace(/\([^)]*$/, " ")
    .replace(/[\u2018\u2019]/g, "’")
    .replace(/\s+/g, " ")
    .trim();
  s = s.replace(/\s+[–—-]\s+.*$/, "").replace(/,?\s*\b(?:OBE|MBE|CBE|JP|DL|KC|QC|BEM)\b/g, "");
  s = s.replace(/,?\s*(?:in the chair|(?:vice|deputy)[\s-]*chair(?:man|woman|person)?|chair(?:man|woman|person)?)\b.*$/i, "");
  s = s.replace(/,.*$/, "");
  s = s.replace(EATEN_TITLE_RE, "").replace(TITLES_RE, "").replace(POLICE_RE, "");
  s = s
    .replace(/^(?:and|&)\s+/i, "")
    .replace(/[.;:,\s]+$/, "")
    .replace(/^[-–•*·\s]+/, "");
  return s.trim();
}

/** Splits at top-level commas/semicolons/"and", leaving bracketed text whole. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "(") depth++;
    if (c === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && (c === "," || c === ";")) {
      parts.push(cur);
      cur = "";
      continue;
    }
    if (depth === 0 && /^\s(?:and|&)\s/i.test(s.slice(i, i + 5))) {
      parts.push(cur);
      cur = "";
      i += s.slice(i).match(/^\s(?:and|&)\s/i)![0].length - 1;
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts;
}

/**
 * The lexicon kept out of names: posts and offices printed beside a name ("Cllr Ann Bell,
 * Leader, Borchester Council"; "Designated Doctor"; "Detective Chief Inspector") and
 * organisations printed in a name | role table's other cells ("Borchester NHS Foundation
 * Trust", "Ambridge Infants School"). A list piece made of these is never a person.
 */
const OFFICE_RE =
  /\b(?:leader|mayor|chief|executive|superintendent|inspector|detective|commander|constable|secretary|treasurer|chairman|chairwoman|chairperson|conven[eo]r|vice|deputy|portfolio|cabinet|advis[eo]r|observer|minute[\s-]taker|doctor|solicitor|practitioner|co-?ordinator|administrator|headteacher|teacher|principal|governors?|participating|independent|designated|lay|interim|strategic|safeguarding|lead)\b/i;
const ORGANISATION_RE =
  /\b(?:school|trust|nhs|police|fire|rescue|foundation|services|department|directorate|university|college|association|society|board|authority|partnership|group|hospital|ltd|limited|plc|company|co\b(?!-)|agency|office|unit|centre|center|federation|institute|charity|people’s|people's|probation|health|commission(?:ing)?|refuge)\b/i;

/**
 * Local bodies abbreviated after a place name in a name | organisation table ("Millbrook RA":
 * residents' association; "… CC", "… PC", "… TC": community, parish, town council).
 */
const BODY_INITIALISM_RE = /\s(?:RA|CC|PC|TC|WI)$/;

/** True when the text looks like a person's name after cleaning. */
export function looksLikeName(s: string): boolean {
  if (!s || s.length > 40) return false;
  const words = s.split(/\s+/);
  if (words.length > 5) return false;
  if (!/^[A-Z\u00C0-\u017F]/.test(s)) return false;
  if (/^(?:mr|mrs|ms|miss|dr|rev|revd|cllrs?|councillors?|obe|mbe|cbe)$/i.test(s)) return false;
  if (/\b(?:items?|unrestricted|restricted|exempt|business|attendance|virtually|remotely|questions?|gallery|public)\b/i.test(s))
    return false;
  if (
    /\b(?:representative|officer|manager|director|council|committee|service|team|head|clerk|minutes?|apologies|present|none|no|absent|members?|all|item|report)\b/i.test(
      s,
    )
  )
    return false;
  if (OFFICE_RE.test(s) || ORGANISATION_RE.test(s) || BODY_INITIALISM_RE.test(s)) return false;
  // "Ward Councillor", "District Cllr": a title after the first word makes a post, not a name.
  if (/\s(?:councillors?|cllrs?)$/i.test(s)) return false;
  return words.every((w) => /^[A-Z\u00C0-\u017F][\w’'\u00C0-\u017F.-]*$|^(?:de|van|von|der|da|le|la|du|of)$/.test(w));
}

export interface ListedName {
  name: string;
  raw: string;
  councillor: boolean;
}

/**
 * Names in a printed list. Titles also separate names ("Councillor M Smith Councillors
 * K Jones"), as do initials after a surname ("K Bolger M Green").
 */
export function splitNameList(text: string): ListedName[] {
  const out: ListedName[] = [];
  // "(LRMcC).and PC Andy McKay": a full stop typed before the last "and".
  // "B Bell, C Cole and": a list wrapped after its "and" (the last name is on the next line).
  const one = text
    .replace(/\s+/g, " ")
    .replace(/\)\.?(?=and\s)/g, ") ")
    .replace(/,?\s+(?:and|&)\s*$/i, "")
    // "F Fox plus six guests": the count of unnamed visitors (or the "plus" that wraps before it) is no one.
    .replace(/\s+plus(?:\s+(?:[\w-]+\s+){0,3}(?:guests?|visitors?|members? of the public|residents|parishioners|others))?\s*\.?$/i, "");
  const pieces = splitTopLevel(commasAtInitialsKeys(colonRoles(one)));
  let councillorContext = false;
  for (const piece0 of pieces) {
    const byTitle = piece0.split(
      /(?<!\b(?:county|district|borough|city|town|parish|community|councillors?|cllrs?))\s+(?=(?:(?:county|district|borough|city|town|parish|community)\s+(?:councillors?|cllrs?)|councillors?|cllrs?|cynghorydd|cynghorwyr|messrs|mesdames|mr|mrs|ms|miss|dr|rev(?:d)?|reverend|prof)\.?\s+[A-Z])/i,
    );
    for (const piece1 of byTitle.filter((p) => p.trim())) {
      // "Councillors Allen, Buchan and Loveridge": the plural title covers the names after it.
      if (/^\s*(?:councillors|cllrs)\b/i.test(piece1)) councillorContext = true;
      else if (/^\s*(?:messrs|mesdames)\b/i.test(piece1)) councillorContext = false;
      else if (/^\s*(?:councillor|cllr|mr|mrs|ms|miss|dr|rev)\b/i.test(piece1)) councillorContext = false;
      const byInitial = piece1.split(
        /(?<=[a-z’'])(?<!\b(?:Mr|Mrs|Ms|Dr|Miss|Rev|Revd|Cllr|Cllrs|Councillor|Councillors|Messrs|Mesdames))\s+(?=(?:[A-Z]\.?\s)+[A-Z][a-z’'])/,
      );
      for (const raw of byInitial) {
        const name = cleanName(raw);
        if (!looksLikeName(name)) continue;
        out.push({ name, raw: raw.trim(), councillor: councillorContext || hasCouncillorTitle(raw) });
      }
    }
  }
  return out;
}

/**
 * Genre pattern: officers' posts printed as colon labels inside a list ("Present: Chair: Mr A
 * Ames : Secretary: Mr B Bell: Treasurer: Mr C Cole/ Ms D Dunn"). The label and a bare colon
 * separate names, as does a slash between two titled or initialled names.
 */
export function colonRoles(text: string): string {
  return (
    text
      // "Clerk: J Jones": the clerk is an officer, so the post stays with the name as a note.
      .replace(
        /(?:^|(?<=[\s:,;]))(?:clerk|minute[\s-]taker)\s*:\s*([A-Z][^,;:()]*?)(?=\s*(?:[,;:]|\.\s|\.?$|\band\b))/gi,
        (_, name: string) => `, ${name} (Clerk)`,
      )
      // "… D Dunn Clerk Mrs E Ede Westdale District Councillor F Fox": a run-on list with the
      // post printed before a titled name and no comma. The post starts a name, which ends at a
      // comma, "and", "plus" or the tier title (and the place before it) of the next name.
      .replace(
        /(?<=\S\s+)(?:(?:[Pp]arish|[Tt]own|[Ll]ocum|[Aa]cting|[Dd]eputy|[Aa]ssistant)\s+)?(?:[Cc]lerk|CLERK)\s+((?:[Mm]rs?|[Mm]s|[Mm]iss|[Dd]r)\.?\s+(?:[A-Z][\w'’.-]*\s+){0,3}?[A-Z][\w'’-]*)(?=\s*(?:[,;:()]|\.\s|\.?$|\band\b|\bplus\b|\s(?:[A-Z][a-z]+\s+)?(?:[Dd]istrict|[Cc]ounty|[Bb]orough)\s+(?:[Cc]ouncill?ors?|[Cc]llrs?)\b))/g,
        (_, name: string) => `, ${name} (Clerk)`,
      )
      // "(Clerk) Westdale District Councillor F Fox": after a note, a place and a tier title start the next name.
      .replace(/\)\s+[A-Z][a-z]+\s+(?=(?:[Dd]istrict|[Cc]ounty|[Bb]orough)\s+(?:[Cc]ouncill?ors?|[Cc]llrs?)\s)/g, "), ")
      // "Mrs Sue Example, Clerk": the post after the comma is a note on the name before it.
      .replace(
        /,\s*((?:(?:parish|town|locum|acting|deputy|assistant)\s+)?(?:clerk|minute[\s-]taker)(?:\s+(?:and|&)\s+(?:rfo|responsible financial officer))?)(?=\s*(?:[,;.]|$|\band\b))/gi,
        " ($1)",
      )
      .replace(
        /(?:^|(?<=[\s:,;]))(?:(?:vice|deputy)[\s-]*)?(?:chair(?:man|woman|person)?|secretary|treasurer|clerk|minute[\s-]taker|president)\s*:\s*/gi,
        ", ",
      )
      .replace(/\s*:\s+(?=[A-Z])/g, ", ")
      .replace(/\s*\/\s*(?=(?:mr|mrs|ms|miss|dr|cllr|councillor)\b|[A-Z]\.?\s)/gi, ", ")
      .replace(/^[\s,]+/, "")
  );
}

/**
 * Genre pattern: an attendance grid that keys each name to the initials the minutes use
 * ("Ann Example AE Bob Sample BS"). The key ends a name, so it becomes a comma; it is never a
 * name itself. A key is the first name's initial and a prefix of the surname ("MCa" for
 * "Mary Carter"), optionally after a bracketed note ("Bob Sample (DC) BS").
 */
export function commasAtInitialsKeys(text: string): string {
  const toks = text.split(" ");
  const out: string[] = [];
  let run: string[] = [];
  for (const t of toks) {
    const words = run.filter((w) => /^[A-Z][a-z’'-]/.test(w));
    const key = /^([A-Z])[A-Z]?([A-Z][a-z]?)$|^([A-Z])([A-Z])$/.exec(t);
    if (key && words.length >= 2) {
      const first = key[1] ?? key[3]!;
      const last = key[2] ?? key[4]!;
      if (words[0]!.startsWith(first) && words[words.length - 1]!.startsWith(last)) {
        out.push(`${run.join(" ")},`);
        run = [];
        continue;
      }
    }
    run.push(t);
  }
  if (run.length) out.push(run.join(" "));
  return out.join(" ").replace(/,\s*$/, "");
}

/** Surname-and-initial key, as the scorer and people compare names. */
export function nameKey(name: string): { surname: string; initial: string | null } | null {
  const toks = cleanName(name)
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z\s’'-]/g, "")
    .split(/\s+/)
    .filter(Boolean);
  if (!toks.length) return null;
  return { surname: toks[toks.length - 1]!, initial: toks.length > 1 ? toks[0]![0]! : null };
}

/**
 * Repairs surnames cut off by a column break ("M Madd" -> "M Madden") using names printed
 * elsewhere in the pack; returns the name unchanged when no single known name fits.
 */
export function repairTruncated(name: string, known: string[]): string {
  const k = nameKey(name);
  if (!k) return name;
  if (known.some((n) => nameKey(n)?.surname === k.surname)) return name;
  const fits = known.filter((n) => {
    const o = nameKey(n);
    return (
      o &&
      o.surname.length > k.surname.length &&
      o.surname.startsWith(k.surname) &&
      k.surname.length >= 3 &&
      (!o.initial || !k.initial || o.initial === k.initial)
    );
  });
  const surnames = new Set(fits.map((n) => nameKey(n)!.surname));
  if (surnames.size !== 1) return name;
  const full = [...surnames][0]!;
  const words = name.split(/\s+/);
  const last = words[words.length - 1]!;
  words[words.length - 1] = last + full.slice(k.surname.length);
  return words.join(" ");
}
