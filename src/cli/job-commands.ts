import type { Command } from "commander";
import type { JobState } from "../jobs/job-list.js";
import { parseNice, parsePositive } from "./options.js";
import { untilStopped } from "./signals.js";

export function registerJobCommands(program: Command): void {
  program
    .command("worker")
    .description("work queued imports and pack builds (PostgreSQL only; run as many as you like)")
    // Imports read, OCR and index whole packs: on a machine shared with web processes, PostgreSQL
    // and a proxy, a worker at the same priority takes cores from visitors' pages and searches.
    // Its children (tesseract) inherit the niceness.
    .option("--nice <n>", "CPU niceness, 0 (same as the web) to 19 (only when nothing else wants the CPU)", parseNice, 10)
    .action(async (opts: { nice: number }) => {
      const { getPriority, setPriority } = await import("node:os");
      // Without privilege a process can only lower its priority: one started nicer keeps its niceness.
      const nice = Math.max(opts.nice, getPriority());
      if (nice !== getPriority()) setPriority(nice);
      const { configFromEnv, migrate, openStore } = await import("../store/open.js");
      const { databaseUrlOf, openQueue } = await import("../jobs/queue.js");
      const { startWorker } = await import("../jobs/worker.js");
      const store = openStore(configFromEnv());
      try {
        const url = databaseUrlOf(store);
        await migrate(store);
        const boss = await openQueue(url);
        const worker = await startWorker(store, boss);
        console.log(`moot worker: working queued jobs on ${store.describe} at niceness ${getPriority()}`);
        await untilStopped();
        await worker.stop();
      } finally {
        await store.close();
      }
    });

  program
    .command("jobs")
    .description("queued, running, failed, dead-lettered and done work (PostgreSQL), newest first")
    .option("--state <state>", "only queued, retrying, running, done, failed, dead or cancelled")
    .option("-n, --limit <n>", "how many", parsePositive, 50)
    .option("--json", "print as JSON")
    .action(async (opts: { state?: JobState; limit: number; json?: boolean }) => {
      const { configFromEnv, openStore } = await import("../store/open.js");
      const { databaseUrlOf, openQueue } = await import("../jobs/queue.js");
      const { listJobs } = await import("../jobs/job-list.js");
      const store = openStore(configFromEnv());
      try {
        const boss = await openQueue(databaseUrlOf(store));
        try {
          const jobs = await listJobs(boss, opts);
          if (opts.json) return console.log(JSON.stringify(jobs, null, 2));
          if (!jobs.length) return console.log("No jobs.");
          for (const j of jobs)
            console.log(
              `${j.state.padEnd(9)} ${j.queue.padEnd(11)} ${j.createdAt}  tries ${j.tries}  ${j.subject}${j.reason ? `\n          reason: ${j.reason}` : ""}`,
            );
        } finally {
          await boss.stop({ graceful: false, wait: true });
        }
      } finally {
        await store.close();
      }
    });
}
