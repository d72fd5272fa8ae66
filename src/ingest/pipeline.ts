import { open, readFile, stat } from "node:fs/promises";
import { MootError } from "../domain/errors.js";
import type { Extraction, ExtractionProvenance } from "../domain/extraction.js";
import type { PageSet } from "./read/page.js";
import { extract } from "./extract/extract.js";
import { formatOf, maxFileBytes, maxTextBytes, type ReadOptions, readDocument, textTooLarge, tooLarge } from "./read/dispatch.js";

/**
 * Reads a pack from disk (.pdf, .html/.htm, .docx, .txt/.md; the first bytes decide over
 * the extension) into pages. Errors name the file and the reason: `not_found`,
 * `too_large` (MOOT_MAX_FILE_MB; MOOT_MAX_TEXT_MB for text and HTML), `bad_input`, `no_text_layer`.
 */
export async function readPack(path: string): Promise<PageSet> {
  return readPackData(path, await readPackFile(path));
}

/** The file's bytes, refused before reading when it is over the size limit. */
export async function readPackFile(path: string): Promise<Buffer> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new MootError("bad_input", `${path}: is a directory`);
    if (s.size > maxFileBytes()) throw tooLarge(path, s.size);
    if (s.size > maxTextBytes()) {
      // Refused by its first bytes, before a text file too large to extract is read whole.
      const head = Buffer.alloc(1024);
      const fh = await open(path, "r");
      try {
        await fh.read(head, 0, head.length, 0);
      } finally {
        await fh.close();
      }
      const format = formatOf(path, head);
      if (format === "text" || format === "html") throw textTooLarge(path, s.size);
    }
    return await readFile(path);
  } catch (e) {
    if (e instanceof MootError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new MootError(
      code === "ENOENT" ? "not_found" : "bad_input",
      `${path}: ${code === "ENOENT" ? "no such file" : `cannot read file (${code ?? String(e)})`}`,
      {
        cause: e,
      },
    );
  }
}

/** Reads a pack already in memory; `path` names it (with its first bytes it picks the reader) and appears in errors. */
export async function readPackData(path: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<PageSet> {
  return readDocument(path, bytes, options);
}

/** What extraction hands on: the Extraction (the loader's only input), its provenance, and the reader's warnings. */
export interface Extracted {
  extraction: Extraction;
  provenance: ExtractionProvenance;
  /** Problems the reader worked around (a page it could not read), one sentence each. */
  warnings: string[];
}

export async function extractFile(path: string): Promise<Extracted> {
  return extractPages(path, await readPack(path));
}

/** As extractFile, for a pack already in memory. */
export async function extractData(path: string, data: Uint8Array, options: ReadOptions = {}): Promise<Extracted> {
  return extractPages(path, await readPackData(path, data, options));
}

function extractPages(path: string, pages: PageSet): Extracted {
  try {
    const { extraction, provenance } = extract(pages);
    // A value read off an OCR'd page is no surer than the OCR: cap its confidence, and say so.
    const ocr = new Map(pages.pages.filter((p) => p.ocr).map((p) => [p.index, p.ocr!.confidence]));
    if (ocr.size) {
      for (const ref of Object.values(provenance)) {
        const c = ocr.get(ref.page);
        if (c === undefined) continue;
        ref.confidence = Math.min(ref.confidence, c);
        if (!ref.extractor.endsWith("+ocr")) ref.extractor = `${ref.extractor}+ocr`;
      }
    }
    return { extraction, provenance, warnings: pages.warnings ?? [] };
  } catch (e) {
    if (e instanceof MootError) throw new MootError(e.code, `${path}: ${e.message}`, { cause: e });
    throw new MootError("invalid", `${path}: extraction failed (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
}
