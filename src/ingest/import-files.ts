import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Transaction } from "kysely";
import type { Scope } from "../store/records.js";
import type { Store } from "../store/open.js";
import { FileStore } from "../store/files.js";
import { originalInUse } from "../store/queries/originals.js";
import type { Database } from "../store/schema.js";
import { extractData, readPackFile, type Extracted } from "./pipeline.js";
import { PACK_EXTENSIONS } from "./read/dispatch.js";
import { addCounts, importPack, type ImportOptions, type ImportSummary } from "./load/load.js";
import type { KindCounts, ReviewItem } from "./load/context.js";

/** Notes that sit beside the documents in a folder (where they came from, how to read them): not packs. */
const NOT_DOCUMENTS = /^(?:sources|readme|manifest|license|licence|changelog|format|notes|index)(?:\.[a-z]+)?$/i;

export const isPackFile = (name: string) => PACK_EXTENSIONS.has(extname(name).toLowerCase()) && !NOT_DOCUMENTS.test(name);

/**
 * Chooses the authority a pack belongs to once its extraction is known (e.g. by the name it
 * prints). It runs inside the pack's transaction (`db`), so an authority it creates is rolled
 * back with a pack that fails; `onCommit` runs once the pack is in.
 */
export interface ScopeFor {
  store: Store;
  choose(extracted: Extracted, path: string, db: Transaction<Database>): Promise<{ scope: Scope; onCommit?: () => void }>;
}

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
  /** Set when the file just finished failed. */
  error?: string;
  /** Set while a file's pages are being recognised (OCR): pages done of those that need it. */
  ocr?: { done: number; total: number };
}

export interface ImportRun {
  files: ImportSummary[];
  failures: Array<{ file: string; reason: string }>;
  counts: Record<string, KindCounts>;
  review: ReviewItem[];
  warnings: string[];
}

/**
 * Files and directories to pack files: directories are walked for .pdf, .html/.htm, .docx,
 * .txt and .md, sorted by name, leaving out notes such as SOURCES.md and README.md.
 */
export async function expandPaths(paths: string[]): Promise<string[]> {
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
    out.push(...(await expandPaths(sub)));
  }
  return out;
}

/**
 * Imports each file in its own transaction. A bad file is reported with its name and reason
 * and leaves no rows; the others carry on.
 */
export async function importPaths(
  target: Scope | ScopeFor,
  paths: string[],
  opts: { onProgress?: (p: ImportProgress) => void; onStage?: ImportOptions["onStage"] } = {},
): Promise<ImportRun> {
  const files = await expandPaths(paths);
  const run: ImportRun = { files: [], failures: [], counts: {}, review: [], warnings: [] };
  const store = target.store;
  await sweepOriginals(store);
  for (const [k, path] of files.entries()) {
    let error: string | undefined;
    try {
      const data = await readPackFile(path);
      const extracted = await extractData(path, data, {
        onOcrPage: (o) => opts.onProgress?.({ done: k, total: files.length, file: path, ocr: { done: o.done, total: o.total } }),
      });
      for (const w of extracted.pages.warnings ?? []) run.warnings.push(`${path}: ${w}`);
      let summary: ImportSummary;
      if ("choose" in target) {
        let onCommit: (() => void) | undefined;
        // This transaction is the import's, so the claim on the original is taken and released here.
        const sha256 = FileStore.sha256(data);
        const claim = await store.files.claim(sha256);
        try {
          summary = await store.db.transaction().execute(async (trx) => {
            const chosen = await target.choose(extracted, path, trx);
            onCommit = chosen.onCommit;
            return importPack(chosen.scope, { path, data }, { extracted, onStage: opts.onStage, claimed: true });
          });
        } catch (e) {
          await store.files.release(claim);
          await store.files.discard(sha256, (sha) => originalInUse(store, sha));
          throw e;
        } finally {
          await store.files.release(claim);
        }
        onCommit?.();
      } else summary = await importPack(target, { path, data }, { extracted, onStage: opts.onStage });
      run.files.push(summary);
      addCounts(run.counts, summary.counts);
      run.review.push(...summary.review);
      run.warnings.push(...summary.warnings);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      error = message.includes(path) ? message : `${path}: ${message}`;
      run.failures.push({ file: path, reason: error });
    }
    opts.onProgress?.({ done: k + 1, total: files.length, file: path, error });
  }
  return run;
}

/**
 * Removes originals left by imports killed between writing the original and committing
 * (their claims outlive them, see FileStore); runs at the start of every import.
 */
export async function sweepOriginals(store: Store): Promise<string[]> {
  return store.files.sweep((sha) => originalInUse(store, sha));
}
