import type { Command } from "commander";
import { configFromEnv, migrate, openStore } from "../store/open.js";
import { databaseUrlOf, openQueue } from "../jobs/queue.js";
import { startWorker } from "../jobs/worker.js";

export function registerJobCommands(program: Command): void {
  program
    .command("worker")
    .description("work queued imports and pack builds (PostgreSQL only; run as many as you like)")
    .action(async () => {
      const store = openStore(configFromEnv());
      try {
        const url = databaseUrlOf(store);
        await migrate(store);
        const boss = await openQueue(url);
        const worker = await startWorker(store, boss);
        console.log(`moot worker: working queued jobs on ${store.describe}`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        await worker.stop();
      } finally {
        await store.close();
      }
    });
}
