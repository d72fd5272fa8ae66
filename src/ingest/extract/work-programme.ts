import type { PageSet } from "../read/page.js";
import type { ExtractedWorkProgrammeRow, ProvenanceRef } from "../../domain/extraction.js";
import type { Segment } from "../segment/segment.js";
import { parseDate } from "../parse/printed-date.js";
import {
  isFurniture,
  nonEmpty,
  pageTextMap,
  provenanceAt,
  stripTitles,
  toStream,
  wordCount,
  type StreamLine,
} from "../segment/table-grid.js";

const EXTRACTOR = "work-programme";

/** Column headings, matched against the normalised heading text. */
const DATE_HEAD = /^(date|dates|meeting|meeting date|date of meeting|committee date|date of committee)\b/;
const ITEM_HEAD = /\b(item|items|agenda item|subject|topic|title|report|business|issue)\b/;
const WHO_HEAD = /\b(attending|attendees?|responsib\w*|officer|officers|lead|contact|author|presenter|cabinet member|portfolio|who)\b/;

const CONTEXT = /\b(work ?programme|work plan|forward plan|programme of work|future meetings)\b/i;
const UNSCHEDULED =
  /\b(items? to be (scheduled|programmed|confirmed|allocated)|unscheduled|to be scheduled|future items|items? awaiting|date to be (confirmed|agreed)|select committee reviews)\b/i;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

interface Columns {
  date: number;
  item: number;
  who: number;
}

function columnsOf(cells: string[]): Columns | null {
  const heads = cells.map(norm);
  const date = heads.findIndex((h) => DATE_HEAD.test(h) && wordCount(h) <= 4);
  const item = heads.findIndex((h, i) => i !== date && ITEM_HEAD.test(h) && wordCount(h) <= 5);
  const who = heads.findIndex((h, i) => i !== date && i !== item && WHO_HEAD.test(h));
  if (item < 0) return null;
  return { date, item, who };
}

/** "Jo Siney/ Isabelle Morgan", "Martin Gray Cllr Lisa Evans", "Vanessa Housley Eddie Huntington". */
export function splitNames(cell: string): string[] {
  const text = cell
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!text || /^(n\/?a|tbc|tba|none|-+)$/i.test(text)) return [];
  const parts = text
    .split(/\s*(?:\/|;|,|&|\band\b|\+)\s*/)
    .flatMap((p) => p.split(/\s+(?=(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s)/))
    .map((p) => stripTitles(p.trim()))
    .filter((p) => p.length > 1);
  const out: string[] = [];
  for (const p of parts) {
    const toks = p.split(" ");
    // Two names printed side by side without a separator: split evenly into first+last pairs.
    if ((toks.length === 4 || toks.length === 6) && toks.every((t) => /^[A-Z][A-Za-z'’-]+$/.test(t))) {
      for (let i = 0; i < toks.length; i += 2) out.push(`${toks[i]} ${toks[i + 1]}`);
    } else out.push(p);
  }
  return out;
}

type Mode = "none" | "table" | "list";

export function extractWorkProgramme(
  pages: PageSet,
  _segments?: Segment[],
): { rows: ExtractedWorkProgrammeRow[]; provenance: Record<string, ProvenanceRef> } {
  const stream = toStream(pages);
  const texts = pageTextMap(pages);
  const rows: ExtractedWorkProgrammeRow[] = [];
  const provenance: Record<string, ProvenanceRef> = {};
  const push = (line: StreamLine, row: ExtractedWorkProgrammeRow, conf: number) => {
    const i = rows.length;
    rows.push(row);
    provenance[`/${i}/item`] = provenanceAt(line, texts, row.item, EXTRACTOR, conf);
  };

  let mode: Mode = "none";
  let cols: Columns | null = null;
  let header = "";
  let date: string | null = null;
  let unscheduled = false;
  let lastContext = -1000;

  for (let i = 0; i < stream.length; i++) {
    const line = stream[i];
    if (CONTEXT.test(line.text) && wordCount(line.text) <= 14) lastContext = i;
    const cells = line.cells && nonEmpty(line.cells).length > 0 ? line.cells : null;

    if (cells) {
      const found = columnsOf(cells);
      if (found && (found.date >= 0 || found.who >= 0) && nonEmpty(cells).length >= 2) {
        // A new header: the first in a work-programme context starts a table; later ones
        // are repeats at page breaks, or the unscheduled list's own table.
        if (mode === "none" && i - lastContext > 40) continue;
        if (mode === "none") {
          date = null;
          unscheduled = false;
        }
        if (mode === "list") unscheduled = true;
        if (found.date < 0) unscheduled = true;
        mode = "table";
        cols = found;
        header = cells.join("|");
        continue;
      }
      if (mode === "none" || !cols) {
        continue;
      }
      if (mode === "list") {
        mode = "none";
        continue;
      }
      if (cells.join("|") === header) continue;
      const filled = nonEmpty(cells);
      if (filled.length === 1 && UNSCHEDULED.test(filled[0])) {
        unscheduled = true;
        date = null;
        continue;
      }
      const dateCell = cols.date >= 0 ? (cells[cols.date] ?? "").trim() : "";
      if (!unscheduled && dateCell) date = parseDate(dateCell) ?? parseDate(monthDayOnly(dateCell, date)) ?? null;
      const item = (cells[cols.item] ?? "").trim();
      if (!item) continue;
      const who = cols.who >= 0 ? splitNames(cells[cols.who] ?? "") : [];
      push(line, { meetingDate: unscheduled ? null : date, item, responsible: who }, unscheduled || date ? 0.8 : 0.5);
      continue;
    }

    const text = line.text;
    if (isFurniture(text)) {
      if (/intentionally/i.test(text) && mode === "list") mode = "none";
      continue;
    }
    if (UNSCHEDULED.test(text) && wordCount(text) <= 10 && (mode !== "none" || i - lastContext < 60)) {
      unscheduled = true;
      date = null;
      mode = mode === "table" && cols && cols.date < 0 ? "table" : "list";
      continue;
    }
    if (mode === "list") {
      if (wordCount(text) > 30) {
        mode = "none";
        continue;
      }
      if (wordCount(text) <= 2 || /:$/.test(text)) continue;
      push(line, { meetingDate: null, item: text, responsible: [] }, 0.5);
      continue;
    }
    if (mode === "table") {
      // Prose after the rows ends the table; short headings between page-broken parts do not.
      const hasRows = rows.length > 0;
      if (hasRows && wordCount(text) >= 3 && !CONTEXT.test(text) && !looksLikeRunningHead(text)) {
        mode = "none";
        cols = null;
      }
    }
  }
  return { rows, provenance };
}

/** Committee name or "Work Programme 2019-20" repeated at the top of a continued page. */
function looksLikeRunningHead(text: string): boolean {
  return /\b(committee|panel|board|sub-committee|scrutiny|cabinet)$/i.test(text.trim()) || /please note/i.test(text);
}

/** "11 Sept" with the year taken from the previous row's date. */
function monthDayOnly(cell: string, previous: string | null): string {
  if (!previous) return cell;
  return `${cell} ${previous.slice(0, 4)}`;
}
