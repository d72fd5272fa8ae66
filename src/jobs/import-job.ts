import { resolve } from "node:path";
import type PgBoss from "pg-boss";
import type { Store } from "../store/open.js";
import { MootError } from "../domain/errors.js";
import { importPaths } from "../ingest/import-files.js";
import { authorityResolver } from "../ingest/authority-for.js";
import type { ExtractionPool } from "../ingest/extract-pool.js";
import { ImportJob } from "./queue.js";
import { queueOcrFor } from "./ocr-job.js";

/** What a `moot worker` shares between its concurrent jobs. */
export interface ImportJobContext {
  /** With a queue, pages that need OCR become OCR jobs (ocr-job.ts) and the import follows them. */
  boss?: PgBoss;
  /** The worker's extraction threads. */
  pool?: ExtractionPool;
  /** The worker's one writer: loads run one at a time. */
  writer?: <T>(load: () => Promise<T>) => Promise<T>;
}

/** Imports one queued pack; idempotent by the loader's natural keys, so a retry changes nothing. */
export async function runImportJob(store: Store, input: unknown, ctx: ImportJobContext = {}): Promise<string> {
  const job = ImportJob.parse(input);
  const run = await importPaths(authorityResolver(store, job), [resolve(job.path)], {
    pool: ctx.pool,
    writer: ctx.writer,
    ocrDefer: ctx.boss !== undefined,
  });
  if (run.failures.length) throw new MootError("bad_input", run.failures.map((f) => f.reason).join("; "));
  const pending = run.ocrPending[0];
  if (pending && ctx.boss) {
    const jobs = await queueOcrFor(ctx.boss, pending, job);
    return `${job.path}: ${pending.pages.length} page(s) queued for OCR in ${jobs} job(s); the import follows them`;
  }
  const created = Object.values(run.counts).reduce((n, c) => n + c.created, 0);
  const updated = Object.values(run.counts).reduce((n, c) => n + c.updated, 0);
  return `${job.path}: ${created} created, ${updated} updated, ${run.review.length} to review`;
}
