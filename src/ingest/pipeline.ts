import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { MootError } from "../domain/errors.js";
import type { Extraction, ExtractionProvenance } from "../domain/extraction.js";
import type { PageSet } from "./read/page.js";
import { readText } from "./read/text.js";
import { extract } from "./extract/extract.js";
import { readPdf } from "./read/pdf.js";

/**
 * Reads a pack from disk (.txt/.md/.markdown, or .pdf when the PDF reader is present) and
 * extracts it. Errors name the file and the reason.
 */
export async function readPack(path: string): Promise<PageSet> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MootError(code === "ENOENT" ? "not_found" : "bad_input", `${path}: cannot read file (${code ?? String(e)})`, { cause: e });
  }
  return readPackData(path, data);
}

/** Reads a pack already in memory; `path` names it (its extension picks the reader) and appears in errors. */
export async function readPackData(path: string, bytes: Uint8Array): Promise<PageSet> {
  const ext = extname(path).toLowerCase();
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ext === ".txt" || ext === ".md" || ext === ".markdown" || ext === ".text") {
    const text = data.toString("utf8");
    if (text.includes("\u0000")) throw new MootError("bad_input", `${path}: not a text file (contains NUL bytes)`);
    return readText(basename(path), text);
  }
  if (ext === ".pdf") {
    try {
      return await readPdf(basename(path), new Uint8Array(data));
    } catch (e) {
      if (e instanceof MootError) throw new MootError(e.code, `${path}: ${e.message}`, { cause: e });
      throw new MootError("bad_input", `${path}: cannot read PDF (${e instanceof Error ? e.message : String(e)})`, { cause: e });
    }
  }
  throw new MootError("bad_input", `${path}: unsupported file type "${ext || "(none)"}"; expected .txt, .md or .pdf`);
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
