import { basename } from "node:path";
import type PgBoss from "pg-boss";
import { MootError } from "../domain/errors.js";
import { readPackFile } from "../ingest/pipeline.js";
import { fileOcrCache } from "../ingest/read/ocr-cache.js";
import { recognisePages } from "../ingest/read/ocr-pdf.js";
import { FileStore } from "../store/files.js";
import type { Store } from "../store/open.js";
import { OcrJob, queueImport, queueOcr } from "./queue.js";

/** Pages an OCR job takes (MOOT_OCR_PAGES_PER_JOB, default 8): a minute or so of Tesseract, so a long scan spreads over every worker. */
export const ocrPagesPerJob = () => Math.max(1, Number(process.env.MOOT_OCR_PAGES_PER_JOB) || 8);

/**
 * Queues OCR for the pages of an original that wait for it, ocrPagesPerJob() to a job.
 * Returns how many jobs were queued.
 */
export async function queueOcrFor(
  boss: PgBoss,
  pending: { file: string; sha256: string; pages: number[]; needed: number[] },
  importJob: OcrJob["import"],
): Promise<number> {
  let jobs = 0;
  const size = ocrPagesPerJob();
  for (let i = 0; i < pending.pages.length; i += size) {
    const pages = pending.pages.slice(i, i + size);
    await queueOcr(boss, { path: pending.file, sha256: pending.sha256, pages, needed: pending.needed, import: importJob });
    jobs++;
  }
  return jobs;
}

/**
 * Recognises some pages of one original and keeps them in the file store's OCR cache (which
 * every worker shares, as it shares MOOT_DATA_DIR). The job that finds every page the import
 * needs recognised queues the import again; a second such import is harmless (idempotent).
 */
export async function runOcrJob(store: Store, boss: PgBoss, input: unknown, ocrWorkers?: number): Promise<string> {
  const job = OcrJob.parse(input);
  const data = await readPackFile(job.path);
  if (FileStore.sha256(data) !== job.sha256)
    throw new MootError("conflict", `${job.path}: the file changed after its OCR was queued; queue its import again`);
  const cache = fileOcrCache(store.files, job.sha256);
  const warnings: string[] = [];
  const done = await recognisePages(data, job.pages, { ocrCache: cache, ocrWorkers, warnings });
  if (done.size < job.pages.length) throw new MootError("bad_input", `${job.path}: ${warnings.join("; ") || "OCR failed"}`);
  const waiting = (await Promise.all(job.needed.map(async (n) => ((await cache.get(n)) ? null : n)))).filter((n) => n !== null);
  const range = job.pages.length === 1 ? `page ${job.pages[0]}` : `pages ${job.pages[0]}-${job.pages.at(-1)}`;
  if (waiting.length) return `${basename(job.path)}: ${range} recognised; ${waiting.length} page(s) still wait for OCR`;
  await queueImport(boss, job.import);
  return `${basename(job.path)}: ${range} recognised; every page read, import queued`;
}
