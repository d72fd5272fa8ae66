import { basename, dirname } from "node:path";
import type { Transaction } from "kysely";
import { isUniqueViolation, type Scope } from "../store/records.js";
import { MootError } from "../domain/errors.js";
import type { Store } from "../store/open.js";
import { FileStore } from "../store/files.js";
import { originalInUse } from "../store/queries/originals.js";
import type { Database } from "../store/schema.js";
import { extractData, type Extracted } from "./pipeline.js";
import { type ExtractionPool, extractAll, outcomeError } from "./extract-pool.js";
import { addCounts, type ImportOptions, type ImportSummary, type LoadInput, loadExtraction } from "./load/load.js";
import type { KindCounts, ReviewItem } from "./load/context.js";
import { expandPaths } from "./pack-paths.js";

export { expandPaths, isPackFile } from "./pack-paths.js";

/**
 * Imports one file: extracts it (unless given its extraction of the same bytes, as the CLI
 * and the worker pool do), then loads the Extraction and keeps the original.
 */
export async function importPack(
  scope: Scope,
  file: { path: string; data: Uint8Array },
  opts: ImportOptions & { extracted?: LoadInput } = {},
): Promise<ImportSummary> {
  return loadExtraction(scope, file, opts.extracted ?? (await extractData(file.path, file.data)), opts);
}

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
  /** With `ocrDefer`: files not imported yet because pages wait for OCR (see ExtractOutcome). */
  ocrPending: Array<{ file: string; sha256: string; pages: number[]; needed: number[] }>;
}

/**
 * Imports each file in its own transaction. A bad file is reported with its name and reason
 * and leaves no rows; the others carry on. Files are extracted in worker threads, loaded in order.
 */
export async function importPaths(
  target: Scope | ScopeFor,
  paths: string[],
  opts: {
    onProgress?: (p: ImportProgress) => void;
    onStage?: ImportOptions["onStage"];
    /** Threads extracting files side by side (default MOOT_IMPORT_WORKERS, else one per core). */
    threads?: number;
    /** A pool kept by the caller (`moot worker`), instead of one made for this call. */
    pool?: ExtractionPool;
    /** Leave OCR to queued jobs: files with pages waiting are listed in `ocrPending`, not imported. */
    ocrDefer?: boolean;
    /**
     * Runs each file's load; `moot worker` passes one lock shared by its concurrent jobs, so
     * extraction overlaps but one writer loads the store.
     */
    writer?: <T>(load: () => Promise<T>) => Promise<T>;
  } = {},
): Promise<ImportRun> {
  const skipped: string[] = [];
  const files = await expandPaths(paths, skipped);
  const run: ImportRun = { files: [], failures: [], counts: {}, review: [], warnings: [], ocrPending: [] };
  for (const [dir, names] of byDirectory(skipped))
    run.warnings.push(`${dir}: skipped ${names.length} file(s) that are not documents: ${names.join(", ")}`);
  const store = target.store;
  await sweepOriginals(store);
  // Files are read and extracted on every core (extract-pool.ts); loading stays here, one
  // writer, file by file in order, so the store ends the same as after a serial run.
  const outcomes = extractAll(files, {
    threads: opts.threads,
    pool: opts.pool,
    ocrDefer: opts.ocrDefer,
    filesRoot: store.files.root,
    onOcrPage: (k, o) => opts.onProgress?.({ done: k, total: files.length, file: files[k]!, ocr: { done: o.done, total: o.total } }),
  });
  let k = -1;
  for await (const outcome of outcomes) {
    k++;
    const path = files[k]!;
    let error: string | undefined;
    if (!outcome.ok && outcome.ocrPending) {
      run.ocrPending.push({ file: path, ...outcome.ocrPending });
      opts.onProgress?.({ done: k + 1, total: files.length, file: path });
      continue;
    }
    try {
      if (!outcome.ok) throw outcomeError(outcome);
      const { data, extracted } = outcome;
      for (const w of extracted.warnings) run.warnings.push(`${path}: ${w}`);
      const summary = await (opts.writer ?? ((load) => load()))(() => loadOne(target, path, data, extracted, opts.onStage));
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

function byDirectory(paths: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of paths) {
    const dir = dirname(p);
    out.set(dir, [...(out.get(dir) ?? []), basename(p)]);
  }
  return out;
}

/** Loads one extracted file in its own transaction (the chosen authority's, when `target` chooses). */
async function loadOne(
  target: Scope | ScopeFor,
  path: string,
  data: Uint8Array,
  extracted: Extracted,
  onStage: ImportOptions["onStage"],
): Promise<ImportSummary> {
  if (!("choose" in target)) return loadExtraction(target, { path, data }, extracted, { onStage });
  const store = target.store;
  let summary: ImportSummary;
  let onCommit: (() => void) | undefined;
  // This transaction is the import's, so the claim on the original is taken and released here.
  const sha256 = FileStore.sha256(data);
  const claim = await store.files.claim(sha256);
  try {
    summary = await sameImportOnce(() =>
      store.db.transaction().execute(async (trx) => {
        const chosen = await target.choose(extracted, path, trx);
        onCommit = chosen.onCommit;
        // Before reading anything else: another worker importing into this council waits
        // here until it commits, and then this import finds what it made. The version moves
        // with the first write, so a re-import that changes nothing keeps the cached pages.
        await chosen.scope.lockDataVersion();
        return loadExtraction(chosen.scope, { path, data }, extracted, { onStage, claimed: true });
      }),
    );
  } catch (e) {
    await store.files.release(claim);
    await store.files.discard(sha256, (sha) => originalInUse(store, sha));
    throw e;
  } finally {
    await store.files.release(claim);
  }
  onCommit?.();
  return summary;
}

/**
 * Runs an import's transaction again (up to five times in all) if another worker importing the same pack at the
 * same moment won a natural key (a unique index refused our meeting) or SQLite's write lock:
 * the second run finds the first's records and changes nothing, as any re-import does.
 */
async function sameImportOnce<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const lost =
        (e instanceof MootError && e.code === "conflict") ||
        isUniqueViolation(e) ||
        code === "SQLITE_BUSY" ||
        code === "SQLITE_BUSY_SNAPSHOT";
      if (!lost || attempt >= 5) throw e;
    }
  }
}

/**
 * Removes originals left by imports killed between writing the original and committing
 * (their claims outlive them, see FileStore); runs at the start of every import.
 */
export async function sweepOriginals(store: Store): Promise<string[]> {
  return store.files.sweep((sha) => originalInUse(store, sha));
}
