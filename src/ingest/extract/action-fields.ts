import type { Roles } from "./action-columns.js";
import { findDates } from "../parse/printed-date.js";

export interface ActionFields {
  ref: string | null;
  text: string;
  owner: string | null;
  due: string | null;
  status: string | null;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");
const clean = (s: string | undefined | null) => {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  return t && !/^(n\/?a|-+|–|tbc)$/i.test(t) ? t : null;
};

/** Labels inside one cell: "Date: July 2019 Officer: Jean Kelly Progress: Ongoing". */
const LABEL =
  /\b(target date|due date|date|deadline|timescale|officer responsible|responsible officer|officer|responsibility|responsible|lead officer|lead|owner|progress|status|update|current position)\s*:\s*/gi;

function labelled(cell: string): Partial<Record<"due" | "owner" | "status", string>> {
  const marks = [...cell.matchAll(LABEL)];
  if (marks.length < 2) return {};
  const out: Partial<Record<"due" | "owner" | "status", string>> = {};
  marks.forEach((m, k) => {
    const end = k + 1 < marks.length ? marks[k + 1].index! : cell.length;
    const value = cell.slice(m.index! + m[0].length, end).trim();
    const label = m[1].toLowerCase();
    const role = /date|deadline|timescale/.test(label) ? "due" : /progress|status|update|position/.test(label) ? "status" : "owner";
    if (value && !out[role]) out[role] = value;
  });
  return out;
}

/** A RAG-style status closing a cell: "... (Quarterly updates: Mar-19) ON TRACK". */
const TRAILING_STATUS =
  /\s*\b((?:[A-Z]{2,}[A-Z-]*\s+){0,3}(?:TRACK|DUE|SLIPPAGE|COMPLETE|COMPLETED|ACHIEVED|DELAYED|ONGOING|STARTED|PROGRESS|RED|AMBER|GREEN|OVERDUE|CLOSED|OPEN|DISCHARGED))\s*$/;

function splitDueStatus(cell: string): { due: string | null; status: string | null } {
  const m = cell.match(TRAILING_STATUS);
  if (m && m.index !== undefined) return { due: clean(cell.slice(0, m.index)), status: clean(m[1]) };
  return { due: clean(cell), status: null };
}

const SEASON_DATE =
  /\b(?:(?:early|mid|late|end of)\s+)?(?:spring|summer|autumn|winter)(?:\s+(?:term\s+)?(?:of\s+)?)\s*\d{4}\b|\bacademic year \d{4}\/\d{2,4}\b/gi;

/** Timescales written into a sentence ("... will write to all schools. July 2015"). */
function timescalesIn(cell: string): string | null {
  const found: { start: number; text: string }[] = [];
  for (const d of findDates(cell)) found.push({ start: d.start, text: cell.slice(d.start, d.end).replace(/[,.]$/, "") });
  for (const m of cell.matchAll(SEASON_DATE)) found.push({ start: m.index!, text: m[0].replace(/^(the)\s+/i, "") });
  found.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  const parts = found.map((f) => f.text.trim()).filter((t) => (seen.has(t.toLowerCase()) ? false : (seen.add(t.toLowerCase()), true)));
  return parts.length ? parts.join("; ") : null;
}

/** "Completed: A campaign to promote fostering" -> "Completed". */
function statusHead(cell: string): string {
  const m = cell.match(/^([^:]{2,90}?):\s/);
  if (m && m[1].split(/\s+/).length <= 10) return m[1].trim();
  return cell;
}

const PREFIX_REF = /^((?:pledge|recommendation|rec|action|objective|priority)\s+\d+[a-z]?)\b/i;

export function fieldsOf(cells: string[], roles: Roles, header: string[]): ActionFields {
  const at = (i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
  const text = at(roles.text);
  let ref = clean(at(roles.ref));
  if (!ref) ref = text.match(PREFIX_REF)?.[1] ?? null;
  let owner: string | null = null,
    due: string | null = null,
    status: string | null = null;

  const combined = new Set([roles.owner, roles.due, roles.status].filter((i) => i >= 0));
  for (const i of combined) {
    const lab = labelled(at(i));
    if (lab.due) due ??= lab.due;
    if (lab.owner) owner ??= lab.owner;
    if (lab.status) status ??= lab.status;
  }
  if (!owner && roles.owner >= 0 && !Object.keys(labelled(at(roles.owner))).length) owner = clean(at(roles.owner));
  if (!due && roles.due >= 0 && !Object.keys(labelled(at(roles.due))).length) {
    const key = squash(header[roles.due] ?? "");
    const cell = at(roles.due);
    if (roles.due === roles.status || (/status|rag/.test(key) && roles.status < 0)) {
      const s = splitDueStatus(cell);
      due = s.due;
      if (!status) status = s.status;
    } else if (cell.split(/\s+/).length > 8 && /timescale|action|completion/.test(key)) {
      due = timescalesIn(cell);
    } else due = clean(cell);
  }
  if (!status && roles.status >= 0 && roles.status !== roles.due && !Object.keys(labelled(at(roles.status))).length) {
    const cell = clean(at(roles.status));
    status = cell ? statusHead(cell) : null;
  }
  return { ref, text, owner, due, status };
}
