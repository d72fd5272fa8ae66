import { z } from "zod";

/**
 * The seam between readers and everything after them (DESIGN.md): every reader
 * (PDF, converted text, plain text) produces this, and segmenters/extractors see only it.
 */
export const Line = z.object({
  text: z.string(),
  /** Position in PDF user-space points from the page's top-left, when known (PDF reader: y is the baseline). */
  x: z.number().optional(),
  y: z.number().optional(),
  width: z.number().optional(),
  fontSize: z.number().optional(),
  bold: z.boolean().optional(),
  /** Table cells when the reader recognised a table row (pipe/tab tables, aligned PDF columns). */
  cells: z.array(z.string()).optional(),
  /**
   * A table row the reader folded from several printed lines (a cell that wrapped): each
   * printed line's cells, in order. Kept because an empty first cell is not always a wrap: under
   * a cell merged down over several rows it opens a row of its own, which only the table's
   * meaning (a "Who" column) tells.
   */
  parts: z.array(z.array(z.string())).optional(),
  /** The line as the source printed it, markup included, when the reader cleaned it (inline bold). */
  raw: z.string().optional(),
});

export const Page = z.object({
  /** Physical position in the file, 1-based. */
  index: z.number().int().positive(),
  /** The page number printed on the page, when one was recognised. */
  printed: z.number().int().nullable(),
  lines: z.array(Line),
  /** Set for "Document is Restricted" and "intentionally left blank" pages. */
  marker: z.enum(["restricted", "blank"]).nullable().default(null),
  /** Running headers/footers and page-number stamps the reader moved out of `lines`. */
  furniture: z.array(Line).optional(),
  /** Set when the page's text came from OCR (a scan, or a garbled text layer). */
  ocr: z
    .object({
      engine: z.literal("tesseract"),
      languages: z.string(),
      /** Mean word confidence, 0-1. */
      confidence: z.number().min(0).max(1),
      /** Below the threshold a clerk should check the page against the original. */
      low: z.boolean(),
    })
    .optional(),
});

export const PageSet = z.object({
  source: z.string(),
  kind: z.enum(["pdf", "text", "markdown", "html", "docx"]),
  pages: z.array(Page),
  /** The document's own title, where the format carries one apart from its text (HTML's <title>). */
  title: z.string().optional(),
  /** Problems the reader worked around (a page it could not read), one sentence each. */
  warnings: z.array(z.string()).optional(),
});

export type Line = z.infer<typeof Line>;
export type Page = z.infer<typeof Page>;
export type PageSet = z.infer<typeof PageSet>;

/** Page text as one string; provenance spans are offsets into this. */
export function pageText(page: Page): string {
  return page.lines.map((l) => l.text).join("\n");
}
