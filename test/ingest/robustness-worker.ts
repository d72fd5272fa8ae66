import { readlinkSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { PageSet } from "../../src/ingest/read/page.js";
import { readPdf } from "../../src/ingest/read/pdf.js";
import { readText } from "../../src/ingest/read/text.js";

/**
 * Runs one reader job at a time for robustness.test.ts. It lives in a worker thread so
 * a reader stuck in a synchronous loop can be stopped (terminated) instead of hanging
 * the test run.
 */
export type JobInput =
  | { kind: "pdf"; source: string; data: Uint8Array; timeoutMs: number }
  | { kind: "text"; source: string; text: string }
  /** A stand-in for a runaway reader: proves the test's time box stops a synchronous loop. */
  | { kind: "spin"; source: string };
export type Job = JobInput & { id: number };

export type Outcome =
  | { id: number; ok: true; pages: number; valid: boolean; issue?: string }
  | { id: number; ok: false; name: string; code?: string; message: string };

parentPort!.on("message", async (job: Job) => {
  let out: Outcome;
  try {
    if (job.kind === "spin") for (;;) Math.sqrt(Math.random());
    const set = job.kind === "pdf" ? await readPdf(job.source, job.data, { timeoutMs: job.timeoutMs }) : readText(job.source, job.text);
    const parsed = PageSet.safeParse(set);
    out = { id: job.id, ok: true, pages: set.pages.length, valid: parsed.success && set.source === job.source };
    if (!parsed.success) out.issue = parsed.error.issues[0]?.message;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    out = { id: job.id, ok: false, name: err.name, code: (err as { code?: string }).code, message: err.message };
  }
  parentPort!.postMessage(out);
});

// Start-up (tsx, the readers, MuPDF's WebAssembly) happens before "ready": the test's time
// boxes start only after it, so a loaded machine's slow start is never counted as a hang.
await import("mupdf");
parentPort!.postMessage({ ready: true, task: ownTask() });

/** This thread's entry under /proc ("<pid>/task/<tid>"), so the test can read the thread's own CPU time; absent off Linux. */
function ownTask(): string | undefined {
  try {
    return readlinkSync("/proc/thread-self");
  } catch {
    return undefined;
  }
}
