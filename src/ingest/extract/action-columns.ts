/**
 * What each column of an action-like table holds, read from its header row. Councils
 * label the same thing many ways ("Responsibility", "Lead Officer", "Performance Managed
 * by?"), so each role is a ranked list of patterns.
 */
export interface Roles {
  ref: number;
  text: number;
  owner: number;
  due: number;
  status: number;
  /** True when the text column was named by its header rather than guessed by position. */
  textByHeader: boolean;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
/** "Reco mmen dation" and "Additi onal" come from hyphenated cells in narrow PDF columns. */
const squash = (s: string) => norm(s).replace(/ /g, "");

const TEXT_STRONG =
  /(recommendation|resolution|milestone|pledge|howweare|howwewill|actionpoint|actionrequired|agreedaction|proposedaction|actionstobetaken|actiontobetaken|decision|whatwillwedo|whatwewilldo)/;
// "What" beside "Who" is the action in a minutes' "status on actions agreed" table.
const TEXT_WEAK =
  /^(actions?|task|description|issue|activity|activities|actiondescription|detail|details|what|whatisrequired|actionagreed|actionsagreed)$/;
const TEXT_NEGATIVE =
  /(commentary|comment|evidence|impact|success|measure|outcome|whatdowewant|reason|notes?$|portfolio|responsib|officer|date|status)/;

const REF =
  /^(no|ref|refno|reference|number|item|itemno|agendaitem|agendaitemno|minuteref|recno|recommendationno|minuteno|minute|actionno|id|pledgeno)$/;
/** A ref column that groups rows by the item they arose under, so one ref cell can span several actions. */
export const GROUPING_REF = /^(item|itemno|agendaitem|agendaitemno|minute|minuteno|minuteref)$/;

const OWNER = [
  /(responsib|owner|leadofficer|leaddirector|leadmember|managedby|accountable|actionby|whowill|^who|^lead$|^officer|officers?$|^by$)/,
  /(lead|portfolioholder|cabinetmember|officer)/,
];
const OWNER_NEGATIVE = /(commentary|comment)/;
// "Update" ends in "date" but is a progress note, never a due date.
const DUE = /(^date|(?<!up)date$|targetdate|bywhen|deadline|^due|timescale|^target|when$|completiondate|keydates|^dates?)/;
const STATUS = /(status|progress|rag$|^update|currentposition|^position|^complete)/;

export function actionRoles(header: string[]): Roles {
  const keys = header.map(squash);
  const taken = new Set<number>();
  const pick = (test: (k: string, i: number) => boolean): number => {
    const i = keys.findIndex((k, j) => !taken.has(j) && k !== "" && test(k, j));
    if (i >= 0) taken.add(i);
    return i;
  };
  let ref = pick((k) => REF.test(k));
  let text = -1;
  let textByHeader = true;
  if (text < 0) text = pick((k) => TEXT_STRONG.test(k) && !TEXT_NEGATIVE.test(k.replace(/progress$/, "")));
  if (text < 0) text = pick((k) => TEXT_WEAK.test(k));
  if (text < 0) {
    textByHeader = false;
    text = pick((k) => !TEXT_NEGATIVE.test(k));
    if (text < 0) text = ref === 0 ? 1 : 0;
  }
  let owner = pick((k) => OWNER[0].test(k) && !OWNER_NEGATIVE.test(k) && !DUE.test(k));
  if (owner < 0) owner = pick((k) => OWNER[1].test(k) && !OWNER_NEGATIVE.test(k) && !DUE.test(k));
  let due = pick((k) => DUE.test(k));
  let status = pick((k) => STATUS.test(k) && !/action/.test(k));
  // One column for several roles: "Key Dates / Status (RAG)", "Target Date, Officer Responsible and Progress".
  keys.forEach((k, i) => {
    if (i === text || i === ref) return;
    if (due < 0 && DUE.test(k)) due = i;
    if (status < 0 && STATUS.test(k) && !/action/.test(k)) status = i;
    if (owner < 0 && OWNER[0].test(k) && !OWNER_NEGATIVE.test(k)) owner = i;
  });
  if (ref < 0 && text > 0 && keys[0] && /^(no|ref|#)?$/.test(keys[0])) ref = 0;
  return { ref, text, owner, due, status, textByHeader };
}

/** A header row of an action plan, log or tracker. */
/**
 * A header like "Recommendation" over a column of numbers: the label spans the number and
 * the wording beside it, so the number is the ref and the wording is the next column.
 */
export function refineByContent(roles: Roles, rows: string[][]): Roles {
  if (roles.ref >= 0 || rows.length === 0) return roles;
  const col = roles.text;
  const values = rows.map((r) => (r[col] ?? "").trim()).filter(Boolean);
  const short = values.filter((v) => v.split(/\s+/).length <= 4).length;
  if (values.length && short / values.length >= 0.7) {
    const next = col + 1;
    const shift = (i: number) => (i === next ? -1 : i);
    return { ...roles, ref: col, text: next, owner: shift(roles.owner), due: shift(roles.due), status: shift(roles.status) };
  }
  return roles;
}

export function isActionHeader(cells: string[]): boolean {
  const filled = cells.filter((c) => c.trim());
  if (filled.length < 3 && !(filled.length === 2 && cells.length >= 3)) return false;
  if (filled.some((c) => c.split(/\s+/).length > 12 || (/[.]$/.test(c.trim()) && c.split(/\s+/).length > 6))) return false;
  const keys = cells.map(squash);
  // The label must lead the cell: "Pledge" is a header, "... (specifically Pledge 48)" is data.
  const lead = (c: string) => squash(c.split(/\s+/).slice(0, 4).join(" "));
  const hasText = cells.some((c) => TEXT_STRONG.test(lead(c)) || TEXT_WEAK.test(squash(c)));
  if (!hasText) return false;
  const extras = keys.filter(
    (k) => (OWNER[0].test(k) || OWNER[1].test(k) || DUE.test(k) || STATUS.test(k)) && !OWNER_NEGATIVE.test(k),
  ).length;
  return extras >= 1;
}

/** The same header repeated at the top of a continued page. */
export function sameHeader(a: string[], b: string[]): boolean {
  const x = a.map(squash).filter(Boolean),
    y = b.map(squash).filter(Boolean);
  if (x.length === 0 || y.length === 0) return false;
  // Repeats can carry an extra sub-heading in a cell; compare by prefix.
  const hits = y.filter((k, i) => x[i] !== undefined && (x[i] === k || x[i].startsWith(k) || k.startsWith(x[i]))).length;
  return hits >= Math.max(2, Math.ceil(Math.min(x.length, y.length) * 0.75));
}
