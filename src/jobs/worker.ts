import type PgBoss from "pg-boss";
import type { Store } from "../store/open.js";
import { QUEUES } from "./queue.js";
import { runPackJob } from "./pack-job.js";
import { runImportJob } from "./import-job.js";
import { workAlerts } from "./alerts-job.js";

export interface WorkerOptions {
  /** Called with one line per finished or failed job. */
  log?: (line: string) => void;
}

/**
 * Works the queues until the returned stop() is called. A job that throws is retried by
 * pg-boss up to its retry limit; its store writes were one transaction, so a failed try
 * leaves nothing behind.
 */
export async function startWorker(store: Store, boss: PgBoss, opts: WorkerOptions = {}): Promise<{ stop(): Promise<void> }> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const handle = <T>(name: string, run: (data: T) => Promise<string>) =>
    boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      try {
        log(`${name} ${job.id}: ${await run(job.data)}`);
      } catch (e) {
        log(`${name} ${job.id}: failed: ${(e as Error).message}`);
        throw e;
      }
    });
  await handle(QUEUES.pack, async (data) => {
    const r = await runPackJob(store, data);
    return `${r.pages} pages, document ${r.documentId}`;
  });
  await handle(QUEUES.import, (data) => runImportJob(store, data));
  // Email alerts, when SMTP_URL is set (see alerts-job.ts).
  await workAlerts(store, boss, log);
  return { stop: () => boss.stop({ graceful: true, wait: true }) };
}
