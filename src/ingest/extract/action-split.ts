import type { Roles } from "./action-columns.js";

/**
 * Converters merge vertically adjacent cells of a multi-row table into one: the wording
 * of two actions lands in one cell, their owners in another ("WK/QA WK/IRO") and their
 * dates in a third ("Apr Now and Ongoing"). When the dates clearly count k actions and
 * the wording has exactly k sentences, the row is split back into k rows.
 */
const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*";
const UNIT = new RegExp(`(now and ongoing|ongoing|now|${MONTH}(?:\\s*/\\s*${MONTH})*(?:\\s+\\d{2,4})?)`, "gi");

function dueUnits(cell: string): string[] {
  const units = cell.match(UNIT) ?? [];
  const rest = cell.replace(UNIT, "").trim();
  return rest === "" ? units.map((u) => u.trim()) : [];
}

const CONNECTOR = /^(the|of|and|to|a|an|for|in|with|by|via|at|on|from|or|their|our|all)$/i;

/** Sentences, including ones the converter ran together without a full stop. */
function sentences(text: string): string[] {
  const byStop = text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  const out: string[] = [];
  for (const part of byStop) {
    const toks = part.split(/\s+/);
    let cur: string[] = [];
    toks.forEach((t, i) => {
      const prev = toks[i - 1];
      const next = toks[i + 1];
      const boundary =
        i > 0 &&
        /^[A-Z][a-z]+$/.test(t) &&
        next !== undefined &&
        /^[a-z]/.test(next) &&
        /[a-z0-9)]$/.test(prev) &&
        !CONNECTOR.test(prev) &&
        !/^[A-Z]/.test(prev);
      if (boundary && cur.length >= 3) {
        out.push(cur.join(" "));
        cur = [];
      }
      cur.push(t);
    });
    if (cur.length) out.push(cur.join(" "));
  }
  return out;
}

function ownerParts(cell: string, k: number): string[] | null {
  const toks = cell.split(/\s+/).filter(Boolean);
  if (toks.length === k) return toks;
  if (toks.length % k === 0) {
    const n = toks.length / k;
    const parts = Array.from({ length: k }, (_, i) => toks.slice(i * n, i * n + n).join(" "));
    if (parts.every((p) => p === parts[0])) return parts;
  }
  return null;
}

export function splitMerged(cells: string[], roles: Roles): string[][] {
  if (roles.ref >= 0 || roles.due < 0) return [cells];
  const dues = dueUnits(cells[roles.due] ?? "");
  const k = dues.length;
  if (k < 2) return [cells];
  const texts = sentences(cells[roles.text] ?? "");
  if (texts.length !== k) return [cells];
  const owners = roles.owner >= 0 ? ownerParts(cells[roles.owner] ?? "", k) : null;
  return texts.map((t, i) => {
    const row = [...cells];
    row[roles.text] = t;
    row[roles.due] = dues[i];
    if (roles.owner >= 0) row[roles.owner] = owners ? owners[i] : "";
    return row;
  });
}
