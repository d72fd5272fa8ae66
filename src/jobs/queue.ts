import PgBoss from "pg-boss";
import { z } from "zod";
import type { Store } from "../store/open.js";
import { MootError } from "../domain/errors.js";

/**
 * Queued work on PostgreSQL (pg-boss): agenda-pack builds and imports run in `moot worker`
 * processes, on as many machines as share the database. Embedded SQLite runs the same
 * handlers in-process instead. Jobs are idempotent by natural key, so a retried or
 * duplicated job does no harm.
 */
export const PackJob = z.object({ authorityId: z.string(), meetingId: z.string(), audience: z.enum(["public", "members"]) });
/** Workers read the path themselves, so it must be on storage every worker shares (as MOOT_DATA_DIR is). */
export const ImportJob = z.object({ path: z.string().min(1), authority: z.string().nullable(), authorityName: z.string().nullable() });
export type PackJob = z.infer<typeof PackJob>;
export type ImportJob = z.infer<typeof ImportJob>;

export const QUEUES = { pack: "moot-pack", import: "moot-import" } as const;

export function databaseUrlOf(store: Store, url = process.env.DATABASE_URL): string {
  if (store.dialect.name !== "postgres" || !url) {
    throw new MootError("config", "queued work needs PostgreSQL: set DATABASE_URL=postgres://… (embedded SQLite runs jobs in-process)");
  }
  return url;
}

export async function openQueue(databaseUrl: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: "moot_jobs", max: 4 });
  boss.on("error", (e) => console.error(`moot: job queue: ${e.message}`));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  return boss;
}

/** Queues a pack build; a second request for the same meeting and audience while one waits is ignored. */
export async function queuePack(boss: PgBoss, job: PackJob): Promise<string | null> {
  return boss.send(QUEUES.pack, PackJob.parse(job), { singletonKey: `${job.meetingId}:${job.audience}`, retryLimit: 2 });
}

export async function queueImport(boss: PgBoss, job: ImportJob): Promise<string | null> {
  return boss.send(QUEUES.import, ImportJob.parse(job), { singletonKey: job.path, retryLimit: 1 });
}
