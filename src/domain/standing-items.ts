import type { z } from "zod";
import type { AgendaItemKind } from "./agenda-item.js";

/** Items every committee agenda opens with, in order, unless the clerk removes them. */
export const STANDING_OPENING_ITEMS: ReadonlyArray<{ key: StandingKey; title: string; kind: z.infer<typeof AgendaItemKind> }> = [
  { key: "apologies", title: "Apologies for absence", kind: "procedural" },
  { key: "substitutes", title: "Substitute members", kind: "procedural" },
  { key: "declarations", title: "Declarations of interest", kind: "procedural" },
  { key: "minutes", title: "Minutes of the last meeting", kind: "decision" },
  { key: "urgent", title: "Urgent business", kind: "procedural" },
];
export type StandingKey = "apologies" | "substitutes" | "declarations" | "minutes" | "urgent";

/**
 * Whether an agenda item is the "minutes of the last meeting" item, by its printed title:
 * "Minutes of the last meeting", "Minutes of the previous meeting", "Minutes",
 * "To confirm the minutes of the meeting held on 12 March 2025".
 */
export function isMinutesItem(title: string): boolean {
  const t = title.trim();
  return (
    (/\bminutes\b/i.test(t) && /\b(last|previous|preceding)\s+meeting\b/i.test(t)) ||
    /^((to\s+)?(approve|confirm|agree)\s+(the\s+)?)?minutes\b(\s+of\s+the\s+meeting\s+held\b.*)?$/i.test(t)
  );
}
