import PgBoss from "pg-boss";
import { z } from "zod";
import type { Store } from "../store/open.js";
import { MootError } from "../domain/errors.js";
import { withAdvisoryLock } from "../store/advisory-lock.js";

/**
 * Queued work on PostgreSQL (pg-boss): agenda-pack builds, imports and their OCR run in `moot worker`
 * processes, on as many machines as share the database. Embedded SQLite runs the same
 * handlers in-process instead. Jobs are idempotent by natural key, so a retried or
 * duplicated job does no harm. A failing job is retried with exponential backoff; when its
 * retries are spent it stays `failed` with its error, and a copy lands in the dead-letter queue.
 */
export const PackJob = z.object({ authorityId: z.string(), meetingId: z.string(), audience: z.enum(["public", "members"]) });
/** Workers read the path themselves, so it must be on storage every worker shares (as MOOT_DATA_DIR is). */
export const ImportJob = z.object({ path: z.string().min(1), authority: z.string().nullable(), authorityName: z.string().nullable() });
/**
 * OCR of some pages of one original (a PDF's scans and garbled pages), queued by an import
 * job that found them missing from the OCR cache. `needed` is every page the import waits
 * for: the job that finds them all recognised queues the import again.
 */
export const OcrJob = z.object({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.array(z.number().int().positive()).min(1),
  needed: z.array(z.number().int().positive()).min(1),
  import: ImportJob,
});
export type PackJob = z.infer<typeof PackJob>;
export type ImportJob = z.infer<typeof ImportJob>;
export type OcrJob = z.infer<typeof OcrJob>;

export const QUEUES = { pack: "moot-pack", import: "moot-import", ocr: "moot-ocr" } as const;
/** Email alerts' scheduled runs (see alerts-job.ts): set up here with the rest. */
export const ALERT_QUEUES = { run: "moot-alerts", digest: "moot-alerts-digest" } as const;
/** Where a job lands, with its last error as the reason, once its retries are spent. No worker takes from it. */
export const DEAD_LETTER = "moot-dead";

export interface RetryPolicy {
  /** Tries after the first; default 3. */
  retryLimit: number;
  /** Seconds before the first retry, doubled each time (pg-boss backoff, with jitter); default 10. */
  retryDelay: number;
}
export const RETRY: RetryPolicy = { retryLimit: 3, retryDelay: 10 };

export function databaseUrlOf(store: Store, url = process.env.DATABASE_URL): string {
  if (store.dialect.name !== "postgres" || !url) {
    throw new MootError("config", "queued work needs PostgreSQL: set DATABASE_URL=postgres://… (embedded SQLite runs jobs in-process)");
  }
  return url;
}

/**
 * Queue set-up, one process at a time: pg-boss's createQueue from two processes at once on a new
 * database deadlocked in PostgreSQL, and one of two workers started together exited. pg-boss's
 * start() is inside too (it creates a queue of its own).
 */
export const settingUpQueues = <T>(databaseUrl: string, fn: () => Promise<T>): Promise<T> =>
  withAdvisoryLock(databaseUrl, "moot: job queue set-up", fn);

export async function openQueue(databaseUrl: string, retry: RetryPolicy = RETRY): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: "moot_jobs", max: 4 });
  boss.on("error", (e) => console.error(`moot: job queue: ${e.message}`));
  const policy = { ...retry, retryBackoff: true, deadLetter: DEAD_LETTER };
  await settingUpQueues(databaseUrl, async () => {
    // start() creates a queue of pg-boss's own (its cron's, in the timekeeper) and runs its first
    // maintenance: outside the lock, six processes starting together still deadlocked there.
    await boss.start();
    await boss.createQueue(DEAD_LETTER);
    for (const name of Object.values(QUEUES)) {
      // createQueue leaves an existing queue as it was, so the policy is (re)applied either way.
      await boss.createQueue(name, { name, ...policy });
      await boss.updateQueue(name, { name, ...policy });
    }
    for (const name of Object.values(ALERT_QUEUES)) await boss.createQueue(name);
  });
  return boss;
}

/** Queues a pack build; a second request for the same meeting and audience while one waits is ignored. */
export async function queuePack(boss: PgBoss, job: PackJob): Promise<string | null> {
  return boss.send(QUEUES.pack, PackJob.parse(job), { singletonKey: `${job.meetingId}:${job.audience}` });
}

export async function queueImport(boss: PgBoss, job: ImportJob): Promise<string | null> {
  return boss.send(QUEUES.import, ImportJob.parse(job), { singletonKey: job.path });
}

/** Queues OCR of some pages of an original; the same pages of the same file while queued are one job. */
export async function queueOcr(boss: PgBoss, job: OcrJob): Promise<string | null> {
  return boss.send(QUEUES.ocr, OcrJob.parse(job), { singletonKey: `${job.sha256}:${job.pages.join(",")}` });
}
