import type { PageSet } from "../read/page.js";
import type { ExtractedAction, ProvenanceRef } from "../../domain/extraction.js";
import type { Segment } from "../segment/segment.js";
import { isFurniture, nonEmpty, pageTextMap, provenanceAt, toStream, wordCount, type StreamLine } from "../segment/table-grid.js";
import { actionRoles, GROUPING_REF, isActionHeader, refineByContent, sameHeader, type Roles } from "./action-columns.js";
import { fieldsOf } from "./action-fields.js";
import { splitMerged } from "./action-split.js";

const EXTRACTOR = "actions";

interface RawRow {
  line: StreamLine;
  cells: string[];
}
interface Table {
  source: string | null;
  header: string[];
  roles: Roles;
  rows: RawRow[];
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** A line that names the table: short, not a sentence, not the committee running head. */
function headingOf(text: string): string | null {
  const t = text.trim();
  if (!t || isFurniture(t) || wordCount(t) > 16 || /[.;,]$/.test(t)) return null;
  if (/^(appendix|annex|agenda item)\s*[a-z0-9]*\.?$/i.test(t)) return null;
  // "We will improve the quality of ..." is a lead-in sentence, not the table's name.
  if (/^(we|i|you|they|this|these|it|there|our|members|the council)\b/i.test(t)) return null;
  return t;
}

const RUNNING_HEAD = /\b(committee|sub-committee|panel|board|cabinet|council|scrutiny)$/i;

function segmentTitleAt(segments: Segment[] | undefined, page: number): string | null {
  const s = segments?.find((g) => g.firstPage <= page && page <= g.lastPage);
  return s?.title ?? null;
}

/** Finds the action tables: header row, title above it, rows until prose resumes. */
function findTables(stream: StreamLine[], segments?: Segment[]): Table[] {
  const tables: Table[] = [];
  let current: Table | null = null;
  for (let i = 0; i < stream.length; i++) {
    const line = stream[i];
    const cells = line.cells && nonEmpty(line.cells).length ? line.cells : null;
    if (cells) {
      if (current && sameHeader(current.header, cells)) {
        // The same header under a new title starts a new table ("... PLEDGES" twice).
        const title = titleAbove(stream, i);
        if (!title || RUNNING_HEAD.test(title) || title === current.source) continue;
      }
      if (current && isFormRow(cells)) {
        current = null;
        continue;
      }
      if (isActionHeader(cells)) {
        const source = titleAbove(stream, i);
        const weak = !source || RUNNING_HEAD.test(source);
        let title = weak ? null : source;
        const last: Table | undefined = current ?? tables[tables.length - 1];
        if (weak && last && sameHeader(last.header, cells)) title = last.source;
        if (weak && !title) title = segmentTitleAt(segments, line.page) ?? source;
        current = { source: title, header: cells, roles: actionRoles(cells), rows: [] };
        tables.push(current);
        continue;
      }
      if (current) {
        // Under an item cell merged down, the reader's fold of lines with an empty first cell
        // may have joined several actions: the printed lines are read again, by their meaning.
        if (line.parts && line.parts.length > 1 && groupsRows(current))
          for (const part of line.parts) current.rows.push({ line, cells: part });
        else current.rows.push({ line, cells });
      }
      continue;
    }
    if (!current) continue;
    if (isFurniture(line.text)) {
      // A blank-page notice closes the document the table belongs to.
      if (/intentionally|deliberately/i.test(line.text)) current = null;
      continue;
    }
    // Text between rows: a running head or title before a repeated header keeps the table open.
    const next = nextCellLine(stream, i + 1, 6);
    if (next && (sameHeader(current.header, next.cells!) || isActionHeader(next.cells!))) continue;
    // A row whose other cells were empty reaches us as plain text; keep it as a row.
    const near = nextCellLine(stream, i + 1, 2);
    if (near && wordCount(line.text) <= 40 && !RUNNING_HEAD.test(line.text)) {
      current.rows.push({ line, cells: [line.text] });
      continue;
    }
    current = null;
  }
  return tables;
}

/** "Meeting:<tab>Cabinet": a cover sheet's label and value, so the table above has ended. */
function isFormRow(cells: string[]): boolean {
  const filled = nonEmpty(cells);
  return filled.length === 2 && cells.indexOf(filled[0]) === 0 && /:$/.test(filled[0].trim()) && wordCount(filled[0]) <= 4;
}

function nextCellLine(stream: StreamLine[], from: number, within: number): StreamLine | null {
  for (let j = from, seen = 0; j < stream.length && seen < within; j++) {
    const l = stream[j];
    if (l.cells && nonEmpty(l.cells).length) return l;
    if (!isFurniture(l.text)) seen++;
  }
  return null;
}

function titleAbove(stream: StreamLine[], i: number): string | null {
  for (let j = i - 1, seen = 0; j >= 0 && seen < 4; j--) {
    const l = stream[j];
    if (l.cells && nonEmpty(l.cells).length) {
      // A one-cell caption row still names the table; a data row does not.
      if (nonEmpty(l.cells).length === 1) {
        const h = headingOf(nonEmpty(l.cells)[0]);
        if (h) return h;
      }
      return null;
    }
    if (isFurniture(l.text)) continue;
    seen++;
    const h = headingOf(l.text);
    if (h) return h;
  }
  return null;
}

/** Puts short rows (leading empty cells dropped by the converter) under the text column. */
function align(cells: string[], width: number, textCol: number, ownerNext: boolean): string[] {
  if (cells.length >= width || textCol <= 0) return cells;
  // The wording is the long cell just before the short owner/date cells.
  const long = cells.findIndex((c, k) => wordCount(c) >= 4 && (!ownerNext || k + 1 >= cells.length || wordCount(cells[k + 1]) <= 5));
  if (long < 0 || long >= textCol) return cells;
  if (cells.slice(0, long).some((c) => c.trim())) return cells;
  const shift = textCol - long;
  if (cells.length + shift > width) return cells;
  return [...Array(shift).fill(""), ...cells];
}

const endsSentence = (s: string) => /[.!?:;)]$/.test(s.trim());
const startsLower = (s: string) => /^[a-z(]/.test(s.trim());

/**
 * Genre pattern: a minutes' "status on actions agreed" table (Agenda item | Who | What | Status)
 * prints the agenda item once in a cell merged down over every action raised under it. A row
 * with an empty item cell is then a new action under the same item, not the tail of the one
 * above, when it starts a sentence of its own and carries its own "Who" cell. Without one it is
 * the same cell's next line, even after a full stop ("Order two hundred copies." /
 * "Add the illustrator's name to the authors", one action).
 */
function ownRowUnderMergedRef(cells: string[], prev: RawRow | undefined, roles: Roles, grouping: boolean): boolean {
  if (!grouping || !prev) return false;
  const text = (cells[roles.text] ?? "").trim();
  if (!text || startsLower(text)) return false;
  // A wrapped line can carry the tail of a long status, but a "Who" cell is short and starts a row.
  return roles.owner >= 0 && roles.owner !== roles.text && !!(cells[roles.owner] ?? "").trim();
}

/** The ref column names the agenda item or minute the actions arose under, so one cell may span several rows. */
function groupsRows(table: Table): boolean {
  return table.roles.ref >= 0 && GROUPING_REF.test(norm(table.header[table.roles.ref] ?? "").replace(/ /g, ""));
}

/** Joins rows that a page break or a wrapped cell split in two. */
function mergeRows(table: Table): RawRow[] {
  const { roles, header } = table;
  const grouping = groupsRows(table);
  const out: RawRow[] = [];
  table.rows.forEach((raw, index) => {
    if (index === 0 && isHeaderContinuation(raw.cells)) return;
    const cells = align(raw.cells, header.length, roles.text, roles.owner === roles.text + 1);
    const filled = nonEmpty(cells);
    const text = (cells[roles.text] ?? "").trim();
    const prev = out[out.length - 1];
    if (ownRowUnderMergedRef(cells, prev, roles, grouping) && !(cells[roles.ref] ?? "").trim()) {
      const row = [...cells];
      row[roles.ref] = prev!.cells[roles.ref] ?? "";
      out.push({ line: raw.line, cells: row });
      return;
    }
    const refEmpty = roles.ref >= 0 && !(cells[roles.ref] ?? "").trim();
    const lowerContinuation = prev && text && startsLower(text) && !endsSentence(prev.cells[roles.text] ?? "");
    const noText = !text;
    if (prev && (refEmpty || lowerContinuation || (noText && filled.length > 0 && roles.ref < 0 && !isSectionRow(cells, roles)))) {
      prev.cells = prev.cells.map((c, k) => [c, cells[k] ?? ""].filter((x) => x.trim()).join(" "));
      for (let k = prev.cells.length; k < cells.length; k++) prev.cells.push(cells[k]);
      return;
    }
    if (isSectionRow(cells, roles)) return;
    out.push({ line: raw.line, cells: [...cells] });
  });
  return out;
}

/** A second header line of labels ending in colons ("North Tyneside will support ... to:"). */
function isHeaderContinuation(cells: string[]): boolean {
  const filled = nonEmpty(cells);
  return filled.length > 0 && filled.filter((c) => /:$/.test(c.trim())).length * 2 >= filled.length;
}

/** "Our children are healthy and well" spanning the table: a caption, not an action. */
function isSectionRow(cells: string[], roles: Roles): boolean {
  const filled = nonEmpty(cells);
  if (filled.length === 0) return true;
  const text = (cells[roles.text] ?? "").trim();
  return !text && filled.every((c) => wordCount(c) <= 8) && roles.ref < 0 && filled.length <= 2 && cells.indexOf(filled[0]) < roles.text;
}

export function extractActions(
  pages: PageSet,
  segments?: Segment[],
): { rows: ExtractedAction[]; provenance: Record<string, ProvenanceRef> } {
  const stream = toStream(pages);
  const texts = pageTextMap(pages);
  const rows: ExtractedAction[] = [];
  const provenance: Record<string, ProvenanceRef> = {};
  for (const table of findTables(stream, segments)) {
    table.roles = refineByContent(
      table.roles,
      table.rows.map((r) => r.cells),
    );
    for (const merged of mergeRows(table))
      for (const cells of splitMerged(merged.cells, table.roles)) {
        const raw = { line: merged.line, cells };
        const f = fieldsOf(raw.cells, table.roles, table.header);
        // An item cell that is only a topic ("Roads", "Website") names the subject, not a reference.
        if (f.ref && groupsRows(table) && !/\d/.test(f.ref)) f.ref = null;
        if (!f.text || wordCount(f.text) < 2) continue;
        if (norm(f.text) === norm(table.header[table.roles.text] ?? "")) continue;
        const i = rows.length;
        rows.push({ source: table.source, ...f });
        const conf = table.roles.textByHeader ? 0.8 : 0.6;
        provenance[`/${i}/text`] = provenanceAt(raw.line, texts, f.text, EXTRACTOR, conf);
        for (const k of ["ref", "owner", "due", "status"] as const) {
          const v = f[k];
          if (v) provenance[`/${i}/${k}`] = provenanceAt(raw.line, texts, v, EXTRACTOR, conf * 0.9);
        }
      }
  }
  return { rows, provenance };
}
