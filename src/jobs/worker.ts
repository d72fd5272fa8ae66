import { availableParallelism } from "node:os";
import type PgBoss from "pg-boss";
import type { Store } from "../store/open.js";
import { ExtractionPool } from "../ingest/extract-pool.js";
import { QUEUES } from "./queue.js";
import { runPackJob } from "./pack-job.js";
import { runImportJob } from "./import-job.js";
import { runOcrJob } from "./ocr-job.js";
import { workAlerts } from "./alerts-job.js";

export interface WorkerOptions {
  /** Called with one line per finished or failed job. */
  log?: (line: string) => void;
  /** Imports and OCR jobs worked at once; default MOOT_WORKER_CONCURRENCY, else one per core. */
  concurrency?: number;
}

/** Runs loads one at a time, in the order they ask: the worker's one writer. */
export function oneWriter(): <T>(load: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(load: () => Promise<T>) => {
    const next = last.then(load, load);
    last = next.catch(() => undefined);
    return next;
  };
}

/**
 * Works the queues until the returned stop() is called. A job that throws is retried by
 * pg-boss up to its retry limit; its store writes were one transaction, so a failed try
 * leaves nothing behind. Imports are worked `concurrency` at a time: their files are read
 * and extracted on the worker's threads side by side, and loaded by one writer in turn;
 * OCR jobs run one Tesseract process each, `concurrency` at a time.
 */
export async function startWorker(store: Store, boss: PgBoss, opts: WorkerOptions = {}): Promise<{ stop(): Promise<void> }> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const concurrency = Math.max(1, opts.concurrency ?? (Number(process.env.MOOT_WORKER_CONCURRENCY) || availableParallelism()));
  const pool = new ExtractionPool(concurrency, { filesRoot: store.files.root, ocrDefer: true });
  const writer = oneWriter();
  const handle = async <T>(name: string, run: (data: T) => Promise<string>, handlers = 1) => {
    // pg-boss 10 works one job per handler at a time; more handlers, more at once.
    for (let i = 0; i < handlers; i++)
      await boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        try {
          log(`${name} ${job.id}: ${await run(job.data)}`);
        } catch (e) {
          log(`${name} ${job.id}: failed: ${(e as Error).message}`);
          throw e;
        }
      });
  };
  await handle(QUEUES.pack, async (data) => {
    const r = await runPackJob(store, data);
    return `${r.pages} pages, document ${r.documentId}`;
  });
  await handle(QUEUES.import, (data) => runImportJob(store, data, { boss, pool, writer }), concurrency);
  await handle(QUEUES.ocr, (data) => runOcrJob(store, boss, data, 1), concurrency);
  // Email alerts, when SMTP_URL is set (see alerts-job.ts).
  await workAlerts(store, boss, log);
  return {
    stop: async () => {
      await boss.stop({ graceful: true, wait: true });
      await pool.close();
    },
  };
}
