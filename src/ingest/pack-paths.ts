import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { PACK_EXTENSIONS } from "./read/dispatch.js";

// Apart from import-files.ts so that `moot extract`, whose thread only hands files to the
// extraction threads, does not load the store and the loaders to list them.

/** Notes that sit beside the documents in a folder (where they came from, how to read them): not packs. */
const NOT_DOCUMENTS = /^(?:sources|readme|manifest|license|licence|changelog|format|notes|index)(?:\.[a-z]+)?$/i;

export const isPackFile = (name: string) => PACK_EXTENSIONS.has(extname(name).toLowerCase()) && !NOT_DOCUMENTS.test(name);

/**
 * Files and directories to pack files: directories are walked for .pdf, .html/.htm, .docx,
 * .txt and .md, sorted by name, leaving out notes such as SOURCES.md and README.md. Files a
 * directory holds that are not documents go into `skipped`, so the caller can say so.
 */
export async function expandPaths(paths: string[], skipped: string[] = []): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) {
      out.push(p); // reported as a failure when read, with the reason
      continue;
    }
    if (!s.isDirectory()) {
      out.push(p);
      continue;
    }
    const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    const sub = entries.filter((e) => e.isDirectory()).map((e) => join(p, e.name));
    out.push(...entries.filter((e) => e.isFile() && isPackFile(e.name)).map((e) => join(p, e.name)));
    skipped.push(...entries.filter((e) => e.isFile() && !isPackFile(e.name)).map((e) => join(p, e.name)));
    out.push(...(await expandPaths(sub, skipped)));
  }
  return out;
}
