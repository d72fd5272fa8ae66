import type PgBoss from "pg-boss";
import { DEAD_LETTER, QUEUES } from "./queue.js";

export type JobState = "queued" | "retrying" | "running" | "done" | "failed" | "dead" | "cancelled";

export interface JobRow {
  id: string;
  queue: string;
  state: JobState;
  /** What the job is about: the pack's path, or meeting and audience. */
  subject: string;
  tries: number;
  createdAt: string;
  finishedAt: string | null;
  /** The last error, for failed and dead-lettered jobs. */
  reason: string | null;
}

const STATE: Record<string, JobState> = {
  created: "queued",
  retry: "retrying",
  active: "running",
  completed: "done",
  failed: "failed",
  cancelled: "cancelled",
};

/**
 * Moot's queued work as `moot jobs` shows it, newest first, read from pg-boss's own tables
 * (its schema is pg-boss's, not Moot's, so this is not a store query).
 */
export async function listJobs(boss: PgBoss, opts: { state?: JobState; limit?: number } = {}): Promise<JobRow[]> {
  const names = [...Object.values(QUEUES), DEAD_LETTER];
  const { rows } = await boss.getDb().executeSql(
    `select id::text, name, state::text, data, output, retry_count, created_on, completed_on
       from moot_jobs.job where name = any($1::text[]) order by created_on desc limit $2`,
    [names, Math.min(opts.limit ?? 50, 1000)],
  );
  const out = rows.map((r): JobRow => {
    const data = (r.data ?? {}) as Record<string, unknown>;
    const output = r.output as { message?: string; value?: unknown } | null;
    const dead = r.name === DEAD_LETTER;
    const state = dead ? "dead" : (STATE[r.state as string] ?? "queued");
    return {
      id: r.id,
      queue: r.name,
      state,
      subject: String(data.path ?? (data.meetingId ? `meeting ${data.meetingId} (${data.audience})` : "")) + ocrPages(data.pages),
      tries: Number(r.retry_count) + (state === "queued" ? 0 : 1),
      createdAt: new Date(r.created_on).toISOString(),
      finishedAt: r.completed_on ? new Date(r.completed_on).toISOString() : null,
      reason:
        state === "failed" || state === "dead" || state === "retrying"
          ? (output?.message ?? (output ? JSON.stringify(output) : null))
          : null,
    };
  });
  return opts.state ? out.filter((j) => j.state === opts.state) : out;
}

/** ", OCR pages 3-10" for an OCR job's subject. */
function ocrPages(pages: unknown): string {
  if (!Array.isArray(pages) || pages.length === 0) return "";
  return pages.length === 1 ? `, OCR page ${pages[0]}` : `, OCR pages ${pages[0]}-${pages.at(-1)}`;
}
