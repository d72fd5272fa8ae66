import { readFile, stat } from "node:fs/promises";
import { MootError } from "../domain/errors.js";
import type { Extraction, ExtractionProvenance } from "../domain/extraction.js";
import type { PageSet } from "./read/page.js";
import { extract } from "./extract/extract.js";
import { maxFileBytes, readDocument, tooLarge } from "./read/dispatch.js";

/**
 * Reads a pack from disk (.pdf, .html/.htm, .docx, .txt/.md; the first bytes decide over
 * the extension) into pages. Errors name the file and the reason: `not_found`,
 * `too_large` (MOOT_MAX_FILE_MB), `bad_input`, `no_text_layer`.
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
export async function readPackData(path: string, bytes: Uint8Array): Promise<PageSet> {
  return readDocument(path, bytes);
}

export interface Extracted {
  extraction: Extraction;
  provenance: ExtractionProvenance;
  pages: PageSet;
}

export async function extractFile(path: string): Promise<Extracted> {
  return extractPages(path, await readPack(path));
}

/** As extractFile, for a pack already in memory. */
export async function extractData(path: string, data: Uint8Array): Promise<Extracted> {
  return extractPages(path, await readPackData(path, data));
}

function extractPages(path: string, pages: PageSet): Extracted {
  try {
    return { ...extract(pages), pages };
  } catch (e) {
    if (e instanceof MootError) throw new MootError(e.code, `${path}: ${e.message}`, { cause: e });
    throw new MootError("invalid", `${path}: extraction failed (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
}
